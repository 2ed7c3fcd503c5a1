// The Debug Tokens tab of the real panel inside VS Code: token state arrives from the host, the
// cURL commands it builds really run against the endpoint, and its Stop button's message path
// (the same one a click takes) ends the token.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { McpLiveDebuggerApi } from '../../src/extension';
import type { StartedEndpointToken } from '../../src/toolEndpoint/endpointTokenCommands';
import type { EndpointTokensDescription } from '../../src/shared/protocol';
import type { Span } from '../../src/shared/trace';
import { activateExtension, until } from './support';

async function tokensTab(api: McpLiveDebuggerApi, accept: (tab: EndpointTokensDescription) => boolean, what: string): Promise<EndpointTokensDescription> {
  const tab = await until(async () => (await api.livePanel.describe()).endpointTokens, (candidate) => candidate !== undefined && accept(candidate), what);
  return tab as EndpointTokensDescription;
}

/** Runs a command the panel offers the way a user pastes it into a shell. */
async function runInShell(command: string, token: string): Promise<{ outputs: Record<string, unknown>; trace: Span }> {
  const { stdout } = await promisify(execFile)('/bin/sh', ['-c', command], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', DEBUG_TOKEN: token }, timeout: 20_000 });
  return JSON.parse(stdout) as { outputs: Record<string, unknown>; trace: Span };
}

describe('debug endpoint in the live panel (inside VS Code)', function () {
  this.timeout(60_000);
  let api: McpLiveDebuggerApi;

  before(async function () {
    if (!existsSync('/usr/bin/curl')) this.skip();
    api = await activateExtension();
    await api.endpoint;
    api.livePanel.open();
  });

  after(async () => {
    await vscode.commands.executeCommand('mcpLiveDebugger.stopDebugTokenSession');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the active token and builds cURL commands that run against the endpoint', async () => {
    const started = await vscode.commands.executeCommand<StartedEndpointToken>('mcpLiveDebugger.startDebugTokenSession', { replace: true, showToken: false });
    assert.ok(started);
    const tab = await tokensTab(api, (candidate) => candidate.active && candidate.curl !== undefined, 'the tab shows the active token and a cURL command');
    assert.match(String(tab.timeLeft), /left$/);
    assert.ok(tab.tools > 10, `the tab lists the endpoint's tools (${tab.tools})`);
    const curl = tab.curl as { get: string; post: string };
    assert.ok(curl.get.includes('$DEBUG_TOKEN') && !curl.get.includes(started.value), 'a placeholder, never the token');

    // the first tool, create_debug_session, needs a language: the command carries a placeholder
    assert.equal(tab.selectedTool, 'create_debug_session');
    for (const command of [curl.get, curl.post]) {
      assert.ok(command.includes('<language>'), command);
      const answer = await runInShell(command, started.value);
      assert.equal(answer.trace.name, 'tool.run');
      assert.equal(answer.trace.tool, tab.selectedTool);
      assert.equal(answer.outputs.success, false, 'the placeholder as is names no language');
      assert.match(String(answer.outputs.error), /^Unknown language "<language>"\. Installed languages: .*\bmock\b.*Call list_supported_languages for details\.$/);
      // as a user fills the placeholder in, and the session is created
      const filled = await runInShell(command.replace('<language>', 'mock'), started.value);
      assert.equal(filled.trace.tool, 'create_debug_session');
      assert.equal(filled.outputs.success, true, JSON.stringify(filled.outputs));
      assert.equal(filled.outputs.state, 'created');
      assert.match(String(filled.outputs.message), /^Created mock debug session: /);
      const origin = /'(http:\/\/127\.0\.0\.1:\d+)\/debug\//.exec(command)?.[1];
      const closed = await fetch(`${origin}/debug/close_debug_session`, { method: 'POST', headers: { authorization: `Token ${started.value}` }, body: JSON.stringify({ sessionId: filled.outputs.sessionId }) });
      assert.equal(((await closed.json()) as { outputs: { success: boolean } }).outputs.success, true);
    }
    const described = JSON.stringify(await api.livePanel.describe());
    assert.ok(!described.includes(started.value), 'the panel never holds the token value');
  });

  it('its Stop button ends the token at once, and the history shows it', async () => {
    const started = await vscode.commands.executeCommand<StartedEndpointToken>('mcpLiveDebugger.startDebugTokenSession', { replace: true, showToken: false });
    assert.ok(started);
    await tokensTab(api, (candidate) => candidate.active, 'the tab shows the new token');
    const live = api.livePanel.panel;
    assert.ok(live);
    await live.handle({ messageId: 1_000_001, body: { type: 'endpointTokenCommand', command: 'stop' } });
    const tab = await tokensTab(api, (candidate) => !candidate.active, 'the tab shows no active token');
    assert.equal(tab.history[0]?.endedHow, 'stopped');
    const curl = tab.curl as { get: string };
    await assert.rejects(runInShell(`${curl.get} --fail-with-body`, started.value), /403|forbidden|stopped/i);
  });
});
