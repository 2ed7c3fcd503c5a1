// The SDK's Streamable HTTP transport in JSON response mode keeps, for each POST it answered, the
// entry that resolved the POST's answer: it cleans the entry up only in SSE mode
// (modelcontextprotocol/typescript-sdk#2559, still so in 1.32.2). Each entry holds the resolved
// `Response` with its body, about 8 KB a call, for as long as the connection lives: the soak grew
// 38 MB a minute. Until the SDK does it, the entry of a POST is released once its last answer went
// out, or once no answer will come (the client cancelled the request, or went away).
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

type RequestId = string | number;

/** The transport's private bookkeeping this file reads: the streams by id, and which stream answers which request. */
interface StreamBookkeeping {
  _streamMapping: Map<string, { cleanup(): void; resolveJson?: unknown }>;
  _requestToStreamMapping: Map<RequestId, string>;
  _requestResponseMap: Map<RequestId, unknown>;
}

function bookkeepingOf(transport: StreamableHTTPServerTransport): StreamBookkeeping | undefined {
  const inner = (transport as unknown as { _webStandardTransport?: Partial<StreamBookkeeping> })._webStandardTransport;
  if (!(inner?._streamMapping instanceof Map) || !(inner._requestToStreamMapping instanceof Map) || !(inner._requestResponseMap instanceof Map)) return undefined;
  return inner as StreamBookkeeping;
}

function answeredRequestId(message: JSONRPCMessage): RequestId | undefined {
  if (!('id' in message) || !('result' in message || 'error' in message)) return undefined;
  return typeof message.id === 'string' || typeof message.id === 'number' ? message.id : undefined;
}

/**
 * Releases each POST's stream entry once every answer of that POST was sent. A request the client
 * cancels (`notifications/cancelled`, e.g. on its own timeout) gets no answer, as the protocol
 * says: its POST would stay open and held until the client leaves, so it is answered 202 with no
 * body and released. Call once the server is connected (it wraps what the server set).
 */
export function releaseAnsweredJsonStreams(transport: StreamableHTTPServerTransport): void {
  const bookkeeping = bookkeepingOf(transport);
  if (!bookkeeping) return;
  const deliver = transport.onmessage;
  transport.onmessage = (message, extra) => {
    deliver?.(message, extra);
    const cancelled = cancelledRequestId(message);
    if (cancelled !== undefined) forgetUnanswered(bookkeeping, [cancelled], true);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message, options) => {
    const requestId = answeredRequestId(message);
    const streamId = requestId === undefined ? undefined : bookkeeping._requestToStreamMapping.get(requestId);
    try {
      await send(message, options);
    } finally {
      // a batch's stream still maps the requests that are not answered yet
      const waiting = streamId !== undefined && [...bookkeeping._requestToStreamMapping.values()].includes(streamId);
      if (streamId !== undefined && !waiting) bookkeeping._streamMapping.get(streamId)?.cleanup();
    }
  };
}

/**
 * Drops the transport's bookkeeping of requests no answer will be sent for; a POST left with no
 * request to answer is released, and with `answer`, its HTTP request is answered 202 (no body).
 */
function forgetUnanswered(bookkeeping: StreamBookkeeping, requestIds: readonly RequestId[], answer: boolean): void {
  const streams = new Set<string>();
  for (const requestId of requestIds) {
    const streamId = bookkeeping._requestToStreamMapping.get(requestId);
    if (streamId === undefined) continue;
    streams.add(streamId);
    bookkeeping._requestToStreamMapping.delete(requestId);
    bookkeeping._requestResponseMap.delete(requestId);
  }
  // a batch's other requests still answer on their POST, which then closes as usual
  const stillMapped = new Set(bookkeeping._requestToStreamMapping.values());
  for (const streamId of streams) {
    if (stillMapped.has(streamId)) continue;
    const stream = bookkeeping._streamMapping.get(streamId);
    if (answer && typeof stream?.resolveJson === 'function') stream.resolveJson(new Response(null, { status: 202 }));
    stream?.cleanup();
  }
}

/**
 * Releases what the transport holds for requests whose HTTP request closed before their answer
 * (the client went away): no answer will reach it, and the SDK would keep it for the connection's life.
 */
export function releaseAbandonedRequests(transport: StreamableHTTPServerTransport, requestIds: readonly RequestId[]): void {
  const bookkeeping = bookkeepingOf(transport);
  if (bookkeeping) forgetUnanswered(bookkeeping, requestIds, false);
}

/** The request a `notifications/cancelled` names. */
export function cancelledRequestId(message: JSONRPCMessage): RequestId | undefined {
  if (!('method' in message) || message.method !== 'notifications/cancelled' || 'id' in message) return undefined;
  const requestId: unknown = (message.params as { requestId?: unknown } | undefined)?.requestId;
  return typeof requestId === 'string' || typeof requestId === 'number' ? requestId : undefined;
}

/**
 * How many answered-or-pending JSON answers the transport holds (POSTs whose answer it keeps);
 * undefined when the SDK's bookkeeping is not where this file expects it (then see whether
 * the SDK fixed #2559, and drop this file).
 */
export function heldJsonAnswers(transport: StreamableHTTPServerTransport): number | undefined {
  const bookkeeping = bookkeepingOf(transport);
  if (!bookkeeping) return undefined;
  let held = 0;
  for (const stream of bookkeeping._streamMapping.values()) if (stream.resolveJson !== undefined) held++;
  return held;
}
