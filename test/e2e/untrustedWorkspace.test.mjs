// Issue 7: in a workspace the user has not trusted, tools that run code are refused with a clear
// denied answer, and inspection keeps working. Needs VS Code started with workspace trust on,
// which the in-host suite (started with --disable-workspace-trust) cannot change.
// Issue 12 §3: refused by what a call does, not its name (an inline attach, a conditional
// breakpoint), over MCP and over the debug endpoint, with nothing attached or launched.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClient, dialog, fixtureWorkspace, runCommand, shownToken, useWorkbenchHost, toolAnswer, waitForDiscovery } from './support.mjs';

describe('e2e: untrusted workspace', function () {
  this.timeout(240_000);
  const workbench = useWorkbenchHost({ workspaceTrust: true });
  let opened;
  /** The workbench page and its extension host's discovery file, opened once for whichever test runs first. */
  const openedWorkspace = () => (opened ??= (async () => {
    const page = await workbench().openWorkspace();
    return { page, info: await waitForDiscovery(workbench().server.dirs.discoveryHome) };
  })());

  it('refuses code-running tools as denied and keeps inspection working', async () => {
    const { info } = await openedWorkspace();
    const client = await connectClient(info, 'untrusted-test');
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

  it('refuses every call that would run code, over MCP and the debug endpoint, and nothing is attached or launched', async () => {
    const { page, info } = await openedWorkspace();
    const connections = [];
    const debugServer = createServer((socket) => {
      connections.push(socket.remotePort);
      socket.destroy();
    });
    await new Promise((resolve) => debugServer.listen(0, '127.0.0.1', resolve));
    const port = debugServer.address().port;
    const client = await connectClient(info, 'untrusted-effects');
    const call = async (name, args) => toolAnswer(await client.callTool({ name, arguments: args }));
    try {
      const created = await call('create_debug_session', { language: 'mock', name: 'untrusted effects' });
      assert.equal(created.success, true, JSON.stringify(created));
      const sessionId = created.sessionId;
      const script = join(fixtureWorkspace, 'tools_suite.mock');
      const inlineAttach = { language: 'python', name: 'untrusted inline attach', port, timeoutMs: 3_000 };
      // the configuration's preLaunchTask writes this file: a refused start runs no task either
      const buildStamp = join(fixtureWorkspace, 'out', 'build-stamp.txt');
      rmSync(buildStamp, { force: true });
      const refused = [
        ['create_debug_session', inlineAttach],
        ['attach_to_process', { sessionId, port, timeoutMs: 3_000 }],
        ['start_debugging', { sessionId, scriptPath: script }],
        ['start_debugging', { sessionId, configurationName: 'Node: launch_env (envFile, preLaunchTask)' }],
        ['restart_debugging', { sessionId }],
        ['debug_test', { sessionId, file: join(fixtureWorkspace, 'pytest_project', 'test_swap.py') }],
        ['evaluate_expression', { sessionId, expression: '1 + 1' }],
        ['redefine_classes', { sessionId, classesDir: fixtureWorkspace }],
        ['set_breakpoint', { sessionId, file: script, line: 2, condition: '1 == 1' }],
        ['set_breakpoint', { sessionId, file: script, line: 2, logMessage: 'hit {1 + 1}' }],
      ];
      for (const [name, args] of refused) {
        const answer = await call(name, args);
        assert.equal(answer.success, false, `${name} ${JSON.stringify(args)}: ${JSON.stringify(answer)}`);
        assert.equal(answer.denied, true, `${name} ${JSON.stringify(args)}`);
        assert.match(answer.error, new RegExp(`^Denied: ${name}.*not trusted.*Manage Workspace Trust`), `${name} ${JSON.stringify(args)}`);
      }
      const dryRun = await call('start_debugging', { sessionId, scriptPath: script, dryRunSpawn: true });
      assert.equal(dryRun.success, true, `a dry run starts nothing, so it is allowed: ${JSON.stringify(dryRun)}`);
      assert.equal(dryRun.data.dryRun, true);

      // the debug endpoint, with a token started from the command palette as a user would
      await page.locator('.monaco-workbench').waitFor();
      await runCommand(page, 'MCP Live Debugger: Start Debug Token Session');
      const shown = await dialog(page, 'debug token created');
      const token = await shownToken(shown);
      await page.keyboard.press('Escape');
      await shown.waitFor({ state: 'detached' });
      const origin = new URL(info.url).origin;
      for (const [name, args] of refused) {
        const response = await fetch(`${origin}/debug/${name}`, {
          method: 'POST',
          headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(args),
        });
        const body = await response.json();
        assert.equal(response.status, 200, JSON.stringify(body));
        assert.equal(body.outputs.denied, true, `${name} over the debug endpoint: ${JSON.stringify(body.outputs)}`);
        assert.match(body.outputs.error, /not trusted.*Manage Workspace Trust/);
      }

      assert.deepEqual(connections, [], 'the debug server saw no connection');
      assert.equal(existsSync(buildStamp), false, 'the refused named start ran no preLaunchTask');
      const listed = await call('list_debug_sessions', {});
      assert.equal(listed.success, true);
      assert.deepEqual(listed.sessions.filter((session) => session.state !== 'created' || session.startedBy !== 'agent'), [], 'no program was attached or launched');
      assert.deepEqual(listed.sessions.filter((session) => session.name === inlineAttach.name), [], 'the refused inline attach created no session');
      const breakpoints = await call('list_breakpoints', { sessionId });
      assert.equal(breakpoints.count, 0, `the refused conditional breakpoints were not set: ${JSON.stringify(breakpoints)}`);
      await call('close_debug_session', { sessionId });
    } finally {
      await client.close();
      debugServer.close();
    }
  });

  it('starts no program that the untrusted workspace\'s own settings give the recording proxy', async () => {
    const { info: first } = await openedWorkspace();
    const folder = mkdtempSync(join(tmpdir(), 'mld-untrusted-proxy-'));
    const spawned = join(folder, 'spawned');
    mkdirSync(join(folder, '.vscode'));
    const server = { command: process.execPath, args: ['-e', `require('node:fs').writeFileSync(${JSON.stringify(spawned)}, 'ran')`] };
    writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'mcpLiveDebugger.proxy.servers': { workspaceServer: server } }));
    const page = await workbench().openWorkspace(folder);
    try {
      const info = await waitForDiscovery(workbench().server.dirs.discoveryHome, first.pid);
      assert.ok(info.workspaceFolders.some((uri) => uri.endsWith(folder.split('/').pop())), `the second window's extension host: ${JSON.stringify(info.workspaceFolders)}`);
      const response = await fetch(`${new URL(info.url).origin}/proxy/workspaceServer/mcp`, {
        method: 'POST',
        headers: { authorization: `Bearer ${info.token}`, accept: 'application/json, text/event-stream', 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'untrusted-proxy', version: '1.0.0' } } }),
      });
      const body = await response.text();
      assert.equal(response.status, 404, body);
      assert.match(body, /No recording proxy at \/proxy\/workspaceServer\/mcp/);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(existsSync(spawned), false, 'the workspace\'s command never ran');
    } finally {
      await page.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
