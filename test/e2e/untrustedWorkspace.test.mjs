// Issue 7: in a workspace the user has not trusted, tools that run code are refused with a clear
// denied answer, and inspection keeps working. Needs VS Code started with workspace trust on,
// which the in-host suite (started with --disable-workspace-trust) cannot change.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { connectClient, fixtureWorkspace, useWorkbenchHost, toolAnswer, waitForDiscovery } from './support.mjs';

describe('e2e: untrusted workspace', function () {
  this.timeout(240_000);
  const workbench = useWorkbenchHost({ workspaceTrust: true });

  it('refuses code-running tools as denied and keeps inspection working', async () => {
    await workbench().openWorkspace();
    const client = await connectClient(await waitForDiscovery(workbench().server.dirs.discoveryHome), 'untrusted-test');
    try {
      const created = toolAnswer(await client.callTool({ name: 'create_debug_session', arguments: { language: 'mock' } }));
      assert.equal(created.success, true, JSON.stringify(created));
      const started = toolAnswer(await client.callTool({ name: 'start_debugging', arguments: { sessionId: created.sessionId, scriptPath: join(fixtureWorkspace, 'tools_suite.mock') } }));
      assert.equal(started.success, false);
      assert.equal(started.denied, true);
      assert.match(started.error, /not trusted.*Manage Workspace Trust/);
      const evaluated = toolAnswer(await client.callTool({ name: 'evaluate_expression', arguments: { sessionId: created.sessionId, expression: '1 + 1' } }));
      assert.equal(evaluated.denied, true);
      const listed = toolAnswer(await client.callTool({ name: 'list_debug_sessions', arguments: {} }));
      assert.equal(listed.success, true);
    } finally {
      await client.close();
    }
  });
});
