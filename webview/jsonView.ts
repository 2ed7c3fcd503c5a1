// JSON bodies as collapsible blocks, drawn only when opened, and trace locations as links.
import type { SourceLocation } from '../src/shared/protocol';
import { findLocations, formatLocation } from '../src/shared/sourceLocations';
import { h, icon } from './dom';

export type RevealHandler = (location: SourceLocation) => void;

const MAX_PRETTY_CHARS = 200_000;

export function prettyJson(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_PRETTY_CHARS ? `${text.slice(0, MAX_PRETTY_CHARS)}\n… (${text.length - MAX_PRETTY_CHARS} more characters)` : text;
}

/** A `<details>` block whose JSON text is built the first time it opens. */
export function jsonBlock(label: string, value: unknown, open = false): HTMLElement {
  const body = h('pre', { class: 'json', tabindex: 0 });
  const details = h('details', { class: 'json-block' }, h('summary', {}, label), body);
  const fill = () => {
    if (!body.textContent) body.textContent = prettyJson(value);
  };
  details.addEventListener('toggle', fill);
  if (open) {
    details.open = true;
    fill();
  }
  return details;
}

export function locationLink(location: SourceLocation, onReveal: RevealHandler): HTMLElement {
  const link = h('a', {
    class: 'loc-link', href: '#', title: `Open ${location.path}:${location.line} beside the panel`,
    'data-path': location.path, 'data-line': location.line,
  }, icon('go-to-file'), formatLocation(location));
  link.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    onReveal(location);
  });
  return link;
}

/** Links to every file location found in the given values, or null when there is none. */
export function locationLinks(values: unknown[], onReveal: RevealHandler): HTMLElement | null {
  const locations = findLocations(values);
  if (locations.length === 0) return null;
  return h('div', { class: 'loc-links' }, h('span', { class: 'muted' }, 'Locations:'), ...locations.map((location) => locationLink(location, onReveal)));
}
