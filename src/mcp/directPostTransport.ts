// Our own code in place of a library part, as the charter asks only when a benchmark shows the
// library misses a target: the MCP layer of a tool call had to cost less than the peer's over stdio
// (issue 11). The SDK's StreamableHTTPServerTransport (1.32.2) turns every Node request into a Web
// Request and its answer into a Web Response (@hono/node-server), reads that Response's body
// stream back into the Node response, and parses each message with zod again after our own check
// did. On one `tools/call` of a tool that does nothing that conversion was 0.24 ms of server time
// and 0.7 ms of the client's 1.9 ms (bench/mcpLayer.bench.mjs, bench/README.md "MCP layer").
// So a session's POSTs, the calls, are answered here on Node's request and response; the rare
// rest (initialize, the GET stream that carries progress and list_changed, DELETE) still goes
// through the SDK's transport, which this one wraps and which keeps the session.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isInitializeRequest, SUPPORTED_PROTOCOL_VERSIONS, type JSONRPCMessage, type MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import { sendJsonRpcError } from '../http/jsonResponse';
import { cancelledRequestId, heldJsonAnswers, releaseAbandonedRequests } from './answeredJsonStreams';

type RequestId = string | number;

/** One POST waiting for the answers to the requests it carried (a batch carries several). */
interface WaitingPost {
  response: ServerResponse;
  requestIds: RequestId[];
  answers: Map<RequestId, JSONRPCMessage>;
  batch: boolean;
}

/**
 * A connection's transport: POSTs on an initialized session are answered directly as JSON (the
 * SDK's `enableJsonResponse` behaviour: one message, or an array for a batch; 202 when the POST
 * carries no request); everything else is delegated to the SDK transport it wraps.
 */
