// The Sessions tab: one row per MCP connection, sortable, each expandable into its timeline.
import type { EventSummary } from '../src/shared/eventSummary';
import type { TraceConnection } from '../src/shared/trace';
import { clientLabel } from '../src/shared/traceFilter';
import { displayedConnectionStatus, type ConnectionFigures } from '../src/shared/traceStats';
import { ColumnChooser } from './columnChooser';
import { h, writeAttribute } from './dom';
import { formatClock, formatDuration, formatMs, formatPercent } from './format';
import type { GridColumn } from './gridColumns';
import { GridKeyboard } from './gridKeyboard';
import { methodLabel } from './methodLabel';
import type { SessionRowValues } from './sessionCells';
import { SessionRow } from './sessionRow';
import { distinguishingStart } from './sessionIdLabel';
import { SortableHeader, type SortState } from './sortableHeader';
import { statusBadge } from './statusBadge';
import { showUpdating } from './updatingGrid';
import { ROW_HEIGHT, type ViewContext } from './viewContext';
import { VirtualList } from './virtualList';
import { barOf, timeAxis, type TimeAxis } from './waterfallLayout';

/** Narrow: the id's distinguishing part, calls, errors, the status dot and the tools; the rest by the Columns menu. */
const COLUMNS = [
  { key: 'id', label: 'Session', width: 'minmax(12ch, 1.2fr)', narrowWidth: '11ch', narrow: true },
  { key: 'client', label: 'Client', width: 'minmax(12ch, 1.2fr)', narrowWidth: 'minmax(8ch, 1fr)', narrow: false },
  { key: 'started', label: 'Started', width: '19ch', narrowWidth: '9ch', narrow: false },
  { key: 'duration', label: 'Duration', width: '9ch', narrowWidth: '8ch', narrow: false },
  { key: 'calls', label: 'Calls', width: '6ch', narrowWidth: '5ch', narrow: true },
  { key: 'errors', label: 'Errors', short: 'Err', width: '6ch', narrowWidth: '4ch', narrow: true },
  { key: 'status', label: 'Status', short: 'St', width: '8ch', narrowWidth: '3ch', narrow: true },
  { key: 'tools', label: 'Tools', width: 'minmax(10ch, 1.5fr)', narrowWidth: 'minmax(8ch, 1fr)', narrow: true },
  { key: 'source', label: 'Source', width: 'minmax(8ch, 0.8fr)', narrowWidth: 'minmax(8ch, 1fr)', narrow: false },
] as const satisfies readonly GridColumn[];
/**
 * Rows made anew per frame (webview/virtualList.ts): a screenful of new session rows comes in a few
 * frames rather than as one long frame (measured in the real webview: see bench/README.md).
 */
const NEW_ROWS_PER_FRAME = 12;
export type ConnectionSortKey = (typeof COLUMNS)[number]['key'];

interface ConnectionRow {
  connection: TraceConnection;
  figures: ConnectionFigures | undefined;
  status: 'active' | 'ended';
  duration: number;
}

type Item =
  | { kind: 'connection'; row: ConnectionRow }
  | { kind: 'event'; event: EventSummary; connectionId: string; axis: TimeAxis }
  | { kind: 'summary'; row: ConnectionRow; shown: number };

export class ConnectionsView {
  readonly element: HTMLElement;
  readonly expanded = new Set<string>();
  sort: SortState<ConnectionSortKey> = { key: 'started', descending: true };
  private items: Item[] = [];
  private readonly list: VirtualList;
  private readonly keyboard: GridKeyboard;
  private readonly header: SortableHeader<ConnectionSortKey>;
  private readonly grid: HTMLElement;
  readonly columns = new ColumnChooser('.connections', 'connection-columns', COLUMNS, 'the Sessions tab');
  /** Where the shown ids start to differ (a narrow panel shows them from there). */
  private idStart = 0;

