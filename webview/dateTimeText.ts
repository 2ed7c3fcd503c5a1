// A date and time whose day a narrow panel leaves out (media/panel.css): the hour tells recent rows apart.
import { h } from './dom';
import { formatDateTime } from './format';

export function dateTimeText(epochMs: number): HTMLElement {
  const text = formatDateTime(epochMs);
  return h('span', { class: 'date-time' }, h('span', { class: 'date-day' }, text.slice(0, 11)), h('span', {}, text.slice(11)));
}
