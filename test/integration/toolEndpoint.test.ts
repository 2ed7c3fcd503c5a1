import * as assert from 'node:assert/strict';
import { userInfo } from 'node:os';
import * as vscode from 'vscode';
import type { McpLiveDebuggerApi } from '../../src/extension';
import type { StartedEndpointToken } from '../../src/toolEndpoint/endpointTokenCommands';
import type { Span } from '../../src/shared/trace';
import { assertNothingPersisted, persistenceSnapshot, type PersistenceSnapshot } from './toolEndpointSupport';
import { activateExtension } from './support';

const START = 'mcpLiveDebugger.startDebugTokenSession';
const STOP = 'mcpLiveDebugger.stopDebugTokenSession';

interface HttpAnswer {
  status: number;
  body: Record<string, unknown>;
  text: string;
}

describe('debug endpoint and debug tokens inside VS Code', function () {
  this.timeout(120_000);
  let api: McpLiveDebuggerApi;
  let origin: string;
  let started: StartedEndpointToken;
  const tokensSeen: string[] = [];
  let persistedBefore: PersistenceSnapshot;

  async function startToken(): Promise<StartedEndpointToken> {
    const result = await vscode.commands.executeCommand<StartedEndpointToken | undefined>(START, { replace: true, showToken: false });
    assert.ok(result, 'the start command answers the token to a caller that asked for it');
    tokensSeen.push(result.value);
    return result;
  }

  async function request(path: string, init: { method?: string; body?: unknown; token?: string | null; authorization?: string } = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = {};
    const token = init.token === undefined ? started.value : init.token;
    if (init.authorization) headers.authorization = init.authorization;
    else if (token !== null) headers.authorization = `Token ${token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    }
    const response = await fetch(`${origin}${path}`, { method: init.method ?? 'GET', headers, body });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) as Record<string, unknown> : {}, text };
  }

  before(async () => {
    api = await activateExtension();
    const endpoint = await api.endpoint;
    origin = `http://127.0.0.1:${endpoint.port}`;
    persistedBefore = persistenceSnapshot(api);
    started = await startToken();
  });

  after(async () => {
    await vscode.commands.executeCommand(STOP);
    await vscode.workspace.getConfiguration('mcpLiveDebugger').update('debugTokens.maxHours', undefined, vscode.ConfigurationTarget.Global);
  });

  it('starts a token session by command: the token works, the state shows it without its value', async () => {
    assert.match(started.value, /^mld_/);
    assert.equal(started.endpointUrl, `${origin}/debug/`);
    const state = api.endpointTokens.state;
    assert.equal(state.active?.id, started.token.id);
    assert.ok(state.active && state.active.expiresAt - state.active.createdAt <= 4 * 60 * 60 * 1000);
    assert.ok(state.active.by.includes(userInfo().username), `started by the OS user or a VS Code account naming them (${state.active.by})`);
    assert.ok(!JSON.stringify(state).includes(started.value));

    const tools = await request('/debug/');
    assert.equal(tools.status, 404);
    const names = tools.body.tools as string[];
    assert.ok(names.includes('list_supported_languages'), names.join(', '));
    const languages = await request('/debug/list_supported_languages');
    assert.equal(languages.status, 200, languages.text);
    assert.equal((languages.body.outputs as { success: boolean }).success, true);
    const trace = languages.body.trace as Span;
    assert.equal(trace.name, 'tool.run');
    assert.equal(trace.tool, 'list_supported_languages');
    assert.deepEqual(trace.children, [], 'listing languages drives no debug adapter');
  });

  it('answers every error status: 401, 404 with the tools, 400 naming the field, 405', async () => {
    const missing = await request('/debug/list_debug_sessions', { token: null });
    assert.equal(missing.status, 401);
    const wrong = await request('/debug/list_debug_sessions', { token: 'mld_wrong' });
    assert.equal(wrong.status, 401);
    const mcpToken = await request('/debug/list_debug_sessions', { authorization: `Bearer ${started.value}` });
    assert.equal(mcpToken.status, 401);

    const unknown = await request('/debug/no_such_tool');
    assert.equal(unknown.status, 404);
    assert.match(String(unknown.body.error), /Unknown tool "no_such_tool".*set_breakpoint/);

    const badLine = await request('/debug/set_breakpoint?sessionId=s1&file=/tmp/a.py&line=first');
    assert.equal(badLine.status, 400);
    assert.match(String(badLine.body.error), /line: expected a number/);
    // set_breakpoint's line is optional since lineContent/functionName: a field the schema requires
    const missingField = await request('/debug/evaluate_expression', { method: 'POST', body: { sessionId: 's1' } });
    assert.equal(missingField.status, 400);
    assert.match(String(missingField.body.error), /expression: /);
    const extraField = await request('/debug/list_debug_sessions?verbose=true');
    assert.equal(extraField.status, 400);
    assert.match(String(extraField.body.error), /verbose/);

    const put = await request('/debug/list_debug_sessions', { method: 'PUT', body: {} });
    assert.equal(put.status, 405);
  });

  it('keeps one token active: starting another replaces it (403 replaced), history says so', async () => {
    const old = started;
    started = await startToken();
    const replaced = await request('/debug/list_debug_sessions', { token: old.value });
    assert.equal(replaced.status, 403);
    assert.equal(replaced.body.reason, 'replaced');
    assert.equal((await request('/debug/list_debug_sessions')).status, 200);
    const [latest] = api.endpointTokens.state.history;
    assert.equal(latest.id, old.token.id);
    assert.equal(latest.endedHow, 'replaced');
  });

  it('stops the token by command at once (403 stopped)', async () => {
    const stopped = await vscode.commands.executeCommand<boolean>(STOP);
    assert.equal(stopped, true);
    const answer = await request('/debug/list_debug_sessions');
    assert.equal(answer.status, 403);
    assert.equal(answer.body.reason, 'stopped');
    assert.match(String(answer.body.error), /stopped/);
    assert.equal(api.endpointTokens.state.active, undefined);
    assert.equal(api.endpointTokens.state.history[0].endedHow, 'stopped');
    started = await startToken();
  });

  it('expires a token after the configured time, for real (403 expired)', async () => {
    await vscode.workspace.getConfiguration('mcpLiveDebugger').update('debugTokens.maxHours', 2 / 3600, vscode.ConfigurationTarget.Global);
    const short = await startToken();
    started = short;
    assert.equal(short.token.expiresAt - short.token.createdAt, 2000);
    assert.equal((await request('/debug/list_debug_sessions')).status, 200);
    const expiredByTimer = new Promise<void>((resolve) => {
      const listener = api.endpointTokens.onDidChange((state) => {
        if (state.history[0]?.id === short.token.id && state.history[0].endedHow === 'expired') {
          listener.dispose();
          resolve();
        }
      });
    });
    await Promise.race([expiredByTimer, new Promise((_, reject) => setTimeout(() => reject(new Error('no expiry within 10 s')), 10_000))]);
    const answer = await request('/debug/list_debug_sessions');
    assert.equal(answer.status, 403);
    assert.equal(answer.body.reason, 'expired');
    await vscode.workspace.getConfiguration('mcpLiveDebugger').update('debugTokens.maxHours', undefined, vscode.ConfigurationTarget.Global);
    started = await startToken();
    assert.equal(started.token.expiresAt - started.token.createdAt, 4 * 60 * 60 * 1000);
  });

  it('records endpoint calls as debug-endpoint connections in memory, with no token or Authorization header', async () => {
    await request('/debug/list_debug_sessions');
    const sessions = api.traceStore.listConnections().filter((session) => session.source === 'debug-endpoint');
    assert.ok(sessions.length >= 2, 'one session per token that made calls');
    const current = sessions.find((session) => session.id.endsWith(started.token.id));
    assert.equal(current?.status, 'active');
    const events = api.traceStore.query({ connectionId: current.id }).filter((event) => event.kind === 'request');
    assert.equal(events.at(-1)?.tool, 'list_debug_sessions');
    assert.ok(events.at(-1)?.trace, 'each call carries its trace');
    const exported = JSON.stringify(api.traceStore.export());
    for (const token of tokensSeen) assert.ok(!exported.includes(token), 'no debug token in the trace export');
    assert.ok(!/authorization/i.test(exported), 'no Authorization header in the trace export');
  });

  it('writes nothing to disk: storage, log and discovery folders are unchanged, no token in any VS Code file', async () => {
    assertNothingPersisted(api, persistedBefore, tokensSeen);
  });
});
