// Our trace export as an OTLP JSON file (ExportTraceServiceRequest), and such a file (ours, a
// teammate's backend, CI) read back as our export, so the panel opens both.
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { TRACE_EXPORT_VERSION, type ConnectionSource, type EventStatus, type Span, type TraceConnection, type TraceEvent, type TraceExport } from '../shared/trace';
import { traceExportFrom } from '../trace/traceExport';
import { describeEventSpans, negotiatedProtocolVersion, NO_CONTENT, OWN, OWN_PREFIX, SERVICE_NAME, type ContentCapture, type McpPeer } from './mcpSpans';
import { ReplayLinks } from './replayLinks';
import { writeEventSpans } from './spanWriter';

export interface OtlpJsonOptions {
  serviceVersion: string;
  content?: ContentCapture;
  peerOf?: (connection: TraceConnection | undefined, event: TraceEvent) => McpPeer | undefined;
}

/** The export's exchanges as one ExportTraceServiceRequest in OTLP's JSON encoding. */
export function toOtlpJson(trace: TraceExport, options: OtlpJsonOptions): string {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': SERVICE_NAME, 'service.version': options.serviceVersion }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer(SERVICE_NAME, options.serviceVersion);
  const connections = new Map(trace.connections.map((connection) => [connection.id, connection]));
  const versions = new Map<string, string>();
  for (const event of trace.events) {
    const version = negotiatedProtocolVersion(event);
    if (version) versions.set(event.connectionId, version);
  }
  // a replay comes after its original in id order, so its link finds the original's span
  const replayLinks = new ReplayLinks(Number.POSITIVE_INFINITY);
  for (const event of [...trace.events].sort((a, b) => a.id - b.id)) {
    const connection = connections.get(event.connectionId);
    const spans = describeEventSpans(event, { connection, protocolVersion: versions.get(event.connectionId), server: options.peerOf?.(connection, event) }, options.content ?? NO_CONTENT);
    if (spans) replayLinks.remember(event.id, writeEventSpans(tracer, spans, replayLinks.linksFor(spans)).context);
  }
  const bytes = JsonTraceSerializer.serializeRequest(exporter.getFinishedSpans());
  return `${new TextDecoder().decode(bytes)}\n`;
}

/** Reads either file format: our own export, or OTLP JSON. Throws with what is wrong. */
export function parseTraceFile(text: string, now = Date.now()): TraceExport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Not a JSON file (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (isRecord(value) && Array.isArray(value.resourceSpans)) return fromOtlpJson(value.resourceSpans, now);
  if (isRecord(value) && value.format === undefined) {
    throw new Error('Neither an MCP Live Debugger trace export ("format": "mcp-live-debugger-trace") nor an OTLP JSON trace ("resourceSpans").');
  }
  return traceExportFrom(value);
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  start: number;
  end: number;
  attributes: Record<string, unknown>;
  error?: string;
  serviceName?: string;
  /** The span a `replay_of` link points at: the call this one ran again. */
  replayOfSpanId?: string;
}

/**
 * OTLP spans as events: each MCP span (one with `mcp.method.name`) is an exchange and the spans
 * below it its trace tree; a file with no MCP span at all shows each root span as one.
 */
