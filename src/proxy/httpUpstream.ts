import type * as http from 'node:http';
import type { Socket } from 'node:net';
import { Disposable, toDisposable } from '../common/disposable';
import { sendJsonRpcError } from '../http/jsonResponse';
import { readBody } from '../http/requestBody';
import type { JsonRpcMessage } from '../trace/exchangeRecorder';
import { newConnectionId, type ProxyContext, type UpstreamHandler } from './proxyContext';
import { preciseNow, ProxyConnectionRecorder } from './proxyConnectionRecorder';
import { formatSseFrame, SseFrameParser } from './sseFrames';
import { createUpstreamClient, type UpstreamClient, type UpstreamRequestHeaders, type UpstreamResponse } from './upstreamClient';
import type { HttpUpstreamDefinition } from './upstreamConfiguration';
import { UpstreamToolFilter } from './upstreamToolFilter';

/** Headers that describe one hop (or our own auth and origin) and so are not passed on. */
const REQUEST_HEADERS_NOT_FORWARDED = new Set([
  'host', 'connection', 'keep-alive', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'authorization', 'origin', 'referer', 'cookie', 'content-length',
  // answers must come uncompressed: the proxy reads copies of them to record them
  'accept-encoding',
  // met already: the body was read whole before it goes on
  'expect',
]);
const RESPONSE_HEADERS_NOT_FORWARDED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'trailer', 'upgrade']);
/** JSON bodies larger than this are forwarded whole but recorded by size only. */
const MAX_RECORDED_JSON_BYTES = 1024 * 1024;

interface RecordedConnection {
  recorder: ProxyConnectionRecorder;
  lastSeen: number;
  /** The client or the upstream named it with Mcp-Session-Id. */
  hasSessionHeader: boolean;
}

/**
 * A Streamable HTTP upstream, forwarded at the HTTP level: request and response bytes pass
 * unchanged (SSE streams chunk by chunk, Last-Event-ID and Mcp-Session-Id as headers), and only
 * copies of them are queued for recording. Two cases look into a body on the way: a `tools/call`
 * when the tool filter restricts, and a `tools/list` answer when the filter hides denied tools.
 */
export class HttpUpstreamHandler extends Disposable implements UpstreamHandler {
  private readonly url: URL;
  private readonly client: UpstreamClient;
  private readonly toolFilter: UpstreamToolFilter;
  private readonly secrets: string[];
  private readonly bySessionHeader = new Map<string, RecordedConnection>();
  private readonly bySocket = new WeakMap<Socket, RecordedConnection>();
  private readonly live = new Set<RecordedConnection>();

  constructor(readonly definition: HttpUpstreamDefinition, private readonly context: ProxyContext) {
    super();
    this.url = new URL(definition.url);
    this.client = createUpstreamClient(this.url);
    this.toolFilter = new UpstreamToolFilter(definition.name, definition.policy);
    // the token, upstream header values and a password in the URL never appear in a recording
    this.secrets = [context.token, ...Object.values(definition.headers), ...(this.url.password ? [decodeURIComponent(this.url.password)] : [])];
    const sweep = setInterval(() => this.endIdleConnections(), Math.min(context.idleTimeoutMs, 60_000));
    sweep.unref();
    this.register(toDisposable(() => {
      clearInterval(sweep);
      this.client.dispose();
      for (const connection of this.live) connection.recorder.end();
      this.live.clear();
    }));
  }

  get connectionCount(): number {
    return this.live.size;
  }

  async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const arrivedAt = preciseNow();
    const body = request.method === 'POST' ? await readBody(request) : undefined;
    const clientSessionId = headerValue(request.headers['mcp-session-id']);
    const connection = this.connectionFor(request, clientSessionId, body, arrivedAt);

