import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { discovery } from './support';

/**
 * The conformance suite's DNS-rebinding scenario is written for servers without authentication.
 * This shim adds our bearer token and maps its own Host/Origin to the endpoint's, and passes any
 * other Host/Origin through untouched, so the scenario tests exactly the endpoint's Host/Origin checks.
 */
async function startTokenShim(target: URL, token: string): Promise<{ url: string; server: Server }> {
  const server = createServer((incoming, outgoing) => {
    const shimHost = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const headers = { ...incoming.headers, authorization: `Bearer ${token}` };
    if (headers.host === shimHost) headers.host = target.host;
    if (headers.origin === `http://${shimHost}`) headers.origin = target.origin;
    const forward = httpRequest({ host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`, server };
}

describe('security: the MCP endpoint under the MCP conformance suite', () => {
  it('passes the dns-rebinding-protection scenario', async function () {
    this.timeout(60_000);
    const node24 = process.env.MLD_NODE24;
    assert.ok(node24, 'the launcher passes the Node 24 the conformance suite needs as MLD_NODE24');
    const { url, token } = await discovery();
    const shim = await startTokenShim(new URL(url), token);
    try {
      const cli = join(__dirname, '../../../node_modules/@modelcontextprotocol/conformance/dist/index.js');
      const output = await new Promise<string>((resolve) => {
        execFile(node24, [cli, 'server', '--url', shim.url, '--scenario', 'dns-rebinding-protection'], { timeout: 50_000 }, (_error, stdout, stderr) => resolve(`${stdout}\n${stderr}`));
      });
      assert.match(output, /Passed:\s*2\/2/, output);
      assert.doesNotMatch(output, /FAILURE|Failed:\s*[1-9]/, output);
    } finally {
      shim.server.close();
    }
  });
});
