import * as assert from 'node:assert/strict';
import { firstIndexFrom, indexOfId } from '../../webview/idOrder';

describe('binary search in events kept in id order', () => {
  const ascending = [2, 4, 6, 8, 10].map((id) => ({ id }));
  const descending = [...ascending].reverse();

  it('finds the first index at or beyond an id, from a start, in either order', () => {
    assert.deepEqual([1, 2, 5, 6, 11].map((id) => firstIndexFrom(ascending, id)), [0, 0, 2, 2, 5]);
    assert.equal(firstIndexFrom(ascending, 2, 3), 3, 'nothing before the start is looked at');
    assert.deepEqual([11, 10, 7, 2, 1].map((id) => firstIndexFrom(descending, id, 0, true)), [0, 0, 2, 4, 5]);
  });

  it('finds an id present and answers -1 for one absent or before the start', () => {
    assert.deepEqual([2, 6, 10, 5, 12].map((id) => indexOfId(ascending, id)), [0, 2, 4, -1, -1]);
    assert.equal(indexOfId(ascending, 4, 2), -1);
    assert.deepEqual([10, 6, 2, 7].map((id) => indexOfId(descending, id, 0, true)), [0, 2, 4, -1]);
    assert.equal(indexOfId([], 1), -1);
  });
});
