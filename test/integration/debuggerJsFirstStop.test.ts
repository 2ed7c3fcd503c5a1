// A fresh js-debug session: its first stop is already answered over js-debug's CDP proxy (the
// channel opens while VS Code starts the session, before the target runs), and continue answers
// what the program did next: the next stop, then the end.
import * as assert from 'node:assert/strict';
import { localValue, ok, requestsOfLastCall, suiteAgent, type Caller, type ToolResult } from './debuggerSupport';
import { fixturePath } from './support';

/** The session's state as list_debug_sessions shows it. */
async function stateOf(call: Caller, sessionId: string): Promise<unknown> {
  return ((await ok(call, 'list_debug_sessions')).sessions as ToolResult[]).find((session) => session.id === sessionId)?.state;
}

describe('JavaScript: the first stop of a fresh js-debug session, and continue', function () {
  this.timeout(120_000);
  const { call } = suiteAgent('debugger-js-first-stop');

  it("answers the first stop's locals and evaluation over the CDP channel, with no DAP scopes or variables", async () => {
    const sessionId = (await ok(call, 'create_debug_session', { language: 'javascript', name: 'js first stop' })).sessionId as string;
    try {
      await ok(call, 'set_breakpoint', { sessionId, file: fixturePath('swap_vars.js'), line: 3 });
      const started = await ok(call, 'start_debugging', { sessionId, scriptPath: fixturePath('swap_vars.js'), timeoutMs: 30_000 });
      assert.equal(started.state, 'paused', JSON.stringify(started));
      const locals = await ok(call, 'get_local_variables', { sessionId });
      const requests = await requestsOfLastCall('get_local_variables');
      assert.ok(requests.includes('cdp:Runtime.getProperties'), `the first locals are read from the target: ${requests.join(', ')}`);
      assert.ok(!requests.includes('dap:scopes') && !requests.includes('dap:variables'), `no scopes or variables through the workbench: ${requests.join(', ')}`);
      assert.deepEqual([localValue(locals, 'a'), localValue(locals, 'b')], ['1', '2'], 'the values at the breakpoint');
      const sum = await ok(call, 'evaluate_expression', { sessionId, expression: 'a + b' });
      assert.equal(sum.result, '3');
      assert.deepEqual(await requestsOfLastCall('evaluate_expression'), ['cdp:Debugger.evaluateOnCallFrame'], 'the first evaluation runs over the channel');
    } finally {
      await call('close_debug_session', { sessionId });
    }
  });

  it('continue answers the next stop where the program is, then the end with its output', async () => {
    const program = fixturePath('swap_vars.js');
    const sessionId = (await ok(call, 'create_debug_session', { language: 'javascript', name: 'js continue' })).sessionId as string;
    try {
      await ok(call, 'set_breakpoint', { sessionId, file: program, line: 3 });
      await ok(call, 'set_breakpoint', { sessionId, file: program, line: 12 });
      const started = await ok(call, 'start_debugging', { sessionId, scriptPath: program, timeoutMs: 30_000 });
      assert.deepEqual([started.state, (started.location as { line: number } | undefined)?.line], ['paused', 3], JSON.stringify(started));
      const next = await ok(call, 'continue_execution', { sessionId, timeoutMs: 30_000 });
      assert.equal(next.state, 'paused', JSON.stringify(next));
      assert.equal((next.location as { line: number }).line, 12, JSON.stringify(next));
      assert.equal(await stateOf(call, sessionId), 'paused');
      const locals = await ok(call, 'get_local_variables', { sessionId });
      assert.deepEqual([localValue(locals, 'x'), localValue(locals, 'y')], ['2', '2'], 'the locals of the stop continue reported');
      const ended = await ok(call, 'continue_execution', { sessionId, timeoutMs: 30_000 });
      assert.equal(ended.state, 'stopped', JSON.stringify(ended));
      assert.ok((ended.lastOutput as string[]).some((line) => line.includes('after swap: x=2 y=2')), JSON.stringify(ended));
      assert.equal(await stateOf(call, sessionId), 'stopped');
    } finally {
      await call('close_debug_session', { sessionId });
    }
  });
});
