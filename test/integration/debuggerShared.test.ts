// Sessions shared between the agent and the user: a session the user starts is listed and
// drivable by the tools; the user can step an agent's session; when the user stops a session,
// a tool waiting on it answers at once; a wait that reaches its bound answers "running".
import * as assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as vscode from 'vscode';
import { ok, removeAllBreakpoints, sdkCaller, stopAllDebugSessions, type Caller, type ToolResult } from './debuggerSupport';
import { activateExtension, connectSdkClient, fixturePath } from './support';

/** Sees the `stopped` events of every debug session started after it is registered. */
class StopWatcher implements vscode.Disposable {
  private waiters: Array<(event: DebugProtocol.StoppedEvent) => void> = [];
  private readonly registration = vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker: () => ({
      onDidSendMessage: (message: DebugProtocol.ProtocolMessage) => {
        if (message.type !== 'event' || (message as DebugProtocol.Event).event !== 'stopped') return;
        const waiters = this.waiters;
        this.waiters = [];
        for (const resolve of waiters) resolve(message as DebugProtocol.StoppedEvent);
      },
    }),
  });

  next(timeoutMs = 10_000): Promise<DebugProtocol.StoppedEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no stopped event within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((event) => {
        clearTimeout(timer);
        resolve(event);
      });
    });
  }

  dispose(): void {
    this.registration.dispose();
  }
}

