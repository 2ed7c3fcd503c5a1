import type { ServerResponse } from 'node:http';

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** A JSON-RPC 2.0 error object: the framing every JSON-RPC route (MCP and proxy alike) answers in. */
export function sendJsonRpcError(response: ServerResponse, status: number, code: number, message: string, id: string | number | null = null): void {
  sendJson(response, status, { jsonrpc: '2.0', error: { code, message }, id });
}
