import { toDisposable, type IDisposable } from '../../src/common/disposable';
import type { Clock } from '../../src/toolEndpoint/endpointTokens';

/** A clock the test moves by hand; timers fire when their time is passed. */
export class FakeClock implements Clock {
  private time = Date.UTC(2026, 10, 21, 23, 0, 0);
  private timers: { at: number; callback: () => void; cancelled: boolean }[] = [];

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, delayMs: number): IDisposable {
    const timer = { at: this.time + delayMs, callback, cancelled: false };
    this.timers.push(timer);
    return toDisposable(() => {
      timer.cancelled = true;
    });
  }

  get pendingTimers(): number {
    return this.timers.filter((timer) => !timer.cancelled).length;
  }

  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((timer) => !timer.cancelled && timer.at <= this.time);
    this.timers = this.timers.filter((timer) => !due.includes(timer));
    for (const timer of due) timer.callback();
  }
}
