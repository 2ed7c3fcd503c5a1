// A short message under the filter bar: what a request to the host answered, or a hint.
import type { HostMessage } from '../src/shared/protocol';
import { h } from './dom';

const NOTICE_MS = 6_000;

export class Notice {
  readonly element = h('div', { class: 'notice', role: 'alert', hidden: true });

  show(text: string, isError = false): void {
    this.element.textContent = text;
    this.element.className = `notice${isError ? ' is-error' : ''}`;
    this.element.hidden = false;
    setTimeout(() => {
      if (this.element.textContent === text) this.element.hidden = true;
    }, NOTICE_MS);
  }

  hide(): void {
    this.element.hidden = true;
  }

  /** Shows a `result` that failed or says something; other answers are not for the user. */
  showResult(answer: HostMessage): void {
    if (answer.type !== 'result') return;
    if (!answer.ok || answer.message) this.show(answer.message ?? 'Failed', !answer.ok);
  }
}
