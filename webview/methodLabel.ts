// A JSON-RPC method as a one-line cell shows it: where the cell is too narrow for the whole
// (`notifications/initialized` in a 360 px panel), the namespace goes and the method's own name
// stays whole, instead of a word cut at the edge. The namespace wraps onto a line above the one
// the cell shows (a break only at the <wbr>, after the slash), so no width is measured in script;
// the text read out and copied stays the whole method, and the title shows it too.
import { h } from './dom';

export function methodLabel(method: string, className = ''): HTMLElement {
  const label = h('span', { class: `method ${className}`.trim() });
  writeMethod(label, method);
  return label;
}

/** Writes a method into a label made by methodLabel (a row recycled for another event). */
export function writeMethod(label: HTMLElement, method: string): void {
  if (label.dataset.method === method) return;
  label.dataset.method = method;
  label.title = method;
  // MCP methods are `namespace/name`; our own connection events are `connection_start` and `_end`
  const slash = method.lastIndexOf('/');
  const split = slash > 0 ? slash + 1 : method.indexOf('_') + 1;
  const lines = h('span', { class: 'method-lines' },
    split > 0 ? h('span', { class: 'method-ns' }, method.slice(0, split)) : null,
    split > 0 ? h('wbr') : null,
    h('span', { class: 'method-name' }, method.slice(split)));
  label.replaceChildren(lines);
}
