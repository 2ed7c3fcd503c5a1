// A date and time whose day a narrow panel leaves out (media/panel.css): the hour tells recent rows apart.
import { h } from './dom';
import { formatDateTime } from './format';

export function dateTimeText(epochMs: number): HTMLElement {
  const [day, time] = dateTimeParts(formatDateTime(epochMs));
  return h('span', { class: 'date-time' }, h('span', { class: 'date-day' }, day), h('span', {}, time));
}

/** A formatted date and time (`formatDateTime`) as its day and its time. */
export function dateTimeParts(text: string): [day: string, time: string] {
  return [text.slice(0, 11), text.slice(11)];
}
