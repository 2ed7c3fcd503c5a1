import type { Link, SpanContext } from '@opentelemetry/api';
import { OWN, type EventSpans } from './mcpSpans';

/**
 * The span contexts of the exchanges written so far, by event id, so that a replay's span can
 * link to the span of the call it ran again (OpenTelemetry links are for exactly that: a causal
 * relation that is not parent and child; the replay starts a trace of its own). Bounded: a replay
 * of an older call, or of one recorded before the export ran, carries only its `replay_of` attribute.
 */
export class ReplayLinks {
  private readonly contexts = new Map<number, SpanContext>();

  constructor(private readonly maxRemembered = 4_096) {}

  /** Links for the exchange's span: to the original's span, when it was written here. */
  linksFor(spans: EventSpans): Link[] {
    const original = spans.replayOf !== undefined ? this.contexts.get(spans.replayOf) : undefined;
    return original ? [{ context: original, attributes: { [OWN.linkType]: 'replay_of' } }] : [];
  }

  remember(eventId: number, context: SpanContext): void {
    this.contexts.delete(eventId);
    this.contexts.set(eventId, context);
    if (this.contexts.size > this.maxRemembered) this.contexts.delete(this.contexts.keys().next().value as number);
  }
}
