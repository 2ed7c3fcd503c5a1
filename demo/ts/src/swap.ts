// The swap bug once more, in TypeScript: debug it on these lines (source maps), not the emitted JavaScript.
// Node's console, declared here rather than through @types/node (tsconfig.json says why).
declare const console: { log(...data: unknown[]): void };

function swap(pair: [number, number]): [number, number] {
  let [a, b] = pair;
  a = b; // bug: the old value of a is gone before b can take it
  b = a;
  return [a, b];
}

const [x, y] = swap([1, 2]);
console.log(`after swap: x=${x} y=${y} (expected x=2 y=1)`);
