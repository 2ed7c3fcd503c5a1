// The Tools tab: every tool seen in tools/list answers or calls, with its figures.
import type { ToolRow } from '../src/shared/traceStats';
import { dateTimeText } from './dateTimeText';
import { ColumnChooser } from './columnChooser';
import { h } from './dom';
import type { GridColumn } from './gridColumns';
import { formatMs, formatPercent } from './format';
import { SortableHeader, type SortState } from './sortableHeader';
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
    this.element = h('section', { class: 'view tools', 'aria-label': 'Tools' },
      h('div', { class: 'grid', role: 'grid', 'aria-label': 'Tools' }, h('div', { role: 'rowgroup' }, this.header.element), this.body), this.columns.menu);
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
    const filterActive = filtered.size !== store.size;
    let rows = store.toolStats.rows((connectionId) => store.clientOf(connectionId));
    if (filterActive) {
      // a filtered view lists the tools its events mention
      const mentioned = new Set<string>();
      for (let index = 0; index < filtered.size; index++) {
        const tool = filtered.at(index)?.tool;
        if (tool) mentioned.add(tool);
      }
      rows = rows.filter((row) => mentioned.has(row.name));
    }
    rows.sort(compareTools(this.sort));
    this.shownRows = rows;
    this.body.replaceChildren(...(rows.length === 0
      ? [h('div', { class: 'empty', role: 'row' }, h('div', { role: 'gridcell' }, 'No tools seen yet: they appear with the first tools/list answer or tools/call.'))]
      : rows.map((row, index) => toolRow(row, index))));
  }
}

function toolRow(row: ToolRow, index: number): HTMLElement {
  const neverCalled = row.calls === 0;
  return h('div', {
    class: `grid-row tool-columns${neverCalled ? ' never-called' : ''}`, role: 'row', tabindex: index === 0 ? 0 : -1,
    'aria-rowindex': index + 2, 'data-tool': row.name, title: `Show the calls of ${row.name} in the Event Log`,
  },
    h('div', { role: 'gridcell', class: 'col col-name mono' }, row.name),
    h('div', { role: 'gridcell', class: 'col col-calls num' }, String(row.calls)),
    h('div', { role: 'gridcell', class: `col col-errors num${row.errors > 0 ? ' has-errors' : ''}` }, String(row.errors)),
    h('div', { role: 'gridcell', class: 'col col-errorRate num' }, row.calls === 0 ? '—' : formatPercent(row.errorRate)),
    h('div', { role: 'gridcell', class: 'col col-p50 num' }, formatMs(row.p50)),
    h('div', { role: 'gridcell', class: 'col col-p95 num' }, formatMs(row.p95)),
    h('div', { role: 'gridcell', class: 'col col-lastListedAt mono' }, row.lastListedAt ? dateTimeText(row.lastListedAt) : 'never listed'),
    h('div', { role: 'gridcell', class: 'col col-discoveredBy', title: row.discoveredBy.join(', ') }, row.discoveredBy.join(', ') || '—'),
    h('div', { role: 'gridcell', class: 'col col-calledBy', title: row.calledBy.join(', ') }, row.calledBy.join(', ') || (neverCalled ? 'not called yet' : '—')));
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
