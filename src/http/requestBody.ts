import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJsonRpcError } from './jsonResponse';

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Thrown by a route to answer with this status; the listener turns it into a JSON error. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Reads a request body up to a limit; past it answers 413 instead of buffering without end. */
export function readBody(request: IncomingMessage, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      reject(new HttpError(413, `Request body of ${declared} bytes is over the limit of ${maxBytes} bytes.`));
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new HttpError(413, `Request body is over the limit of ${maxBytes} bytes.`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * Reads and parses a JSON body; on a parse error it answers the JSON-RPC parse error itself and
 * resolves `undefined`, so callers only go on with a parsed body.
 */
export async function readJsonRpcBody(request: IncomingMessage, response: ServerResponse): Promise<{ body: unknown } | undefined> {
  const raw = await readBody(request);
  try {
    return { body: JSON.parse(raw.toString('utf8')) as unknown };
  } catch (error) {
    const why = error instanceof Error ? ` (${error.message.slice(0, 120)})` : '';
    sendJsonRpcError(response, 400, -32700, `Parse error: the request body is not valid JSON${why}. Send one JSON-RPC message, or a batch array of them, as JSON.`);
    return undefined;
  }
}
