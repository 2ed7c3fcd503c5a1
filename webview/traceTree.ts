// A tool call's trace tree (ARIA tree): the root span with inputs, outputs and duration, and its
// children (each DAP request with arguments and response, each DAP event), in the seed's shape.
//
// Kept hand-made next to `vscode-tree` of @vscode-elements/elements 2.5.1: a `vscode-tree-item` has
// a one-line label slot and slots its children as more tree items, so a span's body (its JSON
// blocks and source links, opened in place) would have to pose as fake child items; it sets no
// `aria-level` (its `level` is a 0-based styling attribute), which screen readers and our tests
// read; and the two elements add 32.3 KB (6.9 KB gzip) to the minified webview bundle, a third more
// than the 98.7 KB of elements it has today (esbuild, 2026-12-01). The tree is built only when a row
// is expanded, so neither widget is in the panel benchmark's first-render, keystroke or frame figures.
import type { Span } from '../src/shared/trace';
import { h, icon } from './dom';
import { formatMs } from './format';
import { jsonBlock, locationLinks, type RevealHandler } from './jsonView';
import { spanIcon, spanTitle } from './spanLabel';

export interface TraceTree {
  readonly element: HTMLElement;
  /** Opens the span's ancestors, marks it selected and focuses it (from a waterfall bar). */
  select(path: readonly number[]): void;
}

export function traceTree(root: Span, onReveal: RevealHandler): TraceTree {
  const tree = h('ul', { class: 'trace-tree', role: 'tree', 'aria-label': `Trace of ${spanTitle(root)}` });
  tree.appendChild(spanItem(root, [], true, onReveal));
  const first = tree.querySelector<HTMLElement>('[role="treeitem"]');
  if (first) first.tabIndex = 0;
  tree.addEventListener('keydown', (event) => onTreeKey(tree, event));
  return { element: tree, select: (path) => selectSpan(tree, path) };
}

function selectSpan(tree: HTMLElement, path: readonly number[]): void {
  let item = tree.querySelector<ExpandableItem>('[role="treeitem"][data-span-path=""]');
  for (let depth = 1; item && depth <= path.length; depth++) {
    item.setExpanded?.(true);
    item = tree.querySelector<ExpandableItem>(`[role="treeitem"][data-span-path="${path.slice(0, depth).join('.')}"]`);
  }
  if (!item) return;
  for (const other of tree.querySelectorAll<HTMLElement>('[role="treeitem"]')) {
    other.removeAttribute('aria-selected');
    other.tabIndex = -1;
  }
  item.setAttribute('aria-selected', 'true');
  item.tabIndex = 0;
  item.focus({ preventScroll: true });
  item.firstElementChild?.scrollIntoView({ block: 'nearest' });
}

type ExpandableItem = HTMLElement & { setExpanded?: (open: boolean) => void };

function spanItem(span: Span, path: readonly number[], expanded: boolean, onReveal: RevealHandler): HTMLElement {
  const level = path.length + 1;
  const hasBody = span.children.length > 0 || span.inputs !== undefined || span.outputs !== undefined
    || span.request !== undefined || span.response !== undefined || span.error !== undefined || span.attributes !== undefined;
  const item = h('li', { role: 'treeitem', 'aria-level': level, tabindex: -1, class: 'span-item', 'data-span-path': path.join('.') });
  const label = h('div', { class: `span-label ${span.status === 'error' ? 'is-error' : ''}` },
    h('span', { class: 'twisty' }, hasBody ? icon(expanded ? 'chevron-down' : 'chevron-right') : null),
    icon(span.status === 'error' ? 'error' : spanIcon(span)),
    h('span', { class: 'span-name' }, spanTitle(span)),
    spanTitle(span) !== span.name ? h('span', { class: 'muted' }, span.name) : null,
    h('span', { class: 'span-duration' }, formatMs(span.duration_ms)),
    span.error ? h('span', { class: 'error-text' }, span.error) : null,
  );
  item.appendChild(label);
  if (!hasBody) return item;
  item.setAttribute('aria-expanded', String(expanded));
  let group: HTMLElement | undefined;
  const build = (): HTMLElement => {
    const body = h('div', { class: 'span-body' },
      locationLinks([span.inputs, span.outputs, span.request, span.response, span.attributes], onReveal),
      span.inputs !== undefined ? jsonBlock('inputs', span.inputs, level === 1) : null,
      span.outputs !== undefined ? jsonBlock('outputs', span.outputs) : null,
      span.request !== undefined ? jsonBlock('request', span.request) : null,
      span.response !== undefined ? jsonBlock('response', span.response) : null,
      span.attributes !== undefined ? jsonBlock('attributes', span.attributes) : null,
    );
    const children = h('ul', { role: 'group' }, ...span.children.map((child, index) => spanItem(child, [...path, index], false, onReveal)));
    return h('div', {}, body, children);
  };
  const setExpanded = (open: boolean) => {
    item.setAttribute('aria-expanded', String(open));
    label.querySelector('.twisty')?.replaceChildren(icon(open ? 'chevron-down' : 'chevron-right'));
    if (open) {
      group ??= build();
      item.appendChild(group);
    } else {
      group?.remove();
    }
  };
  label.addEventListener('click', (event) => {
    event.stopPropagation();
    setExpanded(item.getAttribute('aria-expanded') !== 'true');
  });
  (item as ExpandableItem).setExpanded = setExpanded;
  if (expanded) setExpanded(true);
  return item;
}

function visibleItems(tree: HTMLElement): HTMLElement[] {
  return [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')].filter((item) => item.offsetParent !== null);
}

function onTreeKey(tree: HTMLElement, event: KeyboardEvent): void {
  const current = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
  if (!current || !tree.contains(current)) return;
  const items = visibleItems(tree);
  const index = items.indexOf(current);
  const expandable = current as ExpandableItem;
  const move = (target: HTMLElement | undefined) => {
    if (!target) return;
    current.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
  };
  switch (event.key) {
    case 'ArrowDown': move(items[index + 1]); break;
    case 'ArrowUp': move(items[index - 1]); break;
    case 'ArrowRight':
      if (current.getAttribute('aria-expanded') === 'false') expandable.setExpanded?.(true);
      else move(items[index + 1]);
      break;
    case 'ArrowLeft':
      if (current.getAttribute('aria-expanded') === 'true') expandable.setExpanded?.(false);
      else move(current.parentElement?.closest<HTMLElement>('[role="treeitem"]') ?? undefined);
      break;
    case 'Enter': case ' ':
      expandable.setExpanded?.(current.getAttribute('aria-expanded') !== 'true');
      break;
    default: return;
  }
  event.preventDefault();
  event.stopPropagation();
}
