import type { EventStatus } from '../src/shared/trace';
import { h, icon } from './dom';

const ICONS: Record<EventStatus, string> = { ok: 'pass', error: 'error', denied: 'circle-slash', cancelled: 'debug-stop' };

export function statusBadge(status: EventStatus): HTMLElement {
  return h('span', { class: `status status-${status}` }, icon(ICONS[status]), status);
}
