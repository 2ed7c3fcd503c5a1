// The SDK's Streamable HTTP transport in JSON response mode keeps, for each POST it answered, the
// entry that resolved the POST's answer: it cleans the entry up only in SSE mode
// (modelcontextprotocol/typescript-sdk#2559, still so in 1.32.2). Each entry holds the resolved
// `Response` with its body, about 8 KB a call, for as long as the connection lives: the soak grew
// 38 MB a minute. Until the SDK does it, the entry of a POST is released once its last answer went out.
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

/** Releases each POST's stream entry once every answer of that POST was sent. */
export function releaseAnsweredJsonStreams(transport: StreamableHTTPServerTransport): void {
  const bookkeeping = bookkeepingOf(transport);
  if (!bookkeeping) return;
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
 * Releases what the transport holds for requests whose HTTP request closed before their answer
 * (the client went away): no answer will be sent for them (the call is cancelled), so the SDK
 * would keep them for the connection's life.
 */
export function releaseAbandonedRequests(transport: StreamableHTTPServerTransport, requestIds: readonly RequestId[]): void {
  const bookkeeping = bookkeepingOf(transport);
  if (!bookkeeping) return;
  const streams = new Set<string>();
  for (const requestId of requestIds) {
    const streamId = bookkeeping._requestToStreamMapping.get(requestId);
    if (streamId === undefined) continue;
    streams.add(streamId);
    bookkeeping._requestToStreamMapping.delete(requestId);
    bookkeeping._requestResponseMap.delete(requestId);
  }
  const stillMapped = new Set(bookkeeping._requestToStreamMapping.values());
  for (const streamId of streams) if (!stillMapped.has(streamId)) bookkeeping._streamMapping.get(streamId)?.cleanup();
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
