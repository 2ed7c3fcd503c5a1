// A recorded exchange as OpenTelemetry span data, after the semantic conventions for MCP
// (status Development): span name `{mcp.method.name} {target}`, the mcp.*, gen_ai.*, jsonrpc.*,
// rpc.*, error.type, network.* and server.* attributes, tool arguments and results only on opt-in.
// Plain data, so the mapping is testable without an SDK and the SDK part stays small.
import type { Span, TraceEvent, TraceConnection } from '../shared/trace';
import { capBody, redact } from '../trace/redact';

export type OtelAttributeValue = string | number | boolean;
export type OtelSpanKind = 'server' | 'client' | 'internal';

export interface OtelSpanDescription {
  name: string;
  kind: OtelSpanKind;
  /** Epoch ms. */
  startMs: number;
  endMs: number;
  attributes: Record<string, OtelAttributeValue>;
  /** Set when the span failed; becomes status ERROR with this description. */
  error?: string;
  children: OtelSpanDescription[];
}

/** The W3C trace context (and baggage) a client put in `params._meta`. */
export interface PropagationCarrier {
  traceparent?: string;
  tracestate?: string;
  baggage?: string;
}

export interface EventSpans {
  span: OtelSpanDescription;
  carrier: PropagationCarrier;
  /** The id of the recorded event this exchange replays: its span gets a link to that event's span. */
  replayOf?: number;
}

/** Where the server of an exchange listens (ours, or the upstream behind the proxy). */
export interface McpPeer {
  address?: string;
  port?: number;
  transport?: 'tcp' | 'pipe';
}

/** What the event alone does not say about its connection. */
export interface ConnectionFacts {
  connection?: TraceConnection;
  /** The MCP revision the connection negotiated in `initialize`. */
  protocolVersion?: string;
  server?: McpPeer;
}

/** The opt-in content attributes; off by default because arguments and results may hold anything. */
export interface ContentCapture {
  toolCallArguments: boolean;
  toolCallResult: boolean;
}

export const NO_CONTENT: ContentCapture = { toolCallArguments: false, toolCallResult: false };

/** `service.name` of every span we export. */
export const SERVICE_NAME = 'mcp-live-debugger';

/** Attributes of our own, under one prefix, for what the conventions have no name for. */
export const OWN_PREFIX = 'mcp_live_debugger.';
export const OWN = {
  source: `${OWN_PREFIX}source`,
  /** Our connection id; the attribute keeps the name files and dashboards already use. */
  connectionId: `${OWN_PREFIX}session.id`,
  status: `${OWN_PREFIX}status`,
  clientName: `${OWN_PREFIX}client.name`,
  clientVersion: `${OWN_PREFIX}client.version`,
  upstreamMs: `${OWN_PREFIX}upstream_ms`,
  proxyMs: `${OWN_PREFIX}proxy_ms`,
  direction: `${OWN_PREFIX}direction`,
  /** The recorded event's id in the window's store. */
  eventId: `${OWN_PREFIX}event.id`,
  /** On a replay: the id of the event it ran again (the span also links to that event's span). */
  replayOf: `${OWN_PREFIX}replay_of`,
  /** On a span link: why the span points there (`replay_of`). */
  linkType: `${OWN_PREFIX}link.type`,
} as const;

/** Content attributes are capped like recorded bodies, so one span never carries megabytes. */
const CONTENT_CAP_BYTES = 16 * 1024;

/** The span of one recorded exchange and its children, or undefined for connection boundaries. */
export function describeEventSpans(event: TraceEvent, facts: ConnectionFacts = {}, content: ContentCapture = NO_CONTENT): EventSpans | undefined {
  if (event.kind !== 'request' && event.kind !== 'notification') return undefined;
  const request = asRecord(event.request);
  const params = asRecord(request?.params);
  const response = asRecord(event.response);
  const result = asRecord(response?.result);
  const target = spanTarget(event.method, event.tool, params);
  const attributes: Record<string, OtelAttributeValue> = { 'mcp.method.name': event.method };
  if (event.kind === 'request' && (typeof request?.id === 'string' || typeof request?.id === 'number')) attributes['jsonrpc.request.id'] = String(request.id);
  if (target.tool !== undefined) {
    attributes['gen_ai.tool.name'] = target.tool;
    attributes['gen_ai.operation.name'] = 'execute_tool';
  }
  if (target.prompt !== undefined) attributes['gen_ai.prompt.name'] = target.prompt;
  if (target.resourceUri !== undefined) attributes['mcp.resource.uri'] = target.resourceUri;
  const protocolVersion = facts.protocolVersion ?? negotiatedProtocolVersion(event);
  if (protocolVersion) attributes['mcp.protocol.version'] = protocolVersion;
  attributes['mcp.session.id'] = facts.connection?.mcpSessionId ?? event.connectionId;
  const transport = facts.server?.transport ?? networkTransportOf(facts.connection?.transport);
  if (transport) attributes['network.transport'] = transport;
  if (facts.server?.address) {
    attributes['server.address'] = facts.server.address;
    if (facts.server.port !== undefined) attributes['server.port'] = facts.server.port;
  }
  const failure = describeFailure(event, result);
  if (failure) {
    attributes['error.type'] = failure.type;
    if (failure.statusCode !== undefined) attributes['rpc.response.status_code'] = failure.statusCode;
  }
  if (content.toolCallArguments && target.tool !== undefined && params && 'arguments' in params) attributes['gen_ai.tool.call.arguments'] = contentText(params.arguments);
  if (content.toolCallResult && target.tool !== undefined && result && !failure) attributes['gen_ai.tool.call.result'] = contentText(result.structuredContent ?? result.content ?? result);
  attributes[OWN.source] = event.source;
  attributes[OWN.eventId] = event.id;
  if (event.replayOf !== undefined) attributes[OWN.replayOf] = event.replayOf;
  attributes[OWN.connectionId] = event.connectionId;
  attributes[OWN.status] = event.status;
  if (facts.connection?.clientName) attributes[OWN.clientName] = facts.connection.clientName;
  if (facts.connection?.clientVersion) attributes[OWN.clientVersion] = facts.connection.clientVersion;
  if (event.upstreamMs !== undefined) attributes[OWN.upstreamMs] = event.upstreamMs;
  if (event.proxyMs !== undefined) attributes[OWN.proxyMs] = event.proxyMs;
  const direction = typeof event.metadata?.direction === 'string' ? event.metadata.direction : undefined;
  if (direction) attributes[OWN.direction] = direction;

  const span: OtelSpanDescription = {
    name: target.name ? `${event.method} ${target.name}` : event.method,
    kind: spanKind(event.source, direction),
    startMs: event.timestamp,
    endMs: event.timestamp + Math.max(0, event.latencyMs ?? 0),
    attributes,
    error: failure ? failure.message : undefined,
    // the trace root is the tool run itself (the same operation as this exchange): its children hang here
    children: (event.trace?.children ?? []).map((child) => describeChildSpan(child, content)),
  };
  return event.replayOf !== undefined ? { span, carrier: carrierOf(params), replayOf: event.replayOf } : { span, carrier: carrierOf(params) };
}

