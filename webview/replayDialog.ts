// Replay: a recorded tools/call with its arguments to edit, sent again by the host to the same
// server, and the new answer against the recorded one. Values masked when recorded must be typed
// in first: they were never kept, so sending "[redacted]" would call the tool with the mask.
import type { HostMessage, ReplayDescription, ReplayOutcome, WebviewMessage } from '../src/shared/protocol';
import { maskedPaths, replayableCall } from '../src/shared/replay';
import type { TraceEvent } from '../src/shared/trace';
import { AnswerDiffView } from './answerDiffView';
import { h } from './dom';
import { prettyJson } from './jsonView';

export interface ReplayDialogActions {
  request(message: WebviewMessage): Promise<HostMessage>;
  openEvent(eventId: number): void;
}

export class ReplayDialog {
  readonly element: HTMLDialogElement;
  private readonly title = h('h2', { id: 'replay-title', class: 'dialog-title' });
  private readonly where = h('p', { class: 'muted' });
  private readonly maskedNotice = h('div', { class: 'replay-masked', role: 'alert', hidden: true });
  private readonly editor = h('textarea', { id: 'replay-arguments', class: 'replay-arguments', spellcheck: 'false', rows: 8, 'aria-label': 'Arguments (a JSON object)' });
  private readonly problem = h('div', { class: 'replay-problem', role: 'status' });
  private readonly send = h('vscode-button', { id: 'replay-send', icon: 'debug-rerun' }, 'Send') as HTMLElement & { disabled: boolean };
  private readonly outcomeElement = h('section', { class: 'replay-outcome', 'aria-label': 'Replay answer', 'aria-live': 'polite', hidden: true });
  private diffView = new AnswerDiffView();
  private original: { id: number; tool: string } | undefined;
  private outcome: ReplayOutcome | undefined;
  private sending = false;

  constructor(private readonly actions: ReplayDialogActions) {
    const close = h('vscode-button', { id: 'replay-close', secondary: true }, 'Close');
    close.addEventListener('click', () => this.close());
    this.send.addEventListener('click', () => void this.submit());
    this.editor.addEventListener('input', () => this.check());
    this.element = h('dialog', { class: 'replay-dialog', 'aria-labelledby': 'replay-title' },
      this.title, this.where, this.maskedNotice,
      h('label', { for: 'replay-arguments', class: 'section-title' }, 'Arguments'),
      this.editor, this.problem,
      h('div', { class: 'dialog-buttons' }, this.send, close),
      this.outcomeElement) as HTMLDialogElement;
    this.element.addEventListener('close', () => {
      this.original = undefined;
    });
  }

  /** Whether the dialog is open on this recorded call. */
  shows(eventId: number): boolean {
    return this.element.open && this.original?.id === eventId;
  }

  /** Opens on a recorded call (the full event, bodies included). */
  open(event: TraceEvent): void {
    const call = replayableCall(event);
    if (!call.ok) return;
    this.original = { id: event.id, tool: call.tool };
    this.outcome = undefined;
    this.diffView = new AnswerDiffView(this.diffView.ignoreVolatile);
    this.outcomeElement.replaceChildren();
    this.outcomeElement.hidden = true;
    this.title.textContent = `Replay ${call.tool}`;
    this.where.textContent = `Runs event #${event.id} again against the same server (${event.source}), by the path it took then and under today's policy. Edit the arguments first if you like.`;
    this.maskedNotice.hidden = call.masked.length === 0;
    this.maskedNotice.textContent = call.masked.length === 0 ? ''
      : `Masked when recorded, so not replayable as they are: ${call.masked.join(', ')}. Their values were never kept: type them in before sending.`;
    this.editor.value = prettyJson(call.arguments);
    this.check();
    if (!this.element.open) this.element.showModal();
    this.editor.focus();
  }

  close(): void {
    if (this.element.open) this.element.close();
  }

