import { Disposable } from '../common/disposable';
import type { EndpointTokenInfo, EndpointTokenState } from '../shared/toolEndpoint';
import type { EventStatus, Span } from '../shared/trace';
import { capBody, jsonSize, recordedSpan, redact } from '../trace/redact';
import type { TraceStore } from '../trace/traceStore';
import type { ToolResult } from '../mcp/toolDefinition';

/** One authorized call of the debug endpoint, as it is recorded. */
export interface ToolEndpointCall {
  token: EndpointTokenInfo;
  /** The token value, only so that it is masked wherever it would appear; never stored. */
  tokenValue: string;
  httpMethod: string;
  tool: string;
  inputs: unknown;
  start: number;
  end: number;
  httpStatus: number;
  outputs?: ToolResult;
  trace?: Span;
  /** Why the call was refused (400/404), when it was. */
  error?: string;
  userAgent?: string;
}

/**
 * Writes debug endpoint calls into the in-memory trace store: one connection (source
 * `debug-endpoint`) per debug token, opened by its first call and ended with the token.
 * Headers are never recorded, and the token value is masked in everything that is.
 */
export class ToolEndpointRecorder extends Disposable {
  private readonly open = new Map<string, string>();

  constructor(private readonly store: TraceStore, onDidChangeTokens: (listener: (state: EndpointTokenState) => void) => { dispose(): void }) {
    super();
    this.register(onDidChangeTokens((state) => this.endConnectionsOfEndedTokens(state)));
  }

  static connectionIdOf(token: Pick<EndpointTokenInfo, 'id'>): string {
    return `dbg-${token.id}`;
  }

  /**
   * Opens the token's connection on its first authorized call. Called as soon as the token is
   * accepted (while it is surely active), so a token that ends mid-call still ends its connection.
   */
  begin(token: EndpointTokenInfo, at: number): void {
    if (this.open.has(token.id)) return;
    const connectionId = ToolEndpointRecorder.connectionIdOf(token);
    this.open.set(token.id, connectionId);
    this.writeConnection(token, at, 'active');
    this.store.append({ timestamp: at, connectionId: connectionId, source: 'debug-endpoint', kind: 'connection_start', method: 'connection_start', status: 'ok', metadata: { expiresAt: token.expiresAt } });
  }

  record(call: ToolEndpointCall): void {
    const connectionId = ToolEndpointRecorder.connectionIdOf(call.token);
    // the store may have been cleared since the connection opened
    if (!this.store.getConnection(connectionId)) this.writeConnection(call.token, call.start, this.open.has(call.token.id) ? 'active' : 'ended');
    const secrets = [call.tokenValue];
    const request = capBody(redact({ method: 'tools/call', params: { name: call.tool, arguments: call.inputs } }, secrets));
    const response = capBody(redact(call.error !== undefined
      ? { error: { code: call.httpStatus, message: call.error } }
      : { result: call.outputs }, secrets));
    const trace = call.trace ? recordedSpan(call.trace, secrets) : undefined;
    this.store.append({
      timestamp: call.start,
      connectionId: connectionId,
      source: 'debug-endpoint',
      kind: 'request',
      method: 'tools/call',
      tool: call.tool,
      status: statusOf(call),
      error: call.error ?? (call.outputs && !call.outputs.success ? String(call.outputs.error ?? 'tool failed') : undefined),
      errorCode: call.httpStatus === 200 ? undefined : call.httpStatus,
      latencyMs: Math.max(0, call.end - call.start),
      requestBytes: jsonSize(request),
      responseBytes: jsonSize(response),
      request,
      response,
      metadata: { http: `${call.httpMethod} /debug/${call.tool}`, httpStatus: call.httpStatus, userAgent: call.userAgent },
      trace,
    });
  }

  private writeConnection(token: EndpointTokenInfo, at: number, status: 'active' | 'ended'): void {
    this.store.upsertConnection({
      id: ToolEndpointRecorder.connectionIdOf(token),
      source: 'debug-endpoint',
      transport: 'http',
      clientName: `debug token by ${token.by}`,
      startedAt: at,
      lastActivityAt: at,
      status,
      endedAt: status === 'ended' ? at : undefined,
    });
  }

  private endConnectionsOfEndedTokens(state: EndpointTokenState): void {
    for (const [tokenId, connectionId] of [...this.open]) {
      if (state.active?.id === tokenId) continue;
      this.open.delete(tokenId);
      const ended = state.history.find((entry) => entry.id === tokenId);
      const at = ended?.endedAt ?? Date.now();
      this.store.updateConnection(connectionId, { status: 'ended', endedAt: at, lastActivityAt: at });
      this.store.append({ timestamp: at, connectionId: connectionId, source: 'debug-endpoint', kind: 'connection_end', method: 'connection_end', status: 'ok', metadata: ended ? { endedHow: ended.endedHow } : undefined });
    }
  }
}

function statusOf(call: ToolEndpointCall): EventStatus {
  if (call.httpStatus !== 200) return 'error';
  return call.outputs?.success ? 'ok' : 'error';
}
