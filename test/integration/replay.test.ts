// Issue 14, Replay: a recorded tools/call run again from the panel inside the real VS Code, by the
// path the original took (our tools through runTool and its policy; a proxied server through the
// proxy's route), recorded as a new event linked to the original, and its answer shown in the
// panel as a diff against the recorded one.
import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import * as vscode from 'vscode';
import type { McpLiveDebuggerApi } from '../../src/extension';
import type { LivePanel } from '../../src/panel/livePanel';
import type { ReplayDescription } from '../../src/shared/protocol';
import type { TraceEvent } from '../../src/shared/trace';
import { ok, removeAllBreakpoints, sdkCaller, stopAllDebugSessions } from './debuggerSupport';
import { activateExtension, connectSdkClient, discovery, fixturePath, until } from './support';

const MEMORY_SERVER = join(__dirname, '..', '..', '..', 'node_modules', '@modelcontextprotocol', 'server-memory', 'dist', 'index.js');
const UPSTREAM = 'memory-replay-it';
let nextMessageId = 7_000_000;

async function openPanel(): Promise<{ api: McpLiveDebuggerApi; live: LivePanel }> {
  const api = await activateExtension();
  await api.endpoint;
  const live = api.livePanel.open();
  await live.whenReady();
  return { api, live };
}

/** Sends `replayCall` into the panel host as the webview's Send does, and waits for what the panel then shows. */
async function replayFromPanel(live: LivePanel, original: TraceEvent, args: Record<string, unknown>): Promise<NonNullable<ReplayDescription['outcome']>> {
  await live.handle({ messageId: nextMessageId++, body: { type: 'replayCall', eventId: original.id, arguments: args } });
  const description = await until(() => live.describe(), (shown) => shown.replay?.originalId === original.id && shown.replay.outcome !== undefined, 'the panel to show the replay');
  return description.replay!.outcome!;
}

function latestCall(api: McpLiveDebuggerApi, tool: string, connectionId: string): TraceEvent {
  const event = api.traceStore.query({ connectionId, tool }).at(-1);
  assert.ok(event, `${tool} was recorded`);
  return event;
}

