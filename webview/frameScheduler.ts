// When what arrived is drawn: at most every LIVE_DRAW_INTERVAL_MS, in an animation frame, and
// further apart when drawing costs more.

export const LIVE_DRAW_INTERVAL_MS = 100;
/** A draw of what arrived may take at most 1 / DRAW_SPACING of the time: the next waits that many times as long. */
export const DRAW_SPACING = 4;

/**
 * Nobody reads 2,000 rows a second, and moving the whole list on every frame would only cost paint
 * time the rest of the panel needs, so however many batches arrive, `draw` runs once per interval.
 * The interval grows with what the last draw cost: in the real workbench the webview shares its
 * thread with the workbench, and on a loaded machine a Sessions draw of 100 ms every 100 ms would
 * leave neither the arriving events nor the user a turn (measured: the snapshot took twice as long).
 */
export class FrameScheduler {
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastDraw = 0;
  private lastCost = 0;

  constructor(private readonly draw: () => void, private readonly intervalMs = LIVE_DRAW_INTERVAL_MS) {}

  schedule(): void {
    if (this.frame || this.timer) return;
    const wait = this.lastDraw + Math.max(this.intervalMs, this.lastCost * DRAW_SPACING) - performance.now();
    const request = () => {
      this.timer = undefined;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.flush();
      });
    };
    if (wait > 0) this.timer = setTimeout(request, wait);
    else request();
  }

  /** Draws now (e.g. before describing what is shown), cancelling the scheduled draw. */
  flush(): void {
    this.cancel();
    const started = performance.now();
    this.draw();
    this.lastDraw = performance.now();
    this.lastCost = this.lastDraw - started;
  }

  cancel(): void {
    if (this.frame) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
