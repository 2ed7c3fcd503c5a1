import type { BatchTimer } from '../../src/panel/updateBatcher';

/** Timers the test fires by hand, by how long they wait. */
export class ManualTimers implements BatchTimer {
  private next = 1;
  readonly pending = new Map<number, { callback: () => void; ms: number }>();
  set(callback: () => void, ms: number): unknown {
    this.pending.set(this.next, { callback, ms });
    return this.next++;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fire(ms: number): void {
    for (const [handle, entry] of [...this.pending]) {
      if (entry.ms !== ms) continue;
      this.pending.delete(handle);
      entry.callback();
    }
  }
}
