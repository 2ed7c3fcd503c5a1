// The Event Log tab: one row per request or notification, each expandable into its detail.
import type { EventSummary } from '../src/shared/eventSummary';
import { ColumnChooser } from './columnChooser';
import { h, icon, writeAttribute } from './dom';
import { eventDetail } from './eventDetail';
import { formatClock, formatMs } from './format';
import { headerLabel, type GridColumn } from './gridColumns';
import { GridKeyboard } from './gridKeyboard';
import { methodLabel, writeMethod } from './methodLabel';
import { statusBadge } from './statusBadge';
import { ROW_HEIGHT, type ViewContext } from './viewContext';
import { VirtualList, type VirtualListSource } from './virtualList';

/** Narrow: the clock without its hour, the tool or method, the total and the status icon; the rest by the Columns menu. */
const COLUMNS: readonly GridColumn[] = [
  { key: 'time', label: 'Time', width: '13ch', narrowWidth: '11ch', narrow: true },
  { key: 'type', label: 'Type', width: '11ch', narrowWidth: '12ch', narrow: false },
  { key: 'tool-method', label: 'Tool / Method', width: 'minmax(10ch, 1fr)', narrowWidth: 'minmax(8ch, 1fr)', narrow: true },
  { key: 'upstream', label: 'Upstream', width: '9ch', narrowWidth: '8ch', narrow: false },
  { key: 'proxy', label: 'Proxy', width: '9ch', narrowWidth: '7ch', narrow: false },
  { key: 'total', label: 'Total', width: '9ch', narrowWidth: '8ch', narrow: true },
  { key: 'status', label: 'Status', short: 'St', width: '8ch', narrowWidth: '3ch', narrow: true },
];

type Item = { event: EventSummary; detail: boolean };

export class EventLogView {
  readonly element: HTMLElement;
  readonly expanded = new Set<number>();
  private readonly list: VirtualList;
  private readonly keyboard: GridKeyboard;
  private readonly grid: HTMLElement;
  /** Filtered positions of expanded events, ascending; each adds one detail item after its row. */
  private expandedPositions: number[] = [];

  readonly columns = new ColumnChooser('.event-log', 'event-columns', COLUMNS, 'the Event Log', { placedCells: true });

  constructor(private readonly context: ViewContext) {
    const header = h('div', { class: 'grid-header event-columns', role: 'row', 'aria-rowindex': 1 },
      ...COLUMNS.map((column) => h('div', { role: 'columnheader', class: `col col-${column.key}` }, ...headerLabel(column))));
    header.firstElementChild?.prepend(this.columns.button);
    const body = h('div', { class: 'grid-body', role: 'rowgroup' });
    this.grid = h('div', { class: 'grid', role: 'grid', 'aria-label': 'Event log', 'aria-rowcount': 1 },
      h('div', { role: 'rowgroup' }, header), body);
    this.element = h('section', { class: 'view event-log', 'aria-label': 'Event Log' }, this.grid, this.columns.menu);
    const source: VirtualListSource = {
      count: () => this.count(),
      key: (index) => {
        const item = this.item(index);
        return item ? `${item.detail ? 'd' : 'r'}${item.event.id}` : `x${index}`;
      },
      signature: (index) => {
        const item = this.item(index);
        return item ? `${item.detail}${this.expanded.has(item.event.id)}` : '';
      },
      tallIndexes: () => this.expandedPositions.map((position, order) => position + order + 1),
      estimate: () => 220,
      render: (index) => this.renderItem(index),
      update: (element, index) => {
        const item = this.item(index);
        return item !== undefined && !item.detail && updateEventRow(element, item.event, this.expanded.has(item.event.id));
      },
    };
    this.list = new VirtualList(body, source, ROW_HEIGHT);
    this.keyboard = new GridKeyboard(this.list, {
      count: () => this.count(),
      isExpandable: (index) => this.item(index)?.detail === false,
      isExpanded: (index) => {
        const item = this.item(index);
        return item !== undefined && this.expanded.has(item.event.id);
      },
      toggle: (index) => {
        const item = this.item(index);
        if (item) this.toggle(item.event.id);
      },
    });
    body.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('[role="row"][data-event-id]');
      if (row) this.toggle(Number(row.dataset.eventId));
    });
  }

  get scrollTop(): number {
    return this.list.scrollElement.scrollTop;
  }

  set scrollTop(value: number) {
    this.list.scrollTo(value);
  }

  count(): number {
    return this.context.filtered.size + this.expandedPositions.length;
  }

  /**
   * The filter or the data changed wholesale, or the tab was opened. A live log that follows shows
   * its newest: while the tab was hidden it drew nothing (and its scroll position went with its box).
   */
  reset(follow: boolean): void {
    this.recomputeExpanded();
    if (follow && this.list.stickToEnd) this.list.scrollToEnd();
    else this.list.reset();
  }

  /** Whether the log keeps its newest in view (it was not scrolled away from its end). */
  get followsEnd(): boolean {
    return this.list.stickToEnd;
  }

  /** Follows the newest again (a new snapshot, Resume), from its next draw on. */
  follow(): void {
    this.list.stickToEnd = true;
  }

  /** Events were appended; follow them when live, unless the user scrolled away to read. */
  appended(follow: boolean): void {
    this.recomputeExpanded();
    if (follow && this.list.stickToEnd) this.list.scrollToEnd();
    else this.list.refresh();
  }

  toggle(eventId: number): void {
    if (this.expanded.has(eventId)) this.expanded.delete(eventId);
    else this.expanded.add(eventId);
    this.recomputeExpanded();
    this.list.refresh();
    this.context.stateChanged();
  }

  /** Expands an event and brings it into view with focus (from a timeline or an error link). */
  reveal(eventId: number): boolean {
    const position = this.context.filtered.indexOf(eventId);
    if (position < 0) return false;
    this.expanded.add(eventId);
    this.recomputeExpanded();
    this.list.refresh();
    const index = this.indexOfRow(position);
    this.list.scrollToIndex(index, 'start');
    this.keyboard.setActive(index, true);
    this.context.stateChanged();
    return true;
  }

  draw(): void {
    this.list.refresh();
  }

  private recomputeExpanded(): void {
    const positions: number[] = [];
    for (const id of this.expanded) {
      const position = this.context.filtered.indexOf(id);
      if (position >= 0) positions.push(position);
    }
    this.expandedPositions = positions.sort((a, b) => a - b);
    writeAttribute(this.grid, 'aria-rowcount', String(this.context.filtered.size + 1));
  }

  private indexOfRow(position: number): number {
    let before = 0;
    for (const expanded of this.expandedPositions) if (expanded < position) before++;
    return position + before;
  }

  private item(index: number): Item | undefined {
    let offset = 0;
    for (const position of this.expandedPositions) {
      const rowIndex = position + offset;
      if (index <= rowIndex) break;
      if (index === rowIndex + 1) {
        const event = this.context.filtered.at(position);
        return event ? { event, detail: true } : undefined;
      }
      offset++;
    }
    const event = this.context.filtered.at(index - offset);
    return event ? { event, detail: false } : undefined;
  }

  private renderItem(index: number): HTMLElement {
    const item = this.item(index);
    if (!item) return h('div');
    const { event } = item;
    if (item.detail) {
      return h('div', { class: 'detail-item', role: 'row', 'data-detail': '' },
        h('div', { role: 'gridcell', 'aria-colspan': COLUMNS.length, class: 'detail-cell' },
          eventDetail(event, this.context.store, { reveal: this.context.reveal, openConnection: this.context.openConnection, openEvent: this.context.openEvent, load: this.context.loadDetail, replay: this.context.replay })));
    }
    const expanded = this.expanded.has(event.id);
    const row = h('div', { role: 'row', tabindex: -1 },
      // (the cell keeps the row's font: its placement is in the row's `ch`)
      h('div', { role: 'gridcell', class: 'col col-time' }, icon('chevron-right'), h('span', { class: 'clock mono' }, h('span', { class: 'clock-hour' }), '')),
      h('div', { role: 'gridcell', class: 'col col-type' }, methodLabel(event.method)),
      h('div', { role: 'gridcell', class: 'col col-tool-method' }),
      h('div', { role: 'gridcell', class: 'col col-upstream num' }),
      h('div', { role: 'gridcell', class: 'col col-proxy num' }),
      h('div', { role: 'gridcell', class: 'col col-total num' }),
      h('div', { role: 'gridcell', class: 'col col-status' }, statusBadge(event.status)));
    updateEventRow(row, event, expanded);
    return row;
  }
}