  constructor(private readonly context: ViewContext) {
    this.header = new SortableHeader(COLUMNS, 'connection-columns', () => this.sort, (sort) => {
      this.sort = sort;
      this.reset();
      context.stateChanged();
    });
    const body = h('div', { class: 'grid-body', role: 'rowgroup' });
    this.grid = h('div', { class: 'grid', role: 'grid', 'aria-label': 'Sessions' }, h('div', { role: 'rowgroup' }, this.header.element), body);
    this.header.element.firstElementChild?.prepend(this.columns.button);
    this.element = h('section', { class: 'view connections', 'aria-label': 'Sessions' }, this.grid, this.columns.menu);
    this.list = new VirtualList(body, {
      count: () => this.items.length,
      key: (index) => itemKey(this.items[index]),
      signature: (index) => this.signature(index),
      tallIndexes: () => [],
      estimate: () => ROW_HEIGHT,
      render: (index) => this.renderItem(index),
      update: (element, index) => this.updateItem(element, index),
    }, ROW_HEIGHT, { newRowsPerFrame: NEW_ROWS_PER_FRAME });
    this.keyboard = new GridKeyboard(this.list, {
      count: () => this.items.length,
      isExpandable: (index) => this.items[index]?.kind === 'connection',
      isExpanded: (index) => {
        const item = this.items[index];
        return item?.kind === 'connection' && this.expanded.has(item.row.connection.id);
      },
      toggle: (index) => {
        const item = this.items[index];
        if (item?.kind === 'connection') this.toggle(item.row.connection.id);
      },
      activate: (index) => {
        const item = this.items[index];
        if (item?.kind === 'event') context.openEvent(item.event.id);
      },
    });
    body.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('[role="row"][data-index]');
      if (!row) return;
      const item = this.items[Number(row.dataset.index)];
      if (item?.kind === 'connection') this.toggle(item.row.connection.id);
      else if (item?.kind === 'event') context.openEvent(item.event.id);
    });
  }

  setSort(sort: SortState<ConnectionSortKey>): void {
    this.sort = sort;
    this.header.update();
  }

  get scrollTop(): number {
    return this.list.scrollElement.scrollTop;
  }

  set scrollTop(value: number) {
    this.list.scrollTo(value);
  }

  /** Rebuilds rows from the store and the filter. */
  reset(): void {
    if (this.waitsForFilter()) return;
    this.items = this.buildItems();
    writeAttribute(this.grid, 'aria-rowcount', String(this.items.length + 1));
    this.list.reset();
  }

  /** Same rows, new figures (live updates): rebuild cheaply and redraw only what changed. */
  refresh(): void {
    if (this.waitsForFilter()) return;
    this.items = this.buildItems();
    writeAttribute(this.grid, 'aria-rowcount', String(this.items.length + 1));
    this.list.refresh();
  }

  /**
   * Which sessions show depends on all the matches: while a filter is still being applied (in slices,
   * see App.applyFilterInPieces) the rows drawn stay, marked as updating, and the app draws them anew
   * once it is through (a part of the matches would leave out sessions whose matches are older).
   */
  private waitsForFilter(): boolean {
    const waiting = this.context.filtered.filtering;
    showUpdating(this.element, this.grid, waiting);
    return waiting;
  }

  toggle(connectionId: string): void {
    if (this.expanded.has(connectionId)) this.expanded.delete(connectionId);
    else this.expanded.add(connectionId);
    this.refresh();
    this.context.stateChanged();
  }

  /** Expands a connection and brings its row into view with focus (from an event's connection link). */
  reveal(connectionId: string): void {
    this.expanded.add(connectionId);
    this.refresh();
    const index = this.items.findIndex((item) => item.kind === 'connection' && item.row.connection.id === connectionId);
    if (index >= 0) {
      this.list.scrollToIndex(index, 'start');
      this.keyboard.setActive(index, true);
    }
    this.context.stateChanged();
  }

  /** Rows as shown, for describe(). */
  rows(): ConnectionRow[] {
    return this.items.flatMap((item) => (item.kind === 'connection' ? [item.row] : []));
  }

  private buildItems(): Item[] {
    const { store, filtered } = this.context;
    const now = this.context.now();
    const filterActive = filtered.size !== store.size;
    const rows: ConnectionRow[] = [];
    for (const connection of store.connections.values()) {
      if (filterActive && !filtered.hasConnection(connection.id)) continue;
      const figures = store.connectionStats.get(connection.id);
      const status = displayedConnectionStatus(connection, figures, now);
      const connectionStatusFilter = this.connectionStatusFilter();
      if (connectionStatusFilter !== 'all' && connectionStatusFilter !== status) continue;
      const end = connection.endedAt ?? (connection.status === 'active' ? now : Math.max(connection.lastActivityAt, figures?.lastEventAt ?? 0));
      rows.push({ connection, figures, status, duration: Math.max(0, end - connection.startedAt) });
    }
    rows.sort(compareRows(this.sort));
    this.idStart = distinguishingStart(rows.map((row) => row.connection.id));
    const items: Item[] = [];
    for (const row of rows) {
      items.push({ kind: 'connection', row });
      if (!this.expanded.has(row.connection.id)) continue;
      const timeline = filtered.connectionEvents(row.connection.id);
      // one axis per connection: its whole life, so the bars of its calls line up across rows
      // (an active one's runs to its latest call, not to the clock, so the calls keep their width)
      const lifetime = row.connection.endedAt !== undefined ? row.connection.endedAt - row.connection.startedAt : 0;
      const axis = timeAxis([{ start: row.connection.startedAt, durationMs: lifetime }, ...timeline.map(callTimes)]);
      for (const event of timeline) items.push({ kind: 'event', event, connectionId: row.connection.id, axis });
      items.push({ kind: 'summary', row, shown: timeline.length });
    }
    return items;
  }

  /** Set by the app from the filter bar (Sessions tab only). */
  connectionStatusFilter: () => 'all' | 'active' | 'ended' = () => 'all';

  private signature(index: number): string {
    const item = this.items[index];
    if (!item) return '';
    if (item.kind === 'event') return `e${index}:${item.axis.lengthMs}`;
    const { row } = item;
    return `${item.kind}${index}${this.idStart}${row.status}${row.figures?.calls}${row.figures?.errors}${Math.floor(row.duration / 1000)}${row.connection.clientName}${this.expanded.has(row.connection.id)}`;
  }

  private renderItem(index: number): HTMLElement {
    const item = this.items[index];
    if (!item) return h('div');
    if (item.kind === 'event') return timelineRow(item.event, index, item.axis);
    if (item.kind === 'summary') return summaryRow(item.row, item.shown, index);
    const row = new SessionRow();
    this.updateItem(row.element, index);
    return row.element;
  }

  /** Rewrites a drawn session row as the row at `index` (false for the timeline's rows: they are drawn anew). */
  private updateItem(element: HTMLElement, index: number): boolean {
    const item = this.items[index];
    const row = SessionRow.of(element);
    if (item?.kind !== 'connection' || !row) return false;
    row.write(sessionRowValues(item.row, this.expanded.has(item.row.connection.id), this.idStart));
    return true;
  }
}