  describe(): ReplayDescription | undefined {
    if (!this.original || !this.element.open) return undefined;
    const parsed = this.parsedArguments();
    const description: ReplayDescription = { originalId: this.original.id, tool: this.original.tool, masked: parsed.ok ? maskedPaths(parsed.value) : [] };
    const outcome = this.outcome;
    if (outcome) {
      const { changes, ignored } = this.diffView.diff;
      description.outcome = {
        ok: outcome.ok, message: outcome.message, replayEventId: outcome.replayEventId, ignoreVolatile: this.diffView.ignoreVolatile,
        changes: outcome.ok ? changes.map((change) => ({ kind: change.kind, path: change.path })) : [], ignored: outcome.ok ? ignored : 0,
      };
    }
    return description;
  }

  /** Shows what a replay of the call the dialog is open on came to. */
  showOutcome(outcome: ReplayOutcome): void {
    if (!this.original || outcome.originalId !== this.original.id) return;
    this.outcome = outcome;
    this.outcomeElement.hidden = false;
    if (!outcome.ok) {
      this.outcomeElement.replaceChildren(h('div', { class: 'error-banner', role: 'alert' }, outcome.message ?? 'The replay failed.'));
      return;
    }
    const parts: Array<HTMLElement | null> = [];
    if (outcome.status && outcome.status !== 'ok') {
      parts.push(h('div', { class: 'error-banner', role: 'alert' }, h('strong', {}, outcome.status === 'denied' ? 'Denied: ' : 'Error: '), outcome.error ?? ''));
    }
    if (outcome.recordedTruncated) parts.push(h('div', { class: 'muted' }, 'The recorded answer was cut at the recording size limit: differences past the cut are not real.'));
    parts.push(this.diffView.element);
    if (outcome.replayEventId !== undefined) {
      const id = outcome.replayEventId;
      const link = h('a', { href: '#', class: 'event-link', id: 'replay-event-link' }, `event #${id}`);
      link.addEventListener('click', (click) => {
        click.preventDefault();
        this.close();
        this.actions.openEvent(id);
      });
      parts.push(h('div', { class: 'muted' }, 'Recorded as ', link, `, a replay of #${outcome.originalId}.`));
    }
    this.outcomeElement.replaceChildren(...parts.filter((part): part is HTMLElement => part !== null));
    this.diffView.show(outcome.recordedAnswer, outcome.answer);
  }

  private async submit(): Promise<void> {
    const original = this.original;
    const parsed = this.parsedArguments();
    if (!original || !parsed.ok || maskedPaths(parsed.value).length > 0 || this.sending) return;
    this.sending = true;
    this.check();
    try {
      // the answer is shown by the app's replayResult handler, as any replay answer is
      await this.actions.request({ type: 'replayCall', eventId: original.id, arguments: parsed.value });
    } finally {
      this.sending = false;
      this.check();
    }
  }

  /** Says what keeps the arguments from being sent, and enables Send when nothing does. */
  private check(): void {
    const parsed = this.parsedArguments();
    const masked = parsed.ok ? maskedPaths(parsed.value) : [];
    const problem = !parsed.ok ? parsed.problem
      : masked.length > 0 ? `Fill in what was masked: ${masked.join(', ')} still ${masked.length === 1 ? 'holds' : 'hold'} "[redacted]".` : '';
    this.problem.textContent = problem;
    this.problem.className = `replay-problem${problem ? ' is-error' : ''}`;
    this.editor.setAttribute('aria-invalid', String(problem !== ''));
    this.send.disabled = problem !== '' || this.sending;
    if (this.send.disabled) this.send.setAttribute('disabled', '');
    else this.send.removeAttribute('disabled');
  }

  private parsedArguments(): { ok: true; value: Record<string, unknown> } | { ok: false; problem: string } {
    let value: unknown;
    try {
      value = JSON.parse(this.editor.value);
    } catch (error) {
      return { ok: false, problem: `Not JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'The arguments must be a JSON object ({ … }).' };
    return { ok: true, value: value as Record<string, unknown> };
  }
}