export function fromOtlpJson(resourceSpans: readonly unknown[], now = Date.now()): TraceExport {
  const spans = readSpans(resourceSpans);
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const children = new Map<string, OtlpSpan[]>();
  for (const span of spans) {
    if (!span.parentSpanId || !byId.has(span.parentSpanId)) continue;
    const list = children.get(span.parentSpanId);
    if (list) list.push(span);
    else children.set(span.parentSpanId, [span]);
  }
  const isMcp = (span: OtlpSpan) => typeof span.attributes['mcp.method.name'] === 'string';
  const anyMcp = spans.some(isMcp);
  const isEvent = (span: OtlpSpan) => (anyMcp ? isMcp(span) : !span.parentSpanId || !byId.has(span.parentSpanId));
  const treeOf = (span: OtlpSpan): Span[] => (children.get(span.spanId) ?? []).filter((child) => !isEvent(child)).sort((a, b) => a.start - b.start).map((child) => ({
    name: child.name,
    start: child.start,
    duration_ms: Math.max(0, child.end - child.start),
    status: child.error !== undefined ? 'error' : 'ok',
    command: stringAttribute(child, 'dap.command') ?? stringAttribute(child, `${OWN_PREFIX}command`),
    request: jsonAttribute(child, 'dap.request.body'),
    response: jsonAttribute(child, 'dap.response.body'),
    error: child.error,
    attributes: child.attributes,
    children: treeOf(child),
  }));

  const connections = new Map<string, TraceConnection>();
  const eventSpans = spans.filter(isEvent).sort((a, b) => a.start - b.start);
  const eventIds = new Map(eventSpans.map((span, index) => [span.spanId, index + 1]));
  const events: TraceEvent[] = eventSpans.map((span, index) => {
    const method = stringAttribute(span, 'mcp.method.name') ?? span.name;
    const tool = stringAttribute(span, 'gen_ai.tool.name');
    const connectionId = stringAttribute(span, OWN.connectionId) ?? stringAttribute(span, 'mcp.session.id') ?? `otlp-${span.traceId}`;
    const source = sourceOf(stringAttribute(span, OWN.source), span.serviceName);
    noteConnection(connections, connectionId, source, span);
    const code = stringAttribute(span, 'rpc.response.status_code');
    const args = jsonAttribute(span, 'gen_ai.tool.call.arguments');
    const result = jsonAttribute(span, 'gen_ai.tool.call.result');
    const requestId = stringAttribute(span, 'jsonrpc.request.id');
    return {
      id: index + 1,
      timestamp: span.start,
      connectionId,
      source,
      kind: method.startsWith('notifications/') ? 'notification' : 'request',
      method,
      tool,
      status: statusOf(span),
      error: span.error,
      errorCode: code !== undefined && /^-?\d+$/.test(code) ? Number(code) : undefined,
      latencyMs: Math.max(0, span.end - span.start),
      upstreamMs: numberAttribute(span, OWN.upstreamMs),
      proxyMs: numberAttribute(span, OWN.proxyMs),
      request: { jsonrpc: '2.0', ...(requestId !== undefined ? { id: requestId } : {}), method, params: { ...(tool ? { name: tool } : {}), ...(args !== undefined ? { arguments: args } : {}) } },
      response: result !== undefined ? { result: { structuredContent: result } } : undefined,
      replayOf: span.replayOfSpanId !== undefined ? eventIds.get(span.replayOfSpanId) : undefined,
      metadata: { otlp: { traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId, service: span.serviceName }, attributes: span.attributes },
      trace: { name: span.name, start: span.start, duration_ms: Math.max(0, span.end - span.start), status: span.error !== undefined ? 'error' : 'ok', tool, error: span.error, children: treeOf(span) },
    };
  });
  return { format: 'mcp-live-debugger-trace', version: TRACE_EXPORT_VERSION, exportedAt: now, connections: [...connections.values()], events };
}

function readSpans(resourceSpans: readonly unknown[]): OtlpSpan[] {
  const spans: OtlpSpan[] = [];
  for (const resource of resourceSpans) {
    if (!isRecord(resource)) continue;
    const resourceAttributes = readAttributes(isRecord(resource.resource) ? resource.resource.attributes : undefined);
    const serviceName = typeof resourceAttributes['service.name'] === 'string' ? resourceAttributes['service.name'] : undefined;
    for (const scope of Array.isArray(resource.scopeSpans) ? resource.scopeSpans : []) {
      if (!isRecord(scope) || !Array.isArray(scope.spans)) continue;
      for (const span of scope.spans) {
        if (!isRecord(span) || typeof span.traceId !== 'string' || typeof span.spanId !== 'string') throw new Error('An OTLP span without traceId or spanId.');
        const status = isRecord(span.status) ? span.status : {};
        const failed = status.code === 2 || status.code === 'STATUS_CODE_ERROR';
        spans.push({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: typeof span.parentSpanId === 'string' && span.parentSpanId !== '' ? span.parentSpanId : undefined,
          name: typeof span.name === 'string' ? span.name : '(unnamed span)',
          start: nanosToMs(span.startTimeUnixNano),
          end: nanosToMs(span.endTimeUnixNano),
          attributes: readAttributes(span.attributes),
          replayOfSpanId: replayLinkOf(span.links),
          error: failed ? (typeof status.message === 'string' && status.message !== '' ? status.message : 'error') : undefined,
          serviceName,
        });
      }
    }
  }
  return spans;
}