/** A DAP request or event (or a VS Code call) a tool made, as a child span with its command and duration. */
export function describeChildSpan(span: Span, content: ContentCapture = NO_CONTENT): OtelSpanDescription {
  const own = span.attributes ?? {};
  const eventName = span.name === 'dap.event' && typeof own.event === 'string' ? own.event : undefined;
  const attributes: Record<string, OtelAttributeValue> = {};
  if (span.name === 'dap.request' && span.command) attributes['dap.command'] = span.command;
  else if (span.command) attributes[`${OWN_PREFIX}command`] = span.command;
  if (eventName) attributes['dap.event'] = eventName;
  for (const [key, value] of Object.entries(own)) {
    if (key === 'event' || key === 'body') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[`${OWN_PREFIX}${key}`] = value;
  }
  if (content.toolCallArguments && span.request !== undefined) attributes['dap.request.body'] = contentText(span.request);
  if (content.toolCallResult && span.response !== undefined) attributes['dap.response.body'] = contentText(span.response);
  if (content.toolCallResult && eventName && own.body !== undefined) attributes['dap.event.body'] = contentText(own.body);
  const target = span.command ?? eventName;
  return {
    name: target ? `${span.name} ${target}` : span.name,
    kind: span.name === 'dap.request' ? 'client' : 'internal',
    startMs: span.start,
    endMs: span.start + Math.max(0, span.duration_ms),
    attributes,
    error: span.status === 'error' ? span.error ?? 'error' : undefined,
    children: span.children.map((child) => describeChildSpan(child, content)),
  };
}

/** `initialize` answers carry the revision the connection uses; other events get it from their connection's. */
export function negotiatedProtocolVersion(event: TraceEvent): string | undefined {
  if (event.method !== 'initialize') return undefined;
  const version = asRecord(asRecord(event.response)?.result)?.protocolVersion;
  return typeof version === 'string' ? version : undefined;
}

function spanTarget(method: string, tool: string | undefined, params: Record<string, unknown> | undefined): { name?: string; tool?: string; prompt?: string; resourceUri?: string } {
  if (method === 'tools/call') {
    const name = tool ?? (typeof params?.name === 'string' ? params.name : undefined);
    return { name, tool: name };
  }
  if (method === 'prompts/get' && typeof params?.name === 'string') return { name: params.name, prompt: params.name };
  // a resource URI is high-cardinality: an attribute, never part of the name
  if (typeof params?.uri === 'string' && (method.startsWith('resources/') || method === 'notifications/resources/updated')) return { resourceUri: params.uri };
  return {};
}

function describeFailure(event: TraceEvent, result: Record<string, unknown> | undefined): { type: string; statusCode?: string; message: string } | undefined {
  if (event.status === 'ok') return undefined;
  const message = event.error ?? event.status;
  if (event.errorCode !== undefined) return { type: String(event.errorCode), statusCode: String(event.errorCode), message };
  // a tool that answered isError (denials included), or a capped body we can no longer read
  if (result?.isError === true || event.method === 'tools/call') return { type: 'tool_error', message };
  return { type: '_OTHER', message };
}

function spanKind(source: TraceEvent['source'], direction: string | undefined): OtelSpanKind {
  // the proxy reports its call to the upstream (server.* name the upstream): a client span
  const client = source.startsWith('proxy:');
  return direction === 'server-to-client' ? (client ? 'server' : 'client') : client ? 'client' : 'server';
}

function networkTransportOf(transport: string | undefined): McpPeer['transport'] | undefined {
  if (transport === 'stdio') return 'pipe';
  if (transport === 'streamable-http' || transport === 'http') return 'tcp';
  return undefined;
}

function carrierOf(params: Record<string, unknown> | undefined): PropagationCarrier {
  const meta = asRecord(params?._meta);
  const carrier: PropagationCarrier = {};
  if (typeof meta?.traceparent === 'string') carrier.traceparent = meta.traceparent;
  if (typeof meta?.tracestate === 'string') carrier.tracestate = meta.tracestate;
  if (typeof meta?.baggage === 'string') carrier.baggage = meta.baggage;
  return carrier;
}

/** Masked and capped like every export, then JSON (span attributes hold no nested objects). */
function contentText(value: unknown): string {
  return JSON.stringify(capBody(redact(value), CONTENT_CAP_BYTES)) ?? 'null';
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
