// A program run without debugging (noDebug) as the tools answer it: listed as such, the calls that
// need a debugger refused with that fact and the way to debug it, a breakpoint kept but unbound, a
// start that says it will not pause. Against the fake bridge: the real adapters are the integration
// tests' (debuggerJsRunWithoutDebugging.test.ts).
import * as assert from 'node:assert/strict';
import { DebugError } from '../../src/debug/debugErrors';
import { DebugRecordOf } from '../../src/debug/debugRecord';
import { wordDebugError } from '../../src/mcp/debugErrorWording';
import { fakeBridgeTools } from './toolCall';

describe('a run without debugging: what the tools answer', () => {
  const tools = fakeBridgeTools();
  const { call } = tools;

  async function runWithoutDebugging(state: 'initializing' | 'running' | 'stopped' = 'running', startedBy: 'agent' | 'user' = 'user'): Promise<string> {
    const sessionId = await tools.createdSession();
    tools.bridge.setState(sessionId, state);
    const session = tools.bridge.sessions.get(sessionId);
    assert.ok(session);
    session.noDebug = true;
    session.startedBy = startedBy;
    return sessionId;
  }

  it('the record says noDebug in its info until a new launch', () => {
    const record = new DebugRecordOf({ id: 'r1', name: 'demo', language: 'javascript', startedBy: 'user' });
    assert.equal(record.info().noDebug, undefined);
    record.noDebug = true;
    assert.equal(record.info().noDebug, true);
    record.beginLaunch('launch');
    assert.equal(record.info().noDebug, undefined, 'the next launch says again what it is');
  });

  it('list_debug_sessions marks it noDebug, and no other session', async () => {
    const debugged = await tools.createdSession();
    const sessionId = await runWithoutDebugging();
    const sessions = (await call('list_debug_sessions')).sessions as Array<Record<string, unknown>>;
    assert.deepEqual(sessions.map((session) => [session.id, session.noDebug]), [[debugged, undefined], [sessionId, true]]);
  });

  it('a call that needs a paused program answers that no debugger is attached and how to debug it, not to wait or pause', async () => {
    const sessionId = await runWithoutDebugging();
    for (const tool of ['step_over', 'continue_execution', 'get_stack_trace', 'get_local_variables']) {
      const answer = await call(tool, { sessionId });
      assert.deepEqual([answer.success, answer.code], [false, 'unsupported'], tool);
      assert.equal(answer.error, `Cannot call ${tool}: session ${sessionId} runs its program without debugging (noDebug: the user started it so), so no debugger is attached that could pause, step, show its stack or evaluate in it. get_output still reads its output. To debug it, ask the user to start it with Start Debugging (F5) instead, or close it with close_debug_session (which stops the program) and start the script with create_debug_session and start_debugging.`);
    }
    assert.ok(!tools.bridge.calls.some((entry) => entry.startsWith('step') || entry.startsWith('continue')), 'nothing was sent');
  });

  it('a run that ended is answered as ended, not as one without debugging', async () => {
    const sessionId = await runWithoutDebugging('stopped');
    const answer = await call('step_over', { sessionId });
    assert.equal(answer.code, 'wrong_state');
    assert.match(String(answer.error), /is stopped, and this needs paused\. The program has ended/);
  });

  it('words the adapter\'s refusal with the request it refused, and the agent\'s own noDebug with the way back to debugging', () => {
    const refused = new DebugError({ kind: 'runs_without_debugging', sessionId: 's1', startedBy: 'agent', command: 'pause', adapterMessage: 'Unable to pause' });
    assert.equal(refused.code, 'unsupported');
    assert.equal(
      wordDebugError(refused.fact, 'pause_execution'),
      'Cannot call pause_execution: session s1 runs its program without debugging (noDebug: its launch configuration says so), so no debugger is attached that could pause, step, show its stack or evaluate in it (its debug adapter refused pause: Unable to pause). get_output still reads its output. To debug it, stop it with detach_from_process (terminateProcess: true), which keeps the session and its breakpoints, and call start_debugging again without noDebug.',
    );
  });

  it('set_breakpoint keeps the breakpoint and says it binds only when the program is started with debugging', async () => {
    const sessionId = await runWithoutDebugging();
    tools.bridge.setBreakpoint = async (_id, spec) => ({ id: 'bp1', file: spec.file, line: spec.line, requestedLine: spec.line, verified: false, enabled: true });
    const set = await call('set_breakpoint', { sessionId, file: '/w/a.py', line: 2 });
    assert.deepEqual([set.success, set.breakpointId, set.verified], [true, 'bp1', false]);
    assert.equal(set.message, `Breakpoint set at /w/a.py:2, not bound: session ${sessionId} runs its program without debugging (noDebug), so no debugger binds it in this run. It stays set and binds when the user starts the program with Start Debugging (F5); close_debug_session on this session removes it.`);
    const agentRun = await runWithoutDebugging('running', 'agent');
    const agents = await call('set_breakpoint', { sessionId: agentRun, file: '/w/a.py', line: 2 });
    assert.match(String(agents.message), /binds when start_debugging starts this session's program again without noDebug;/);
  });

  it('a start without debugging says it runs and will not pause, not that debugging started', async () => {
    const sessionId = await tools.createdSession();
    tools.bridge.launchOutcome = { state: 'running', pending: true, noDebug: true };
    const started = await call('start_debugging', { sessionId, scriptPath: '/w/a.py', adapterLaunchConfig: { noDebug: true } });
    assert.deepEqual([started.success, started.state, started.noDebug, started.pending], [true, 'running', true, true]);
    assert.equal(started.message, 'Started /w/a.py without debugging. Current state: running; the program runs without debugging (noDebug), so it pauses at no breakpoint and cannot be paused. Read its output with get_output.');
  });
});
