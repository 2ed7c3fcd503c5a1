// Requests of MCP revisions newer than the SDK speaks (2026-07-28: no initialize, no
// Mcp-Session-Id, the version in a header and in each request's _meta, server/discover).
// Such a client probes first and falls back to initialize on any error that is not one of the
// new revision's own (such as UnsupportedProtocolVersionError): so the answer is a plain 400
// Bad Request that names the versions this server speaks.
import type { IncomingMessage } from 'node:http';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';

const PROTOCOL_VERSION_META = 'io.modelcontextprotocol/protocolVersion';

/** The newer revision a session-less request declares (header, `_meta`, or `server/discover`), else undefined. */
export function newerRevisionOf(request: IncomingMessage, body: unknown): string | undefined {
  const header = request.headers['mcp-protocol-version'];
  const declared = Array.isArray(header) ? header[0] : header;
  if (declared !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(declared)) return declared;
  for (const message of Array.isArray(body) ? body : [body]) {
    if (typeof message !== 'object' || message === null) continue;
    const { method, params } = message as { method?: unknown; params?: { _meta?: Record<string, unknown> } };
    const inMeta = params?._meta?.[PROTOCOL_VERSION_META];
    if (typeof inMeta === 'string' && !SUPPORTED_PROTOCOL_VERSIONS.includes(inMeta)) return inMeta;
    if (method === 'server/discover') return typeof inMeta === 'string' ? inMeta : 'a stateless revision (server/discover)';
  }
  return undefined;
}

export function fallBackMessage(requested: string): string {
  return `Bad Request: this server does not speak MCP ${requested}. It speaks ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}: fall back to one of them and start with an initialize request, then send the Mcp-Session-Id it returns.`;
}
