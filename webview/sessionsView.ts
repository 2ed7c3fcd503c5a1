// The Sessions tab: one row per MCP session, sortable, each expandable into its timeline.
import type { EventSummary } from '../src/shared/eventSummary';
import type { TraceSession } from '../src/shared/trace';
import { clientLabel } from '../src/shared/traceFilter';
import { displayedSessionStatus, type SessionFigures } from '../src/shared/traceStats';
import { h, icon } from './dom';
import { formatClock, formatDateTime, formatDuration, formatMs, formatPercent } from './format';
import { GridKeyboard } from './gridKeyboard';
import { SortableHeader, type SortState } from './sortableHeader';
import { statusBadge } from './statusBadge';
import { ROW_HEIGHT, type ViewContext } from './viewContext';
import { VirtualList } from './virtualList';

const COLUMNS = [
  ['id', 'Session'], ['client', 'Client'], ['started', 'Started'], ['duration', 'Duration'], ['calls', 'Calls'],
  ['errors', 'Errors'], ['status', 'Status'], ['tools', 'Tools'], ['source', 'Source'],
] as const;
export type SessionSortKey = (typeof COLUMNS)[number][0];

interface SessionRow {
  session: TraceSession;
  figures: SessionFigures | undefined;
  status: 'active' | 'ended';
  duration: number;
}

type Item =
  | { kind: 'session'; row: SessionRow }
  | { kind: 'event'; event: EventSummary; sessionId: string }
  | { kind: 'summary'; row: SessionRow; shown: number };

export class SessionsView {
  readonly element: HTMLElement;
  readonly expanded = new Set<string>();
  sort: SortState<SessionSortKey> = { key: 'started', descending: true };
  private items: Item[] = [];
  private readonly list: VirtualList;
  private readonly keyboard: GridKeyboard;
  private readonly header: SortableHeader<SessionSortKey>;
  private readonly grid: HTMLElement;

