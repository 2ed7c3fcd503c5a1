// Node's inspector writes to its socket without TCP_NODELAY, so Nagle holds a small write while an
// earlier one is unacknowledged; the reader (js-debug's watchdog, which holds the TCP connection to
// the inspector) acknowledges only when it next sends something or when Linux's delayed-ACK timer
// fires, 40 ms later. Whatever the target writes right after another message (an answer behind
// js-debug's own, the pause behind a step's answer and `Debugger.resumed`) waits those 40 ms. Any
// command sent over the same connection carries the ACK: while someone waits on the target, the
// nudger sends a harmless one every few milliseconds, and nothing at all when nobody waits.
import { toDisposable, type IDisposable } from '../../common/disposable';

/** Time as the nudger sees it; tests pass a fake one. */
export interface NudgeClock {
  setTimer(callback: () => void, delayMs: number): IDisposable;
}

export const systemNudgeClock: NudgeClock = {
  setTimer(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return toDisposable(() => clearTimeout(timer));
  },
};

/** Between two nudges: the longest an answer held by Nagle waits once its ACK could be sent. */
export const NUDGE_INTERVAL_MS = 3;
/** Nudges not answered yet beyond which the target is busy, not waiting for an ACK: no more until one is answered. */
export const MAX_UNANSWERED_NUDGES = 3;

/** One wait on the target; `nudges` counts the nudges sent while it lasted. */
export interface NudgeHold extends IDisposable {
  readonly nudges: number;
}

interface ActiveHold {
  expiry: IDisposable;
  nudges: number;
}

export class AckNudger implements IDisposable {
  private readonly holds = new Set<ActiveHold>();
  private ticker: IDisposable | undefined;
  private unanswered = 0;
  private disposed = false;

  /** `nudge` sends the harmless command; it settles when the target answers it. */
  constructor(
    private readonly nudge: () => Promise<unknown>,
    private readonly clock: NudgeClock = systemNudgeClock,
    private readonly intervalMs = NUDGE_INTERVAL_MS,
  ) {}

  /** Whether a nudge is scheduled (someone waits). */
  get isNudging(): boolean {
    return this.ticker !== undefined;
  }

  /**
   * Someone waits on the target, at most `maxMs`: nudges every interval (the first one interval
   * from now, so an answer that comes at once costs nothing) until every hold is disposed or expired.
   */
  hold(maxMs: number): NudgeHold {
    if (this.disposed) return { nudges: 0, dispose: () => undefined };
    const hold: ActiveHold = { expiry: this.clock.setTimer(() => this.release(hold), maxMs), nudges: 0 };
    this.holds.add(hold);
    this.schedule();
    return {
      get nudges() {
        return hold.nudges;
      },
      dispose: () => this.release(hold),
    };
  }

  dispose(): void {
    this.disposed = true;
    for (const hold of this.holds) hold.expiry.dispose();
    this.holds.clear();
    this.ticker?.dispose();
    this.ticker = undefined;
  }

  private release(hold: ActiveHold): void {
    hold.expiry.dispose();
    this.holds.delete(hold);
    if (this.holds.size === 0) {
      this.ticker?.dispose();
      this.ticker = undefined;
    }
  }

  private schedule(): void {
    if (this.ticker || this.holds.size === 0) return;
    this.ticker = this.clock.setTimer(() => this.tick(), this.intervalMs);
  }

  private tick(): void {
    this.ticker = undefined;
    if (this.holds.size === 0 || this.disposed) return;
    if (this.unanswered < MAX_UNANSWERED_NUDGES) {
      this.unanswered++;
      const answered = (): void => {
        this.unanswered--;
      };
      for (const hold of this.holds) hold.nudges++;
      this.nudge().then(answered, answered);
    }
    this.schedule();
  }
}
