import { isRecord } from '../common/isRecord';
import { REPLAY_OF_META_KEY } from '../shared/replay';
import type { EventStatus, NewTraceEvent, ConnectionSource, Span, TraceConnection } from '../shared/trace';
import { capBody, jsonSize, recordedSpan, redact } from './redact';
import type { TraceStore } from './traceStore';

/** A JSON-RPC message as it crosses the wire; kept structural so this file needs no MCP SDK. */
export interface JsonRpcMessage {
  jsonrpc?: string;
  id?: string | number | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code?: number; message?: string; data?: unknown };
}

export interface ServerMessageTiming {
  /** Time the upstream took to answer (proxy only). */
  upstreamMs?: number;
  /** When the answer went out, for an answer recorded some time after (the latency ends there). */
  answeredAt?: number;
}

interface PendingExchange {
  method: string;
  tool?: string;
  start: number;
  request: JsonRpcMessage;
  /** Undefined: measured when the exchange is recorded. */
  requestBytes: number | undefined;
  trace?: Span;
  direction: 'client-to-server' | 'server-to-client';
}

export interface ExchangeRecorderOptions {
  id: string;
  source: ConnectionSource;
  transport: TraceConnection['transport'];
  mcpSessionId?: string;
  /** Secrets (tokens) to mask wherever they would appear in a recorded body. */
  secrets?: readonly string[];
  now?: () => number;
}

/**
 * Turns the JSON-RPC messages of one MCP connection into trace events: a request and its answer
 * become one event with latency and sizes; notifications are events of their own.
 * Used by the debugger's own server and by the recording proxy.
 */
export class ExchangeRecorder {
  private readonly pending = new Map<string, PendingExchange>();
  private readonly now: () => number;
  private ended = false;

  constructor(private readonly store: TraceStore, private readonly options: ExchangeRecorderOptions) {
    this.now = options.now ?? Date.now;
    const at = this.now();
    store.upsertConnection({
      id: options.id,
      source: options.source,
      transport: options.transport,
      mcpSessionId: options.mcpSessionId,
      startedAt: at,
      lastActivityAt: at,
      status: 'active',
    });
    this.appendEvent({ timestamp: at, kind: 'connection_start', method: 'connection_start', status: 'ok' });
  }

  get connectionId(): string {
    return this.options.id;
  }

  setConnectionAttributes(patch: Partial<Pick<TraceConnection, 'mcpSessionId' | 'upstreamSessionId' | 'clientName' | 'clientVersion'>>): void {
    this.store.updateConnection(this.options.id, patch);
  }

  /**
   * A message the MCP client sent. Without `bytes` a request's size is measured when its exchange
   * is recorded (at its answer), so a server that records before it handles a call spends nothing
   * on it before it answers.
   */
  clientMessage(message: JsonRpcMessage, bytes?: number): void {
    this.onMessage(message, bytes, 'client-to-server', {});
  }

  /** A message the MCP server (ours or the upstream) sent; without `bytes` it is measured here. */
  serverMessage(message: JsonRpcMessage, bytes?: number, timing: ServerMessageTiming = {}): void {
    this.onMessage(message, bytes, 'server-to-client', timing);
  }

  /** Hangs a tool call's trace tree on the event its answer will produce. */
  attachTrace(requestId: string | number, trace: Span): void {
    const pending = this.pending.get(key('client-to-server', requestId));
    if (pending) pending.trace = trace;
  }

  /** Records an answer the recorder's owner gave itself without the server (e.g. a policy refusal). */
  recordLocalAnswer(requestId: string | number, response: JsonRpcMessage, status: EventStatus): void {
    this.finishExchange(key('client-to-server', requestId), response, jsonSize(response), {}, status);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    const at = this.now();
    for (const pendingKey of [...this.pending.keys()]) {
      this.finishExchange(pendingKey, { error: { message: 'connection closed before the answer' } }, 0, {}, 'error');
    }
    this.store.updateConnection(this.options.id, { status: 'ended', endedAt: at, lastActivityAt: at });
    this.appendEvent({ timestamp: at, kind: 'connection_end', method: 'connection_end', status: 'ok' });
  }

  private onMessage(message: JsonRpcMessage, bytes: number | undefined, direction: PendingExchange['direction'], timing: ServerMessageTiming): void {
    const at = this.now();
    const isRequest = typeof message.method === 'string' && message.id !== undefined && message.id !== null;
    const isNotification = typeof message.method === 'string' && (message.id === undefined || message.id === null);
    if (isRequest) {
      const method = message.method as string;
      const tool = method === 'tools/call' ? toolName(message.params) : undefined;
      this.pending.set(key(direction, message.id as string | number), { method, tool, start: at, request: message, requestBytes: bytes, direction });
      if (method === 'initialize') this.noteClientInfo(message.params);
      return;
    }
    if (isNotification) {
      this.appendEvent({
        timestamp: at,
        kind: 'notification',
        method: message.method as string,
        status: 'ok',
        requestBytes: direction === 'client-to-server' ? bytes ?? jsonSize(message) : undefined,
        responseBytes: direction === 'server-to-client' ? bytes ?? jsonSize(message) : undefined,
        request: capBody(redact(message, this.options.secrets)),
        metadata: { direction },
      });
      if (message.method === 'notifications/cancelled') this.cancelExchange(message.params, direction);
      return;
    }
    if (message.id !== undefined && message.id !== null) {
      // an answer travels the opposite way of its request
      const requestDirection = direction === 'server-to-client' ? 'client-to-server' : 'server-to-client';
      this.finishExchange(key(requestDirection, message.id), message, bytes ?? jsonSize(message), timing);
    }
  }

