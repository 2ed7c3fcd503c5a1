// Compare: two traces per tool (calls, error rate, p50/p95, and answers that differ for the same
// arguments). The host picks the files and computes the figures; this draws them.
import type { CompareBase, HostMessage, WebviewMessage } from '../src/shared/protocol';
import type { ToolComparison, ToolSideFigures, TraceComparison } from '../src/shared/traceCompare';
import { h } from './dom';
import { formatMs, formatPercent } from './format';

const COLUMNS = ['Tool', 'Calls', 'Error rate', 'p50', 'p95', 'Same arguments', 'Answers differ'] as const;

export class CompareDialog {
  readonly element: HTMLDialogElement;
  private readonly heading = h('p', { class: 'compare-heading', role: 'status' });
  private readonly table = h('div', { class: 'compare-table', role: 'table', 'aria-label': 'Comparison by tool', hidden: true });
  private readonly problem = h('div', { class: 'error-banner', role: 'alert', hidden: true });

  constructor(private readonly request: (message: WebviewMessage) => Promise<HostMessage>, private readonly imported: () => boolean) {
    const shown = h('vscode-button', { id: 'compare-shown', icon: 'diff' }, 'What the panel shows vs a file…');
    shown.addEventListener('click', () => void this.compare('shown'));
    const files = h('vscode-button', { id: 'compare-files', secondary: true, icon: 'files' }, 'Two files…');
    files.addEventListener('click', () => void this.compare('file'));
    const close = h('vscode-button', { id: 'compare-close', secondary: true }, 'Close');
    close.addEventListener('click', () => this.element.close());
    this.element = h('dialog', { class: 'compare-dialog', 'aria-labelledby': 'compare-title' },
      h('h2', { id: 'compare-title', class: 'dialog-title' }, 'Compare traces'),
      h('p', { class: 'muted' }, 'Per tool: calls, error rate and latency on each side, and calls made with the same arguments in both whose answers differ (ids and times left out).'),
      h('div', { class: 'dialog-buttons' }, shown, files, close),
      this.problem, this.heading, this.table) as HTMLDialogElement;
  }

  open(): void {
    if (!this.element.open) this.element.showModal();
  }

  /** Draws an answer of the host (also one to a compare the page did not start). */
  show(answer: Extract<HostMessage, { type: 'comparison' }>): void {
    this.problem.hidden = answer.message === undefined;
    this.problem.textContent = answer.message ?? '';
    if (!answer.comparison) return;
    this.open();
    this.draw(answer.comparison);
  }

  private async compare(base: CompareBase): Promise<void> {
    // the answer is drawn by the app's comparison handler
    await this.request({ type: 'compareTraces', base, imported: this.imported() });
  }

  private draw(comparison: TraceComparison): void {
    const { base, other } = comparison;
    this.heading.textContent = `${base.label} (${base.calls} calls) → ${other.label} (${other.calls} calls)`;
    const header = h('div', { role: 'row', class: 'compare-row compare-header' }, ...COLUMNS.map((name) => h('div', { role: 'columnheader' }, name)));
    const rows = comparison.tools.map((tool) => row(tool));
    this.table.replaceChildren(header, ...(rows.length > 0 ? rows : [h('div', { role: 'row', class: 'compare-row' }, h('div', { role: 'cell', class: 'muted' }, 'Neither trace has a tool call.'))]));
    this.table.hidden = false;
  }
}

function row(tool: ToolComparison): HTMLElement {
  const differs = tool.differing.length;
  const differing = differs === 0 ? '0'
    : `${differs} (${tool.differing.slice(0, 3).map((entry) => `#${entry.baseEventId} vs #${entry.otherEventId}`).join(', ')}${differs > 3 ? ', …' : ''})`;
  return h('div', { role: 'row', class: `compare-row${differs > 0 ? ' has-differences' : ''}`, 'data-tool': tool.tool },
    h('div', { role: 'cell', class: 'mono' }, tool.tool),
    h('div', { role: 'cell', class: 'num' }, pair(tool, (side) => String(side.calls))),
    h('div', { role: 'cell', class: 'num' }, pair(tool, (side) => formatPercent(side.errorRate))),
    h('div', { role: 'cell', class: 'num' }, pair(tool, (side) => formatMs(side.p50))),
    h('div', { role: 'cell', class: 'num' }, pair(tool, (side) => formatMs(side.p95))),
    h('div', { role: 'cell', class: 'num' }, String(tool.sameArguments)),
    h('div', { role: 'cell', class: 'num', title: tool.differing.map((entry) => entry.arguments).join('\n') }, differing));
}

/** "base → other", a dash for the side that did not call the tool. */
function pair(tool: ToolComparison, format: (side: ToolSideFigures) => string): string {
  return `${tool.base ? format(tool.base) : '–'} → ${tool.other ? format(tool.other) : '–'}`;
}
