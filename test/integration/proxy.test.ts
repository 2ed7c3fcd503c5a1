// The recording proxy inside the real VS Code: an upstream declared in the setting is served at
// /proxy/<name>/mcp, driven by the MCP SDK client, and recorded in the extension's trace store.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import * as vscode from 'vscode';
import type { McpLiveDebuggerApi } from '../../src/extension';
import { activateExtension, discovery, EXTENSION_ID, fixturePath, until } from './support';

/** The bundle lives in <repo>/out/test/integration, so the repo's node_modules are three levels up. */
const MEMORY_SERVER = join(__dirname, '..', '..', '..', 'node_modules', '@modelcontextprotocol', 'server-memory', 'dist', 'index.js');
const UPSTREAM = 'memory-it';

describe('recording proxy inside VS Code', function () {
  this.timeout(60_000);
  let client: Client | undefined;
  /** One memory file for the suite: configuring the upstream again changes nothing once it is set. */
  let memoryFile: string;

  before(() => {
    memoryFile = join(mkdtempSync(join(tmpdir(), 'mld-it-memory-')), 'memory.jsonl');
  });

  /** The memory upstream in the setting, served once the proxy has read it. */
  async function configureUpstream(api: McpLiveDebuggerApi): Promise<void> {
    await vscode.workspace.getConfiguration('mcpLiveDebugger').update('proxy.servers', {
      [UPSTREAM]: { command: process.execPath, args: [MEMORY_SERVER], env: { MEMORY_FILE_PATH: memoryFile }, deny: ['delete_*'] },
    }, vscode.ConfigurationTarget.Global);
    await until(() => api.recordingProxy.upstreamNames.includes(UPSTREAM), Boolean, 'the setting to reach the proxy');
  }

  async function proxyClient(name: string, version: string): Promise<Client> {
    const { url, token } = await discovery();
    const proxyUrl = new URL(url);
    proxyUrl.pathname = `/proxy/${UPSTREAM}/mcp`;
    const connected = new Client({ name, version });
    await connected.connect(new StreamableHTTPClientTransport(proxyUrl, { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    return connected;
  }

  after(async () => {
    await client?.close().catch(() => undefined);
    await vscode.workspace.getConfiguration('mcpLiveDebugger').update('proxy.servers', undefined, vscode.ConfigurationTarget.Global);
  });

  it('serves an upstream from mcpLiveDebugger.proxy.servers and records its session, calls, errors, denials and times', async () => {
    const api = await activateExtension();
    const { token } = await discovery();
    await configureUpstream(api);
    client = await proxyClient('proxy-integration-client', '4.5.6');

    await client.callTool({ name: 'create_entities', arguments: { entities: [{ name: 'vscode', entityType: 'editor', observations: ['hosts the proxy'] }] } });
    const graph = await client.callTool({ name: 'read_graph', arguments: {} });
    assert.match(JSON.stringify(graph.content), /hosts the proxy/);
    // the upstream's own refusal, passed through: a failed tool result or -32602, naming the field
    const invalid = await client.callTool({ name: 'create_entities', arguments: { entities: 'not a list' } }).then(
      (result) => (result.isError === true ? JSON.stringify(result.content) : `not refused: ${JSON.stringify(result)}`),
      (error: unknown) => (error instanceof McpError && error.code === -32602 ? error.message : `not an invalid-params error: ${String(error)}`));
    assert.match(invalid, /entities[\s\S]*expected array, received string/, 'the upstream refused bad arguments');
    await assert.rejects(client.callTool({ name: 'delete_entities', arguments: { entityNames: ['vscode'] } }), (error: unknown) => error instanceof McpError && /denied by the recording proxy's policy for upstream "memory-it" \(deny pattern "delete_\*"\)/.test(error.message));

    await until(() => {
      api.recordingProxy.flushRecordings();
      return api.traceStore.query({ tool: 'delete_entities' }).some((event) => event.source === `proxy:${UPSTREAM}`);
    }, Boolean, 'the recordings');
    const session = api.traceStore.listConnections().find((candidate) => candidate.source === `proxy:${UPSTREAM}` && candidate.clientName === 'proxy-integration-client');
    assert.ok(session, 'the proxied session is in the trace store with its client');
    assert.equal(session.clientVersion, '4.5.6');
    assert.equal(session.status, 'active');
    const events = api.traceStore.query({ connectionId: session.id });
    const calls = events.filter((event) => event.method === 'tools/call');
    assert.deepEqual(calls.map((event) => [event.tool, event.status]), [
      ['create_entities', 'ok'], ['read_graph', 'ok'], ['create_entities', 'error'], ['delete_entities', 'denied'],
    ]);
    for (const call of calls.slice(0, 3)) {
      assert.ok(typeof call.upstreamMs === 'number' && call.upstreamMs > 0, `${call.tool}: upstream time`);
      assert.ok(typeof call.proxyMs === 'number' && call.proxyMs >= 0, `${call.tool}: proxy time`);
      assert.ok(Math.abs((call.latencyMs ?? 0) - (call.upstreamMs ?? 0) - (call.proxyMs ?? 0)) < 0.01);
    }
    assert.ok(api.recordingProxy.upstreamProcessIds(UPSTREAM).length >= 1, 'the stdio upstream was started on first use');

    const shown = (await api.livePanel.describe()).connections.find((row) => row.id === session.id);
    assert.ok(shown, 'the live panel lists the proxied session');
    assert.match(shown.client, /proxy-integration-client/);
    assert.equal(shown.calls, events.filter((event) => event.kind === 'request').length);
    assert.equal(shown.errors, 2, 'the upstream error and the denial');
    assert.equal(api.recordingProxy.recordingStats.dropped, 0);
    assert.ok(!JSON.stringify(api.traceStore.export()).includes(token), 'the token is never recorded');
  });

  it('serves stdio-only clients through the bundled bridge, dist/proxy-stdio.js', async () => {
    const api = await activateExtension();
    await configureUpstream(api);
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
    assert.ok(extensionPath);
    const bridged = new Client({ name: 'bridged-integration-client', version: '1.0.0' });
    await bridged.connect(new StdioClientTransport({ command: process.execPath, args: [join(extensionPath, 'dist', 'proxy-stdio.js'), UPSTREAM], env: process.env as Record<string, string>, stderr: 'pipe' }));
    try {
      await bridged.callTool({ name: 'create_entities', arguments: { entities: [{ name: 'vscode', entityType: 'editor', observations: ['hosts the proxy'] }] } });
      const graph = await bridged.callTool({ name: 'read_graph', arguments: {} });
      assert.match(JSON.stringify(graph.content), /hosts the proxy/);
    } finally {
      await bridged.close();
    }
    await until(() => api.traceStore.listConnections().some((session) => session.source === `proxy:${UPSTREAM}` && session.clientName === 'bridged-integration-client'), Boolean, 'the bridged session to be recorded');
  });

  it('stops the upstream process when the upstream is removed from the setting', async () => {
    const api = await activateExtension();
    await configureUpstream(api);
    const own = await proxyClient('proxy-removal-client', '1.0.0');
    try {
      await own.callTool({ name: 'read_graph', arguments: {} });
      assert.ok(api.recordingProxy.upstreamProcessIds(UPSTREAM).length >= 1, 'the upstream process runs before the removal');
      await vscode.workspace.getConfiguration('mcpLiveDebugger').update('proxy.servers', undefined, vscode.ConfigurationTarget.Global);
      await until(() => !api.recordingProxy.upstreamNames.includes(UPSTREAM), Boolean, 'the upstream to be removed');
      assert.deepEqual(api.recordingProxy.upstreamProcessIds(UPSTREAM), []);
      await until(() => api.traceStore.listConnections().some((candidate) => candidate.source === `proxy:${UPSTREAM}` && candidate.clientName === 'proxy-removal-client' && candidate.status === 'ended'), Boolean, 'the session to end');
    } finally {
      await own.close().catch(() => undefined);
    }
  });

  it('"Record an MCP Server…" offers the servers of .vscode/mcp.json and adds the picked one to the setting', async () => {
    const api = await activateExtension();
    const mcpJson = fixturePath('.vscode', 'mcp.json');
    // the command writes workspace settings: leave the fixture folder as it was found
    const hadFolder = existsSync(fixturePath('.vscode'));
    const hadSettings = existsSync(fixturePath('.vscode', 'settings.json'));
    mkdirSync(fixturePath('.vscode'), { recursive: true });
    // no server recorded before (another test's upstream stays until that test removes it): the pick offers only mcp.json's
    for (const target of [vscode.ConfigurationTarget.Global, vscode.ConfigurationTarget.Workspace]) await vscode.workspace.getConfiguration('mcpLiveDebugger').update('proxy.servers', undefined, target);
    await until(() => api.recordingProxy.upstreamNames.length === 0, Boolean, 'no upstream is configured');
    writeFileSync(mcpJson, `{
  // a server declared for VS Code; the command offers it for recording
  "servers": {
    "from-mcp-json": { "type": "stdio", "command": ${JSON.stringify(process.execPath)}, "args": [${JSON.stringify(MEMORY_SERVER)}], },
  },
}`);
    try {
      const answered = vscode.commands.executeCommand<string | undefined>('mcpLiveDebugger.proxy.recordServer');
      // the quick pick lists the one server; accept it as a user would, once it has shown
      let settled = false;
      void Promise.resolve(answered).finally(() => { settled = true; });
      const deadline = Date.now() + 20_000;
      while (!settled && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
      const proxyUrl = await answered;
      assert.match(proxyUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/proxy\/from-mcp-json\/mcp$/);
      const configured = vscode.workspace.getConfiguration('mcpLiveDebugger').get<Record<string, { command?: string; args?: string[] }>>('proxy.servers') ?? {};
      assert.deepEqual(configured['from-mcp-json'], { command: process.execPath, args: [MEMORY_SERVER] });
      await until(() => api.recordingProxy.upstreamNames.includes('from-mcp-json'), Boolean, 'the picked server to be proxied');
    } finally {
      rmSync(mcpJson, { force: true });
      await vscode.workspace.getConfiguration('mcpLiveDebugger').update('proxy.servers', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.getConfiguration('mcpLiveDebugger').update('proxy.servers', undefined, vscode.ConfigurationTarget.Global);
      if (!hadSettings) rmSync(fixturePath('.vscode', 'settings.json'), { force: true });
      if (!hadFolder) rmSync(fixturePath('.vscode'), { recursive: true, force: true });
    }
  });
});