  constructor(private readonly context: ViewContext) {
    this.header = new SortableHeader(COLUMNS, 'session-columns', () => this.sort, (sort) => {
      this.sort = sort;
      this.reset();
      context.stateChanged();
    });
    const body = h('div', { class: 'grid-body', role: 'rowgroup' });
    this.grid = h('div', { class: 'grid', role: 'grid', 'aria-label': 'Sessions' }, h('div', { role: 'rowgroup' }, this.header.element), body);
    this.element = h('section', { class: 'view sessions', 'aria-label': 'Sessions' }, this.grid);
    this.list = new VirtualList(body, {
      count: () => this.items.length,
      key: (index) => itemKey(this.items[index]),
      signature: (index) => this.signature(index),
      tallIndexes: () => [],
      estimate: () => ROW_HEIGHT,
      render: (index) => this.renderItem(index),
    }, ROW_HEIGHT);
    this.keyboard = new GridKeyboard(this.list, {
      count: () => this.items.length,
      isExpandable: (index) => this.items[index]?.kind === 'session',
      isExpanded: (index) => {
        const item = this.items[index];
        return item?.kind === 'session' && this.expanded.has(item.row.session.id);
      },
      toggle: (index) => {
        const item = this.items[index];
        if (item?.kind === 'session') this.toggle(item.row.session.id);
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
      if (item?.kind === 'session') this.toggle(item.row.session.id);
      else if (item?.kind === 'event') context.openEvent(item.event.id);
    });
  }

  setSort(sort: SortState<SessionSortKey>): void {
    this.sort = sort;
    this.header.update();
  }

  get scrollTop(): number {
    return this.list.scrollElement.scrollTop;
  }

  set scrollTop(value: number) {
    this.list.scrollElement.scrollTop = value;
  }

  /** Rebuilds rows from the store and the filter. */
  reset(): void {
    this.items = this.buildItems();
    this.grid.setAttribute('aria-rowcount', String(this.items.length + 1));
    this.list.reset();
  }

  /** Same rows, new figures (live updates): rebuild cheaply and redraw only what changed. */
  refresh(): void {
    this.items = this.buildItems();
    this.grid.setAttribute('aria-rowcount', String(this.items.length + 1));
    this.list.refresh();
  }

  toggle(sessionId: string): void {
    if (this.expanded.has(sessionId)) this.expanded.delete(sessionId);
    else this.expanded.add(sessionId);
    this.refresh();
    this.context.stateChanged();
  }

  /** Expands a session and brings its row into view with focus (from an event's session link). */
  reveal(sessionId: string): void {
    this.expanded.add(sessionId);
    this.refresh();
    const index = this.items.findIndex((item) => item.kind === 'session' && item.row.session.id === sessionId);
    if (index >= 0) {
      this.list.scrollToIndex(index, 'start');
      this.keyboard.setActive(index, true);
    }
    this.context.stateChanged();
  }

  /** Rows as shown, for describe(). */
  rows(): SessionRow[] {
    return this.items.flatMap((item) => (item.kind === 'session' ? [item.row] : []));
  }

  private buildItems(): Item[] {
    const { store, filtered } = this.context;
    const now = this.context.now();
    const filterActive = filtered.size !== store.size;
    const rows: SessionRow[] = [];
    for (const session of store.sessions.values()) {
      if (filterActive && !filtered.hasSession(session.id)) continue;
      const figures = store.sessionStats.get(session.id);
      const status = displayedSessionStatus(session, figures, now);
      const sessionStatusFilter = this.sessionStatusFilter();
      if (sessionStatusFilter !== 'all' && sessionStatusFilter !== status) continue;
      const end = session.endedAt ?? (session.status === 'active' ? now : Math.max(session.lastActivityAt, figures?.lastEventAt ?? 0));
      rows.push({ session, figures, status, duration: Math.max(0, end - session.startedAt) });
    }
    rows.sort(compareRows(this.sort));
    const items: Item[] = [];
    for (const row of rows) {
      items.push({ kind: 'session', row });
      if (!this.expanded.has(row.session.id)) continue;
      const timeline = filtered.sessionEvents(row.session.id);
      for (const event of timeline) items.push({ kind: 'event', event, sessionId: row.session.id });
      items.push({ kind: 'summary', row, shown: timeline.length });
    }
    return items;
  }

  /** Set by the app from the filter bar (Sessions tab only). */
  sessionStatusFilter: () => 'all' | 'active' | 'ended' = () => 'all';

  private signature(index: number): string {
    const item = this.items[index];
    if (!item) return '';
    if (item.kind === 'event') return `e${index}`;
    const { row } = item;
    return `${item.kind}${index}${row.status}${row.figures?.calls}${row.figures?.errors}${Math.floor(row.duration / 1000)}${row.session.clientName}${this.expanded.has(row.session.id)}`;
  }

  private renderItem(index: number): HTMLElement {
    const item = this.items[index];
    if (!item) return h('div');
    if (item.kind === 'event') return timelineRow(item.event, index);
    if (item.kind === 'summary') return summaryRow(item.row, item.shown, index);
    const { session, figures, status, duration } = item.row;
    const expanded = this.expanded.has(session.id);
    const errors = figures?.errors ?? 0;
    const tools = [...(figures?.tools ?? [])].sort().join(', ');
    return h('div', {
      class: `grid-row session-columns${expanded ? ' is-expanded' : ''}`, role: 'row', tabindex: -1,
      'aria-expanded': String(expanded), 'aria-rowindex': index + 2, 'data-session-id': session.id,
    },
    h('div', { role: 'gridcell', class: 'col col-id mono', title: session.id }, icon(expanded ? 'chevron-down' : 'chevron-right'), session.id),
    h('div', { role: 'gridcell', class: 'col col-client', title: clientLabel(session) }, clientLabel(session)),
    h('div', { role: 'gridcell', class: 'col col-started mono' }, formatDateTime(session.startedAt)),
    h('div', { role: 'gridcell', class: 'col col-duration num' }, formatDuration(duration)),
    h('div', { role: 'gridcell', class: 'col col-calls num' }, String(figures?.calls ?? 0)),
    h('div', { role: 'gridcell', class: `col col-errors num${errors > 0 ? ' has-errors' : ''}` }, String(errors)),
    h('div', { role: 'gridcell', class: 'col col-status' }, h('span', { class: `session-status session-${status}` }, h('span', { class: 'dot' }), status === 'active' ? 'Active' : 'Ended')),
    h('div', { role: 'gridcell', class: 'col col-tools', title: tools }, tools || '—'),
    h('div', { role: 'gridcell', class: 'col col-source' }, sourceLabel(session.source)));
  }
}

function timelineRow(event: EventSummary, index: number): HTMLElement {
  return h('div', {
    class: `grid-row timeline-row${event.status !== 'ok' ? ` row-${event.status}` : ''}`, role: 'row', tabindex: -1,
    'aria-rowindex': index + 2, 'data-timeline-event-id': event.id, title: 'Open in the Event Log',
  },
  h('div', { role: 'gridcell', class: 'timeline-cell' },
    h('span', { class: 'mono' }, formatClock(event.timestamp)),
    h('span', { class: 'tl-method' }, event.method),
    h('span', { class: 'tl-tool' }, event.tool ?? ''),
    h('span', { class: 'num' }, event.latencyMs !== undefined ? formatMs(event.latencyMs) : ''),
    event.kind === 'request' ? statusBadge(event.status) : h('span'),
    h('span', { class: 'error-text' }, event.error ?? '')));
}

function summaryRow(row: SessionRow, shown: number, index: number): HTMLElement {
  const calls = row.figures?.calls ?? 0;
  const errors = row.figures?.errors ?? 0;
  return h('div', { class: 'grid-row summary-row', role: 'row', tabindex: -1, 'aria-rowindex': index + 2 },
    h('div', { role: 'gridcell', class: 'timeline-cell' },
      h('strong', {}, 'Summary'),
      h('span', {}, `${calls} calls`),
      h('span', { class: errors > 0 ? 'has-errors' : '' }, `${errors} errors`),
      h('span', {}, `error rate ${formatPercent(calls === 0 ? 0 : errors / calls)}`),
      h('span', { class: 'muted' }, `${shown} events shown`)));
}

export function sourceLabel(source: TraceSession['source']): string {
  if (source === 'debugger') return 'debugger';
  if (source === 'debug-endpoint') return 'debug endpoint';
  if (source === 'language-model-tools') return 'language model tools';
  return `proxy (${source.slice('proxy:'.length)})`;
}

function itemKey(item: Item | undefined): string {
  if (!item) return 'none';
  if (item.kind === 'session') return `s:${item.row.session.id}`;
  if (item.kind === 'summary') return `m:${item.row.session.id}`;
  return `e:${item.event.id}`;
}

function compareRows(sort: SortState<SessionSortKey>): (a: SessionRow, b: SessionRow) => number {
  const value = (row: SessionRow): string | number => {
    switch (sort.key) {
      case 'id': return row.session.id;
      case 'client': return clientLabel(row.session).toLowerCase();
      case 'started': return row.session.startedAt;
      case 'duration': return row.duration;
      case 'calls': return row.figures?.calls ?? 0;
      case 'errors': return row.figures?.errors ?? 0;
      case 'status': return row.status;
      case 'tools': return row.figures?.tools.size ?? 0;
      case 'source': return row.session.source;
    }
  };
  const direction = sort.descending ? -1 : 1;
  return (a, b) => {
    const left = value(a);
    const right = value(b);
    const order = left < right ? -1 : left > right ? 1 : a.session.startedAt - b.session.startedAt;
    return order * direction;
  };
}

