// Issue 13: a real MCP SDK client over HTTP (with the token) gets progress while a tool waits,
// ends a wait at once by cancelling it (recorded as cancelled), and is told when tools.deny
// changes the tools offered.
import * as assert from 'node:assert/strict';
import { ToolListChangedNotificationSchema, type CallToolResult, type Progress } from '@modelcontextprotocol/sdk/types.js';
import * as vscode from 'vscode';
import { ok, sdkCaller, stopAllDebugSessions } from './debuggerSupport';
import { activateExtension, callTool, connectSdkClient, fixturePath, until } from './support';

describe('protocol: progress, cancellation and tools/list_changed with the MCP SDK client', function () {
  this.timeout(90_000);
  const configuration = () => vscode.workspace.getConfiguration('mcpLiveDebugger');

  after(async () => {
    await configuration().update('tools.deny', undefined, vscode.ConfigurationTarget.Global);
    await stopAllDebugSessions();
  });

  /** A mock program paused on entry that prints a line every 200 ms once it runs. */
  async function pausedPrinter(call: ReturnType<typeof sdkCaller>, name: string): Promise<string> {
    const sessionId = (await ok(call, 'create_debug_session', { language: 'mock', name })).sessionId as string;
    const started = await ok(call, 'start_debugging', { sessionId, scriptPath: fixturePath('printing_loop.mock'), dapLaunchArgs: { stopOnEntry: true } });
    assert.equal(started.state, 'paused');
    return sessionId;
  }

  it('sends progress while continue_execution waits: what it waits for, the program output so far', async () => {
    const client = await connectSdkClient('progress-client');
    try {
      const sessionId = await pausedPrinter(sdkCaller(client), 'progress');
      const progress: Progress[] = [];
      const result = (await client.callTool({ name: 'continue_execution', arguments: { sessionId, timeoutMs: 3500 } }, undefined, { onprogress: (update) => progress.push(update) })) as CallToolResult;
      const answer = result.structuredContent as { state: string; pending?: boolean };
      assert.deepEqual([answer.state, answer.pending], ['running', true]);
      assert.ok(progress.length >= 2, `${progress.length} progress messages in 3.5 s`);
      assert.ok(progress.every((update) => update.total === 3500));
      for (const update of progress) assert.match(String(update.message), new RegExp(`^continue_execution: waiting for session ${sessionId} \\((paused|running)\\) to stop`));
      // the first may come before the adapter acknowledged the continue (the machine may be loaded)
      assert.ok(progress.some((update) => String(update.message).includes('(running)')), progress.map((update) => update.message).join('\n'));
      assert.match(String(progress.at(-1)?.message), /Program output so far \(end\): .*tick \d+/s);
      await ok(sdkCaller(client), 'close_debug_session', { sessionId });
    } finally {
      await client.close();
    }
  });

  it('ends the wait at once when the client cancels: the program keeps running, the panel records the call as cancelled by the client', async () => {
    const api = await activateExtension();
    const client = await connectSdkClient('cancel-client');
    try {
      const call = sdkCaller(client);
      const sessionId = await pausedPrinter(call, 'cancel');
      const abort = new AbortController();
      const waiting = client.callTool({ name: 'continue_execution', arguments: { sessionId, timeoutMs: 30_000 } }, undefined, { signal: abort.signal });
      await new Promise((resolve) => setTimeout(resolve, 800));
      abort.abort('stop waiting');
      await assert.rejects(waiting);
      const connection = api.traceStore.listConnections().find((candidate) => candidate.clientName === 'cancel-client')!;
      const [event] = await until(() => api.traceStore.query({ connectionId: connection.id, tool: 'continue_execution' }), (events) => events.length === 1, 'the cancelled call is recorded');
      // the exchange recorder ends a cancelled call at the cancel (src/trace/exchangeRecorder.ts)
      assert.equal(event.status, 'cancelled');
      assert.match(String(event.error), /^cancelled by the client/);
      assert.ok((event.latencyMs ?? Infinity) < 5000, `the wait ended ${event.latencyMs} ms after it began, not at its 30 s bound`);
      const listed = await ok(call, 'list_debug_sessions');
      assert.equal((listed.sessions as Array<{ id: string; state: string }>).find((candidate) => candidate.id === sessionId)?.state, 'running');
      await ok(call, 'close_debug_session', { sessionId });
    } finally {
      await client.close();
    }
  });

  it('sends notifications/tools/list_changed when tools.deny changes which tools are offered', async () => {
    const client = await connectSdkClient('list-changed-client');
    let changes = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => { changes++; });
    try {
      assert.equal(client.getServerCapabilities()?.tools?.listChanged, true);
      const all = (await client.listTools()).tools.map((tool) => tool.name);
      assert.ok(all.includes('evaluate_expression'));
      await configuration().update('tools.deny', ['evaluate_*'], vscode.ConfigurationTarget.Global);
      await until(() => changes, (count) => count === 1, 'list_changed after the setting changed');
      const offered = (await client.listTools()).tools.map((tool) => tool.name);
      assert.deepEqual(offered, all.filter((name) => name !== 'evaluate_expression'));
      const denied = await callTool(client, 'evaluate_expression', { sessionId: 'any', expression: '1' });
      assert.equal(denied.denied, true, 'a tool no longer offered still answers why');
      await configuration().update('tools.deny', undefined, vscode.ConfigurationTarget.Global);
      await until(() => changes, (count) => count === 2, 'list_changed after the setting was cleared');
      assert.deepEqual((await client.listTools()).tools.map((tool) => tool.name), all);
    } finally {
      await client.close();
    }
  });
});
