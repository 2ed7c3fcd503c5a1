import * as assert from 'node:assert/strict';
import { handleInTimeSlices, TaskBudget } from '../../webview/arrivalQueue';

/** A clock that moves only when the work says so, and a record of what ran between yields. */
function fakeBrowser() {
  let time = 0;
  const tasks: number[][] = [[]];
  return {
    advance: (ms: number) => { time += ms; },
    tasks,
    now: () => time,
    yieldTask: async () => { tasks.push([]); },
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
    }, { budget: new TaskBudget(8, browser.now), yieldTask: browser.yieldTask, stepItems: 100 });
    assert.deepEqual(browser.tasks, [[0, 100, 200], [300, 400, 500], [600, 700, 800], [900]]);
    assert.equal(yields, 3);
  });

  it('gives a step that alone outlasts the budget a task of its own', async () => {
    const browser = fakeBrowser();
    const yields = await handleInTimeSlices([1, 2, 3, 4], (slice) => {
      browser.tasks[browser.tasks.length - 1].push(...slice);
      browser.advance(20);
    }, { budget: new TaskBudget(8, browser.now), yieldTask: browser.yieldTask, stepItems: 1 });
    assert.deepEqual(browser.tasks, [[1], [2], [3], [4]]);
    assert.equal(yields, 3);
  });

  it('handles a batch within the budget in one go, and an empty one once', async () => {
    const browser = fakeBrowser();
    const seen: Array<[number[], number]> = [];
    const options = { budget: new TaskBudget(8, browser.now), yieldTask: browser.yieldTask, stepItems: 2 };
    assert.equal(await handleInTimeSlices([5, 6, 7], (slice, start) => { seen.push([[...slice], start]); browser.advance(1); }, options), 0);
    assert.equal(await handleInTimeSlices([], (slice, start) => seen.push([[...slice], start]), options), 0);
    assert.deepEqual(seen, [[[5, 6], 0], [[7], 2], [[], 0]]);
  });

  it('shares one budget among the loops of a task: a message decoded for the budget is handled after a yield, not in the same task', async () => {
    const browser = fakeBrowser();
    const budget = new TaskBudget(8, browser.now);
    const options = { budget, yieldTask: browser.yieldTask, stepItems: 100 };
    const rows = Array.from({ length: 300 }, (_, index) => index);
    const ran: string[][] = [[]];
    const note = (what: string) => ran[browser.tasks.length - 1].push(what);
    const yieldTask = async () => { ran.push([]); await browser.yieldTask(); };
    // the decode of a message: 3 ms per step, then (in the same task) its handling, 1 ms per step
    await handleInTimeSlices(rows, (_, start) => { note(`decode ${start}`); browser.advance(3); }, { ...options, yieldTask });
    await handleInTimeSlices(rows, (_, start) => { note(`append ${start}`); browser.advance(1); }, { ...options, yieldTask });
    assert.deepEqual(ran, [['decode 0', 'decode 100', 'decode 200'], ['append 0', 'append 100', 'append 200']]);
  });

  it('starts a new task\'s budget when it begins, and an empty batch after a spent one still gets its turn', async () => {
    const browser = fakeBrowser();
    const budget = new TaskBudget(8, browser.now);
    browser.advance(10);
    const seen: number[][] = [];
    assert.equal(await handleInTimeSlices([], (slice) => seen.push([...slice]), { budget, yieldTask: browser.yieldTask }), 1);
    budget.begin();
    assert.equal(await handleInTimeSlices([1, 2], (slice) => seen.push([...slice]), { budget, yieldTask: browser.yieldTask }), 0);
    assert.deepEqual(seen, [[], [1, 2]]);
  });
});
