// Keyboard navigation of a virtualized ARIA grid: one focusable row at a time (roving tabindex),
// arrows and Home/End move, Enter/Space toggle, Right/Left expand and collapse.
import type { VirtualList } from './virtualList';

export interface GridKeyboardTarget {
  count(): number;
  isExpandable(index: number): boolean;
  isExpanded(index: number): boolean;
  toggle(index: number): void;
  /** Enter on a row that does not expand (e.g. a timeline entry). */
  activate?(index: number): void;
}

export class GridKeyboard {
  activeIndex = 0;
  private focusAfterDraw = false;
  /** The one row with tabindex 0. */
  private focusable: HTMLElement | undefined;

  constructor(private readonly list: VirtualList, private readonly target: GridKeyboardTarget) {
    list.scrollElement.addEventListener('keydown', (event) => this.onKey(event));
    list.scrollElement.addEventListener('focusin', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (row?.dataset.index) this.activeIndex = Number(row.dataset.index);
    });
    list.onDraw = () => this.afterDraw();
  }

  /** Makes `index` the focusable row; focuses it when `focus`. */
  setActive(index: number, focus: boolean): void {
    const count = this.target.count();
    if (count === 0) return;
    this.activeIndex = Math.max(0, Math.min(count - 1, index));
    this.focusAfterDraw = focus;
    this.list.scrollToIndex(this.activeIndex);
    this.afterDraw();
  }

  private afterDraw(): void {
    const active = this.list.elementFor(this.activeIndex);
    if (this.focusable && this.focusable !== active) this.focusable.tabIndex = -1;
    this.focusable = active;
    // (an equal value written is still a mutation of the row: a redraw that changed nothing in it wrote it every time)
    if (active && active.getAttribute('role') === 'row') {
      if (active.tabIndex !== 0) active.tabIndex = 0;
      if (this.focusAfterDraw) {
        this.focusAfterDraw = false;
        active.focus({ preventScroll: true });
      }
    } else {
      // keep the grid reachable with Tab even when the active row is scrolled away
      const first = this.list.scrollElement.querySelector<HTMLElement>('[role="row"]');
      if (first) {
        if (first.tabIndex !== 0) first.tabIndex = 0;
        this.focusable = first;
      }
    }
  }

  private onKey(event: KeyboardEvent): void {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[role="row"]');
    if (!row || row.dataset.index === undefined) return;
    const index = Number(row.dataset.index);
    const page = Math.max(1, Math.floor(this.list.scrollElement.clientHeight / 24) - 1);
    switch (event.key) {
      case 'ArrowDown': this.setActive(index + 1, true); break;
      case 'ArrowUp': this.setActive(index - 1, true); break;
      case 'PageDown': this.setActive(index + page, true); break;
      case 'PageUp': this.setActive(index - page, true); break;
      case 'Home': this.setActive(0, true); break;
      case 'End': this.setActive(this.target.count() - 1, true); break;
      case 'ArrowRight':
        if (this.target.isExpandable(index) && !this.target.isExpanded(index)) this.target.toggle(index);
        else this.setActive(index + 1, true);
        break;
      case 'ArrowLeft':
        if (this.target.isExpandable(index) && this.target.isExpanded(index)) this.target.toggle(index);
        break;
      case 'Enter': case ' ':
        if (this.target.isExpandable(index)) this.target.toggle(index);
        else this.target.activate?.(index);
        break;
      default: return;
    }
    this.activeIndex = Math.min(this.activeIndex, this.target.count() - 1);
    this.focusAfterDraw = true;
    this.afterDraw();
    event.preventDefault();
  }
}
