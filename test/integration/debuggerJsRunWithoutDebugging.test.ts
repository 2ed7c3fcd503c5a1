// A JavaScript run without debugging (VS Code's "Run Without Debugging", startDebugging with
// `noDebug: true`): js-debug leaves the target's debugger off, and the tools must not switch it
// on through a CDP channel of theirs (its `Debugger.enable` would make the program pause at its
// `debugger;` statement). The run is still listed, and its output read while it runs.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as vscode from 'vscode';
import { ok, suiteAgent, type ToolResult } from './debuggerSupport';
import { fixturePath, until } from './support';

const PROGRAM = 'debugger_statement.js';

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
  const { call } = suiteAgent('debugger-js-no-debug');

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
      assert.deepEqual([run.startedBy, run.language, run.mode], ['user', 'javascript', 'launch']);
      const sessionId = String(run.id);
      const output = await until(
        async () => ((await ok(call, 'get_output', { sessionId })).entries as { output: string }[]).map((entry) => entry.output.trim()),
        (lines) => lines.includes('after the debugger statement'),
        'get_output shows the program ran past its debugger statement',
        15_000,
      );
      assert.deepEqual(output.filter((line) => !line.startsWith('/')), ['before the debugger statement', 'after the debugger statement'], 'the program\'s output so far (after the command line js-debug prints)');
      const running = ((await ok(call, 'list_debug_sessions')).sessions as ToolResult[]).find((session) => session.id === sessionId);
      assert.equal(running?.state, 'running', JSON.stringify(running));
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
