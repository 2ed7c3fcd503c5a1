// The one trace model every source (debugger, proxy, debug endpoint) writes and the panel reads.
// Field names of Span follow the seed's debug-session traces so exports read alike.

/** `language-model-tools`: calls through VS Code's language model tools (Copilot without MCP). */
/**
 * Bodies are capped one by one, but 50,000 large ones would still be gigabytes: the trace store
 * bounds their total too (here, so the panel can say which bound dropped events).
 */
export const TRACE_STORE_MAX_BYTES = 256 * 1024 * 1024;

/**
 * The largest trace file Import reads (ours or OTLP JSON): a file is read as one string, and a
 * JavaScript string holds at most 2^29 - 24 characters; this leaves room below that. Here, so the
 * webview can refuse a dropped file before reading it.
 */
export const TRACE_FILE_MAX_BYTES = 500 * 1024 * 1024;

/** A file of more than TRACE_FILE_MAX_BYTES: what Import says instead of reading it. */
export function traceFileTooLarge(name: string, bytes: number): string {
  const mb = (value: number) => `${Math.round(value / 2 ** 20)} MB`;
  return `${name} is ${mb(bytes)}, more than the ${mb(TRACE_FILE_MAX_BYTES)} a trace file may have. Export a filtered view (or fewer events) and import that.`;
}

export type ConnectionSource = 'debugger' | 'debug-endpoint' | 'language-model-tools' | `proxy:${string}`;
export type ConnectionStatus = 'active' | 'ended';
/** `cancelled`: the client cancelled the call (notifications/cancelled), so its answer was not sent. */
export type EventStatus = 'ok' | 'error' | 'denied' | 'cancelled';
/** What an event stands for: a request/response exchange, a one-way notification, or a connection boundary. */
export type EventKind = 'request' | 'notification' | 'connection_start' | 'connection_end';

export interface TraceConnection {
  /** Our own connection id (newer MCP revisions drop Mcp-Session-Id). */
  id: string;
  source: ConnectionSource;
  /** `in-process`: VS Code calls the language model tools inside the extension host, no wire. */
  transport: 'streamable-http' | 'stdio' | 'http' | 'in-process';
  clientName?: string;
  clientVersion?: string;
  /** Mcp-Session-Id header value, when the transport used one. */
  mcpSessionId?: string;
  /** The upstream server's own session id (proxy only). */
  upstreamSessionId?: string;
  startedAt: number;
  lastActivityAt: number;
  endedAt?: number;
  status: ConnectionStatus;
}

export interface Span {
  name: string;
  /** Epoch ms. */
  start: number;
  duration_ms: number;
  status: 'ok' | 'error';
  tool?: string;
  command?: string;
  inputs?: unknown;
  outputs?: unknown;
  request?: unknown;
  response?: unknown;
  error?: string;
  attributes?: Record<string, unknown>;
  children: Span[];
}

export interface TraceEvent {
  /** Store-assigned, strictly increasing. */
  id: number;
  timestamp: number;
  connectionId: string;
  source: ConnectionSource;
  kind: EventKind;
  /** MCP method (`tools/call`, `initialize`, `notifications/...`) or `connection_start` / `connection_end`. */
  method: string;
  tool?: string;
  status: EventStatus;
  error?: string;
  errorCode?: number;
  latencyMs?: number;
  upstreamMs?: number;
  proxyMs?: number;
  requestBytes?: number;
  responseBytes?: number;
  request?: unknown;
  response?: unknown;
  metadata?: Record<string, unknown>;
  trace?: Span;
  /** The id of the event this call ran again (a Replay from the panel); it went the same way, to the same server. */
  replayOf?: number;
}

export type NewTraceEvent = Omit<TraceEvent, 'id'>;

/**
 * The file format of Export / Import. Version 2 names connections `connections` / `connectionId`;
 * version 1 files (`sessions` / `sessionId`, `session_start` / `session_end`) are still read, see `parseTraceExport`.
 */
export const TRACE_EXPORT_VERSION = 2;

export interface TraceExport {
  format: 'mcp-live-debugger-trace';
  version: typeof TRACE_EXPORT_VERSION;
  exportedAt: number;
  connections: TraceConnection[];
  events: TraceEvent[];
}
