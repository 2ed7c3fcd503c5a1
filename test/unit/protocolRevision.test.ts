// A client of MCP 2026-07-28 (no initialize, no Mcp-Session-Id) is told to fall back, with the
// versions this server speaks, by a plain 400 (not one of the new revision's own errors).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { LoopbackHost } from '../../src/http/loopbackHost';
import { MCP_PATH, McpEndpoint } from '../../src/mcp/mcpEndpoint';
import { TraceStore } from '../../src/trace/traceStore';

describe('/mcp and the 2026-07-28 revision', () => {
  let home: string;
  let host: LoopbackHost;
  let mcp: McpEndpoint;
  let url: string;
  let token: string;

  before(async () => {
    home = mkdtempSync(join(tmpdir(), 'mld-unit-'));
    host = new LoopbackHost({ port: 0, advertisedPath: MCP_PATH, version: '9.9.9', workspaceFolders: () => ['/w'], discoveryHome: home });
    mcp = new McpEndpoint({ identity: { name: 'test', version: '9.9.9' }, token: host.token, store: new TraceStore(), tools: () => [] });
    host.addRoute(mcp);
    ({ url, token } = await host.start());
  });

  after(() => {
    mcp.dispose();
    host.dispose();
    rmSync(home, { recursive: true, force: true });
  });

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json, text/event-stream', 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { id: unknown; error: { code: number; message: string } } };
  };

  const meta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 'modern', version: '1' } };

  for (const [what, body, headers] of [
    ['server/discover', { jsonrpc: '2.0', id: 7, method: 'server/discover', params: { _meta: meta } }, { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover' }],
    ['tools/list with the version in _meta only', { jsonrpc: '2.0', id: 7, method: 'tools/list', params: { _meta: meta } }, {}],
    ['tools/call with the version header only', { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'x' } }, { 'mcp-protocol-version': '2026-07-28' }],
  ] as const) {
    it(`answers ${what} with 400 and a fallback naming the supported versions`, async () => {
      const answer = await post(body, headers);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.id, 7);
      assert.equal(answer.body.error.code, -32000, 'not UnsupportedProtocolVersionError, which would mark this server as one of the new revision');
      assert.match(answer.body.error.message, /does not speak MCP 2026-07-28/);
      assert.ok(answer.body.error.message.includes(SUPPORTED_PROTOCOL_VERSIONS.join(', ')), answer.body.error.message);
      assert.match(answer.body.error.message, /initialize/);
    });
  }

  it('still answers an initialize of a supported version', async () => {
    const answer = await post({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'legacy', version: '1' } } });
    assert.equal(answer.status, 200);
  });
});
