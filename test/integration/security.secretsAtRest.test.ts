// Issue 7, security: every way in with the wrong credential is refused, and no token,
// Authorization header or configured secret appears in a trace, an export, a log line or any file
// of this VS Code but the owner's discovery file. The scan runs its own scenario first (a launch
// with secrets in its env, MCP and debug endpoint calls with their tokens), so it checks that
// much wherever it runs, and besides whatever the tests before it left in this VS Code.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ok, removeAllBreakpoints, sdkCaller } from './debuggerSupport';
import { activateExtension, connectSdkClient, discovery, fixturePath, report } from './support';

const CONFIGURED_SECRET = `cfg-secret-${Date.now().toString(36)}-do-not-leak`;

interface StartedEndpointToken {
  value: string;
}

async function status(url: string, headers: Record<string, string>, method = 'POST'): Promise<number> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: method === 'POST' ? JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }) : undefined,
  });
  await response.arrayBuffer();
  return response.status;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => {
      try {
        return statSync(path).size < 50 * 1024 * 1024;
      } catch {
        return false;
      }
    });
}

/** What writes secrets if anything does: a launch with secret-named env values, inspected and closed. */
async function launchWithSecrets(): Promise<void> {
  removeAllBreakpoints();
  const client = await connectSdkClient('secrets-scenario');
  try {
    const call = sdkCaller(client);
    const sessionId = (await ok(call, 'create_debug_session', { language: 'mock', name: 'secrets' })).sessionId as string;
    await ok(call, 'set_breakpoint', { sessionId, file: fixturePath('tools_suite.mock'), line: 9 });
    await ok(call, 'start_debugging', { sessionId, scriptPath: fixturePath('tools_suite.mock'), env: { SERVICE_TOKEN: CONFIGURED_SECRET, DB_PASSWORD: CONFIGURED_SECRET, API_KEY: CONFIGURED_SECRET } });
    await ok(call, 'get_local_variables', { sessionId });
    await ok(call, 'close_debug_session', { sessionId });
  } finally {
    await client.close();
    removeAllBreakpoints();
  }
}

describe('security: wrong credentials are refused, and no token or secret is kept at rest', function () {
  this.timeout(120_000);

  it('refuses each credential at the other door and tokens in the wrong place', async () => {
    const { url, token } = await discovery();
    const debugUrl = url.replace(/\/mcp$/, '/debug/list_debug_sessions');
    const debugToken = (await vscode.commands.executeCommand<StartedEndpointToken>('mcpLiveDebugger.startDebugTokenSession', { replace: true, showToken: false })).value;
    try {
      assert.equal(await status(debugUrl, { authorization: `Token ${debugToken}` }, 'GET'), 200, 'the debug token works where it belongs');
      assert.equal(await status(url, { authorization: `Token ${debugToken}` }), 401, 'debug token on /mcp');
      assert.equal(await status(url, { authorization: `Bearer ${debugToken}` }), 401, 'debug token as a bearer on /mcp');
      assert.equal(await status(debugUrl, { authorization: `Bearer ${token}` }, 'GET'), 401, 'MCP token on /debug');
      assert.equal(await status(debugUrl, { authorization: `Token ${token}` }, 'GET'), 401, 'MCP token in the debug scheme');
      assert.equal(await status(url, { 'x-api-key': token }), 401, 'token in another header');
      assert.equal(await status(`${url}?token=${token}`, {}), 401, 'token in the query string');
      assert.equal(await status(url, { authorization: token }), 401, 'token without a scheme');
      assert.equal(await status(url, { cookie: `token=${token}` }), 401, 'token in a cookie');
    } finally {
      await vscode.commands.executeCommand('mcpLiveDebugger.stopDebugTokenSession');
    }
  });

  it('keeps a configured secret passed to a launch out of the trace and the export', async () => {
    const api = await activateExtension();
    await launchWithSecrets();
    const exported = JSON.stringify(api.traceStore.export());
    const launch = api.traceStore.query({ tool: 'start_debugging' }).at(-1);
    assert.ok(launch?.trace, 'the launch was traced');
    assert.ok(JSON.stringify(launch.trace).includes('[redacted]'), 'the secret-named env values are masked in the trace');
    assert.ok(!exported.includes(CONFIGURED_SECRET), 'the configured secret is not in the export');
  });

  it('leaves no token or secret in any trace, export, log or file of this VS Code', async () => {
    const api = await activateExtension();
    const { url, token } = await discovery();
    await launchWithSecrets();
    const debugToken = (await vscode.commands.executeCommand<StartedEndpointToken>('mcpLiveDebugger.startDebugTokenSession', { replace: true, showToken: false })).value;
    try {
      assert.equal(await status(url.replace(/\/mcp$/, '/debug/list_debug_sessions'), { authorization: `Token ${debugToken}` }, 'GET'), 200);
    } finally {
      await vscode.commands.executeCommand('mcpLiveDebugger.stopDebugTokenSession');
    }
    const own = (await api.endpoint).discoveryFile;
    const exported = JSON.stringify(api.traceStore.export());
    const authorizationValue = /(?:Bearer|Token)\s+[A-Za-z0-9_-]{20,}/;
    assert.ok(!exported.includes(token), 'the MCP token is not in the export');
    assert.doesNotMatch(exported, authorizationValue, 'no Authorization value is in the export');

    const root = process.env.MLD_HOST_ROOT;
    assert.ok(root, 'the launcher names the VS Code instance folder as MLD_HOST_ROOT');
    const files = filesUnder(root).filter((path) => path !== own);
    const leaks: string[] = [];
    for (const path of files) {
      const text = readFileSync(path, 'latin1');
      if (text.includes(token)) leaks.push(`${path}: MCP token`);
      if (text.includes(debugToken)) leaks.push(`${path}: debug token`);
      if (text.includes(CONFIGURED_SECRET)) leaks.push(`${path}: configured secret`);
      if (/\.log$/.test(path) && authorizationValue.test(text)) leaks.push(`${path}: Authorization value in a log`);
    }
    report(`secrets: ${files.length} files of this VS Code and a ${Math.round(exported.length / 1024)} KB export scanned; leaks ${leaks.length}`);
    assert.ok(files.length > 10, `scanned ${files.length} files`);
    assert.deepEqual(leaks, []);
  });
});
