// A JavaScript run without debugging (VS Code's "Run Without Debugging", startDebugging with
// `noDebug: true`): js-debug leaves the target's debugger off, and the tools must not switch it
// on through a CDP channel of theirs (its `Debugger.enable` would make the program pause at its
// `debugger;` statement). The run is still listed, as one without debugging, and its output read
// while it runs; the tools that need a debugger say the program runs without one, and a breakpoint
// set in it is kept, unbound.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as vscode from 'vscode';
import { ok, suiteAgent, type ToolResult } from './debuggerSupport';
import { fixturePath, until } from './support';

const PROGRAM = 'debugger_statement.js';
/** Runs until stopped. */
const ENDLESS_PROGRAM = 'wait_loop.js';
const ENDLESS_LOOP_LINE = 4;

interface SessionsSeen {
  /** Each js-debug session started from now on: whether its own configuration says noDebug, and whether it is the target's (a child). */
  sessions: { noDebug: boolean; child: boolean }[];
  /** The sessions that asked js-debug's adapter for its CDP proxy (how a channel of ours opens). */
  askedForProxy: string[];
  dispose(): void;
}

function sessionsSeen(): SessionsSeen {
  const seen: SessionsSeen = { sessions: [], askedForProxy: [], dispose: () => registration.dispose() };
  const registration = vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker: (session) => {
      seen.sessions.push({ noDebug: session.configuration.noDebug === true, child: session.parentSession !== undefined });
      return {
        onWillReceiveMessage(message: DebugProtocol.ProtocolMessage) {
          if (message.type === 'request' && (message as DebugProtocol.Request).command === 'requestCDPProxy') seen.askedForProxy.push(session.name);
        },
      };
    },
  });
  return seen;
}

/** When VS Code's session of the run (the parent js-debug started the target from) ends. */
function runEnded(name: string): Promise<void> {
  return new Promise((resolve) => {
    const subscription = vscode.debug.onDidTerminateDebugSession((session) => {
      if (session.name !== name || session.parentSession) return;
      subscription.dispose();
      resolve();
    });
  });
}

