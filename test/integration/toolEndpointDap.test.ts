import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as vscode from 'vscode';
import type { McpLiveDebuggerApi } from '../../src/extension';
import type { StartedEndpointToken } from '../../src/toolEndpoint/endpointTokenCommands';
import type { Span } from '../../src/shared/trace';
import { assertNothingPersisted, persistenceSnapshot, type PersistenceSnapshot } from './toolEndpointSupport';
import { removeAllBreakpoints } from './debuggerSupport';
import { activateExtension, fixturePath } from './support';

interface Answer {
  status: number;
  outputs: Record<string, unknown> & { success: boolean };
  trace: Span;
}

/** One DAP message as an independent tracker (this test's, not the extension's) saw it. */
interface SeenMessage {
  at: number;
  vscodeSessionId: string;
  direction: 'to-adapter' | 'from-adapter';
  message: DebugProtocol.ProtocolMessage;
}

/**
 * The same DAP value as the adapter sent it and as `customRequest` hands it to an extension: plain
 * JSON, and in the VS Code server build source paths come back as `vscode-remote://<host>/<path>`.
 */
function comparable(value: unknown): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? item.replace(/^vscode-remote:\/\/[^/]+(?=\/)/, '') : item))) as unknown;
}

/**
 * The DAP messages debugpy's adapter logged with its client (our relay), read from the log files
 * `DEBUGPY_LOG_DIR` makes it write: an oracle for the requests the relay sends, which no VS Code
 * tracker sees.
 */
function debugpyClientMessages(logDir: string): Array<{ direction: 'to-adapter' | 'from-adapter'; message: DebugProtocol.ProtocolMessage }> {
  const messages: Array<{ direction: 'to-adapter' | 'from-adapter'; message: DebugProtocol.ProtocolMessage }> = [];
  for (const file of readdirSync(logDir).filter((name) => name.startsWith('debugpy.adapter')).sort()) {
    // an entry starts with its time stamp, or with 13 spaces when it shares the previous one's
    const entries = readFileSync(join(logDir, file), 'utf8').split(/\n(?=[DIWE]\+\d|\s{13}Client\[\d+\] (?:-->|<--) )/);
    for (const entry of entries) {
      const header = /^(?:[DIWE]\+[\d.]+: |\s{13})Client\[\d+\] (-->|<--) /.exec(entry);
      if (!header) continue;
      const json = entry.slice(header[0].length).split('\n').map((line) => line.replace(/^ {13}/, '')).join('\n');
      messages.push({ direction: header[1] === '-->' ? 'to-adapter' : 'from-adapter', message: JSON.parse(json) as DebugProtocol.ProtocolMessage });
    }
  }
  return messages;
}

/** Each relayed `dap.request` child is a request debugpy received (same command and arguments, in order) and carries its answer. */
function assertRelayedRequestsMatchDebugpy(trace: Span, logDir: string): number {
  const messages = debugpyClientMessages(logDir);
  const requests = messages.filter((item) => item.direction === 'to-adapter' && item.message.type === 'request').map((item) => item.message as DebugProtocol.Request);
  const responses = new Map(messages.filter((item) => item.message.type === 'response').map((item) => [(item.message as DebugProtocol.Response).request_seq, item.message as DebugProtocol.Response]));
  let cursor = 0;
  const relayed = trace.children.filter((child) => child.name === 'dap.request' && child.attributes?.via === 'relay');
  for (const child of relayed) {
    const index = requests.findIndex((request, position) => position >= cursor && request.command === child.command && isDeepStrictEqual(comparable(request.arguments), comparable(child.request)));
    assert.ok(index >= 0, `the relayed ${child.command} ${JSON.stringify(child.request)} is not in debugpy's log (in this order)`);
    cursor = index + 1;
    const response = responses.get(requests[index].seq);
    assert.ok(response, `debugpy logged no answer to ${child.command}`);
    assert.equal(child.status, response.success ? 'ok' : 'error');
    const recorded = child.response as Record<string, unknown> | undefined;
    if (response.success && !(recorded && 'truncated' in recorded)) assert.deepEqual(comparable(recorded), comparable(response.body), `relayed ${child.command} response`);
  }
  return relayed.length;
}

/**
 * debugpy logs a message after writing it to the socket, so the relay can have an answer the log
 * does not hold yet (or holds half an entry): the check is retried until the log catches up, for
 * at most two seconds.
 */
async function untilLogCaughtUp<T>(check: () => T, boundMs = 2_000): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof assert.AssertionError || error instanceof SyntaxError) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Checks a tool call's trace against the DAP traffic this test saw itself: each `dap.request`
 * child is a request that really went to the adapter (same command and arguments, in order) and
 * carries its real response; the `dap.event` children are exactly the events the adapter sent
 * for the sessions the call watched, in order, up to the end of the call.
 */