    let inspected: JsonRpcMessage | JsonRpcMessage[] | undefined;
    // parsed whenever the tool filter applies: a substring test could be dodged with JSON escapes ("tools\/call")
    if (body && (this.toolFilter.restricts || this.toolFilter.hideDenied)) {
      inspected = parseJson(body);
      if (this.toolFilter.restricts && this.answerDenied(inspected, connection, arrivedAt, response)) return;
    }
    const rewriteToolsList = this.toolFilter.hideDenied && isSingleRequest(inspected, 'tools/list');
    this.forward(request, response, body, connection, arrivedAt, rewriteToolsList);
  }

  private forward(request: http.IncomingMessage, response: http.ServerResponse, body: Buffer | undefined, connection: RecordedConnection, arrivedAt: number, rewriteToolsList: boolean): void {
    const headers = this.upstreamHeaders(request, body);
    const sentAt = preciseNow();
    const upstreamRequest = this.client.request(request.method ?? 'GET', headers, body);
    let finished = false;
    upstreamRequest.on('response', (upstreamResponse) => {
      upstreamResponse.on('end', () => { finished = true; });
      if (rewriteToolsList) this.relayRewritten(upstreamResponse, response, connection, sentAt);
      else this.relay(request.method ?? 'GET', upstreamResponse, response, connection, sentAt, body);
    });
    upstreamRequest.on('error', (error) => {
      finished = true;
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const message = `The recording proxy could not reach upstream "${this.definition.name}" at ${this.url.origin}${this.url.pathname}: ${error.message}. Check that the server is running and the URL in mcpLiveDebugger.proxy.servers is right.`;
      sendJsonRpcError(response, 502, -32603, message, singleRequestId(body));
      for (const id of requestIds(body)) connection.recorder.localAnswer(preciseNow(), id, { jsonrpc: '2.0', id, error: { code: -32603, message } }, 'error');
    });
    response.on('close', () => {
      if (!finished) upstreamRequest.destroy();
    });
    if (body) connection.recorder.clientMessages(arrivedAt, body);
  }

  private relay(method: string, upstreamResponse: UpstreamResponse, response: http.ServerResponse, connection: RecordedConnection, sentAt: number, requestBody: Buffer | undefined): void {
    const firstByteAt = preciseNow();
    this.noteUpstreamSession(upstreamResponse, connection);
    response.writeHead(upstreamResponse.statusCode ?? 502, responseHeaders(upstreamResponse));
    const contentType = String(upstreamResponse.headers['content-type'] ?? '');
    const recorder = connection.recorder;
    if (contentType.includes('text/event-stream')) {
      // answers on a GET stream belong to no request sent now, so no upstream time applies there
      const timed = method === 'POST';
      const parser = new SseFrameParser();
      upstreamResponse.on('data', (chunk: Buffer) => {
        const receivedAt = preciseNow();
        connection.lastSeen = receivedAt;
        if (!response.write(chunk)) {
          upstreamResponse.pause();
          response.once('drain', () => upstreamResponse.resume());
        }
        const writtenAt = preciseNow();
        this.context.queue.push(() => {
          for (const frame of parser.push(chunk)) {
            if (frame.data.trim()) recorder.serverMessages(writtenAt, frame.data, timed ? receivedAt - sentAt : undefined);
          }
        });
      });
    } else {
      const chunks: Buffer[] = [];
      let size = 0;
      let firstWrittenAt = 0;
      upstreamResponse.on('data', (chunk: Buffer) => {
        if (!response.write(chunk)) {
          upstreamResponse.pause();
          response.once('drain', () => upstreamResponse.resume());
        }
        if (firstWrittenAt === 0) firstWrittenAt = preciseNow();
        size += chunk.length;
        if (size <= MAX_RECORDED_JSON_BYTES) chunks.push(chunk);
      });
      upstreamResponse.on('end', () => {
        if (size === 0 || !contentType.includes('json')) return;
        if (size <= MAX_RECORDED_JSON_BYTES) {
          recorder.serverMessages(firstWrittenAt, Buffer.concat(chunks), firstByteAt - sentAt);
          return;
        }
        // too big to keep a copy of: the exchanges still end, with the size instead of the body
        const note = { 'mcp-live-debugger/notRecorded': `response of ${size} bytes is over the recording limit of ${MAX_RECORDED_JSON_BYTES} bytes` };
        for (const id of requestIds(requestBody)) recorder.serverMessages(firstWrittenAt, { jsonrpc: '2.0', id, result: { _meta: note } }, firstByteAt - sentAt);
      });
    }
    upstreamResponse.on('end', () => {
      response.end();
      if (method === 'DELETE' && (upstreamResponse.statusCode ?? 500) < 300) this.endConnection(connection);
    });
    upstreamResponse.on('error', () => response.destroy());
  }

  /** Buffers a `tools/list` answer to leave out the tools the filter denies, then sends it. */
  private relayRewritten(upstreamResponse: UpstreamResponse, response: http.ServerResponse, connection: RecordedConnection, sentAt: number): void {
    this.noteUpstreamSession(upstreamResponse, connection);
    const chunks: Buffer[] = [];
    let firstByteAt = 0;
    upstreamResponse.on('data', (chunk: Buffer) => {
      if (firstByteAt === 0) firstByteAt = preciseNow();
      chunks.push(chunk);
    });
    upstreamResponse.on('end', () => {
      const original = Buffer.concat(chunks).toString('utf8');
      const contentType = String(upstreamResponse.headers['content-type'] ?? '');
      const rewritten = contentType.includes('text/event-stream')
        ? rewriteSse(original, (message) => this.hideDenied(message))
        : rewriteJson(original, (message) => this.hideDenied(message));
      const headers = responseHeaders(upstreamResponse);
      delete headers['content-length'];
      response.writeHead(upstreamResponse.statusCode ?? 502, { ...headers, 'content-length': Buffer.byteLength(rewritten.text) });
      response.end(rewritten.text);
      const writtenAt = preciseNow();
      for (const message of rewritten.messages) connection.recorder.serverMessages(writtenAt, message, (firstByteAt || writtenAt) - sentAt);
    });
    upstreamResponse.on('error', () => response.destroy());
  }

  private hideDenied(message: JsonRpcMessage): JsonRpcMessage {
    return message.result === undefined ? message : { ...message, result: this.toolFilter.filterToolsListResult(message.result) };
  }

  /** Answers a denied `tools/call` locally; true when it did. */
  private answerDenied(inspected: JsonRpcMessage | JsonRpcMessage[] | undefined, connection: RecordedConnection, arrivedAt: number, response: http.ServerResponse): boolean {
    const messages = Array.isArray(inspected) ? inspected : inspected ? [inspected] : [];
    const denials = new Map<string | number, string>();
    for (const message of messages) {
      if (message.id === undefined || message.id === null) continue;
      const verdict = this.toolFilter.checkCall(message);
      if (!verdict.allowed) denials.set(message.id, verdict.reason);
    }
    if (denials.size === 0) return false;
    connection.recorder.clientMessages(arrivedAt, messages);
    // a batch is answered as a whole: one refused call refuses the batch rather than splitting it
    const answers: JsonRpcMessage[] = messages.filter((message) => message.id !== undefined && message.id !== null && message.method !== undefined).map((message) => {
      const id = message.id as string | number;
      const reason = denials.get(id) ?? `Not sent: this batch contains a tool call denied by the recording proxy's policy for upstream "${this.definition.name}".`;
      return this.toolFilter.denialAnswer(id, reason);
    });
    const text = JSON.stringify(Array.isArray(inspected) ? answers : answers[0]);
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    response.end(text);
    const answeredAt = preciseNow();
    for (const answer of answers) connection.recorder.localAnswer(answeredAt, answer.id as string | number, answer, denials.has(answer.id as string | number) ? 'denied' : 'error');
    return true;
  }

  private upstreamHeaders(request: http.IncomingMessage, body: Buffer | undefined): UpstreamRequestHeaders {
    const headers: UpstreamRequestHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && !REQUEST_HEADERS_NOT_FORWARDED.has(name)) headers[name] = value;
    }
    for (const [name, value] of Object.entries(this.definition.headers)) headers[name.toLowerCase()] = String(value);
    if (body) headers['content-length'] = String(body.length);
    return headers;
  }

  /** Which recorded connection a request belongs to: by Mcp-Session-Id, else by client connection. */
  private connectionFor(request: http.IncomingMessage, clientSessionId: string | undefined, body: Buffer | undefined, at: number): RecordedConnection {
    if (clientSessionId) {
      let connection = this.bySessionHeader.get(clientSessionId);
      if (!connection) {
        connection = this.openConnection(at);
        connection.hasSessionHeader = true;
        this.bySessionHeader.set(clientSessionId, connection);
        connection.recorder.setAttributes({ mcpSessionId: clientSessionId, upstreamSessionId: clientSessionId });
      }
      connection.lastSeen = at;
      return connection;
    }
    // without Mcp-Session-Id a client is known by its connection; a client that opens another
    // connection joins the one recorded connection without a header, when there is just one to join
    const socket = request.socket;
    const isInitialize = body !== undefined && body.includes('initialize') && isSingleRequest(parseJson(body), 'initialize');
    let connection = isInitialize ? undefined : this.bySocket.get(socket);
    if (!connection || !this.live.has(connection)) {
      const headerless = isInitialize ? [] : [...this.live].filter((candidate) => !candidate.hasSessionHeader);
      connection = headerless.length === 1 ? headerless[0] : this.openConnection(at);
      this.bySocket.set(socket, connection);
    }
    connection.lastSeen = at;
    return connection;
  }

  private openConnection(at: number): RecordedConnection {
    const recorder = new ProxyConnectionRecorder(this.context.store, this.context.queue, {
      id: newConnectionId(this.definition.name),
      upstreamName: this.definition.name,
      secrets: this.secrets,
    }, at);
    const connection: RecordedConnection = { recorder, lastSeen: at, hasSessionHeader: false };
    this.live.add(connection);
    return connection;
  }

  private noteUpstreamSession(upstreamResponse: UpstreamResponse, connection: RecordedConnection): void {
    const upstreamSessionId = headerValue(upstreamResponse.headers['mcp-session-id']);
    if (!upstreamSessionId || this.bySessionHeader.get(upstreamSessionId) === connection) return;
    connection.hasSessionHeader = true;
    this.bySessionHeader.set(upstreamSessionId, connection);
    connection.recorder.setAttributes({ mcpSessionId: upstreamSessionId, upstreamSessionId });
  }

  private endConnection(connection: RecordedConnection): void {
    connection.recorder.end();
    this.live.delete(connection);
    for (const [key, value] of this.bySessionHeader) if (value === connection) this.bySessionHeader.delete(key);
  }

  private endIdleConnections(): void {
    const cutoff = preciseNow() - this.context.idleTimeoutMs;
    for (const connection of [...this.live]) if (connection.lastSeen < cutoff) this.endConnection(connection);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function responseHeaders(upstreamResponse: UpstreamResponse): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(upstreamResponse.headers)) {
    if (value !== undefined && !RESPONSE_HEADERS_NOT_FORWARDED.has(name)) headers[name] = value;
  }
  return headers;
}

