// A drawn Sessions row: its cells, and the values last written into them (webview/sessionCells.ts),
// so a redraw writes only the cells whose values changed and reads nothing back from the page. While
// a snapshot arrives, each session in view gets new counts on every batch: reading every cell's
// text, class and attributes back to compare them was half of each Sessions draw's script.
import type { TraceConnection } from '../src/shared/trace';
import { dateTimeParts } from './dateTimeText';
import { h, icon } from './dom';
import { formatDateTime } from './format';
import { changedSessionCells, type SessionCell, type SessionRowValues } from './sessionCells';

const rows = new WeakMap<HTMLElement, SessionRow>();

/**
 * The row's elements, built once and cloned for each new row: the first Sessions draw makes a
 * screenful of rows in one frame, and one deep clone is a fraction of the script of building each
 * row's ~40 nodes one by one (the empty texts are nodes too, so a clone has them to write into).
 */
let template: HTMLElement | undefined;

function rowTemplate(): HTMLElement {
  template ??= h('div', { class: 'grid-row connection-columns', role: 'row', tabindex: -1, 'data-kind': 'connection' },
    h('div', { role: 'gridcell', class: 'col col-id mono' }, icon('chevron-right'),
      h('span', { class: 'id-text' }, h('span', { class: 'id-shared' }, new Text()), h('span', { class: 'id-own' }, new Text()))),
    h('div', { role: 'gridcell', class: 'col col-client' }, new Text()),
    // (as webview/dateTimeText.ts draws a date and time: the day, which a narrow panel leaves out, then the time)
    h('div', { role: 'gridcell', class: 'col col-started mono' }, h('span', { class: 'date-time' }, h('span', { class: 'date-day' }, new Text()), h('span', {}, new Text()))),
    textCell('col col-duration num'), textCell('col col-calls num'), textCell('col col-errors num'),
    h('div', { role: 'gridcell', class: 'col col-status' }, h('span', { class: 'status-pill' }, h('span', { class: 'dot' }), h('span', { class: 'status-word' }, new Text()))),
    h('div', { role: 'gridcell', class: 'col col-tools' }, h('span', { class: 'tool-list' })),
    h('div', { role: 'gridcell', class: 'col col-source' }, new Text()));
  return template;
}

/** The text node of a template's element that holds one (its first child). */
function textIn(element: Element): Text {
  return element.firstChild as Text;
}

export class SessionRow {
  readonly element: HTMLElement;
  private readonly chevron: HTMLElement;
  private readonly idCell: HTMLElement;
  private readonly idShared: Text;
  private readonly idOwn: Text;
  private readonly clientCell: HTMLElement;
  private readonly client: Text;
  private readonly startedCell: HTMLElement;
  private readonly startedDay: Text;
  private readonly startedTime: Text;
  private readonly duration: Text;
  private readonly calls: Text;
  private readonly errorsCell: HTMLElement;
  private readonly errors: Text;
  private readonly pill: HTMLElement;
  private readonly statusWord: Text;
  private readonly toolsCell: HTMLElement;
  private readonly toolList: HTMLElement;
  private readonly source: Text;
  private written: SessionRowValues | undefined;

  /** The row drawn in `element`, if it is a session row. */
  static of(element: HTMLElement): SessionRow | undefined {
    return rows.get(element);
  }

  constructor() {
    this.element = rowTemplate().cloneNode(true) as HTMLElement;
    const [idCell, clientCell, startedCell, durationCell, callsCell, errorsCell, statusCell, toolsCell, sourceCell] = [...this.element.children] as HTMLElement[];
    this.idCell = idCell;
    this.chevron = idCell.firstElementChild as HTMLElement;
    const idText = idCell.lastElementChild as HTMLElement;
    this.idShared = textIn(idText.firstElementChild as HTMLElement);
    this.idOwn = textIn(idText.lastElementChild as HTMLElement);
    this.clientCell = clientCell;
    this.client = textIn(clientCell);
    this.startedCell = startedCell;
    const dateTime = startedCell.firstElementChild as HTMLElement;
    this.startedDay = textIn(dateTime.firstElementChild as HTMLElement);
    this.startedTime = textIn(dateTime.lastElementChild as HTMLElement);
    this.duration = textIn(durationCell.firstElementChild as HTMLElement);
    this.calls = textIn(callsCell.firstElementChild as HTMLElement);
    this.errorsCell = errorsCell;
    this.errors = textIn(errorsCell.firstElementChild as HTMLElement);
    this.pill = statusCell.firstElementChild as HTMLElement;
    this.statusWord = textIn(this.pill.lastElementChild as HTMLElement);
    this.toolsCell = toolsCell;
    this.toolList = toolsCell.firstElementChild as HTMLElement;
    this.source = textIn(sourceCell);
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
      case 'started': {
        const text = formatDateTime(values.startedAt);
        this.startedCell.title = text;
        const [day, time] = dateTimeParts(text);
        this.startedDay.data = day;
        this.startedTime.data = time;
        return;
      }
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
function textCell(className: string): HTMLElement {
  return h('div', { role: 'gridcell', class: `${className} text-cell` }, h('span', { class: 'cell-text' }, new Text()));
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
