// A trace as a waterfall: one bar per span on the call's time axis, indented like the tree,
// coloured by status, the critical path marked. Hovering a row reads out its timing; a click asks
// for the span to be selected in the tree. Positions come from waterfallLayout.ts.
import type { Span } from '../src/shared/trace';
import { h } from './dom';
import { formatMs } from './format';
import { spanTitle } from './spanLabel';
import { waterfallOf, type WaterfallRow } from './waterfallLayout';

const IDLE_READOUT = 'Hover a bar for its timing; the critical path is outlined.';

export function waterfallView(root: Span, onSelect: (path: readonly number[]) => void): HTMLElement {
  const { rows, ticks } = waterfallOf(root);
  const readout = h('div', { class: 'wf-readout muted', 'aria-live': 'polite' }, IDLE_READOUT);
  const axis = h('div', { class: 'wf-row wf-axis', 'aria-hidden': 'true' },
    h('span', { class: 'wf-name' }),
    h('span', { class: 'wf-track' }, ...ticks.map((tick) => h('span', { class: `wf-tick${tick.leftPercent > 85 ? ' is-end' : ''}`, style: `left:${tick.leftPercent}%` }, `+${formatMs(tick.offsetMs)}`))));
  const list = h('div', { class: 'wf-rows', role: 'list' }, ...rows.map(barRow));
  list.addEventListener('mouseover', (event) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('.wf-row[data-span-path]');
    if (row) readout.textContent = row.dataset.timing ?? IDLE_READOUT;
  });
  list.addEventListener('mouseleave', () => { readout.textContent = IDLE_READOUT; });
  list.addEventListener('click', (event) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('.wf-row[data-span-path]');
    if (!row) return;
    event.stopPropagation();
    onSelect(pathOf(row.dataset.spanPath ?? ''));
  });
  return h('div', { class: 'waterfall', role: 'group', 'aria-label': `Waterfall of ${spanTitle(root)}` }, readout, axis, list);
}

function barRow(row: WaterfallRow): HTMLElement {
  const title = spanTitle(row.span);
  const timing = describeTiming(title, row);
  const instant = row.durationMs === 0;
  const bar = h('span', {
    class: `wf-bar wf-${row.span.status}${row.critical ? ' is-critical' : ''}${instant ? ' is-instant' : ''}`,
    style: `left:${row.leftPercent}%;width:${row.widthPercent}%`,
    'data-offset-ms': row.offsetMs, 'data-duration-ms': row.durationMs,
  });
  return h('div', {
    class: 'wf-row', role: 'listitem', title: timing, 'aria-label': timing, 'data-span-path': row.path.join('.'), 'data-timing': timing,
    style: `--wf-depth:${row.depth - 1}`,
  },
  h('span', { class: 'wf-name' }, title),
  h('span', { class: 'wf-track' }, bar));
}

function describeTiming(title: string, row: WaterfallRow): string {
  const end = row.offsetMs + row.durationMs;
  const when = row.durationMs === 0 ? `at +${formatMs(row.offsetMs)}` : `+${formatMs(row.offsetMs)} → +${formatMs(end)}, ${formatMs(row.durationMs)}`;
  return `${title}: ${when}${row.span.status === 'error' ? ', failed' : ''}${row.critical ? ', on the critical path' : ''}`;
}

function pathOf(text: string): number[] {
  return text === '' ? [] : text.split('.').map(Number);
}
