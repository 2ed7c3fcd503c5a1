// A swap that loses a value: the module twin of ../swap_vars.js, tested by swap.test.js.

function swap(a, b) {
  a = b; // bug: the old value of a is gone before b can take it
  b = a;
  return [a, b];
}

module.exports = { swap };
