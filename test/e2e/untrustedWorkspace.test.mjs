// Issue 7: in a workspace the user has not trusted, tools that run code are refused with a clear
// denied answer, and inspection keeps working. Needs VS Code started with workspace trust on,
// which the in-host suite (started with --disable-workspace-trust) cannot change.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { packageVsix } from '../../scripts/package.mjs';
import { ensureTestHost, launchChromium, repoRoot, startVscodeServer, workbenchUrl } from '../../scripts/vscodeHost.mjs';

async function waitForDiscovery(home, timeoutMs = 60_000) {
  const folder = join(home, 'instances');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const name = existsSync(folder) ? readdirSync(folder).find((file) => /^\d+\.json$/.test(file)) : undefined;
    if (name) return JSON.parse(readFileSync(join(folder, name), 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no discovery file in ${folder} within ${timeoutMs} ms`);
}

function parse(result) {
  return result.structuredContent ?? JSON.parse(result.content[0].text);
}

describe('e2e: untrusted workspace', function () {
  this.timeout(240_000);
  let server;
  let browser;

  before(async () => {
    server = await startVscodeServer({ host: ensureTestHost(), vsix: packageVsix({ quiet: true }), workspaceTrust: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('refuses code-running tools as denied and keeps inspection working', async () => {
    const page = await browser.context.newPage();
    await page.goto(workbenchUrl(server.port, join(repoRoot, 'test/fixtures/workspace')));
    const info = await waitForDiscovery(server.dirs.discoveryHome);
    const client = new Client({ name: 'untrusted-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(info.url), { requestInit: { headers: { Authorization: `Bearer ${info.token}` } } }));
    try {
      const created = parse(await client.callTool({ name: 'create_debug_session', arguments: { language: 'mock' } }));
      assert.equal(created.success, true, JSON.stringify(created));
      const started = parse(await client.callTool({ name: 'start_debugging', arguments: { sessionId: created.sessionId, scriptPath: join(repoRoot, 'test/fixtures/workspace/tools_suite.mock') } }));
      assert.equal(started.success, false);
      assert.equal(started.denied, true);
      assert.match(started.error, /not trusted.*Manage Workspace Trust/);
      const evaluated = parse(await client.callTool({ name: 'evaluate_expression', arguments: { sessionId: created.sessionId, expression: '1 + 1' } }));
      assert.equal(evaluated.denied, true);
      const listed = parse(await client.callTool({ name: 'list_debug_sessions', arguments: {} }));
      assert.equal(listed.success, true);
    } finally {
      await client.close();
    }
  });
});
