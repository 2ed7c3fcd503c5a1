import type { EventStatus } from '../src/shared/trace';
import { h, icon } from './dom';

const ICONS: Record<EventStatus, string> = { ok: 'pass', error: 'error', denied: 'circle-slash', cancelled: 'debug-stop' };

export function statusBadge(status: EventStatus): HTMLElement {
  // in a narrow panel the word is only read out: the icon's shape and colour show it (media/panel.css)
  return h('span', { class: `status status-${status}`, title: status }, icon(ICONS[status]), h('span', { class: 'status-word' }, status));
}
