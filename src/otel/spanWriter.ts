import { ROOT_CONTEXT, SpanKind, SpanStatusCode, defaultTextMapGetter, trace, type Context, type Link, type SpanContext, type Tracer } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import type { EventSpans, OtelSpanDescription, OtelSpanKind, PropagationCarrier } from './mcpSpans';

// W3C trace context and baggage, as the MCP conventions propagate them in `params._meta`
const propagator = new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] });

const KINDS: Record<OtelSpanKind, SpanKind> = { server: SpanKind.SERVER, client: SpanKind.CLIENT, internal: SpanKind.INTERNAL };

/** The client's context from `params._meta` (its span becomes our parent), or the root context. */
export function extractParentContext(carrier: PropagationCarrier): Context {
  return carrier.traceparent ? propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter) : ROOT_CONTEXT;
}

export interface WrittenSpans {
  count: number;
  /** The exchange's own span (links to it are made from this). */
  context: SpanContext;
}

/**
 * Writes one exchange's spans through an SDK tracer, with their recorded times (not now): the
 * exchange as a child of the client's span when it sent a traceparent, its DAP spans under it,
 * and `links` (a replay's original) on the exchange's span.
 */
export function writeEventSpans(tracer: Tracer, spans: EventSpans, links: readonly Link[] = []): WrittenSpans {
  return writeSpan(tracer, spans.span, extractParentContext(spans.carrier), links);
}

export function countSpans(span: OtelSpanDescription): number {
  return span.children.reduce((count, child) => count + countSpans(child), 1);
}

function writeSpan(tracer: Tracer, description: OtelSpanDescription, parent: Context, links: readonly Link[] = []): WrittenSpans {
  // Dates, not numbers: the SDK reads a number below its process start time as a performance.now() offset
  const span = tracer.startSpan(description.name, {
    kind: KINDS[description.kind], startTime: new Date(description.startMs), attributes: description.attributes, links: [...links],
  }, parent);
  const context = trace.setSpan(parent, span);
  let count = 1;
  for (const child of description.children) count += writeSpan(tracer, child, context).count;
  if (description.error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: description.error });
  span.end(new Date(description.endMs));
  return { count, context: span.spanContext() };
}
