// A drawn Sessions row: its cells, and the values last written into them (webview/sessionCells.ts),
// so a redraw writes only the cells whose values changed and reads nothing back from the page. While
// a snapshot arrives, each session in view gets new counts on every batch: reading every cell's
// text, class and attributes back to compare them was half of each Sessions draw's script.
import type { TraceConnection } from '../src/shared/trace';
import { dateTimeText } from './dateTimeText';
import { h, icon } from './dom';
import { formatDateTime } from './format';
import { changedSessionCells, type SessionCell, type SessionRowValues } from './sessionCells';

const rows = new WeakMap<HTMLElement, SessionRow>();

export class SessionRow {
  readonly element: HTMLElement;
  private readonly chevron = icon('chevron-right');
  private readonly idCell: HTMLElement;
  private readonly idShared = new Text();
  private readonly idOwn = new Text();
  private readonly clientCell = h('div', { role: 'gridcell', class: 'col col-client' });
  private readonly client = new Text();
  private readonly startedCell = h('div', { role: 'gridcell', class: 'col col-started mono' });
  private readonly duration = new Text();
  private readonly calls = new Text();
  private readonly errorsCell: HTMLElement;
  private readonly errors = new Text();
  private readonly pill = h('span', { class: 'status-pill' });
  private readonly statusWord = new Text();
  private readonly toolsCell = h('div', { role: 'gridcell', class: 'col col-tools' });
  private readonly toolList = h('span', { class: 'tool-list' });
  private readonly source = new Text();
  private written: SessionRowValues | undefined;

  /** The row drawn in `element`, if it is a session row. */
  static of(element: HTMLElement): SessionRow | undefined {
    return rows.get(element);
  }

  constructor() {
    this.idCell = h('div', { role: 'gridcell', class: 'col col-id mono' }, this.chevron,
      h('span', { class: 'id-text' }, h('span', { class: 'id-shared' }, this.idShared), h('span', { class: 'id-own' }, this.idOwn)));
    this.clientCell.append(this.client);
    this.errorsCell = textCell('col col-errors num', this.errors);
    this.pill.append(h('span', { class: 'dot' }), h('span', { class: 'status-word' }, this.statusWord));
    this.toolsCell.append(this.toolList);
    this.element = h('div', { class: 'grid-row connection-columns', role: 'row', tabindex: -1, 'data-kind': 'connection' },
      this.idCell, this.clientCell, this.startedCell, textCell('col col-duration num', this.duration), textCell('col col-calls num', this.calls),
      this.errorsCell, h('div', { role: 'gridcell', class: 'col col-status' }, this.pill), this.toolsCell,
      h('div', { role: 'gridcell', class: 'col col-source' }, this.source));
    rows.set(this.element, this);
  }

  /** Shows `values`, writing only the cells whose values differ from the ones shown. */
  write(values: SessionRowValues): void {
    for (const cell of changedSessionCells(this.written, values)) this.writeCell(cell, values);
    this.written = values;
  }

  private writeCell(cell: SessionCell, values: SessionRowValues): void {
    switch (cell) {
      case 'row':
        this.element.className = `grid-row connection-columns vl-item${values.expanded ? ' is-expanded' : ''}`;
        this.element.setAttribute('aria-expanded', String(values.expanded));
        this.element.dataset.connectionId = values.id;
        return;
      case 'id':
        this.idCell.title = values.id;
        this.chevron.className = `codicon codicon-${values.expanded ? 'chevron-down' : 'chevron-right'}`;
        this.idShared.data = values.id.slice(0, values.idStart);
        this.idOwn.data = values.id.slice(values.idStart);
        return;
      case 'client':
        this.clientCell.title = values.client;
        this.client.data = values.client;
        return;
      case 'started':
        this.startedCell.title = formatDateTime(values.startedAt);
        this.startedCell.replaceChildren(dateTimeText(values.startedAt));
        return;
      case 'duration':
        this.duration.data = values.duration;
        return;
      case 'calls':
        this.calls.data = String(values.calls);
        return;
      case 'errors':
        // (marked once there are any: a class written again, even an equal one, is a change of the cell)
        if (!this.written || (this.written.errors > 0) !== (values.errors > 0)) this.errorsCell.className = `col col-errors num text-cell${values.errors > 0 ? ' has-errors' : ''}`;
        this.errors.data = String(values.errors);
        return;
      case 'status': {
        const word = values.status === 'active' ? 'Active' : 'Ended';
        this.pill.className = `status-pill status-${values.status}`;
        this.pill.title = word;
        this.statusWord.data = word;
        return;
      }
      case 'tools': {
        const names = [...(values.tools ?? [])].sort();
        const tools = names.join(', ');
        this.toolsCell.dataset.tools = tools;
        this.toolsCell.title = tools;
        this.toolList.replaceChildren(...toolNames(names));
        return;
      }
      case 'source':
        this.source.data = sourceLabel(values.source);
        return;
    }
  }
}

/**
 * A cell whose text changes while events arrive (calls, errors, duration): the text is in a box of
 * the row's height (media/panel.css `.cell-text`), so writing it lays out that box, not its cell's
 * contents as a flex box in the row's grid (measured: a third less layout per row rewritten).
 */
function textCell(className: string, text: Text): HTMLElement {
  return h('div', { role: 'gridcell', class: `${className} text-cell` }, h('span', { class: 'cell-text' }, text));
}

/**
 * The tools as whole names: a narrow panel wraps the cell, so a name that does not fit moves out of
 * view instead of being cut (the shortest first, so the most names show); the title lists them all.
 */
function toolNames(names: readonly string[]): Array<HTMLElement | string> {
  if (names.length === 0) return ['—'];
  const byLength = [...names].sort((a, b) => a.length - b.length);
  return names.flatMap((name, index) => [
    h('span', { class: 'tool-name', style: `order:${byLength.indexOf(name)}` }, name),
    index < names.length - 1 ? h('span', { class: 'tool-separator' }, ', ') : '',
  ]).filter((part) => part !== '');
}

export function sourceLabel(source: TraceConnection['source']): string {
  if (source === 'debugger') return 'debugger';
  if (source === 'debug-endpoint') return 'debug endpoint';
  if (source === 'language-model-tools') return 'language model tools';
  return `proxy (${source.slice('proxy:'.length)})`;
}
