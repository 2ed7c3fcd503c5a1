// The Tools tab: every tool seen in tools/list answers or calls, with its figures.
import type { ToolRow } from '../src/shared/traceStats';
import { dateTimeText } from './dateTimeText';
import { ColumnChooser } from './columnChooser';
import { h, writeAttribute, writeClass, writeText } from './dom';
import type { GridColumn } from './gridColumns';
import { formatMs, formatPercent } from './format';
import { SortableHeader, type SortState } from './sortableHeader';
import { showUpdating } from './updatingGrid';
import type { ViewContext } from './viewContext';

/** Narrow: the tool's whole name, calls, errors and p95; the rest by the Columns menu. */
const COLUMNS = [
  { key: 'name', label: 'Tool', width: 'minmax(14ch, 1.5fr)', narrowWidth: 'minmax(12ch, 1fr)', narrow: true },
  { key: 'calls', label: 'Calls', width: '6ch', narrowWidth: '5ch', narrow: true },
  { key: 'errors', label: 'Errors', short: 'Err', width: '6ch', narrowWidth: '4ch', narrow: true },
  { key: 'errorRate', label: 'Error rate', width: '8ch', narrow: false },
  { key: 'p50', label: 'p50', width: '9ch', narrowWidth: '8ch', narrow: false },
  { key: 'p95', label: 'p95', width: '9ch', narrowWidth: '8ch', narrow: true },
  { key: 'lastListedAt', label: 'Last listed', width: '19ch', narrowWidth: '9ch', narrow: false },
  { key: 'discoveredBy', label: 'Discovered by', width: 'minmax(10ch, 1fr)', narrow: false },
  { key: 'calledBy', label: 'Called by', width: 'minmax(10ch, 1fr)', narrow: false },
] as const satisfies readonly GridColumn[];
export type ToolSortKey = (typeof COLUMNS)[number]['key'];

export class ToolsView {
  readonly element: HTMLElement;
  sort: SortState<ToolSortKey> = { key: 'calls', descending: true };
  private readonly body: HTMLElement;
  private readonly grid: HTMLElement;
  /** Drawn rows by tool name, rewritten in place (a live stream changes every tool's figures several times a second). */
  private readonly drawnRows = new Map<string, HTMLElement>();
  private readonly header: SortableHeader<ToolSortKey>;
  private shownRows: ToolRow[] = [];
  readonly columns = new ColumnChooser('.tools', 'tool-columns', COLUMNS, 'the Tools tab');

  constructor(private readonly context: ViewContext) {
    this.header = new SortableHeader(COLUMNS, 'tool-columns', () => this.sort, (sort) => {
      this.sort = sort;
      this.draw();
      context.stateChanged();
    });
    this.body = h('div', { class: 'grid-body static', role: 'rowgroup' });
    this.header.element.firstElementChild?.prepend(this.columns.button);
    this.grid = h('div', { class: 'grid', role: 'grid', 'aria-label': 'Tools' }, h('div', { role: 'rowgroup' }, this.header.element), this.body);
    this.element = h('section', { class: 'view tools', 'aria-label': 'Tools' }, this.grid, this.columns.menu);
    this.body.addEventListener('click', (event) => {
      const tool = (event.target as HTMLElement).closest<HTMLElement>('[data-tool]')?.dataset.tool;
      if (tool) context.showToolCalls(tool);
    });
    this.body.addEventListener('keydown', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('[role="row"]');
      if (!row) return;
      if (event.key === 'Enter' && row.dataset.tool) {
        context.showToolCalls(row.dataset.tool);
        event.preventDefault();
        return;
      }
      const next = event.key === 'ArrowDown' ? row.nextElementSibling : event.key === 'ArrowUp' ? row.previousElementSibling : null;
      if (next instanceof HTMLElement) {
        row.tabIndex = -1;
        next.tabIndex = 0;
        next.focus();
        event.preventDefault();
      }
    });
  }

  setSort(sort: SortState<ToolSortKey>): void {
    this.sort = sort;
    this.header.update();
  }

  get rows(): readonly ToolRow[] {
    return this.shownRows;
  }

  draw(): void {
    const { store, filtered } = this.context;
    // which tools show depends on all the matches: while a filter is still being applied (in slices,
    // see App.applyFilterInPieces) the rows stay, marked as updating, and the app draws them once through
    const waiting = filtered.filtering;
    showUpdating(this.element, this.grid, waiting);
    if (waiting) return;
    const filterActive = filtered.size !== store.size;
    let rows = store.toolStats.rows((connectionId) => store.clientOf(connectionId));
    // a filtered view lists the tools its events mention
    if (filterActive) rows = rows.filter((row) => filtered.mentionsTool(row.name));
    rows.sort(compareTools(this.sort));
    this.shownRows = rows;
    if (rows.length === 0) {
      this.drawnRows.clear();
      this.body.replaceChildren(h('div', { class: 'empty', role: 'row' }, h('div', { role: 'gridcell' }, 'No tools seen yet: they appear with the first tools/list answer or tools/call.')));
      return;
    }
    const shown = new Set(rows.map((row) => row.name));
    for (const name of [...this.drawnRows.keys()]) if (!shown.has(name)) this.drawnRows.delete(name);
    const elements = rows.map((row, index) => {
      let element = this.drawnRows.get(row.name);
      if (!element) {
        element = toolRowSkeleton(row.name);
        this.drawnRows.set(row.name, element);
      }
      writeToolRow(element, row, index);
      return element;
    });
    // the row the keyboard reached keeps its place in the tab order; a new list starts at its first row
    if (!elements.some((element) => element.tabIndex === 0)) elements[0].tabIndex = 0;
    const children = this.body.children;
    if (children.length !== elements.length || elements.some((element, index) => children[index] !== element)) this.body.replaceChildren(...elements);
  }
}