describe('JavaScript run without debugging', function () {
  this.timeout(120_000);
  const agent = suiteAgent('debugger-js-no-debug');
  const { call } = agent;
  const session = (): Promise<string> => agent.session('javascript');

  /**
   * Runs the program without debugging as `name`: no CDP proxy asked for, the `debugger;`
   * statement passed without a pause, the run listed as running with its output, until it ends.
   */
  async function runWithoutDebugging(name: string): Promise<SessionsSeen['sessions']> {
    const seen = sessionsSeen();
    try {
      const ended = runEnded(name);
      const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
        type: 'pwa-node', request: 'launch', name, program: fixturePath(PROGRAM), console: 'internalConsole',
      }, { noDebug: true });
      assert.ok(started);
      const run = await until(
        async () => ((await ok(call, 'list_debug_sessions')).sessions as ToolResult[]).find((session) => session.name === name),
        (session) => session !== undefined,
        'list_debug_sessions lists the run',
      ) as ToolResult;
      assert.deepEqual([run.startedBy, run.language, run.mode, run.noDebug], ['user', 'javascript', 'launch', true], JSON.stringify(run));
      const sessionId = String(run.id);
      const pause = await call('pause_execution', { sessionId });
      assert.deepEqual([pause.success, pause.code], [false, 'unsupported'], JSON.stringify(pause));
      assert.match(String(pause.error), new RegExp(`^Cannot call pause_execution: session ${sessionId} runs its program without debugging \\(noDebug: the user started it so\\)`));
      const output = await until(
        async () => ((await ok(call, 'get_output', { sessionId })).entries as { output: string }[]).map((entry) => entry.output.trim()),
        (lines) => lines.includes('after the debugger statement'),
        'get_output shows the program ran past its debugger statement',
        15_000,
      );
      assert.deepEqual(output.filter((line) => !line.startsWith('/')), ['before the debugger statement', 'after the debugger statement'], 'the program\'s output so far (after the command line js-debug prints)');
      const running = ((await ok(call, 'list_debug_sessions')).sessions as ToolResult[]).find((session) => session.id === sessionId);
      assert.deepEqual([running?.state, running?.noDebug], ['running', true], JSON.stringify(running));
      assert.equal(running?.lastStop, undefined, 'it never stopped');
      await ended;
      assert.deepEqual(seen.askedForProxy, [], 'no session of the run asked js-debug for a CDP proxy');
      const afterwards = (await ok(call, 'list_debug_sessions')).sessions as ToolResult[];
      assert.ok(!afterwards.some((session) => session.id === sessionId), `a run the user started is dropped when it ends: ${JSON.stringify(afterwards)}`);
      return seen.sessions;
    } finally {
      seen.dispose();
    }
  }

  it('gets no CDP channel: the program runs past its debugger statement to its end, listed as running with its output', async () => {
    const sessions = await runWithoutDebugging('js run without debugging');
    assert.deepEqual(sessions, [{ noDebug: true, child: false }, { noDebug: true, child: true }], 'js-debug passes noDebug on to the target\'s session');
  });

  it('answers what a run without debugging can do: listed noDebug, the tools that need a debugger refused as such, a breakpoint kept unbound', async () => {
    const name = 'js run without debugging, asked to debug';
    const program = fixturePath(ENDLESS_PROGRAM);
    assert.ok(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
      type: 'pwa-node', request: 'launch', name, program, console: 'internalConsole',
    }, { noDebug: true }));
    const run = await until(
      async () => ((await ok(call, 'list_debug_sessions')).sessions as ToolResult[]).find((session) => session.name === name && session.state === 'running'),
      (session) => session !== undefined,
      'list_debug_sessions lists the run as running',
    ) as ToolResult;
    assert.equal(run.noDebug, true, JSON.stringify(run));
    const sessionId = String(run.id);
    const noDebugger = new RegExp(`runs its program without debugging \\(noDebug: the user started it so\\), so no debugger is attached .*get_output still reads its output\\. To debug it, ask the user to start it with Start Debugging \\(F5\\)`);

    const breakpoint = await ok(call, 'set_breakpoint', { sessionId, file: program, line: ENDLESS_LOOP_LINE });
    assert.equal(breakpoint.verified, false);
    assert.equal(breakpoint.message, `Breakpoint set at ${program}:${ENDLESS_LOOP_LINE}, not bound: session ${sessionId} runs its program without debugging (noDebug), so no debugger binds it in this run. It stays set and binds when the user starts the program with Start Debugging (F5); close_debug_session on this session removes it.`);
    const listed = (await ok(call, 'list_breakpoints', { sessionId })).breakpoints as ToolResult[];
    assert.deepEqual(listed.map((entry) => [entry.id, entry.line, entry.verified]), [[breakpoint.breakpointId, ENDLESS_LOOP_LINE, false]], 'it is kept');

    // pause reaches js-debug, which refuses it; the others need a pause first and are answered before any request
    const pause = await call('pause_execution', { sessionId });
    assert.deepEqual([pause.success, pause.code, pause.state], [false, 'unsupported', 'running'], JSON.stringify(pause));
    assert.match(String(pause.error), new RegExp(`^Cannot call pause_execution: session ${sessionId} ${noDebugger.source}`));
    assert.match(String(pause.error), /\(its debug adapter refused pause: Unable to pause\)/);
    const calls: Array<[string, Record<string, unknown>]> = [
      ['step_over', {}], ['continue_execution', {}], ['get_stack_trace', {}], ['evaluate_expression', { expression: 'ticks' }], ['get_local_variables', {}],
    ];
    for (const [tool, args] of calls) {
      const answer = await call(tool, { sessionId, ...args });
      assert.deepEqual([answer.success, answer.code], [false, 'unsupported'], `${tool}: ${JSON.stringify(answer)}`);
      assert.match(String(answer.error), new RegExp(`^Cannot call ${tool}: session ${sessionId} ${noDebugger.source}`), tool);
    }
    const still = ((await ok(call, 'list_debug_sessions')).sessions as ToolResult[]).find((session) => session.id === sessionId);
    assert.deepEqual([still?.state, still?.noDebug, still?.lastStop], ['running', true, undefined], 'the refusals changed nothing');

    const ended = runEnded(name);
    await ok(call, 'close_debug_session', { sessionId });
    await ended;
  });

  it('an agent\'s start with noDebug answers once the program runs, says it will not pause, and the advised way to debug it binds the breakpoint', async () => {
    const agentSession = await session();
    const program = fixturePath(ENDLESS_PROGRAM);
    await ok(call, 'set_breakpoint', { sessionId: agentSession, file: program, line: ENDLESS_LOOP_LINE });
    const started = await ok(call, 'start_debugging', { sessionId: agentSession, scriptPath: program, adapterLaunchConfig: { noDebug: true }, timeoutMs: 20_000 });
    assert.deepEqual([started.state, started.noDebug, started.pending], ['running', true, true], JSON.stringify(started));
    assert.equal(started.message, `Started ${program} without debugging. Current state: running; the program runs without debugging (noDebug), so it pauses at no breakpoint and cannot be paused. Read its output with get_output.`);
    const stack = await call('get_stack_trace', { sessionId: agentSession });
    assert.equal(stack.code, 'unsupported', JSON.stringify(stack));
    assert.match(String(stack.error), /\(noDebug: its launch configuration says so\).*To debug it, stop it with detach_from_process \(terminateProcess: true\), which keeps the session and its breakpoints, and call start_debugging again without noDebug\.$/);
    await ok(call, 'detach_from_process', { sessionId: agentSession, terminateProcess: true });
    const debugged = await ok(call, 'start_debugging', { sessionId: agentSession, scriptPath: program, timeoutMs: 20_000 });
    assert.deepEqual([debugged.state, debugged.reason, debugged.noDebug], ['paused', 'breakpoint', undefined], JSON.stringify(debugged));
    assert.equal((debugged.location as { line: number }).line, ENDLESS_LOOP_LINE);
    const listed = ((await ok(call, 'list_debug_sessions')).sessions as ToolResult[]).find((entry) => entry.id === agentSession);
    assert.equal(listed?.noDebug, undefined, 'a run with debugging is not marked');
  });

  it('gets no CDP channel when only the session js-debug started it from says noDebug', async () => {
    // another extension's resolver (or an older js-debug) may leave noDebug off the target's child session
    const resolver = vscode.debug.registerDebugConfigurationProvider('pwa-node', {
      resolveDebugConfiguration(_folder, configuration) {
        if (typeof configuration.__pendingTargetId === 'string') delete configuration.noDebug;
        return configuration;
      },
    });
    try {
      const sessions = await runWithoutDebugging('js run without debugging, parent only');
      assert.deepEqual(sessions, [{ noDebug: true, child: false }, { noDebug: false, child: true }], 'only the parent says noDebug');
    } finally {
      resolver.dispose();
    }
  });
});
