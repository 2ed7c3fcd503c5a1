// The filter bar: free text, tools, client, status, event type, time range (and, on the Sessions
// tab, active/ended). Built from @vscode-elements controls; emits a whole TraceFilter on change.
import type { EventStatus } from '../src/shared/trace';
import {
  EVENT_CATEGORIES, EVENT_CATEGORY_LABELS, TIME_RANGE_LABELS,
  type EventCategory, type ConnectionStatusFilter, type TimeRangePreset, type TraceFilter,
} from '../src/shared/traceFilter';
import { h, icon } from './dom';

interface ValueElement extends HTMLElement {
  value: string;
}
interface MultiValueElement extends HTMLElement {
  value: string[];
}

const STATUS_LABELS: Record<EventStatus, string> = { ok: 'OK', error: 'Error', denied: 'Denied', cancelled: 'Cancelled' };

export class FilterBar {
  readonly element: HTMLElement;
  private filter: TraceFilter;
  private readonly text: ValueElement;
  private readonly tools: MultiValueElement;
  private readonly client: ValueElement;
  private readonly statuses: MultiValueElement;
  private readonly categories: MultiValueElement;
  private readonly timeRange: ValueElement;
  private readonly connectionStatus: ValueElement;
  private readonly customRange: HTMLElement;
  private readonly from: HTMLInputElement;
  private readonly to: HTMLInputElement;
  private knownTools = '';
  private knownClients = '';
  private pendingOptions: { tools: readonly string[]; clients: readonly string[] } | undefined;
  /** Set while a menu rebuild waits for the frame (0 until its timer is started). */
  private optionsTimer: ReturnType<typeof setTimeout> | 0 | undefined;
  private readonly toggle: HTMLElement;

  constructor(initial: TraceFilter, private readonly onChange: (filter: TraceFilter) => void) {
    this.filter = structuredClone(initial);
    this.text = h('vscode-textfield', { id: 'filter-text', class: 'filter-text', placeholder: 'Search tool, method, session, error, upstream, client', 'aria-label': 'Search' }) as unknown as ValueElement;
    this.text.appendChild(h('span', { slot: 'content-before', class: 'codicon codicon-search', 'aria-hidden': 'true' }));
    this.text.value = initial.text;
    this.text.addEventListener('input', () => this.update({ text: this.text.value }));
    this.tools = h('vscode-multi-select', { id: 'filter-tools', 'aria-label': 'Tools', placeholder: 'All tools' }) as unknown as MultiValueElement;
    this.tools.addEventListener('change', () => this.update({ tools: [...this.tools.value] }));
    this.client = h('vscode-single-select', { id: 'filter-client', 'aria-label': 'Client' }) as unknown as ValueElement;
    this.client.addEventListener('change', () => this.update({ client: this.client.value }));
    this.statuses = multiSelect('filter-status', 'Status', Object.entries(STATUS_LABELS), initial.statuses);
    this.statuses.addEventListener('change', () => this.update({ statuses: this.statuses.value as EventStatus[] }));
    this.categories = multiSelect('filter-type', 'Event type', EVENT_CATEGORIES.map((category) => [category, EVENT_CATEGORY_LABELS[category]]), initial.categories);
    this.categories.addEventListener('change', () => this.update({ categories: this.categories.value as EventCategory[] }));
    this.timeRange = singleSelect('filter-time', 'Time range', Object.entries(TIME_RANGE_LABELS), initial.timeRange);
    this.timeRange.addEventListener('change', () => this.update({ timeRange: this.timeRange.value as TimeRangePreset }));
    this.from = h('input', { type: 'datetime-local', id: 'filter-from', 'aria-label': 'From', step: 1 });
    this.to = h('input', { type: 'datetime-local', id: 'filter-to', 'aria-label': 'To', step: 1 });
    if (initial.customFrom !== undefined) this.from.value = toLocalInput(initial.customFrom);
    if (initial.customTo !== undefined) this.to.value = toLocalInput(initial.customTo);
    const readRange = () => this.update({ customFrom: fromLocalInput(this.from.value), customTo: fromLocalInput(this.to.value) });
    this.from.addEventListener('change', readRange);
    this.to.addEventListener('change', readRange);
    this.customRange = h('span', { class: 'custom-range', hidden: initial.timeRange !== 'custom' }, this.from, '–', this.to);
    this.connectionStatus = singleSelect('filter-connection-status', 'Session status', [['all', 'All sessions'], ['active', 'Active'], ['ended', 'Ended']], initial.connectionStatus);
    this.connectionStatus.addEventListener('change', () => this.update({ connectionStatus: this.connectionStatus.value as ConnectionStatusFilter }));
    const clear = h('vscode-button', { id: 'filter-clear', secondary: true, title: 'Clear all filters' }, 'Clear');
    clear.addEventListener('click', () => this.clear());
    // a narrow panel folds the filters behind this button, so the search and the first rows keep the height
    this.toggle = h('button', { type: 'button', id: 'filter-toggle', class: 'filter-toggle', 'aria-expanded': 'false', 'aria-controls': 'filter-more', title: 'Show the filters' });
    this.toggle.addEventListener('click', () => this.setUnfolded(this.element.classList.contains('is-folded')));
    this.element = h('div', { class: 'filter-bar is-folded', role: 'search', 'aria-label': 'Filters' },
      this.text, this.toggle,
      h('div', { class: 'filter-more', id: 'filter-more' }, field('Tools', this.tools), this.client, field('Status', this.statuses), field('Type', this.categories),
        this.timeRange, this.customRange, this.connectionStatus, clear));
    this.showActiveCount();
    this.pendingOptions = { tools: [], clients: [] };
    this.flushOptions();
  }

