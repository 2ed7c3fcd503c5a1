// The host's event batches, handled one after another in slices, with the browser's turn between.

/** Events handled in one go; the rest of a batch waits for the next task, so frames stay short. */
export const ARRIVAL_SLICE_EVENTS = 1_000;

interface TaskScheduler {
  yield?: () => Promise<void>;
}

/** Ends the current task: the browser may draw and handle input before the promise settles. */
export function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
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