function sessionEnded(session: vscode.DebugSession, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${session.name} did not end within ${timeoutMs} ms`)), timeoutMs);
    const subscription = vscode.debug.onDidTerminateDebugSession((ended) => {
      if (ended.id !== session.id) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

describe('debugger tools on sessions shared with the user', function () {
  this.timeout(60_000);
  let client: Client;
  let call: Caller;
  let stops: StopWatcher;
  const startedSessions = new Map<string, vscode.DebugSession>();
  let sessionStarts: vscode.Disposable | undefined;

  before(async () => {
    stops = new StopWatcher();
    sessionStarts = vscode.debug.onDidStartDebugSession((session) => startedSessions.set(session.id, session));
    await activateExtension();
    client = await connectSdkClient('debugger-shared');
    call = sdkCaller(client);
  });
  after(async () => {
    stops?.dispose();
    sessionStarts?.dispose();
    await client?.close();
  });
  afterEach(async () => {
    removeAllBreakpoints();
    await stopAllDebugSessions();
  });

  it('lists a session the user started from VS Code (startedBy "user") and drives it', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const started = await vscode.debug.startDebugging(folder, {
      type: 'mcp-live-debugger-mock', request: 'launch', name: 'user mock session', program: fixturePath('tools_suite.mock'), stopOnEntry: true,
    });
    assert.ok(started);
    const sessions = await ok(call, 'list_debug_sessions');
    const mine = (sessions.sessions as ToolResult[]).find((session) => session.name === 'user mock session');
    assert.ok(mine, JSON.stringify(sessions));
    assert.deepEqual([mine.startedBy, mine.language, mine.mode], ['user', 'mock', 'launch']);
    const sessionId = String(mine.id);
    const paused = await ok(call, 'pause_execution', { sessionId });
    assert.equal(paused.state, 'paused');
    const stepped = await ok(call, 'step_over', { sessionId });
    assert.equal(stepped.state, 'paused');
    // stopped on entry at line 7 (`let big = ...`), one step runs it
    assert.equal((stepped.location as { line: number }).line, 8);
    const locals = await ok(call, 'get_local_variables', { sessionId });
    const byName = new Map((locals.variables as Array<{ name: string; value: string; truncated?: boolean }>).map((variable) => [variable.name, variable]));
    assert.match(byName.get('big')?.value ?? '', /^"?\[0, 1, 2, 3/, 'big holds str(range(2000))');
    assert.equal(byName.get('big')?.truncated, true);
    assert.equal(byName.has('items'), false, `line 8 has not run yet: ${[...byName.keys()].join(', ')}`);
    const evaluated = await ok(call, 'evaluate_expression', { sessionId, expression: '6 * 7' });
    assert.equal(evaluated.result, '42');
    const userSession = vscode.debug.activeDebugSession;
    assert.ok(userSession);
    const ended = sessionEnded(userSession);
    await vscode.debug.stopDebugging(userSession);
    await ended;
    const after = await ok(call, 'list_debug_sessions');
    assert.ok(!(after.sessions as ToolResult[]).some((session) => session.id === sessionId), 'a user session is dropped when it ends');
  });

  it('lets the user step a session the agent started, and the agent sees where it went', async () => {
    const sessionId = (await ok(call, 'create_debug_session', { language: 'mock', name: 'agent session' })).sessionId as string;
    await ok(call, 'set_breakpoint', { sessionId, file: fixturePath('tools_suite.mock'), line: 9 });
    const started = await ok(call, 'start_debugging', { sessionId, scriptPath: fixturePath('tools_suite.mock') });
    assert.equal((started.location as { line: number }).line, 9);
    const listed = await ok(call, 'list_debug_sessions');
    const vscodeSessionId = (listed.sessions as ToolResult[]).find((candidate) => candidate.id === sessionId)?.vscodeSessionId;
    assert.equal(vscode.debug.activeDebugSession?.id, vscodeSessionId, 'the agent\'s session is VS Code\'s active debug session');
    const stop = stops.next();
    await vscode.commands.executeCommand('workbench.action.debug.stepOver');
    assert.equal((await stop).body.reason, 'step');
    const stack = await ok(call, 'get_stack_trace', { sessionId });
    assert.equal((stack.stackFrames as Array<{ line: number }>)[0].line, 10);
    await ok(call, 'close_debug_session', { sessionId });
  });

  it('answers a waiting step at once with state "stopped" when the user stops the session', async () => {
    const sessionId = (await ok(call, 'create_debug_session', { language: 'mock', name: 'stopped by user' })).sessionId as string;
    await ok(call, 'set_breakpoint', { sessionId, file: fixturePath('slow_step.mock'), line: 8 });
    const started = await ok(call, 'start_debugging', { sessionId, scriptPath: fixturePath('slow_step.mock') });
    assert.equal(started.state, 'paused');
    const listed = await ok(call, 'list_debug_sessions');
    const vscodeSessionId = (listed.sessions as ToolResult[]).find((candidate) => candidate.id === sessionId)?.vscodeSessionId;
    const session = startedSessions.get(String(vscodeSessionId));
    assert.ok(session, `VS Code started session ${String(vscodeSessionId)}`);
    const stepStarted = Date.now();
    const step = call('step_over', { sessionId, timeoutMs: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await vscode.debug.stopDebugging(session);
    const result = await step;
    const waited = Date.now() - stepStarted;
    assert.equal(result.success, true, JSON.stringify(result));
    assert.equal(result.state, 'stopped');
    assert.ok(waited < 2800, `the step answered ${waited} ms after it began, before the program's 3 s sleep ended`);
    const afterStop = await ok(call, 'list_debug_sessions');
    assert.equal((afterStop.sessions as ToolResult[]).find((candidate) => candidate.id === sessionId)?.state, 'stopped');
    await ok(call, 'close_debug_session', { sessionId });
  });

  it('answers "running" with pending when a step outlasts its bound, and is paused once the step lands', async () => {
    const sessionId = (await ok(call, 'create_debug_session', { language: 'mock', name: 'slow step' })).sessionId as string;
    await ok(call, 'set_breakpoint', { sessionId, file: fixturePath('slow_step.mock'), line: 8 });
    await ok(call, 'start_debugging', { sessionId, scriptPath: fixturePath('slow_step.mock') });
    const landed = stops.next();
    const step = await ok(call, 'step_over', { sessionId, timeoutMs: 500 });
    assert.deepEqual([step.state, step.pending], ['running', true]);
    assert.match(String(step.message), /still running/);
    await landed;
    const listed = await ok(call, 'list_debug_sessions');
    const session = (listed.sessions as ToolResult[]).find((candidate) => candidate.id === sessionId);
    assert.equal(session?.state, 'paused');
    const stack = await ok(call, 'get_stack_trace', { sessionId });
    assert.equal((stack.stackFrames as Array<{ line: number }>)[0].line, 9);
    await ok(call, 'close_debug_session', { sessionId });
  });
});