  get value(): TraceFilter {
    return this.filter;
  }

  /** Shows the Sessions-only control on the Sessions tab. */
  setConnectionsTab(visible: boolean): void {
    this.connectionStatus.hidden = !visible;
  }

  /**
   * Tools and clients seen so far; the menus are rebuilt only when these change, and after the frame
   * that draws what arrived: a select reads its options' `innerText` when they change, which lays out
   * the whole panel there and then, and on the first snapshot that doubled the first frame's layout.
   */
  setOptions(tools: readonly string[], clients: readonly string[]): void {
    this.pendingOptions = { tools, clients };
    if (this.optionsTimer !== undefined) return;
    this.optionsTimer = 0;
    requestAnimationFrame(() => {
      this.optionsTimer = setTimeout(() => this.flushOptions(), 0);
    });
  }

  /** Writes the latest tools and clients into the menus now (before a value is set that needs them). */
  flushOptions(): void {
    clearTimeout(this.optionsTimer);
    this.optionsTimer = undefined;
    const pending = this.pendingOptions;
    this.pendingOptions = undefined;
    if (!pending) return;
    const { tools, clients } = pending;
    const toolKey = tools.join('\n');
    if (toolKey !== this.knownTools || this.tools.childElementCount === 0 && tools.length > 0) {
      this.knownTools = toolKey;
      this.tools.replaceChildren(...[...tools].sort().map((tool) => option(tool, tool, this.filter.tools.includes(tool))));
    }
    const clientKey = clients.join('\n');
    if (clientKey !== this.knownClients || this.client.childElementCount === 0) {
      this.knownClients = clientKey;
      this.client.replaceChildren(option('', 'All clients', this.filter.client === ''),
        ...[...clients].sort().map((client) => option(client, client, this.filter.client === client)));
    }
  }

  /** Narrows to these tools (a Tools-tab row asks for its calls). */
  setTools(tools: string[]): void {
    this.flushOptions();
    this.tools.value = tools;
    this.update({ tools });
  }

  clear(): void {
    this.flushOptions();
    this.text.value = '';
    this.filter = { ...this.filter, text: '', tools: [], client: '', statuses: [], categories: [], timeRange: 'all', customFrom: undefined, customTo: undefined, connectionStatus: 'all' };
    for (const select of [this.tools, this.statuses, this.categories]) select.value = [];
    this.client.value = '';
    this.timeRange.value = 'all';
    this.connectionStatus.value = 'all';
    this.customRange.hidden = true;
    this.showActiveCount();
    this.onChange(this.filter);
  }

  /** Opens or folds the filters (only a narrow panel folds them). */
  setUnfolded(open: boolean): void {
    this.element.classList.toggle('is-folded', !open);
    this.toggle.setAttribute('aria-expanded', String(open));
    this.toggle.title = open ? 'Fold the filters' : 'Show the filters';
  }

  /** The folded bar says how many filters narrow the view. */
  private showActiveCount(): void {
    const { tools, client, statuses, categories, timeRange, connectionStatus } = this.filter;
    const active = [tools.length > 0, client !== '', statuses.length > 0, categories.length > 0, timeRange !== 'all', connectionStatus !== 'all'].filter(Boolean).length;
    this.toggle.replaceChildren(icon('filter'), active > 0 ? `Filters (${active})` : 'Filters');
  }

  private update(patch: Partial<TraceFilter>): void {
    this.filter = { ...this.filter, ...patch };
    this.showActiveCount();
    this.customRange.hidden = this.filter.timeRange !== 'custom';
    this.onChange(this.filter);
  }
}

/** A multi-select with its name in front, since the element itself only says "N Selected". */
function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'filter-field' }, h('span', { class: 'filter-label' }, label), control);
}

function option(value: string, label: string, selected: boolean): HTMLElement {
  return h('vscode-option', { value, selected, description: '' }, label);
}

function multiSelect(id: string, label: string, options: Array<[string, string]>, selected: readonly string[]): MultiValueElement {
  return h('vscode-multi-select', { id, 'aria-label': label, placeholder: label },
    ...options.map(([value, text]) => option(value, text, selected.includes(value)))) as unknown as MultiValueElement;
}

function singleSelect(id: string, label: string, options: Array<[string, string]>, selected: string): ValueElement {
  return h('vscode-single-select', { id, 'aria-label': label },
    ...options.map(([value, text]) => option(value, text, value === selected))) as unknown as ValueElement;
}

function toLocalInput(epochMs: number): string {
  const date = new Date(epochMs - new Date(epochMs).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 19);
}

function fromLocalInput(value: string): number | undefined {
  if (!value) return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : time;
}

