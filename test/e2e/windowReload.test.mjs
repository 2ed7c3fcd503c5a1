// Issue 7, "the window reloads": VS Code restarts its extension host, the extension comes back
// with a new endpoint, token and discovery file, and a client that reads the discovery file
// again reconnects. Driven from outside, because a reload ends any suite running inside.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { packageVsix } from '../../scripts/package.mjs';
import { ensureTestHost, launchChromium, repoRoot, startVscodeServer, workbenchUrl } from '../../scripts/vscodeHost.mjs';

async function waitForDiscovery(home, exceptPid, timeoutMs = 60_000) {
  const folder = join(home, 'instances');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const names = existsSync(folder) ? readdirSync(folder).filter((name) => /^\d+\.json$/.test(name)) : [];
    const fresh = names.find((name) => Number(name.slice(0, -5)) !== exceptPid);
    if (fresh) {
      try {
        return JSON.parse(readFileSync(join(folder, fresh), 'utf8'));
      } catch {
        // caught mid-write by another process; read again
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no discovery file (other than pid ${exceptPid}) in ${folder} within ${timeoutMs} ms`);
}

async function connect(info) {
  const client = new Client({ name: 'reload-test', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(info.url), { requestInit: { headers: { Authorization: `Bearer ${info.token}` } } }));
  return client;
}

describe('e2e: window reload', function () {
  this.timeout(240_000);
  let server;
  let browser;

  before(async () => {
    const host = ensureTestHost();
    server = await startVscodeServer({ host, vsix: packageVsix({ quiet: true }) });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('comes back with a new discovery file that a client reconnects with', async () => {
    const page = await browser.context.newPage();
    await page.goto(workbenchUrl(server.port, join(repoRoot, 'test/fixtures/workspace')));
    const before = await waitForDiscovery(server.dirs.discoveryHome);
    const first = await connect(before);
    assert.ok((await first.listTools()).tools.length > 0);

    await page.reload();
    const after = await waitForDiscovery(server.dirs.discoveryHome, before.pid);
    assert.notEqual(after.pid, before.pid, 'a new extension host');
    assert.notEqual(after.token, before.token, 'a new token');
    const deadline = Date.now() + 20_000;
    while (existsSync(join(server.dirs.discoveryHome, 'instances', `${before.pid}.json`)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(!existsSync(join(server.dirs.discoveryHome, 'instances', `${before.pid}.json`)), 'the old discovery file is gone');

    await assert.rejects(first.listTools(), 'the old connection does not survive the reload');
    await first.close().catch(() => {});
    const second = await connect(after);
    const listed = await second.callTool({ name: 'list_debug_sessions', arguments: {} });
    assert.equal(listed.structuredContent?.success, true, JSON.stringify(listed));
    await second.close();
  });
});