  private finishExchange(pendingKey: string, response: JsonRpcMessage, bytes: number, timing: ServerMessageTiming, forcedStatus?: EventStatus): void {
    const pending = this.pending.get(pendingKey);
    if (!pending) return;
    this.pending.delete(pendingKey);
    const at = timing.answeredAt ?? this.now();
    const outcome = statusOfResponse(response);
    const latencyMs = at - pending.start;
    this.appendEvent({
      timestamp: pending.start,
      kind: 'request',
      method: pending.method,
      tool: pending.tool,
      status: forcedStatus ?? outcome.status,
      error: outcome.error,
      errorCode: outcome.errorCode,
      latencyMs,
      upstreamMs: timing.upstreamMs,
      proxyMs: timing.upstreamMs !== undefined ? Math.max(0, latencyMs - timing.upstreamMs) : undefined,
      requestBytes: pending.requestBytes ?? jsonSize(pending.request),
      responseBytes: bytes,
      request: capBody(redact(pending.request, this.options.secrets)),
      response: capBody(redact(response, this.options.secrets)),
      metadata: pending.direction === 'server-to-client' ? { direction: pending.direction } : undefined,
      trace: pending.trace && recordedSpan(pending.trace, this.options.secrets),
      replayOf: pending.method === 'tools/call' ? replayOf(pending.request.params) : undefined,
    });
  }

  /**
   * A cancelled request gets no answer (the protocol says the receiver should not send one): its
   * exchange ends here, with the status `cancelled` and who cancelled it, rather than staying open for the connection's life.
   */
  private cancelExchange(params: unknown, direction: PendingExchange['direction']): void {
    const requestId = isRecord(params) ? params.requestId : undefined;
    if (typeof requestId !== 'string' && typeof requestId !== 'number') return;
    const reason = isRecord(params) && typeof params.reason === 'string' ? `: ${params.reason}` : '';
    this.finishExchange(key(direction, requestId), { error: { message: `cancelled by the ${direction === 'client-to-server' ? 'client' : 'server'}${reason}` } }, 0, {}, 'cancelled');
  }

  private noteClientInfo(params: unknown): void {
    const clientInfo = isRecord(params) && isRecord(params.clientInfo) ? params.clientInfo : undefined;
    if (!clientInfo) return;
    this.store.updateConnection(this.options.id, {
      clientName: typeof clientInfo.name === 'string' ? clientInfo.name : undefined,
      clientVersion: typeof clientInfo.version === 'string' ? clientInfo.version : undefined,
    });
  }

  private appendEvent(event: Omit<NewTraceEvent, 'connectionId' | 'source'>): void {
    this.store.append({ ...event, connectionId: this.options.id, source: this.options.source });
  }
}

function key(direction: PendingExchange['direction'], id: string | number): string {
  return `${direction === 'client-to-server' ? 'c' : 's'}:${typeof id}:${id}`;
}

/** The event a panel Replay names in `params._meta`; any client could send it, but it only links rows. */
function replayOf(params: unknown): number | undefined {
  const meta = isRecord(params) && isRecord(params._meta) ? params._meta[REPLAY_OF_META_KEY] : undefined;
  return typeof meta === 'number' && Number.isInteger(meta) && meta > 0 ? meta : undefined;
}

function toolName(params: unknown): string | undefined {
  return isRecord(params) && typeof params.name === 'string' ? params.name : undefined;
}

function statusOfResponse(response: JsonRpcMessage): { status: EventStatus; error?: string; errorCode?: number } {
  if (response.error) return { status: 'error', error: response.error.message ?? 'error', errorCode: response.error.code };
  const result = response.result;
  if (isRecord(result) && result.isError === true) {
    const structured = isRecord(result.structuredContent) ? result.structuredContent : jsonObjectIn(firstText(result.content));
    if (structured?.denied === true) return { status: 'denied', error: stringField(structured, 'error') ?? 'denied' };
    return { status: 'error', error: stringField(structured, 'error') ?? firstText(result.content)?.slice(0, 500) ?? 'tool error' };
  }
  return { status: 'ok' };
}

/** Tools answer failures as JSON text; read it back to find `error` and `denied`. */
function jsonObjectIn(text: string | undefined): Record<string, unknown> | undefined {
  if (!text?.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function stringField(record: Record<string, unknown> | undefined, field: string): string | undefined {
  const value = record?.[field];
  return typeof value === 'string' ? value : undefined;
}

function firstText(content: unknown): string | undefined {
  if (!Array.isArray(content)) return undefined;
  const first: unknown = content.find((item) => isRecord(item) && item.type === 'text');
  return isRecord(first) && typeof first.text === 'string' ? first.text : undefined;
}
