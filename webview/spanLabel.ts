// How a span is named and marked, the same in the trace tree and in its waterfall.
import type { Span } from '../src/shared/trace';

/** What a span did: the tool of a call, the DAP command of a request, the event's name, or the span's own name. */
export function spanTitle(span: Span): string {
  if (span.tool) return span.tool;
  if (span.command) return span.command;
  const event = span.attributes?.event;
  return typeof event === 'string' ? event : span.name;
}

export function spanIcon(span: Span): string {
  if (span.name === 'dap.event' || span.name.startsWith('event')) return 'bell';
  if (span.command || span.request !== undefined) return 'debug-alt-small';
  return 'symbol-method';
}
