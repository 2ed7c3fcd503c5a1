// A virtualized list (after vscode-hexeditor's virtual scroll container) on @tanstack/virtual-core:
// only the rows in view exist in the DOM; rows have a fixed height, detail items are measured.
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer } from '@tanstack/virtual-core';

export interface VirtualListSource {
  count(): number;
  key(index: number): string;
  /** Changes whenever the item must be redrawn (e.g. its counts or expansion changed). */
  signature(index: number): string;
  /** Fixed-height rows say so; other items are measured after they are drawn. */
  isRow(index: number): boolean;
  estimate(index: number): number;
  render(index: number): HTMLElement;
}

export class VirtualList {
  readonly virtualizer: Virtualizer<HTMLElement, HTMLElement>;
  private readonly sizer: HTMLElement;
  private drawn = new Map<string, { element: HTMLElement; signature: string }>();
  private frame = 0;
  private unmount: () => void;
  /** Called after each draw (e.g. to restore keyboard focus). */
  onDraw: (() => void) | undefined;

  constructor(readonly scrollElement: HTMLElement, private readonly source: VirtualListSource, rowHeight: number) {
    this.sizer = document.createElement('div');
    this.sizer.className = 'vl-sizer';
    scrollElement.appendChild(this.sizer);
    this.virtualizer = new Virtualizer<HTMLElement, HTMLElement>({
      count: source.count(),
      getScrollElement: () => scrollElement,
      estimateSize: (index) => (source.isRow(index) ? rowHeight : source.estimate(index)),
      getItemKey: (index) => source.key(index),
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      overscan: 8,
      onChange: () => this.scheduleDraw(),
    });
    this.unmount = this.virtualizer._didMount();
    this.virtualizer._willUpdate();
  }

  /** The items changed (count or positions): re-read them and redraw. */
  refresh(): void {
    this.virtualizer.setOptions({ ...this.virtualizer.options, count: this.source.count() });
    this.virtualizer._willUpdate();
    this.draw();
  }

  /** Everything changed (new filter, new sort): drop cached sizes, then redraw. */
  reset(): void {
    this.virtualizer.setOptions({ ...this.virtualizer.options, count: this.source.count() });
    this.virtualizer.measure();
    this.draw();
  }

  scrollToIndex(index: number, align: 'start' | 'center' | 'end' | 'auto' = 'auto'): void {
    if (index < 0 || index >= this.source.count()) return;
    this.virtualizer.scrollToIndex(index, { align });
    this.draw();
  }

  scrollToEnd(): void {
    const total = this.virtualizer.getTotalSize();
    this.scrollElement.scrollTop = total;
    this.virtualizer.scrollToOffset(Math.max(0, total - this.scrollElement.clientHeight));
    this.draw();
  }

  isAtEnd(slack = 8): boolean {
    const element = this.scrollElement;
    return element.scrollTop + element.clientHeight >= element.scrollHeight - slack;
  }

  elementFor(index: number): HTMLElement | undefined {
    const key = index >= 0 && index < this.source.count() ? this.source.key(index) : undefined;
    return key === undefined ? undefined : this.drawn.get(key)?.element;
  }

  visibleRange(): { start: number; end: number } {
    const items = this.virtualizer.getVirtualItems();
    return { start: items[0]?.index ?? 0, end: items[items.length - 1]?.index ?? -1 };
  }

  private scheduleDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Draws the items in view now (synchronously). */
  draw(): void {
    if (this.frame) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
    const items = this.virtualizer.getVirtualItems();
    this.sizer.style.height = `${this.virtualizer.getTotalSize()}px`;
    const next = new Map<string, { element: HTMLElement; signature: string }>();
    const toMeasure: HTMLElement[] = [];
    for (const item of items) {
      const key = String(item.key);
      const signature = this.source.signature(item.index);
      const previous = this.drawn.get(key);
      let element: HTMLElement;
      if (previous && previous.signature === signature) {
        element = previous.element;
        this.drawn.delete(key);
      } else {
        element = this.source.render(item.index);
        element.classList.add('vl-item');
        if (previous) {
          previous.element.replaceWith(element);
          this.drawn.delete(key);
        } else {
          this.sizer.appendChild(element);
        }
        if (!this.source.isRow(item.index)) toMeasure.push(element);
      }
      element.dataset.index = String(item.index);
      element.style.transform = `translateY(${item.start}px)`;
      next.set(key, { element, signature });
    }
    for (const stale of this.drawn.values()) stale.element.remove();
    this.drawn = next;
    for (const element of toMeasure) this.virtualizer.measureElement(element);
    this.onDraw?.();
  }

  dispose(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.unmount();
  }
}
