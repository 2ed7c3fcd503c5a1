// The host's event batches, handled one after another in time slices, with the browser's turn between.

/** Longest stretch of one batch's handling in one task: a frame has 16 ms, and it must also draw. */
export const ARRIVAL_BUDGET_MS = 8;
/** Events handled between two looks at the clock. */
export const ARRIVAL_STEP_EVENTS = 250;

interface TaskScheduler {
  postTask?: (task: () => void, options: { priority: 'user-visible' }) => Promise<void>;
}

/**
 * Ends the current task: the browser may draw and handle input before the promise settles. A task
 * of its own, not `scheduler.yield()`: Chromium runs a yield's continuation ahead of rendering until
 * rendering has waited about 100 ms, so a pass in 8 ms slices held the next frame for all of it, up
 * to those 100 ms (measured: a keystroke's next frame on the Sessions tab, 128 ms in the real
 * workbench); a posted task lets a frame in whenever one is due, and takes as long.
 */
export function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler?.postTask) return scheduler.postTask(() => undefined, { priority: 'user-visible' });
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * How long the current task has been handling arrivals. A host message's decode and its handling run
 * in one task (the handler continues where the decode's last slice ended), and each sliced loop used
 * to start its own 8 ms: a task decoded for 8 ms, then appended for 8 ms more (measured in the real
 * workbench: tasks of 20–27 ms with a 5,000-event batch, each a long frame with the draw after it).
 * Now they share one budget, begun when a host message comes in and when a yield ends.
 */
export class TaskBudget {
  private startedAt: number;

  constructor(readonly budgetMs: number, private readonly now: () => number) {
    this.startedAt = now();
  }

  /** A task of ours begins: a host message came in, or a yield ended. */
  begin(): void {
    this.startedAt = this.now();
  }

  get spent(): boolean {
    return this.now() - this.startedAt >= this.budgetMs;
  }
}

/** The budget every arrival shares (the host bridge's decode, the app's handling of what it decoded). */
export const arrivalBudget = new TaskBudget(ARRIVAL_BUDGET_MS, () => performance.now());

export interface SliceOptions {
  budget: TaskBudget;
  stepItems: number;
  yieldTask: () => Promise<void>;
}

const browserSlices: SliceOptions = { budget: arrivalBudget, stepItems: ARRIVAL_STEP_EVENTS, yieldTask: yieldToBrowser };

/**
 * Hands `items` to `handle` a step at a time (at least once, so an empty batch is handled too), and
 * ends the task whenever the budget is spent: before a step, the first one included, since what ran
 * before in this task (the decode of the same message) counts too. A fixed count per task (1,000
 * events before) costs 3 ms on an idle machine and several frames' worth on a loaded one, where the
 * webview shares its thread with the workbench. Resolves with the number of yields.
 */
export async function handleInTimeSlices<T>(items: T[], handle: (slice: T[], start: number) => void, options: Partial<SliceOptions> = {}): Promise<number> {
  return handleRangeInTimeSlices(items.length, (start, end) => handle(start === 0 && end === items.length ? items : items.slice(start, end), start), options);
}

/** As `handleInTimeSlices`, for `count` items held elsewhere: `handle` gets each step's range. */
export async function handleRangeInTimeSlices(count: number, handle: (start: number, end: number) => void, options: Partial<SliceOptions> = {}): Promise<number> {
  const { budget, stepItems, yieldTask } = { ...browserSlices, ...options };
  let yields = 0;
  for (let start = 0; start === 0 || start < count; start += stepItems) {
    if (budget.spent) {
      await yieldTask();
      yields++;
      budget.begin();
    }
    handle(start, Math.min(count, start + stepItems));
  }
  return yields;
}

/**
 * Runs work in arrival order, each item to its end (across its yields) before the next starts, so a
 * batch sliced over several tasks is never overtaken by the next one, nor by a `describe` after it.
 */
export class ArrivalQueue {
  private tail: Promise<void> = Promise.resolve();

  enqueue(work: () => void | Promise<void>): void {
    this.tail = this.tail.then(work).catch((error: unknown) => console.error('[mcp-live-debugger] handling a host message failed', error));
  }

  /** Settles once everything enqueued so far is done. */
  idle(): Promise<void> {
    return this.tail;
  }
}