function parseJson(body: Buffer | string): JsonRpcMessage | JsonRpcMessage[] | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString());
    return typeof parsed === 'object' && parsed !== null ? (parsed as JsonRpcMessage | JsonRpcMessage[]) : undefined;
  } catch {
    return undefined;
  }
}

function isSingleRequest(message: JsonRpcMessage | JsonRpcMessage[] | undefined, method: string): boolean {
  return message !== undefined && !Array.isArray(message) && message.method === method;
}

function requestIds(body: Buffer | undefined): (string | number)[] {
  if (!body) return [];
  const parsed = parseJson(body);
  const messages = Array.isArray(parsed) ? parsed : parsed ? [parsed] : [];
  return messages.filter((message) => message.method !== undefined && message.id !== undefined && message.id !== null).map((message) => message.id as string | number);
}

function singleRequestId(body: Buffer | undefined): string | number | null {
  const ids = requestIds(body);
  return ids.length === 1 ? ids[0] : null;
}

function rewriteJson(text: string, rewrite: (message: JsonRpcMessage) => JsonRpcMessage): { text: string; messages: JsonRpcMessage[] } {
  const parsed = parseJson(text);
  if (!parsed || Array.isArray(parsed)) return { text, messages: Array.isArray(parsed) ? parsed : [] };
  const message = rewrite(parsed);
  return { text: JSON.stringify(message), messages: [message] };
}

function rewriteSse(text: string, rewrite: (message: JsonRpcMessage) => JsonRpcMessage): { text: string; messages: JsonRpcMessage[] } {
  const parser = new SseFrameParser();
  const frames = parser.push(Buffer.from(`${text}\n\n`));
  const messages: JsonRpcMessage[] = [];
  const out = frames.map((frame) => {
    const parsed = frame.data.trim() ? parseJson(frame.data) : undefined;
    if (!parsed || Array.isArray(parsed) || parsed.id === undefined) {
      if (parsed && !Array.isArray(parsed)) messages.push(parsed);
      return formatSseFrame(frame);
    }
    const message = rewrite(parsed);
    messages.push(message);
    return formatSseFrame({ ...frame, data: JSON.stringify(message) });
  });
  return { text: out.join(''), messages };
}
