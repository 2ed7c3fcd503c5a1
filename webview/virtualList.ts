// A virtualized list (after vscode-hexeditor's virtual scroll container): only the items in view
// exist in the DOM. Rows have one fixed height and the few taller items (an expanded event's
// detail) are measured, so every position is `index × rowHeight` plus the extra height of the tall
// items before it: O(visible + expanded) per draw, whatever the count. (@tanstack/virtual-core keeps
// one measurement object per item and rebuilds them from the first changed index, which made a
// filter keystroke or an expansion near the top of 100,000 rows cost 30–120 ms here.)

export interface VirtualListSource {
  count(): number;
  key(index: number): string;
  /** Changes whenever the item must be redrawn (e.g. its counts or expansion changed). */
  signature(index: number): string;
  /** Ascending indexes of the items that are not plain rows (they are measured). */
  tallIndexes(): readonly number[];
  /** First guess of a tall item's height, until it is measured. */
  estimate(index: number): number;
  render(index: number): HTMLElement;
  /**
   * Redraws a plain row element as the row at `index`: one that scrolled out of view, or the same
   * row when its signature changed (a live stream replaces or changes every visible row many times
   * a second; rewriting a few texts beats new elements). Answers false when it cannot, and the row
   * is rendered anew.
   */
  update?(element: HTMLElement, index: number): boolean;
}

const OVERSCAN = 6;

/** Runs `work` once the coming frame has rendered: in a task after that frame's animation callbacks. */
function afterNextRender(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work));
}

/**
 * The options of a list: `newRowsPerFrame` caps the plain rows made anew for one frame while the list
 * fills from empty, the rest of the rows in view coming in the frames after (the Sessions tab's first
 * draw of a screenful of new rows was ~1,200 layout objects in one frame). Only a fill from empty:
 * a redraw of a list already drawn (a filter pass, a sort) shows its whole result in one frame.
 */
export interface VirtualListOptions {
  newRowsPerFrame?: number;
}

interface DrawnItem {
  element: HTMLElement;
  signature: string;
  tall: boolean;
}

export class VirtualList {
  private readonly sizer: HTMLElement;
  private drawn = new Map<string, DrawnItem>();
  /** Measured heights of tall items, by key. */
  private readonly heights = new Map<string, number>();
  private tall: Array<{ index: number; extra: number }> = [];
  private frame = 0;
  /** Watches the scroll element's height. */
  private readonly viewportObserver: ResizeObserver;
  /** Watches the tall items' heights. */
  private readonly resizeObserver: ResizeObserver;
  /** The scroll element's height, kept by a ResizeObserver so drawing never forces a layout to read it. */
  private viewportHeight = 0;
  /**
   * Where the list is scrolled, as its scroll events said or as this list set it: a draw reads no
   * layout (reading scrollTop after a write lays the page out there and then, in the real workbench
   * VS Code's pending layout with it: a Sessions redraw after a filter pass, right after the grid
   * was marked busy, did). Unknown until the first draw, and while the list is hidden (its scroll
   * position goes with its box).
   */
  private knownScrollTop: number | undefined;
  /** The height drawn last: "at the end" is judged against what the user sees, not what just arrived. */
  private drawnTotal = 0;
  /** Whether the view follows the end as items arrive: on until the user scrolls away, on again at the end. */
  stickToEnd = true;
  private programmaticTop: number | undefined;
  /** Called after each draw (e.g. to restore keyboard focus). */
  onDraw: (() => void) | undefined;
  /** Plain rows made anew since the page last rendered (see `newRowsPerFrame`). */
  private newRowsMade = 0;
  /** Set while the rows held back wait for the frame after the one that lays out the rows just made. */
  private heldBack = false;
  /** From a draw that found nothing drawn until one that holds no row back (see `newRowsPerFrame`). */
  private filling = false;