function assertTraceMatchesDap(trace: Span, seen: readonly SeenMessage[], sessionIds: ReadonlySet<string>): { requests: string[]; events: string[] } {
  const ofSessions = seen.filter((item) => sessionIds.has(item.vscodeSessionId) && item.at >= trace.start);
  const requestsSeen = ofSessions.filter((item) => item.direction === 'to-adapter' && item.message.type === 'request');
  const responses = new Map<number, DebugProtocol.Response>();
  for (const item of ofSessions) {
    if (item.message.type === 'response') responses.set((item.message as DebugProtocol.Response).request_seq, item.message as DebugProtocol.Response);
  }
  let cursor = 0;
  const requestChildren = trace.children.filter((child) => child.name === 'dap.request');
  // Requests to our own adapters go straight through the DAP relay, where no VS Code tracker
  // can see them: those are checked for shape; the rest against what the tracker saw.
  const relayed = requestChildren.filter((child) => child.attributes?.via === 'relay');
  for (const child of relayed) {
    assert.equal(typeof child.command, 'string');
    assert.ok(child.duration_ms >= 0 && child.start >= trace.start, `${child.command} is timed inside the call`);
    assert.ok(child.status === 'error' ? typeof child.error === 'string' : child.response !== undefined, `${child.command} has its answer`);
  }
  for (const child of requestChildren.filter((candidate) => candidate.attributes?.via !== 'relay')) {
    const index = requestsSeen.findIndex((item, position) => {
      const request = item.message as DebugProtocol.Request;
      return position >= cursor && request.command === child.command && isDeepStrictEqual(comparable(request.arguments), comparable(child.request));
    });
    assert.ok(index >= 0, `the trace's ${child.command} request ${JSON.stringify(child.request)} was not sent to the adapter (in this order)`);
    cursor = index + 1;
    const response = responses.get(requestsSeen[index].message.seq);
    assert.ok(response, `no response seen for ${child.command}`);
    assert.equal(child.status, response.success ? 'ok' : 'error');
    const recorded = child.response as Record<string, unknown> | undefined;
    if (response.success && !(recorded && 'truncated' in recorded)) assert.deepEqual(comparable(recorded), comparable(response.body), `${child.command} response`);
  }
  const end = trace.start + trace.duration_ms;
  // an event in the very millisecond the call ended may fall after its collector closed
  const eventsSeen = ofSessions.filter((item) => item.direction === 'from-adapter' && item.message.type === 'event' && item.at < end);
  const eventChildren = trace.children.filter((child) => child.name === 'dap.event');
  const childNames = eventChildren.map((child) => String(child.attributes?.event));
  const seenNames = eventsSeen.map((item) => (item.message as DebugProtocol.Event).event);
  assert.deepEqual(childNames.slice(0, seenNames.length), seenNames, 'dap.event children are the adapter\'s events, in order');
  assert.ok(childNames.length - seenNames.length <= 2, `at most the events of the call's last millisecond are unmatched: ${childNames.join(', ')} vs ${seenNames.join(', ')}`);
  for (const [index, item] of eventsSeen.entries()) {
    const body = (item.message as DebugProtocol.Event).body as unknown;
    const recorded = eventChildren[index].attributes?.body as Record<string, unknown> | undefined;
    if (!(recorded && typeof recorded === 'object' && 'truncated' in recorded)) assert.deepEqual(comparable(recorded), comparable(body), `${seenNames[index]} event body`);
  }
  return { requests: requestChildren.map((child) => String(child.command)), events: seenNames };
}

