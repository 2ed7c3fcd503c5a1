// Issue 7: the setting mcpLiveDebugger.tools.deny refuses chosen tools for every client, and the
// refusal is recorded as denied.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { removeAllBreakpoints, stopAllDebugSessions } from './debuggerSupport';
import { activateExtension, callTool, connectSdkClient } from './support';

describe('tool policy: mcpLiveDebugger.tools.deny', () => {
  const configuration = () => vscode.workspace.getConfiguration('mcpLiveDebugger');

  after(async () => {
    await configuration().update('tools.deny', undefined, vscode.ConfigurationTarget.Global);
    removeAllBreakpoints();
    await stopAllDebugSessions();
  });

  it('refuses denied tools with a clear denied answer, records them as denied, and lets the rest run', async () => {
    const api = await activateExtension();
    await configuration().update('tools.deny', ['evaluate_*', 'attach_to_process'], vscode.ConfigurationTarget.Global);
    const client = await connectSdkClient('policy-client');
    try {
      const denied = await callTool(client, 'evaluate_expression', { sessionId: 'any', expression: '1' });
      assert.equal(denied.success, false);
      assert.equal(denied.denied, true);
      assert.match(String(denied.error), /mcpLiveDebugger\.tools\.deny \("evaluate_\*"\)/);
      const listed = await callTool(client, 'list_debug_sessions');
      assert.equal(listed.success, true, 'tools not named keep working');
      const session = api.traceStore.listSessions().find((candidate) => candidate.clientName === 'policy-client')!;
      const events = api.traceStore.query({ sessionId: session.id, tool: 'evaluate_expression' });
      assert.equal(events.length, 1);
      assert.equal(events[0].status, 'denied');

      await configuration().update('tools.deny', undefined, vscode.ConfigurationTarget.Global);
      const allowed = await callTool(client, 'evaluate_expression', { sessionId: 'any', expression: '1' });
      assert.equal(allowed.denied, undefined, 'the setting is read per call: clearing it lifts the refusal');
    } finally {
      await client.close();
    }
  });
});
