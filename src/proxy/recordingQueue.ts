import { performance } from 'node:perf_hooks';
import { Emitter } from '../common/emitter';

export interface RecordingStats {
  /** Recordings waiting to be written into the trace store. */
  queued: number;
  /** Recordings written since the proxy started. */
  recorded: number;
  /** Recordings thrown away because the queue was full (forwarding never waits for recording). */
  dropped: number;
}

export const DEFAULT_RECORDING_QUEUE_LIMIT = 10_000;

/**
 * A bounded queue of recording work, drained after forwarding is done (setImmediate). When it
 * is full, new work is dropped and counted: a slow trace store must never slow the traffic.
 */
export class RecordingQueue {
  private readonly tasks: (() => void)[] = [];
  private head = 0;
  private scheduled = false;
  private recorded = 0;
  private dropped = 0;
  private readonly dropsChanged = new Emitter<RecordingStats>();
  /** Fires (at most once per drain) when recordings were dropped. */
  readonly onDidDrop = this.dropsChanged.event;
  private droppedSinceDrain = false;

  /**
   * `sliceMs`: how long one drain may run before it yields to the event loop, so a burst of
   * recording never holds up the next request for more than that.
   */
  constructor(private readonly limit = DEFAULT_RECORDING_QUEUE_LIMIT, private readonly sliceMs = 0.5) {}

  get stats(): RecordingStats {
    return { queued: this.tasks.length - this.head, recorded: this.recorded, dropped: this.dropped };
  }

  /** Returns false when the work was dropped. */
  push(task: () => void): boolean {
    if (this.tasks.length - this.head >= this.limit) {
      this.dropped++;
      this.droppedSinceDrain = true;
      this.schedule();
      return false;
    }
    this.tasks.push(task);
    this.schedule();
    return true;
  }

  /** Runs everything queued now (tests and dispose). */
  flush(): void {
    while (this.head < this.tasks.length) this.runBatch(Number.POSITIVE_INFINITY);
  }

  dispose(): void {
    this.flush();
    this.dropsChanged.dispose();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.runBatch(performance.now() + this.sliceMs);
      if (this.head < this.tasks.length) this.schedule();
    });
  }

  private runBatch(deadline: number): void {
    // the clock is read every 16 tasks: cheap, and a task takes microseconds
    for (let ran = 0; this.head < this.tasks.length; ran++) {
      if ((ran & 15) === 15 && performance.now() > deadline) break;
      const task = this.tasks[this.head++];
      try {
        task();
        this.recorded++;
      } catch (error) {
        console.error('[mcp-live-debugger] recording failed', error);
      }
    }
    if (this.head === this.tasks.length) {
      this.tasks.length = 0;
      this.head = 0;
    } else if (this.head > 4096) {
      this.tasks.splice(0, this.head);
      this.head = 0;
    }
    if (this.droppedSinceDrain) {
      this.droppedSinceDrain = false;
      this.dropsChanged.fire(this.stats);
    }
  }
}
