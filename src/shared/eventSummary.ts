// What the panel's lists need of an event, without its bodies. The host sends these (cheap to
// clone, even 100,000 at once) and hands out the full event only when a row is expanded.
import type { TraceEvent } from './trace';

export interface EventSummary extends Pick<TraceEvent,
  'id' | 'timestamp' | 'connectionId' | 'source' | 'kind' | 'method' | 'tool' | 'status' | 'error' | 'errorCode'
  | 'latencyMs' | 'upstreamMs' | 'proxyMs' | 'requestBytes' | 'responseBytes' | 'replayOf'> {
  /** What a call was about when it is not a tool: a resource URI or a prompt name. */
  target?: string;
  /** The upstream server a proxied event went to. */
  upstream?: string;
  /** Tool names a `tools/list` answer listed. */
  listedTools?: string[];
  /** The event has a trace tree (a tool call run by our server). */
  hasTrace?: boolean;
}

export function summarizeEvent(event: TraceEvent): EventSummary {
  const summary: EventSummary = {
    id: event.id, timestamp: event.timestamp, connectionId: event.connectionId, source: event.source, kind: event.kind,
    method: event.method, status: event.status,
  };
  if (event.tool !== undefined) summary.tool = event.tool;
  if (event.error !== undefined) summary.error = event.error.length > 300 ? `${event.error.slice(0, 300)}…` : event.error;
  if (event.errorCode !== undefined) summary.errorCode = event.errorCode;
  if (event.latencyMs !== undefined) summary.latencyMs = event.latencyMs;
  if (event.upstreamMs !== undefined) summary.upstreamMs = event.upstreamMs;
  if (event.proxyMs !== undefined) summary.proxyMs = event.proxyMs;
  if (event.requestBytes !== undefined) summary.requestBytes = event.requestBytes;
  if (event.responseBytes !== undefined) summary.responseBytes = event.responseBytes;
  if (event.replayOf !== undefined) summary.replayOf = event.replayOf;
  const target = requestTarget(event.request);
  if (target !== undefined) summary.target = target;
  const upstream = event.metadata?.upstream;
  if (typeof upstream === 'string') summary.upstream = upstream;
  else if (event.source.startsWith('proxy:')) summary.upstream = event.source.slice('proxy:'.length);
  if (event.method === 'tools/list' && event.status === 'ok') summary.listedTools = listedToolNames(event.response);
  if (event.trace) summary.hasTrace = true;
  return summary;
}

function requestTarget(request: unknown): string | undefined {
  const params = typeof request === 'object' && request !== null ? (request as { params?: unknown }).params : undefined;
  if (typeof params !== 'object' || params === null) return undefined;
  const record = params as Record<string, unknown>;
  if (typeof record.uri === 'string') return record.uri.slice(0, 300);
  if (typeof record.name === 'string') return record.name.slice(0, 300);
  return undefined;
}

/** The tool names a `tools/list` answer lists. */
export function listedToolNames(response: unknown): string[] {
  const result = field(response, 'result');
  const tools = field(result, 'tools');
  if (!Array.isArray(tools)) return [];
  return tools.map((tool) => field(tool, 'name')).filter((name): name is string => typeof name === 'string');
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
