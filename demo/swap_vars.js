// A swap that loses a value: the JavaScript twin of swap_vars.py.

function swap(a, b) {
  a = b; // bug: the old value of a is gone before b can take it
  b = a;
  return [a, b];
}

function main() {
  let x = 1;
  let y = 2;
  [x, y] = swap(x, y);
  console.log(`after swap: x=${x} y=${y} (expected x=2 y=1)`);
}

main();
