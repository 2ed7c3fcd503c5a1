// close_debug_session answers once VS Code has ended the session's debug sessions, not when the
// program ended: VS Code goes on disconnecting and ending them (js-debug's child, then its parent)
// for up to seconds after, and a close that answered before let the agent's next calls share the
// extension host with that teardown and sent the removal of the session's breakpoints to them.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as vscode from 'vscode';
import { ok, suiteAgent } from './debuggerSupport';
import { fixturePath, until } from './support';

/** VS Code's debug sessions started from now on, which of them it has ended, and the setBreakpoints requests each received (epoch ms). */
function vscodeSessions(): { started: Set<string>; stillOpen(): string[]; breakpointRequestsSince(at: number): string[]; dispose(): void } {
  const started = new Set<string>();
  const ended = new Set<string>();
  const breakpointRequests: { session: string; at: number }[] = [];
  const subscriptions = [
    vscode.debug.onDidStartDebugSession((session) => started.add(session.id)),
    vscode.debug.onDidTerminateDebugSession((session) => ended.add(session.id)),
    vscode.debug.registerDebugAdapterTrackerFactory('*', {
      createDebugAdapterTracker: (session) => ({
        onWillReceiveMessage(message: DebugProtocol.ProtocolMessage) {
          if (message.type === 'request' && (message as DebugProtocol.Request).command === 'setBreakpoints') breakpointRequests.push({ session: session.id, at: Date.now() });
        },
      }),
    }),
  ];
  return {
    started,
    stillOpen: () => [...started].filter((id) => !ended.has(id)),
    breakpointRequestsSince: (at) => breakpointRequests.filter((request) => request.at >= at && started.has(request.session)).map((request) => request.session),
    dispose: () => subscriptions.forEach((subscription) => subscription.dispose()),
  };
}

/** VS Code's teardown is bounded only by the machine's load: a close may answer that it goes on, but only after waiting its whole bound for it. */
function assertWaitedItsBound(closed: Record<string, unknown>, closeMs: number): void {
  assert.match(String(closed.message), /had not ended its debug session/);
  assert.ok(closeMs >= 4900, `the close answered after ${closeMs} ms that VS Code had not ended the session, before its 5 s bound`);
}

describe('close_debug_session answers once VS Code has ended the session', function () {
  this.timeout(120_000);
  const agent = suiteAgent('debugger-close');
  const call = agent.call;

  it('JavaScript, after its program ended at a continue: VS Code has ended both of js-debug\'s sessions, and the breakpoint removal went to neither', async () => {
    const program = fixturePath('swap_vars.js');
    const sessions = vscodeSessions();
    try {
      const sessionId = await agent.session('javascript');
      await ok(call, 'set_breakpoint', { sessionId, file: program, line: 3 });
      assert.equal((await ok(call, 'start_debugging', { sessionId, scriptPath: program })).state, 'paused');
      assert.equal((await ok(call, 'continue_execution', { sessionId })).state, 'stopped');
      assert.ok(sessions.started.size >= 2, `js-debug ran the program in a child session of its own (sessions started: ${sessions.started.size})`);
      const closing = Date.now();
      const closed = await ok(call, 'close_debug_session', { sessionId });
      const open = sessions.stillOpen();
      assert.equal(closed.vscodeSessionEnded, open.length === 0, `the answer tells whether VS Code had ended them (still open: ${open.length}): ${JSON.stringify(closed)}`);
      if (closed.vscodeSessionEnded) assert.deepEqual(sessions.breakpointRequestsSince(closing), [], 'no setBreakpoints went to its sessions after the close began');
      else assertWaitedItsBound(closed, Date.now() - closing);
    } finally {
      sessions.dispose();
    }
  });

  it('JavaScript, while its program runs: the program is stopped and VS Code has ended its sessions when close answers', async () => {
    const sessions = vscodeSessions();
    try {
      const sessionId = await agent.session('javascript');
      const started = await ok(call, 'start_debugging', { sessionId, scriptPath: fixturePath('wait_loop.js') });
      assert.ok(['running', 'initializing'].includes(String(started.state)), JSON.stringify(started));
      await until(() => sessions.started.size, (count) => count >= 2, 'js-debug runs the program in a child session of its own');
      const closing = Date.now();
      const closed = await ok(call, 'close_debug_session', { sessionId });
      const open = sessions.stillOpen();
      assert.equal(closed.vscodeSessionEnded, open.length === 0, `the answer tells whether VS Code had ended them (still open: ${open.length}): ${JSON.stringify(closed)}`);
      // VS Code's ends are its terminate events (above); its activeDebugSession pointer was seen still naming an ended session seconds later
      if (!closed.vscodeSessionEnded) assertWaitedItsBound(closed, Date.now() - closing);
    } finally {
      sessions.dispose();
    }
  });
});
