// An event's trace: its waterfall above its tree, a bar's click selecting that span in the tree.
import type { Span } from '../src/shared/trace';
import { h } from './dom';
import type { RevealHandler } from './jsonView';
import { traceTree } from './traceTree';
import { waterfallView } from './waterfallView';

export function traceSection(trace: Span, onReveal: RevealHandler): HTMLElement {
  const tree = traceTree(trace, onReveal);
  return h('div', { class: 'trace-section' },
    h('div', { class: 'section-title' }, 'Trace'),
    waterfallView(trace, (path) => tree.select(path)),
    tree.element);
}
