// Issue 7, "the window reloads": VS Code restarts its extension host, the extension comes back
// with a new endpoint, token and discovery file, and a client that reads the discovery file
// again reconnects. Driven from outside, because a reload ends any suite running inside.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { connectClient, useWorkbenchHost, toolAnswer, waitForDiscovery } from './support.mjs';

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('e2e: window reload', function () {
  this.timeout(240_000);
  const workbench = useWorkbenchHost();

  it('comes back with a new discovery file that a client reconnects with', async () => {
    const home = workbench().server.dirs.discoveryHome;
    const page = await workbench().openWorkspace();
    const before = await waitForDiscovery(home);
    const first = await connectClient(before, 'reload-test');
    assert.ok((await first.listTools()).tools.length > 0);

    await page.reload();
    const after = await waitForDiscovery(home, before.pid);
    assert.notEqual(after.pid, before.pid, 'a new extension host');
    assert.notEqual(after.token, before.token, 'a new token');
    // The old extension host is shut down, or kept a while by the server for reconnection; either
    // way the new file is the newest, and clients pick the newest file whose pid is alive.
    const oldFile = join(home, 'instances', `${before.pid}.json`);
    const deadline = Date.now() + 20_000;
    while (existsSync(oldFile) && isAlive(before.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    if (!isAlive(before.pid)) await assert.rejects(first.listTools(), 'the old connection does not survive its extension host');
    await first.close().catch(() => {});
    const second = await connectClient(after, 'reload-test');
    const listed = toolAnswer(await second.callTool({ name: 'list_debug_sessions', arguments: {} }));
    assert.equal(listed.success, true, JSON.stringify(listed));
    await second.close();
  });
});
