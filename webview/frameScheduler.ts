// When what arrived is drawn: at most every LIVE_DRAW_INTERVAL_MS, in an animation frame.

export const LIVE_DRAW_INTERVAL_MS = 100;

/**
 * Nobody reads 2,000 rows a second, and moving the whole list on every frame would only cost paint
 * time the rest of the panel needs, so however many batches arrive, `draw` runs once per interval.
 */
export class FrameScheduler {
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastDraw = 0;

  constructor(private readonly draw: () => void, private readonly intervalMs = LIVE_DRAW_INTERVAL_MS) {}

  schedule(): void {
    if (this.frame || this.timer) return;
    const wait = this.lastDraw + this.intervalMs - performance.now();
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
    this.lastDraw = performance.now();
    this.draw();
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
