const { swap } = require('./swap');

describe('swap', () => {
  test('keeps equal values', () => {
    expect(swap(3, 3)).toEqual([3, 3]);
  });

  test('exchanges two values', () => {
    const [x, y] = swap(1, 2);
    expect([x, y]).toEqual([2, 1]);
  });
});