export class DirectPostTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  /**
   * Each message the server sent, once it went out: a POST's answers right after its response
   * was written (a batch's all at once, in order), anything else once handed to the SDK
   * transport. The recorder listens here, so recording never sits before an answer.
   */
  onsent?: (message: JSONRPCMessage) => void;

  private readonly waiting = new Map<RequestId, WaitingPost>();
  private closed = false;

  constructor(readonly sdk: StreamableHTTPServerTransport) {
    sdk.onmessage = (message, extra) => this.onmessage?.(message, extra);
    sdk.onerror = (error) => this.onerror?.(error);
    sdk.onclose = () => {
      this.closed = true;
      for (const post of new Set(this.waiting.values())) endUnanswered(post.response);
      this.waiting.clear();
      this.onclose?.();
    };
  }

  get sessionId(): string | undefined {
    return this.sdk.sessionId;
  }

  start(): Promise<void> {
    return this.sdk.start();
  }

  close(): Promise<void> {
    return this.sdk.close();
  }

  /** The answers still owed: the calls in flight (ours and the SDK transport's); undefined when the SDK's bookkeeping cannot be read. */
  get heldAnswers(): number | undefined {
    const sdkHeld = heldJsonAnswers(this.sdk);
    return sdkHeld === undefined ? undefined : sdkHeld + new Set(this.waiting.values()).size;
  }

  /**
   * Serves one HTTP request of this connection; `body` is the POST's parsed and already checked
   * JSON-RPC message or batch. Only POSTs of an initialized session are answered here.
   */
  async handleRequest(request: IncomingMessage, response: ServerResponse, body: unknown): Promise<void> {
    if (request.method !== 'POST' || this.sdk.sessionId === undefined || this.closed) {
      await this.sdk.handleRequest(request, response, body);
      return;
    }
    const accept = request.headers.accept ?? '';
    if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
      sendJsonRpcError(response, 406, -32000, 'Not Acceptable: Client must accept both application/json and text/event-stream');
      return;
    }
    const version = request.headers['mcp-protocol-version'];
    if (typeof version === 'string' && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      sendJsonRpcError(response, 400, -32000, `Bad Request: Unsupported protocol version: ${version} (supported versions: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`);
      return;
    }
    const batch = Array.isArray(body);
    const messages = (batch ? body : [body]) as JSONRPCMessage[];
    // a well-formed one, as the SDK judges it (its zod parse only for a message named initialize:
    // every call passes here); one with wrong params is the server's to answer
    if (messages.some((message) => 'method' in message && message.method === 'initialize' && isInitializeRequest(message))) {
      sendJsonRpcError(response, 400, -32600, 'Invalid Request: Server already initialized');
      return;
    }
    const requestIds = messages.filter(isRequest).map((message) => message.id);
    const extra: MessageExtraInfo = { requestInfo: { headers: request.headers } };
    if (requestIds.length === 0) {
      response.writeHead(202).end();
      for (const message of messages) this.deliver(message, extra);
      return;
    }
    const post: WaitingPost = { response, requestIds, answers: new Map(), batch };
    for (const requestId of requestIds) this.waiting.set(requestId, post);
    for (const message of messages) this.deliver(message, extra);
  }

  private deliver(message: JSONRPCMessage, extra: MessageExtraInfo): void {
    this.onmessage?.(message, extra);
    const cancelled = cancelledRequestId(message);
    if (cancelled !== undefined) this.forget([cancelled], true);
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const answered = answeredId(message);
    const post = answered === undefined ? undefined : this.waiting.get(answered);
    if (answered === undefined || !post) {
      // a message within a call (relatedRequestId) has no room in a JSON answer: dropped, as the SDK does in JSON mode
      if (options?.relatedRequestId !== undefined && this.waiting.has(options.relatedRequestId)) return;
      const sending = this.sdk.send(message, options);
      this.onsent?.(message);
      await sending;
      return;
    }
    post.answers.set(answered, message);
    this.waiting.delete(answered);
    if (post.answers.size === post.requestIds.length) this.writeAnswers(post);
  }

  private writeAnswers(post: WaitingPost): void {
    const answers = post.requestIds.map((requestId) => post.answers.get(requestId)).filter((answer) => answer !== undefined);
    // a client that went away gets nothing, but the server did answer: still reported as sent
    if (!post.response.writableEnded && !post.response.destroyed) {
      const text = JSON.stringify(post.batch ? answers : answers[0]);
      post.response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        'mcp-session-id': this.sdk.sessionId ?? '',
      });
      post.response.end(text);
    }
    for (const answer of answers) this.onsent?.(answer);
  }

  /**
   * Forgets requests no answer will be sent for: with `answer`, a POST left with nothing to wait
   * for is answered 202 with no body (a request the client cancelled gets no answer, as the
   * protocol says); without, its client went away, and the SDK transport's own are released too.
   */
  forget(requestIds: readonly RequestId[], answer: boolean): void {
    if (!answer) releaseAbandonedRequests(this.sdk, requestIds);
    const released = new Set<WaitingPost>();
    for (const requestId of requestIds) {
      const post = this.waiting.get(requestId);
      if (!post) continue;
      this.waiting.delete(requestId);
      post.requestIds = post.requestIds.filter((id) => id !== requestId);
      released.add(post);
    }
    for (const post of released) {
      if (post.answers.size < post.requestIds.length) continue;
      // a batch's other requests were answered: they go out now
      if (post.requestIds.length > 0) this.writeAnswers(post);
      else if (answer && !post.response.writableEnded) post.response.writeHead(202).end();
    }
  }
}

function isRequest(message: JSONRPCMessage): message is JSONRPCMessage & { id: RequestId; method: string } {
  return 'method' in message && 'id' in message && (typeof message.id === 'string' || typeof message.id === 'number');
}

function answeredId(message: JSONRPCMessage): RequestId | undefined {
  if ('method' in message || !('id' in message) || !('result' in message || 'error' in message)) return undefined;
  return typeof message.id === 'string' || typeof message.id === 'number' ? message.id : undefined;
}

/** A POST whose connection closed before its answer. */
function endUnanswered(response: ServerResponse): void {
  if (response.writableEnded) return;
  sendJsonRpcError(response, 404, -32001, 'Session not found: the session ended before the answer. Send a new initialize request without Mcp-Session-Id.');
}
