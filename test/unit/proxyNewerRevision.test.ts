// The recording proxy passes a request of the 2026-07-28 revision (no initialize, no
// Mcp-Session-Id; the version in a header and in _meta) to an HTTP upstream as sent, and its
// answer back as the upstream gave it: the proxy does not speak for the upstream's revisions.
import * as assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { startProxy, TOKEN, type ProxyHarness } from './proxyHarness';

describe('recording proxy and the 2026-07-28 revision', () => {
  let upstream: Server;
  let harness: ProxyHarness;
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const discovered = { jsonrpc: '2.0', id: 3, result: { resultType: 'complete', supportedVersions: ['2026-07-28', '2025-11-25'], capabilities: { tools: {} }, _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'modern', version: '1' } } } };

  before(async () => {
    upstream = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(discovered));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    harness = await startProxy({ modern: { url: `http://127.0.0.1:${(upstream.address() as { port: number }).port}/mcp` } });
  });

  after(() => {
    harness.close();
    upstream.close();
  });

  it('forwards server/discover without a session, with its headers and body as sent, and relays the answer unchanged', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'server/discover', params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } } });
    const response = await fetch(harness.url('modern'), {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover' },
      body,
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), discovered);
    assert.equal(received.length, 1);
    assert.equal(received[0].body, body);
    assert.equal(received[0].headers['mcp-protocol-version'], '2026-07-28');
    assert.equal(received[0].headers['mcp-method'], 'server/discover');
    assert.equal(received[0].headers['mcp-session-id'], undefined);
  });
});