/** A tool's row, empty but for its name: `writeToolRow` fills it. */
function toolRowSkeleton(name: string): HTMLElement {
  return h('div', { class: 'grid-row tool-columns', role: 'row', tabindex: -1, 'data-tool': name, title: `Show the calls of ${name} in the Event Log` },
    h('div', { role: 'gridcell', class: 'col col-name mono' }, name),
    h('div', { role: 'gridcell', class: 'col col-calls num' }),
    h('div', { role: 'gridcell', class: 'col col-errors num' }),
    h('div', { role: 'gridcell', class: 'col col-errorRate num' }),
    h('div', { role: 'gridcell', class: 'col col-p50 num' }),
    h('div', { role: 'gridcell', class: 'col col-p95 num' }),
    h('div', { role: 'gridcell', class: 'col col-lastListedAt mono' }),
    h('div', { role: 'gridcell', class: 'col col-discoveredBy' }),
    h('div', { role: 'gridcell', class: 'col col-calledBy' }));
}

/**
 * Writes a tool's figures into its row, touching only what differs: drawn anew each time, the rows
 * were new elements (and their style and layout) at every draw of a live stream.
 */
function writeToolRow(element: HTMLElement, row: ToolRow, index: number): void {
  const neverCalled = row.calls === 0;
  writeClass(element, `grid-row tool-columns${neverCalled ? ' never-called' : ''}`);
  writeAttribute(element, 'aria-rowindex', String(index + 2));
  const [, calls, errors, errorRate, p50, p95, lastListed, discoveredBy, calledBy] = Array.from(element.children) as HTMLElement[];
  writeText(calls, String(row.calls));
  writeText(errors, String(row.errors));
  writeClass(errors, `col col-errors num${row.errors > 0 ? ' has-errors' : ''}`);
  writeText(errorRate, neverCalled ? '—' : formatPercent(row.errorRate));
  writeText(p50, formatMs(row.p50));
  writeText(p95, formatMs(row.p95));
  const listedAt = String(row.lastListedAt ?? '');
  if (lastListed.dataset.listedAt !== listedAt) {
    lastListed.dataset.listedAt = listedAt;
    lastListed.replaceChildren(row.lastListedAt ? dateTimeText(row.lastListedAt) : 'never listed');
  }
  const discovered = row.discoveredBy.join(', ');
  writeAttribute(discoveredBy, 'title', discovered);
  writeText(discoveredBy, discovered || '—');
  const called = row.calledBy.join(', ');
  writeAttribute(calledBy, 'title', called);
  writeText(calledBy, called || (neverCalled ? 'not called yet' : '—'));
}

function compareTools(sort: SortState<ToolSortKey>): (a: ToolRow, b: ToolRow) => number {
  const value = (row: ToolRow): string | number => {
    const field = row[sort.key];
    if (Array.isArray(field)) return field.length;
    return field ?? -1;
  };
  const direction = sort.descending ? -1 : 1;
  return (a, b) => {
    const left = value(a);
    const right = value(b);
    return (left < right ? -1 : left > right ? 1 : a.name.localeCompare(b.name)) * direction;
  };
}