describe('Replay from the panel (inside VS Code)', function () {
  this.timeout(90_000);
  const configuration = () => vscode.workspace.getConfiguration('mcpLiveDebugger');

  after(async () => {
    await configuration().update('tools.deny', undefined, vscode.ConfigurationTarget.Global);
    await configuration().update('proxy.servers', undefined, vscode.ConfigurationTarget.Global);
    removeAllBreakpoints();
    await stopAllDebugSessions();
  });

  it('replays a mock get_local_variables after the value changed, shows the diff, links the new event, and obeys tools.deny', async () => {
    const { api, live } = await openPanel();
    const client = await connectSdkClient('replay-integration-client');
    try {
      const call = sdkCaller(client);
      const program = fixturePath('replay_counter.mock');
      const sessionId = (await ok(call, 'create_debug_session', { language: 'mock', name: 'replay' })).sessionId as string;
      await ok(call, 'set_breakpoint', { sessionId, file: program, line: 3 });
      const started = await ok(call, 'start_debugging', { sessionId, scriptPath: program });
      assert.equal(started.state, 'paused', JSON.stringify(started));
      const before = await ok(call, 'get_local_variables', { sessionId });
      assert.equal((before.variables as Array<{ name: string; value: string }>).find((variable) => variable.name === 'count')?.value, '1');
      await ok(call, 'step_over', { sessionId });

      const connection = api.traceStore.listConnections().find((candidate) => candidate.clientName === 'replay-integration-client');
      assert.ok(connection);
      const original = latestCall(api, 'get_local_variables', connection.id);
      const outcome = await replayFromPanel(live, original, { sessionId });
      assert.equal(outcome.ok, true, outcome.message);
      assert.equal(outcome.ignoreVolatile, true);
      assert.deepEqual(outcome.changes, [{ kind: 'changed', path: 'variables["count"].value' }, { kind: 'changed', path: 'frame.line' }], 'count went 1 → 2 and the frame moved on, nothing else');

      const replayed = api.traceStore.get(outcome.replayEventId ?? -1);
      assert.ok(replayed, 'the replay is an event of the store');
      assert.deepEqual([replayed.replayOf, replayed.tool, replayed.status, replayed.source], [original.id, 'get_local_variables', 'ok', 'debugger']);
      assert.notEqual(replayed.connectionId, original.connectionId, 'a connection of its own');
      assert.match(JSON.stringify(replayed.response), /\\"value\\":\\"2\\"|"value":"2"/);

      await configuration().update('tools.deny', ['get_local_*'], vscode.ConfigurationTarget.Global);
      const refused = await replayFromPanel(live, replayed, { sessionId });
      assert.equal(refused.ok, true);
      const denied = api.traceStore.get(refused.replayEventId ?? -1);
      assert.deepEqual([denied?.status, denied?.replayOf], ['denied', replayed.id], 'a replay is refused by tools.deny like any call');
      assert.match(denied?.error ?? '', /mcpLiveDebugger\.tools\.deny \("get_local_\*"\)/);
    } finally {
      await configuration().update('tools.deny', undefined, vscode.ConfigurationTarget.Global);
      await client.close();
      await stopAllDebugSessions();
    }
  });

  it('replays a proxied server\'s call through the proxy, recorded by the proxy\'s recorder, and keeps its deny list', async () => {
    const { api, live } = await openPanel();
    const memoryFile = join(mkdtempSync(join(tmpdir(), 'mld-replay-memory-')), 'memory.jsonl');
    await configuration().update('proxy.servers', {
      [UPSTREAM]: { command: process.execPath, args: [MEMORY_SERVER], env: { MEMORY_FILE_PATH: memoryFile }, deny: ['delete_*'] },
    }, vscode.ConfigurationTarget.Global);
    await until(() => api.recordingProxy.upstreamNames.includes(UPSTREAM), Boolean, 'the setting to reach the proxy');
    const { url, token } = await discovery();
    const route = new URL(url);
    route.pathname = `/proxy/${UPSTREAM}/mcp`;
    const client = new Client({ name: 'replay-proxy-client', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(route, { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    try {
      await client.callTool({ name: 'create_entities', arguments: { entities: [{ name: 'vscode', entityType: 'editor', observations: ['hosts the proxy'] }] } });
      await client.callTool({ name: 'read_graph', arguments: {} });
      await assert.rejects(client.callTool({ name: 'delete_entities', arguments: { entityNames: ['vscode'] } }), /denied by the recording proxy's policy/);
      await client.callTool({ name: 'add_observations', arguments: { observations: [{ entityName: 'vscode', contents: ['replayed later'] }] } });
      api.recordingProxy.flushRecordings();
      const connection = api.traceStore.listConnections().find((candidate) => candidate.clientName === 'replay-proxy-client');
      assert.ok(connection);

      const read = latestCall(api, 'read_graph', connection.id);
      const outcome = await replayFromPanel(live, read, {});
      assert.equal(outcome.ok, true, outcome.message);
      assert.deepEqual(outcome.changes, [{ kind: 'added', path: 'entities["vscode"].observations[1]' }]);
      const replayed = api.traceStore.get(outcome.replayEventId ?? -1);
      assert.deepEqual([replayed?.replayOf, replayed?.source, replayed?.status], [read.id, `proxy:${UPSTREAM}`, 'ok']);
      assert.equal(api.traceStore.getConnection(replayed?.connectionId ?? '')?.clientName, 'mcp-live-debugger-replay');

      const deleted = latestCall(api, 'delete_entities', connection.id);
      assert.equal(deleted.status, 'denied');
      const refused = await replayFromPanel(live, deleted, { entityNames: ['vscode'] });
      const denied = api.traceStore.get(refused.replayEventId ?? -1);
      assert.deepEqual([denied?.status, denied?.replayOf], ['denied', deleted.id], 'the proxy\'s deny list refuses the replay too');
      assert.deepEqual(refused.changes, [], 'refused again, with the same answer');
    } finally {
      await client.close();
    }
  });
});