describe('debug endpoint runs debugger tools with traces that match the DAP traffic', function () {
  this.timeout(120_000);
  let origin: string;
  let token: StartedEndpointToken;
  const seen: SeenMessage[] = [];
  const started: vscode.DebugSession[] = [];
  let subscriptions: vscode.Disposable[] = [];
  let api: McpLiveDebuggerApi;
  let persistedBefore: PersistenceSnapshot;
  const debugpyLogs = mkdtempSync(join(tmpdir(), 'mld-debugpy-log-'));
  const previousDebugpyLogDir = process.env.DEBUGPY_LOG_DIR;

  async function call(method: 'GET' | 'POST', tool: string, inputs: Record<string, unknown>): Promise<Answer> {
    let url = `${origin}/debug/${tool}`;
    const init: RequestInit = { method, headers: { authorization: `Token ${token.value}` } };
    if (method === 'GET') {
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(inputs)) query.set(name, typeof value === 'string' ? value : JSON.stringify(value));
      url += `?${query}`;
    } else {
      init.body = JSON.stringify(inputs);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const response = await fetch(url, init);
    const body = await response.json() as { outputs: Answer['outputs']; trace: Span };
    return { status: response.status, outputs: body.outputs, trace: body.trace };
  }

  async function ok(method: 'GET' | 'POST', tool: string, inputs: Record<string, unknown>): Promise<Answer> {
    const answer = await call(method, tool, inputs);
    assert.equal(answer.status, 200);
    assert.ok(answer.outputs.success, `${tool}: ${JSON.stringify(answer.outputs)}`);
    return answer;
  }

  before(async () => {
    // debugpy's adapter inherits the extension host's environment and logs every DAP message there
    process.env.DEBUGPY_LOG_DIR = debugpyLogs;
    api = await activateExtension();
    origin = `http://127.0.0.1:${(await api.endpoint).port}`;
    persistedBefore = persistenceSnapshot(api);
    const result = await vscode.commands.executeCommand<StartedEndpointToken>('mcpLiveDebugger.startDebugTokenSession', { replace: true, showToken: false });
    assert.ok(result);
    token = result;
    subscriptions = [
      vscode.debug.registerDebugAdapterTrackerFactory('*', {
        createDebugAdapterTracker(session) {
          return {
            onWillReceiveMessage: (message: DebugProtocol.ProtocolMessage) => seen.push({ at: Date.now(), vscodeSessionId: session.id, direction: 'to-adapter', message }),
            onDidSendMessage: (message: DebugProtocol.ProtocolMessage) => seen.push({ at: Date.now(), vscodeSessionId: session.id, direction: 'from-adapter', message }),
          };
        },
      }),
      vscode.debug.onDidStartDebugSession((session) => started.push(session)),
    ];
  });

  after(async () => {
    if (previousDebugpyLogDir === undefined) delete process.env.DEBUGPY_LOG_DIR;
    else process.env.DEBUGPY_LOG_DIR = previousDebugpyLogDir;
    rmSync(debugpyLogs, { recursive: true, force: true });
    for (const subscription of subscriptions) subscription.dispose();
    removeAllBreakpoints();
    await vscode.commands.executeCommand('mcpLiveDebugger.stopDebugTokenSession');
  });

  afterEach(async () => {
    removeAllBreakpoints();
    await vscode.debug.stopDebugging();
  });

  const programs = [
    { language: 'mock', file: 'tools_suite.mock', line: 3, locals: { a: '1', b: '2' } },
    { language: 'python', file: 'swap_vars.py', line: 3, locals: { a: '1', b: '2' } },
  ];

  for (const program of programs) {
    it(`${program.language}: set_breakpoint by GET and start_debugging by POST, each trace matching the DAP traffic`, async () => {
      const file = fixturePath(program.file);
      const created = await ok('POST', 'create_debug_session', { language: program.language, name: `debug endpoint ${program.language}` });
      const sessionId = created.outputs.sessionId as string;

      const breakpoint = await ok('GET', 'set_breakpoint', { sessionId, file, line: program.line });
      assert.equal(breakpoint.outputs.line, program.line);
      assert.equal(breakpoint.trace.tool, 'set_breakpoint');
      assert.deepEqual(breakpoint.trace.inputs, { sessionId, file, line: program.line }, 'the query line arrived as a number');

      const sessionsBefore = started.length;
      const start = await ok('POST', 'start_debugging', { sessionId, scriptPath: file });
      assert.equal(start.outputs.state, 'paused');
      assert.equal((start.outputs.location as { line: number }).line, program.line);
      assert.equal(start.trace.name, 'tool.run');
      assert.equal(start.trace.status, 'ok');
      const newSessions = new Set(started.slice(sessionsBefore).map((session) => session.id));
      assert.ok(newSessions.size > 0, 'the call started a VS Code debug session');
      const matched = assertTraceMatchesDap(start.trace, seen, newSessions);
      assert.ok(matched.events.includes('stopped'), `the stop is in the trace: ${matched.events.join(', ')}`);
      assert.ok(matched.requests.includes('stackTrace'), `the top frame was read: ${matched.requests.join(', ')}`);

      const locals = await ok('GET', 'get_local_variables', { sessionId });
      const values = Object.fromEntries((locals.outputs.variables as { name: string; value: string }[]).map((variable) => [variable.name, variable.value]));
      for (const [name, value] of Object.entries(program.locals)) assert.equal(values[name], value, `${name} in ${JSON.stringify(values)}`);
      const inspected = assertTraceMatchesDap(locals.trace, seen, newSessions);
      if (program.language === 'python') {
        const relayed = await untilLogCaughtUp(() => assertRelayedRequestsMatchDebugpy(start.trace, debugpyLogs) + assertRelayedRequestsMatchDebugpy(locals.trace, debugpyLogs));
        assert.ok(relayed > 0, 'the relayed requests were checked against debugpy\'s own log');
      }
      assert.ok(inspected.requests.includes('variables'), inspected.requests.join(', '));

      await ok('POST', 'close_debug_session', { sessionId });
    });
  }

  it('a failing tool answers 200 with its error in outputs and the trace up to the failure', async () => {
    const answer = await call('GET', 'get_stack_trace', { sessionId: 'no-such-session' });
    assert.equal(answer.status, 200);
    assert.equal(answer.outputs.success, false);
    assert.match(String(answer.outputs.error), /no-such-session|not found|unknown/i);
    assert.equal(answer.trace.status, 'error');
    assert.equal(answer.trace.error, answer.outputs.error);
  });

  it('wrote none of these calls, traces or the token to disk', () => {
    assertNothingPersisted(api, persistedBefore, [token.value]);
  });
});
