import * as assert from 'node:assert/strict';
import { handleInTimeSlices } from '../../webview/arrivalQueue';

/** A clock that moves only when the work says so, and a record of what ran between yields. */
function fakeBrowser() {
  let time = 0;
  const tasks: number[][] = [[]];
  return {
    advance: (ms: number) => { time += ms; },
    tasks,
    options: {
      now: () => time,
      yieldTask: async () => { tasks.push([]); },
    },
  };
}

describe('arrival handled in time slices', () => {
  it('ends the task once the steps since the last yield took the budget, whatever their count', async () => {
    const browser = fakeBrowser();
    const items = Array.from({ length: 1_000 }, (_, index) => index);
    // each step of 100 items costs 3 ms: the budget of 8 ms fits three steps per task
    const yields = await handleInTimeSlices(items, (slice, start) => {
      browser.tasks[browser.tasks.length - 1].push(start);
      assert.deepEqual(slice, items.slice(start, start + 100));
      browser.advance(3);
    }, { ...browser.options, budgetMs: 8, stepItems: 100 });
    assert.deepEqual(browser.tasks, [[0, 100, 200], [300, 400, 500], [600, 700, 800], [900]]);
    assert.equal(yields, 3);
  });

  it('gives a step that alone outlasts the budget a task of its own', async () => {
    const browser = fakeBrowser();
    const yields = await handleInTimeSlices([1, 2, 3, 4], (slice) => {
      browser.tasks[browser.tasks.length - 1].push(...slice);
      browser.advance(20);
    }, { ...browser.options, budgetMs: 8, stepItems: 1 });
    assert.deepEqual(browser.tasks, [[1], [2], [3], [4]]);
    assert.equal(yields, 3);
  });

  it('handles a batch within the budget in one go, and an empty one once', async () => {
    const browser = fakeBrowser();
    const seen: Array<[number[], number]> = [];
    assert.equal(await handleInTimeSlices([5, 6, 7], (slice, start) => { seen.push([[...slice], start]); browser.advance(1); }, { ...browser.options, budgetMs: 8, stepItems: 2 }), 0);
    assert.equal(await handleInTimeSlices([], (slice, start) => seen.push([[...slice], start]), { ...browser.options, budgetMs: 8, stepItems: 2 }), 0);
    assert.deepEqual(seen, [[[5, 6], 0], [[7], 2], [[], 0]]);
  });
});