function replayLinkOf(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const link = links.find((candidate) => isRecord(candidate) && readAttributes(candidate.attributes)[OWN.linkType] === 'replay_of');
  return isRecord(link) && typeof link.spanId === 'string' ? link.spanId : undefined;
}

function noteConnection(connections: Map<string, TraceConnection>, id: string, source: ConnectionSource, span: OtlpSpan): void {
  const known = connections.get(id);
  if (known) {
    known.startedAt = Math.min(known.startedAt, span.start);
    known.lastActivityAt = Math.max(known.lastActivityAt, span.end);
    known.endedAt = known.lastActivityAt;
    return;
  }
  const mcpSessionId = stringAttribute(span, 'mcp.session.id');
  connections.set(id, {
    id,
    source,
    transport: stringAttribute(span, 'network.transport') === 'pipe' ? 'stdio' : 'streamable-http',
    clientName: stringAttribute(span, OWN.clientName) ?? span.serviceName,
    clientVersion: stringAttribute(span, OWN.clientVersion),
    mcpSessionId: mcpSessionId !== id ? mcpSessionId : undefined,
    startedAt: span.start,
    lastActivityAt: span.end,
    endedAt: span.end,
    status: 'ended',
  });
}

function sourceOf(recorded: string | undefined, serviceName: string | undefined): ConnectionSource {
  if (recorded === 'debugger' || recorded === 'debug-endpoint' || recorded?.startsWith('proxy:')) return recorded as ConnectionSource;
  // another server's spans: shown like a recorded upstream, named by its service
  return `proxy:${serviceName ?? 'otlp'}`;
}

function statusOf(span: OtlpSpan): EventStatus {
  const recorded = stringAttribute(span, OWN.status);
  if (recorded === 'ok' || recorded === 'error' || recorded === 'denied' || recorded === 'cancelled') return recorded;
  return span.error !== undefined ? 'error' : 'ok';
}

/** OTLP JSON AnyValue to a plain value. */
function readAnyValue(value: unknown): unknown {
  if (!isRecord(value)) return undefined;
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return Number(value.doubleValue);
  if ('bytesValue' in value) return value.bytesValue;
  if (isRecord(value.arrayValue)) return (Array.isArray(value.arrayValue.values) ? value.arrayValue.values : []).map(readAnyValue);
  if (isRecord(value.kvlistValue)) return readAttributes(value.kvlistValue.values);
  return undefined;
}

function readAttributes(list: unknown): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  if (!Array.isArray(list)) return attributes;
  for (const item of list) if (isRecord(item) && typeof item.key === 'string') attributes[item.key] = readAnyValue(item.value);
  return attributes;
}

function nanosToMs(value: unknown): number {
  if (typeof value === 'number') return value / 1e6;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(BigInt(value) / 1000n) / 1000;
  throw new Error('An OTLP span without startTimeUnixNano or endTimeUnixNano.');
}

function stringAttribute(span: OtlpSpan, key: string): string | undefined {
  const value = span.attributes[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function numberAttribute(span: OtlpSpan, key: string): number | undefined {
  const value = span.attributes[key];
  return typeof value === 'number' ? value : undefined;
}

/** Content attributes hold JSON text (or, from other instrumentations, a structured value). */
function jsonAttribute(span: OtlpSpan, key: string): unknown {
  const value = span.attributes[key];
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
