// The inline detail of one Event Log row.
import type { TraceEvent } from '../src/shared/trace';
import { upstreamName } from '../src/shared/traceFilter';
import { h } from './dom';
import { formatBytes, formatDateTime, formatMs } from './format';
import { jsonBlock, locationLinks, type RevealHandler } from './jsonView';
import type { TraceModel } from './traceModel';
import { traceTree } from './traceTree';

export interface EventDetailActions {
  reveal: RevealHandler;
  openSession: (sessionId: string) => void;
}

export function eventDetail(event: TraceEvent, model: TraceModel, actions: EventDetailActions): HTMLElement {
  const sessionLink = h('a', { href: '#', class: 'session-link', title: 'Show this session in the Sessions tab' }, event.sessionId);
  sessionLink.addEventListener('click', (click) => {
    click.preventDefault();
    click.stopPropagation();
    actions.openSession(event.sessionId);
  });
  const upstream = upstreamName(event);
  const fields: Array<[string, Node | string]> = [
    ['Time', `${formatDateTime(event.timestamp)}.${String(event.timestamp % 1000).padStart(3, '0')}`],
    ['Client', model.clientOf(event.sessionId)],
    ['Session', sessionLink],
    ['Source', event.source],
  ];
  if (upstream) fields.push(['Upstream', upstream]);
  fields.push(['Sizes', `request ${formatBytes(event.requestBytes)} · response ${formatBytes(event.responseBytes)}`]);
  const detail = h('div', { class: 'event-detail', role: 'region', 'aria-label': `Details of ${event.tool ?? event.method}` },
    event.error ? h('div', { class: 'error-banner', role: 'alert' },
      h('strong', {}, event.status === 'denied' ? 'Denied: ' : 'Error: '),
      event.error, event.errorCode !== undefined ? h('span', { class: 'muted' }, ` (code ${event.errorCode})`) : null) : null,
    h('dl', { class: 'fields' }, ...fields.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])),
    timing(event),
    locationLinks([event.request, event.response], actions.reveal),
    event.metadata ? jsonBlock('Metadata', event.metadata) : null,
    event.request !== undefined ? jsonBlock('Request JSON', event.request) : null,
    event.response !== undefined ? jsonBlock('Response JSON', event.response) : null,
    event.trace ? h('div', { class: 'trace-section' }, h('div', { class: 'section-title' }, 'Trace'), traceTree(event.trace, actions.reveal)) : null,
  );
  detail.addEventListener('click', (click) => click.stopPropagation());
  detail.addEventListener('keydown', (key) => key.stopPropagation());
  return detail;
}

function timing(event: TraceEvent): HTMLElement | null {
  if (event.latencyMs === undefined) return null;
  const total = Math.max(event.latencyMs, 0.001);
  const parts: HTMLElement[] = [];
  if (event.upstreamMs !== undefined) {
    parts.push(h('span', { class: 'bar upstream', style: `width:${(100 * event.upstreamMs) / total}%`, title: `upstream ${formatMs(event.upstreamMs)}` }));
    parts.push(h('span', { class: 'bar proxy', style: `width:${(100 * (event.proxyMs ?? 0)) / total}%`, title: `proxy ${formatMs(event.proxyMs)}` }));
  } else {
    parts.push(h('span', { class: 'bar total', style: 'width:100%', title: `total ${formatMs(event.latencyMs)}` }));
  }
  return h('div', { class: 'timing' },
    h('span', {}, `Total ${formatMs(event.latencyMs)}`),
    event.upstreamMs !== undefined ? h('span', {}, `upstream ${formatMs(event.upstreamMs)} · proxy ${formatMs(event.proxyMs)}`) : null,
    h('span', { class: 'bars', 'aria-hidden': 'true' }, ...parts));
}