  constructor(readonly scrollElement: HTMLElement, private readonly source: VirtualListSource, private readonly rowHeight: number,
    private readonly options: VirtualListOptions = {}) {
    this.sizer = document.createElement('div');
    this.sizer.className = 'vl-sizer';
    scrollElement.appendChild(this.sizer);
    scrollElement.addEventListener('scroll', () => {
      const top = scrollElement.scrollTop;
      const ours = this.programmaticTop !== undefined && Math.abs(top - this.programmaticTop) < 2;
      this.programmaticTop = undefined;
      this.knownScrollTop = top;
      // a scroll we made was drawn when we made it
      if (ours) return;
      this.stickToEnd = top + this.viewport() >= this.drawnTotal - 8;
      this.draw();
    }, { passive: true });
    this.viewportObserver = new ResizeObserver(() => {
      this.viewportHeight = scrollElement.clientHeight;
      // (hidden, the box and its scroll position are gone; shown again, the next draw reads it)
      if (this.viewportHeight === 0) this.knownScrollTop = undefined;
      this.scheduleDraw();
    });
    this.viewportObserver.observe(scrollElement);
    // the lists live as long as the page, so they stop watching when it goes
    window.addEventListener('pagehide', () => this.dispose(), { once: true });
    this.resizeObserver = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const element = entry.target as HTMLElement;
        const key = element.dataset.key;
        if (!key || !element.isConnected) continue;
        const height = element.getBoundingClientRect().height;
        if (height > 0 && Math.abs((this.heights.get(key) ?? -1) - height) > 0.5) {
          this.heights.set(key, height);
          changed = true;
        }
      }
      if (changed) this.scheduleDraw();
    });
  }

  /** The items changed (count, order or expansion): redraw what is in view. */
  refresh(): void {
    this.draw();
  }

  /** Everything changed (new filter, new sort). Measured heights stay valid: they are keyed. */
  reset(): void {
    this.draw();
  }

  totalSize(): number {
    this.layoutTall();
    return this.source.count() * this.rowHeight + this.tall.reduce((sum, item) => sum + item.extra, 0);
  }

  offsetOf(index: number): number {
    let offset = index * this.rowHeight;
    for (const item of this.tall) {
      if (item.index >= index) break;
      offset += item.extra;
    }
    return offset;
  }

  /** The index of the item at a vertical offset. */
  indexAt(offset: number): number {
    let extraBefore = 0;
    for (const item of this.tall) {
      const start = item.index * this.rowHeight + extraBefore;
      if (offset < start) break;
      if (offset < start + this.rowHeight + item.extra) return item.index;
      extraBefore += item.extra;
    }
    const count = this.source.count();
    return Math.max(0, Math.min(count - 1, Math.floor((offset - extraBefore) / this.rowHeight)));
  }

  scrollToIndex(index: number, align: 'start' | 'center' | 'end' | 'auto' = 'auto'): void {
    if (index < 0 || index >= this.source.count()) return;
    this.layoutTall();
    this.stickToEnd = index === this.source.count() - 1;
    const element = this.scrollElement;
    const top = this.offsetOf(index);
    const height = this.heightOf(index);
    const view = element.clientHeight;
    if (align === 'start') element.scrollTop = top;
    else if (align === 'end') element.scrollTop = top + height - view;
    else if (align === 'center') element.scrollTop = top + height / 2 - view / 2;
    else if (top < element.scrollTop) element.scrollTop = top;
    else if (top + Math.min(height, view) > element.scrollTop + view) element.scrollTop = top + Math.min(height, view) - view;
    // (read back: the browser clamped it, and setting it laid the list out, so this costs nothing more)
    this.programmaticTop = element.scrollTop;
    this.knownScrollTop = this.programmaticTop;
    this.draw();
  }

  /**
   * Scrolls to `top` as the user would (its scroll event redraws and says whether the list still
   * follows its end). Setting it lays the page out there and then: cheap before rows are written in
   * the same task, a whole layout of its own after.
   */
  scrollTo(top: number): void {
    this.scrollElement.scrollTop = top;
    // (laid out just now: reading it back costs nothing, and a draw before the scroll event is right)
    this.knownScrollTop = this.scrollElement.scrollTop;
  }

  scrollToEnd(): void {
    const total = this.totalSize();
    this.sizer.style.height = `${total}px`;
    this.drawnTotal = total;
    const top = Math.max(0, total - this.viewport());
    this.knownScrollTop = top;
    this.programmaticTop = top;
    this.stickToEnd = true;
    this.draw();
    // set after the rows are written: setting it lays the list out there and then, and before the
    // draw that was a second layout in the same frame (a keystroke's, each batch's while following)
    this.scrollElement.scrollTop = top;
  }

  /**
   * Where the list will be scrolled once laid out with `total`: the known position, clamped as the
   * browser will clamp it when the items shrank (read from the DOM only while unknown).
   */
  private scrollTopFor(total: number): number {
    if (this.knownScrollTop === undefined || this.viewportHeight === 0) {
      this.knownScrollTop = this.scrollElement.scrollTop;
      return this.knownScrollTop;
    }
    const clamped = Math.min(this.knownScrollTop, Math.max(0, total - this.viewportHeight));
    if (clamped !== this.knownScrollTop) {
      // the scroll event of the browser's clamp is ours: drawn now
      this.programmaticTop = clamped;
      this.knownScrollTop = clamped;
    }
    return clamped;
  }

  private viewport(): number {
    if (this.viewportHeight === 0) this.viewportHeight = this.scrollElement.clientHeight;
    return this.viewportHeight;
  }

  elementFor(index: number): HTMLElement | undefined {
    const key = index >= 0 && index < this.source.count() ? this.source.key(index) : undefined;
    return key === undefined ? undefined : this.drawn.get(key)?.element;
  }

  private scheduleDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private layoutTall(): void {
    this.tall = this.source.tallIndexes().map((index) => ({
      index,
      extra: (this.heights.get(this.source.key(index)) ?? this.source.estimate(index)) - this.rowHeight,
    }));
  }

  private heightOf(index: number): number {
    const tall = this.tall.find((item) => item.index === index);
    return this.rowHeight + (tall?.extra ?? 0);
  }

  /** Draws the items in view now (synchronously). */
  draw(): void {
    if (this.frame) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
    const total = this.totalSize();
    this.sizer.style.height = `${total}px`;
    this.drawnTotal = total;
    const count = this.source.count();
    const next = new Map<string, DrawnItem>();
    if (this.drawn.size === 0) this.filling = true;
    if (count > 0) {
      const top = this.scrollTopFor(total);
      // following its end, a live list rewrites every row it draws on each draw: rows above the view
      // would only be there for a scroll up, whose own event draws them
      const first = Math.max(0, this.indexAt(top) - (this.stickToEnd ? 0 : OVERSCAN));
      const last = Math.min(count - 1, this.indexAt(top + Math.max(this.viewport(), this.rowHeight)) + OVERSCAN);
      const extraOf = new Map(this.tall.map((item) => [item.index, item.extra]));
      const keys: string[] = [];
      for (let index = first; index <= last; index++) keys.push(this.source.key(index));
      const wanted = new Set(keys);
      // plain rows leaving the view are rewritten as the rows entering it
      const recyclable = [...this.drawn].filter(([key, item]) => !wanted.has(key) && !item.tall).map(([key, item]) => {
        this.drawn.delete(key);
        return item.element;
      });
      let offset = this.offsetOf(first);
      for (let index = first; index <= last; index++) {
        const key = keys[index - first];
        const tall = extraOf.has(index);
        const signature = this.source.signature(index);
        const previous = this.drawn.get(key);
        let element: HTMLElement | undefined;
        if (previous && (previous.signature === signature || (!tall && !previous.tall && this.source.update?.(previous.element, index)))) {
          element = previous.element;
          this.drawn.delete(key);
        } else {
          if (!tall && !previous && this.source.update) {
            const candidate = recyclable.pop();
            if (candidate && this.source.update(candidate, index)) element = candidate;
            else if (candidate) candidate.remove();
          }
          if (!element && !tall && !previous && !this.mayMakeRow()) {
            offset += this.rowHeight;
            continue;
          }
          if (!element) {
            element = this.source.render(index);
            element.classList.add('vl-item');
            if (previous) {
              this.resizeObserver.unobserve(previous.element);
              previous.element.replaceWith(element);
              this.drawn.delete(key);
            } else {
              this.sizer.appendChild(element);
            }
            if (tall) this.resizeObserver.observe(element);
          }
          element.dataset.key = key;
        }
        // (a row that stays where it was keeps its attributes: an equal value written is still a mutation)
        const position = String(index);
        if (element.dataset.index !== position) {
          element.dataset.index = position;
          element.setAttribute('aria-rowindex', String(index + 2));
        }
        const transform = `translateY(${offset}px)`;
        if (element.style.transform !== transform) element.style.transform = transform;
        next.set(key, { element, signature, tall });
        offset += this.rowHeight + (extraOf.get(index) ?? 0);
      }
      for (const unused of recyclable) unused.remove();
    }
    if (this.heldBack) this.drawHeldBack();
    else this.filling = false;
    for (const stale of this.drawn.values()) {
      this.resizeObserver.unobserve(stale.element);
      stale.element.remove();
    }
    this.drawn = next;
    this.onDraw?.();
  }

  /** Whether a plain row may be made anew in this frame (counting it), or must wait for the next. */
  private mayMakeRow(): boolean {
    const cap = this.options.newRowsPerFrame;
    if (cap === undefined || !this.filling) return true;
    if (this.newRowsMade === 0) {
      // (the rows made now are laid out in the coming frame: the count starts again once it has rendered)
      afterNextRender(() => {
        this.newRowsMade = 0;
      });
    }
    if (this.newRowsMade >= cap) {
      this.heldBack = true;
      return false;
    }
    this.newRowsMade++;
    return true;
  }

  /** Draws the rows held back once the frame that lays out the rows made has rendered. */
  private drawHeldBack(): void {
    this.heldBack = false;
    afterNextRender(() => this.scheduleDraw());
  }

  dispose(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.viewportObserver.disconnect();
    this.resizeObserver.disconnect();
  }
}
