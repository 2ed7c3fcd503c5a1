// The inline detail of one Event Log row.
import type { EventSummary } from '../src/shared/eventSummary';
import { replayableCall } from '../src/shared/replay';
import type { TraceEvent } from '../src/shared/trace';
import { h } from './dom';
import { formatBytes, formatDateTime, formatMs } from './format';
import { jsonBlock, locationLinks, type RevealHandler } from './jsonView';
import type { PanelEventStore } from './panelEventStore';
import { traceSection } from './traceSection';

export interface EventDetailActions {
  reveal: RevealHandler;
  openConnection: (connectionId: string) => void;
  openEvent: (eventId: number) => void;
  /** Opens Replay on the call; absent where it cannot be replayed (an imported file). */
  replay?: (event: TraceEvent) => void;
  /** The bodies and trace tree, which the host sends only on demand. */
  load: (eventId: number) => Promise<TraceEvent | undefined>;
}

/** The figures draw at once from the summary; bodies and the trace tree follow from the host. */
export function eventDetail(event: EventSummary, store: PanelEventStore, actions: EventDetailActions): HTMLElement {
  const connectionLink = h('a', { href: '#', class: 'connection-link', title: 'Show this session in the Sessions tab' }, event.connectionId);
  connectionLink.addEventListener('click', (click) => {
    click.preventDefault();
    click.stopPropagation();
    actions.openConnection(event.connectionId);
  });
  const upstream = event.upstream;
  const fields: Array<[string, Node | string]> = [
    ['Time', `${formatDateTime(event.timestamp)}.${String(event.timestamp % 1000).padStart(3, '0')}`],
    ['Client', store.clientOf(event.connectionId)],
    ['Session', connectionLink],
    ['Source', event.source],
  ];
  if (upstream) fields.push(['Upstream', upstream]);
  if (event.replayOf !== undefined) fields.push(['Replay of', eventLink(event.replayOf, actions.openEvent)]);
  fields.push(['Sizes', `request ${formatBytes(event.requestBytes)} · response ${formatBytes(event.responseBytes)}`]);
  const detail = h('div', { class: 'event-detail', role: 'region', 'aria-label': `Details of ${event.tool ?? event.method}` },
    event.error ? h('div', { class: 'error-banner', role: 'alert' },
      h('strong', {}, event.status === 'denied' ? 'Denied: ' : event.status === 'cancelled' ? 'Cancelled: ' : 'Error: '),
      event.error, event.errorCode !== undefined ? h('span', { class: 'muted' }, ` (code ${event.errorCode})`) : null) : null,
    h('dl', { class: 'fields' }, ...fields.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])),
    timing(event),
  );
  const bodies = h('div', { class: 'event-bodies', 'aria-busy': 'true' }, h('span', { class: 'muted' }, 'Loading bodies…'));
  detail.appendChild(bodies);
  void actions.load(event.id).then((full) => {
    bodies.removeAttribute('aria-busy');
    bodies.replaceChildren(...(full ? fullBodies(full, actions).filter((part): part is HTMLElement => part !== null) : [h('span', { class: 'muted' }, 'The bodies of this event are no longer held (the trace bound dropped it).')]));
  });
  detail.addEventListener('click', (click) => click.stopPropagation());
  detail.addEventListener('keydown', (key) => key.stopPropagation());
  return detail;
}

function eventLink(eventId: number, openEvent: (eventId: number) => void): HTMLElement {
  const link = h('a', { href: '#', class: 'event-link replay-of-link', title: 'Show the recorded call this replays' }, `event #${eventId}`);
  link.addEventListener('click', (click) => {
    click.preventDefault();
    click.stopPropagation();
    openEvent(eventId);
  });
  return link;
}

/** "Replay…" for a recorded tools/call, when the panel can send it again. */
function replayButton(event: TraceEvent, actions: EventDetailActions): HTMLElement | null {
  const { replay } = actions;
  if (!replay || !replayableCall(event).ok) return null;
  const button = h('vscode-button', { class: 'replay-button', secondary: true, icon: 'debug-rerun', title: 'Run this call again against the same server, with arguments you can edit, and compare the answers' }, 'Replay…');
  button.addEventListener('click', (click) => {
    click.stopPropagation();
    replay(event);
  });
  return h('div', { class: 'detail-actions' }, button);
}

function fullBodies(event: TraceEvent, actions: EventDetailActions): Array<HTMLElement | null> {
  return [
    replayButton(event, actions),
    locationLinks([event.request, event.response], actions.reveal),
    event.metadata ? jsonBlock('Metadata', event.metadata) : null,
    event.request !== undefined ? jsonBlock('Request JSON', event.request) : null,
    event.response !== undefined ? jsonBlock('Response JSON', event.response) : null,
    event.trace ? traceSection(event.trace, actions.reveal) : null,
  ];
}

function timing(event: EventSummary): HTMLElement | null {
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