/** Writes an event into a row element (a new one, or one recycled from a row that left the view). */
function updateEventRow(row: HTMLElement, event: EventSummary, expanded: boolean): boolean {
  const cells = row.children;
  if (cells.length !== 7 || row.dataset.detail !== undefined) return false;
  const clock = formatClock(event.timestamp);
  row.className = `grid-row event-columns vl-item${event.status !== 'ok' ? ` row-${event.status}` : ''}${expanded ? ' is-expanded' : ''}${event.replayOf !== undefined ? ' is-replay' : ''}`;
  row.setAttribute('aria-expanded', String(expanded));
  row.dataset.eventId = String(event.id);
  const twisty = cells[0].firstElementChild as HTMLElement;
  twisty.className = `codicon codicon-${expanded ? 'chevron-down' : 'chevron-right'}`;
  // the hour goes first when the panel is narrow: within a screen of rows it rarely differs
  const time = cells[0].children[1] as HTMLElement;
  (time.firstChild as HTMLElement).textContent = clock.slice(0, 3);
  (time.lastChild as Text).data = clock.slice(3);
  writeMethod(cells[1].firstElementChild as HTMLElement, event.method);
  const what = target(event);
  // a method keeps its own name whole in a narrow column; a tool name or a resource is shown as it is
  const shownLabel = cells[2].firstElementChild as HTMLElement | null;
  if (what !== event.method) cells[2].textContent = what;
  else if (shownLabel?.classList.contains('method')) writeMethod(shownLabel, what);
  else cells[2].replaceChildren(methodLabel(what));
  cells[2].setAttribute('title', event.replayOf !== undefined ? `${what} (a replay of event #${event.replayOf})` : what);
  cells[3].textContent = formatMs(event.upstreamMs);
  cells[4].textContent = formatMs(event.proxyMs);
  cells[5].textContent = formatMs(event.latencyMs);
  const badge = cells[6].firstElementChild as HTMLElement | null;
  if (!badge?.classList.contains(`status-${event.status}`)) cells[6].replaceChildren(statusBadge(event.status));
  return true;
}

/** What a call was about: the tool, the resource, the prompt, or the method itself. */
function target(event: EventSummary): string {
  return event.tool ?? event.target ?? event.method;
}
