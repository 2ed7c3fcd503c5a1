// A replayed answer against the recorded one: each added, removed or changed value with its path,
// ids and times left out while the toggle says so (the diff is recomputed here, no host round trip).
import { diffJson, type JsonChange, type JsonDiff } from '../src/shared/jsonDiff';
import { h } from './dom';

const MAX_SHOWN_CHANGES = 500;
const MAX_VALUE_CHARS = 200;

export class AnswerDiffView {
  readonly element: HTMLElement;
  private readonly summary = h('div', { class: 'diff-summary', role: 'status' });
  private readonly list = h('ul', { class: 'diff-list', 'aria-label': 'Differences from the recorded answer' });
  private readonly toggle: HTMLElement & { checked: boolean };
  private compared: { recorded: unknown; answer: unknown } | undefined;
  private shown: JsonDiff = { changes: [], ignored: 0 };

  constructor(ignoreVolatile = true) {
    this.toggle = h('vscode-checkbox', { id: 'replay-ignore-volatile', checked: ignoreVolatile, label: 'Ignore ids and times' }) as HTMLElement & { checked: boolean };
    this.toggle.checked = ignoreVolatile;
    this.toggle.addEventListener('change', () => this.draw());
    this.element = h('div', { class: 'answer-diff' }, h('div', { class: 'diff-header' }, this.summary, this.toggle), this.list);
  }

  get ignoreVolatile(): boolean {
    return this.toggle.checked;
  }

  get diff(): JsonDiff {
    return this.shown;
  }

  show(recorded: unknown, answer: unknown): void {
    this.compared = { recorded, answer };
    this.draw();
  }

  private draw(): void {
    if (!this.compared) return;
    this.shown = diffJson(this.compared.recorded, this.compared.answer, { ignoreVolatile: this.ignoreVolatile });
    const { changes, ignored } = this.shown;
    const left = ignored > 0 ? ` (${ignored} ${ignored === 1 ? 'change' : 'changes'} of ids or times left out)` : '';
    this.summary.textContent = changes.length === 0
      ? `Same answer as recorded${left}.`
      : `${changes.length} ${changes.length === 1 ? 'difference' : 'differences'} from the recorded answer: ${countsOf(changes)}${left}.`;
    this.summary.className = `diff-summary${changes.length === 0 ? ' is-same' : ' is-different'}`;
    this.list.replaceChildren(...changes.slice(0, MAX_SHOWN_CHANGES).map(changeItem));
    if (changes.length > MAX_SHOWN_CHANGES) this.list.append(h('li', { class: 'muted' }, `… and ${changes.length - MAX_SHOWN_CHANGES} more`));
  }
}

function changeItem(change: JsonChange): HTMLElement {
  const path = h('code', { class: 'diff-path' }, change.path || '(whole answer)');
  const sign = change.kind === 'added' ? '+' : change.kind === 'removed' ? '−' : '~';
  const values = change.kind === 'changed'
    ? [h('span', { class: 'diff-before' }, brief(change.before)), h('span', { class: 'muted', 'aria-hidden': 'true' }, ' → '), h('span', { class: 'diff-after' }, brief(change.after))]
    : [h('span', { class: change.kind === 'added' ? 'diff-after' : 'diff-before' }, brief(change.kind === 'added' ? change.after : change.before))];
  return h('li', { class: `diff-item diff-${change.kind}`, 'data-kind': change.kind, 'data-path': change.path },
    h('span', { class: 'diff-sign', title: change.kind }, sign), path, h('span', { class: 'muted' }, ` ${change.kind}: `), ...values);
}

function countsOf(changes: readonly JsonChange[]): string {
  const counts = { changed: 0, added: 0, removed: 0 };
  for (const change of changes) counts[change.kind]++;
  return Object.entries(counts).filter(([, count]) => count > 0).map(([kind, count]) => `${count} ${kind}`).join(', ');
}

function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}