/** What the row of a session shows (webview/sessionCells.ts compares them to what its row shows already). */
function sessionRowValues(row: ConnectionRow, expanded: boolean, idStart: number): SessionRowValues {
  const { connection, figures } = row;
  return {
    id: connection.id, idStart, expanded, client: clientLabel(connection), startedAt: connection.startedAt, duration: formatDuration(row.duration),
    calls: figures?.calls ?? 0, errors: figures?.errors ?? 0, status: row.status, tools: figures?.tools, toolCount: figures?.tools.size ?? 0, source: connection.source,
  };
}

function callTimes(event: EventSummary): { start: number; durationMs: number } {
  return { start: event.timestamp, durationMs: event.latencyMs ?? 0 };
}

function timelineRow(event: EventSummary, index: number, axis: TimeAxis): HTMLElement {
  const bar = barOf(callTimes(event), axis);
  return h('div', {
    class: `grid-row timeline-row${event.status !== 'ok' ? ` row-${event.status}` : ''}`, role: 'row', tabindex: -1,
    'aria-rowindex': index + 2, 'data-timeline-event-id': event.id, title: 'Open in the Event Log',
  },
  h('div', { role: 'gridcell', class: `timeline-cell${event.tool ? ' has-tool' : ''}` },
    h('span', { class: 'mono' }, formatClock(event.timestamp)),
    methodLabel(event.method, 'tl-method'),
    h('span', { class: 'tl-tool' }, event.tool ?? ''),
    h('span', { class: 'num' }, event.latencyMs !== undefined ? formatMs(event.latencyMs) : ''),
    event.kind === 'request' ? statusBadge(event.status) : h('span'),
    h('span', { class: 'error-text' }, event.error ?? ''),
    h('span', { class: 'wf-track tl-track', 'aria-hidden': 'true', title: `+${formatMs(bar.offsetMs)} into the connection, ${formatMs(bar.durationMs)}` },
      h('span', {
        class: `wf-bar wf-${event.status === 'ok' ? 'ok' : 'error'}${bar.durationMs === 0 ? ' is-instant' : ''}`,
        style: `left:${bar.leftPercent}%;width:${bar.widthPercent}%`, 'data-offset-ms': bar.offsetMs, 'data-duration-ms': bar.durationMs,
      }))));
}

