// Issue 7: the setting mcpLiveDebugger.tools.deny refuses chosen tools for every client, and the
// refusal is recorded as denied. Issue 12 §3: it refuses by what a call does, on every path.
import * as assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import * as vscode from 'vscode';
import type { StartedEndpointToken } from '../../src/toolEndpoint/endpointTokenCommands';
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
      const session = api.traceStore.listConnections().find((candidate) => candidate.clientName === 'policy-client')!;
      const events = api.traceStore.query({ connectionId: session.id, tool: 'evaluate_expression' });
      assert.equal(events.length, 1);
      assert.equal(events[0].status, 'denied');

      await configuration().update('tools.deny', undefined, vscode.ConfigurationTarget.Global);
      const allowed = await callTool(client, 'evaluate_expression', { sessionId: 'any', expression: '1' });
      assert.equal(allowed.denied, undefined, 'the setting is read per call: clearing it lifts the refusal');
    } finally {
      await client.close();
    }
  });

  it('refuses create_debug_session with port under ["attach_*"], over MCP and the debug endpoint, and nothing connects', async () => {
    const api = await activateExtension();
    const connections: Socket[] = [];
    const debugServer = createServer((socket) => {
      connections.push(socket);
      socket.destroy();
    });
    await new Promise<void>((resolve) => debugServer.listen(0, '127.0.0.1', resolve));
    const port = (debugServer.address() as { port: number }).port;
    const inlineAttach = { language: 'python', name: 'policy inline attach', port, timeoutMs: 3_000 };
    await configuration().update('tools.deny', ['attach_*'], vscode.ConfigurationTarget.Global);
    const client = await connectSdkClient('policy-attach-client');
    const token = await vscode.commands.executeCommand<StartedEndpointToken | undefined>('mcpLiveDebugger.startDebugTokenSession', { replace: true, showToken: false });
    try {
      const denied = await callTool(client, 'create_debug_session', inlineAttach);
      assert.equal(denied.success, false, JSON.stringify(denied));
      assert.equal(denied.denied, true);
      assert.match(String(denied.error), /create_debug_session with these arguments attaches the debugger to a running program \(as attach_to_process does\), which the setting mcpLiveDebugger\.tools\.deny \("attach_\*"\) refuses/);
      const session = api.traceStore.listConnections().find((candidate) => candidate.clientName === 'policy-attach-client')!;
      assert.deepEqual(api.traceStore.query({ connectionId: session.id, tool: 'create_debug_session' }).map((event) => event.status), ['denied']);

      assert.ok(token, 'the debug token command answers its token');
      const response = await fetch(`${token.endpointUrl}create_debug_session`, {
        method: 'POST',
        headers: { authorization: `Token ${token.value}`, 'content-type': 'application/json' },
        body: JSON.stringify(inlineAttach),
      });
      const answer = await response.json() as { outputs: Record<string, unknown> };
      assert.equal(response.status, 200);
      assert.equal(answer.outputs.denied, true, JSON.stringify(answer.outputs));
      assert.match(String(answer.outputs.error), /tools\.deny \("attach_\*"\)/);

      assert.equal(connections.length, 0, 'the debug server saw no connection');
      assert.equal(vscode.debug.activeDebugSession, undefined);
      const listed = await callTool<{ sessions: { name: string }[] }>(client, 'list_debug_sessions');
      assert.deepEqual(listed.sessions.filter((candidate) => candidate.name === inlineAttach.name), [], 'no session was created by the refused calls');

      const created = await callTool(client, 'create_debug_session', { language: 'python', name: 'policy no attach' });
      assert.equal(created.success, true, `without port it only creates a session: ${JSON.stringify(created)}`);
      await callTool(client, 'close_debug_session', { sessionId: created.sessionId });
    } finally {
      await vscode.commands.executeCommand('mcpLiveDebugger.stopDebugTokenSession');
      await client.close();
      debugServer.close();
    }
  });
});
