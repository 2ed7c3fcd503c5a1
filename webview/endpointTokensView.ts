// The Debug Tokens tab: the active debug token (time left, never its value), the history of past
// ones, and ready-to-copy cURL commands for the /debug/<tool> endpoint with a $DEBUG_TOKEN placeholder.
import { buildCurlCommands, exampleInputs, type JsonSchemaLike } from '../src/shared/curl';
import { describeDuration, type ToolEndpointPanelState, type EndpointTokenHistoryEntry } from '../src/shared/toolEndpoint';
import type { EndpointTokensDescription } from '../src/shared/protocol';
import { h, icon } from './dom';
import { formatDateTime } from './format';

/** What the view asks of the host (the commands run there; the clipboard is the host's). */
export interface EndpointTokensViewActions {
  start(): void;
  stop(): void;
  copy(text: string, what: string): void;
}

const ENDED_LABELS: Record<EndpointTokenHistoryEntry['endedHow'], string> = { expired: 'Expired', stopped: 'Stopped', replaced: 'Replaced' };

export class EndpointTokensView {
  readonly element: HTMLElement;
  private state: ToolEndpointPanelState = { tokens: { history: [], maxDurationMs: 4 * 60 * 60 * 1000 }, tools: [] };
  private selectedTool: string | undefined;
  private readonly status = h('div', { class: 'token-status', role: 'status', 'aria-live': 'polite' });
  private readonly timeLeft = h('span', { class: 'token-time-left' });
  private readonly toolPicker = h('select', { id: 'curl-tool', class: 'curl-tool', 'aria-label': 'Tool for the cURL commands' });
  private readonly curl = h('div', { class: 'curl-commands' });
  private readonly history = h('tbody', {});
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly actions: EndpointTokensViewActions, private readonly now: () => number = Date.now) {
    this.toolPicker.addEventListener('change', () => {
      this.selectedTool = (this.toolPicker as HTMLSelectElement).value;
      this.drawCurl();
    });
    this.element = h('section', { class: 'view tokens', id: 'debug-tokens', 'aria-label': 'Debug Tokens' },
      h('div', { class: 'tokens-body' },
        h('h2', {}, icon('key'), ' Debug token'),
        this.status,
        h('h2', {}, icon('terminal'), ' Call a tool with cURL'),
        h('p', { class: 'muted' }, 'Set ', h('code', {}, 'DEBUG_TOKEN'), ' to the token shown when the session started, then run one of these. Calls show live in the Sessions and Event Log tabs (source debug-endpoint) and are never written to disk.'),
        h('label', { for: 'curl-tool' }, 'Tool '), this.toolPicker,
        this.curl,
        h('h2', {}, icon('history'), ' History'),
        h('table', { class: 'token-history', 'aria-label': 'Past debug tokens' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Created'), h('th', { scope: 'col' }, 'By'), h('th', { scope: 'col' }, 'Lasted'), h('th', { scope: 'col' }, 'Ended'))),
          this.history)));
    this.draw();
  }

  update(state: ToolEndpointPanelState): void {
    this.state = state;
    this.draw();
  }

  /** What the tab shows, for tests and bug reports. */
  describe(): EndpointTokensDescription {
    const active = this.state.tokens.active;
    return {
      active: active !== undefined,
      timeLeft: active ? this.timeLeft.textContent ?? undefined : undefined,
      history: this.state.tokens.history.map((entry) => ({ by: entry.by, endedHow: entry.endedHow })),
      tools: this.state.tools.length,
      selectedTool: this.selectedTool,
      curl: this.commands(),
    };
  }

  dispose(): void {
    clearInterval(this.ticker);
  }

  private draw(): void {
    this.drawStatus();
    this.drawTools();
    this.drawHistory();
  }

  private drawStatus(): void {
    const active = this.state.tokens.active;
    clearInterval(this.ticker);
    this.ticker = undefined;
    if (!active) {
      const start = h('vscode-button', { id: 'start-debug-token', icon: 'add' }, 'Start Debug Token Session');
      start.addEventListener('click', () => this.actions.start());
      this.status.replaceChildren(
        h('p', {}, 'No debug token session is active. ',
          `A new token is valid for ${describeDuration(this.state.tokens.maxDurationMs)} and is shown once, when it is created.`),
        start);
      return;
    }
    const stop = h('vscode-button', { id: 'stop-debug-token', secondary: true, icon: 'debug-stop' }, 'Stop Debug Token Session');
    stop.addEventListener('click', () => this.actions.stop());
    const replace = h('vscode-button', { id: 'replace-debug-token', secondary: true, icon: 'refresh' }, 'Start a New One');
    replace.addEventListener('click', () => this.actions.start());
    this.status.replaceChildren(
      h('p', {}, h('span', { class: 'status-pill status-active' }, h('span', { class: 'live-dot', 'aria-hidden': 'true' }), 'Active'),
        ` · started ${formatDateTime(active.createdAt)} by ${active.by} · expires ${formatDateTime(active.expiresAt)} · `, this.timeLeft),
      h('div', { class: 'token-actions' }, stop, replace));
    this.tick();
    this.ticker = setInterval(() => this.tick(), 1000);
  }

  private tick(): void {
    const active = this.state.tokens.active;
    if (!active) return;
    const left = active.expiresAt - this.now();
    this.timeLeft.textContent = left > 0 ? `${describeDuration(left)} left` : 'expiring…';
  }

  private drawTools(): void {
    const names = this.state.tools.map((tool) => tool.name);
    if (!this.selectedTool || !names.includes(this.selectedTool)) this.selectedTool = names[0];
    this.toolPicker.replaceChildren(...names.map((name) => h('option', { value: name, selected: name === this.selectedTool }, name)));
    (this.toolPicker as HTMLSelectElement).disabled = names.length === 0;
    this.drawCurl();
  }

  private commands(): { get: string; post: string } | undefined {
    const tool = this.state.tools.find((candidate) => candidate.name === this.selectedTool);
    if (!tool || !this.state.origin) return undefined;
    return buildCurlCommands({ origin: this.state.origin, tool: tool.name, inputs: exampleInputs(tool.inputSchema as JsonSchemaLike) });
  }

  private drawCurl(): void {
    const commands = this.commands();
    if (!commands) {
      this.curl.replaceChildren(h('p', { class: 'muted' }, this.state.origin ? 'No tools to call.' : 'The endpoint is starting…'));
      return;
    }
    const tool = this.state.tools.find((candidate) => candidate.name === this.selectedTool);
    const block = (label: string, id: string, command: string) => {
      const copy = h('vscode-button', { id: `copy-curl-${id}`, secondary: true, icon: 'copy', title: `Copy the ${label} command` }, 'Copy');
      copy.addEventListener('click', () => this.actions.copy(command, `${label} cURL command for ${this.selectedTool ?? ''}`));
      return h('div', { class: 'curl-block' }, h('div', { class: 'curl-label' }, h('strong', {}, label), copy), h('pre', { class: 'mono curl-command', id: `curl-${id}` }, command));
    };
    this.curl.replaceChildren(
      h('p', { class: 'muted curl-description' }, tool?.description),
      block('GET', 'get', commands.get),
      block('POST', 'post', commands.post),
      h('p', { class: 'muted' }, 'Placeholders like <file> stand for your values; the answer is { "outputs": …, "trace": … }.'));
  }

  private drawHistory(): void {
    const entries = this.state.tokens.history;
    if (entries.length === 0) {
      this.history.replaceChildren(h('tr', {}, h('td', { colspan: 4, class: 'muted' }, 'No past debug tokens in this window.')));
      return;
    }
    this.history.replaceChildren(...entries.map((entry) => h('tr', {},
      h('td', {}, formatDateTime(entry.createdAt)),
      h('td', {}, entry.by),
      h('td', { class: 'num' }, describeDuration(entry.durationMs)),
      h('td', { class: `token-ended token-${entry.endedHow}` }, ENDED_LABELS[entry.endedHow]))));
  }
}