function summaryRow(row: ConnectionRow, shown: number, index: number): HTMLElement {
  const calls = row.figures?.calls ?? 0;
  const errors = row.figures?.errors ?? 0;
  return h('div', { class: 'grid-row summary-row', role: 'row', tabindex: -1, 'aria-rowindex': index + 2 },
    h('div', { role: 'gridcell', class: 'timeline-cell' },
      h('strong', {}, 'Summary'),
      h('span', {}, `${calls} ${calls === 1 ? 'call' : 'calls'}`),
      h('span', { class: errors > 0 ? 'has-errors' : '' }, `${errors} ${errors === 1 ? 'error' : 'errors'}`),
      // a narrow panel says the same in fewer words, rather than cutting the last ones off
      h('span', {}, h('span', { class: 'label-full' }, 'error rate '), h('span', { class: 'label-short' }, 'rate '), formatPercent(calls === 0 ? 0 : errors / calls)),
      h('span', { class: 'muted' }, `${shown} `, h('span', { class: 'label-full' }, `${shown === 1 ? 'event' : 'events'} shown`), h('span', { class: 'label-short' }, 'shown'))));
}

function itemKey(item: Item | undefined): string {
  if (!item) return 'none';
  if (item.kind === 'connection') return `s:${item.row.connection.id}`;
  if (item.kind === 'summary') return `m:${item.row.connection.id}`;
  return `e:${item.event.id}`;
}

function compareRows(sort: SortState<ConnectionSortKey>): (a: ConnectionRow, b: ConnectionRow) => number {
  const value = (row: ConnectionRow): string | number => {
    switch (sort.key) {
      case 'id': return row.connection.id;
      case 'client': return clientLabel(row.connection).toLowerCase();
      case 'started': return row.connection.startedAt;
      case 'duration': return row.duration;
      case 'calls': return row.figures?.calls ?? 0;
      case 'errors': return row.figures?.errors ?? 0;
      case 'status': return row.status;
      case 'tools': return row.figures?.tools.size ?? 0;
      case 'source': return row.connection.source;
    }
  };
  const direction = sort.descending ? -1 : 1;
  return (a, b) => {
    const left = value(a);
    const right = value(b);
    const order = left < right ? -1 : left > right ? 1 : a.connection.startedAt - b.connection.startedAt;
    return order * direction;
  };
}

