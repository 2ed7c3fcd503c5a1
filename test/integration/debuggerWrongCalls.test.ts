// Wrong calls of every tool, through the MCP SDK client: each answers success:false, isError,
// and a message that says what was wrong and what to do; none hangs.
import * as assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ok, removeAllBreakpoints, stopAllDebugSessions, sdkCaller, type Caller } from './debuggerSupport';
import { activateExtension, connectSdkClient, fixturePath } from './support';

/** Minimal valid inputs of every tool that takes a session, so only the session is wrong. */
const SESSION_TOOLS: Record<string, Record<string, unknown>> = {
  close_debug_session: {},
  set_breakpoint: { file: 'tools_suite.mock', line: 9 },
  list_breakpoints: {},
  remove_breakpoint: { breakpointId: 'x' },
  clear_breakpoints: {},
  start_debugging: { scriptPath: 'tools_suite.mock' },
  restart_debugging: {},
  attach_to_process: { port: 9 },
  detach_from_process: {},
  step_over: {},
  step_into: {},
  step_out: {},
  continue_execution: {},
  pause_execution: {},
  list_threads: {},
  get_stack_trace: {},
  get_scopes: { frameId: 1 },
  get_variables: { scope: 1 },
  get_local_variables: {},
  evaluate_expression: { expression: '1' },
  get_source_context: { file: 'tools_suite.mock', line: 1 },
  get_output: {},
  expose_session: {},
  unexpose_session: {},
  redefine_classes: { classesDir: '/tmp' },
};

describe('debugger tools answer wrong calls with what to do', function () {
  this.timeout(60_000);
  let client: Client;
  let call: Caller;

  before(async () => {
    await activateExtension();
    client = await connectSdkClient('debugger-wrong-calls');
    call = sdkCaller(client);
  });
  after(async () => {
    await client?.close();
    removeAllBreakpoints();
    await stopAllDebugSessions();
  });

  it('every session tool names an unknown session and points to list_debug_sessions, with isError', async () => {
    for (const [tool, inputs] of Object.entries(SESSION_TOOLS)) {
      const raw = await client.callTool({ name: tool, arguments: { sessionId: 'no-such-session', ...inputs } });
      assert.equal(raw.isError, true, tool);
      const text = (raw.content as Array<{ type: string; text?: string }>).find((item) => item.type === 'text')?.text ?? '{}';
      const result = JSON.parse(text) as { success: boolean; error: string };
      assert.equal(result.success, false, tool);
      assert.match(result.error, /Unknown session "no-such-session".*list_debug_sessions/, tool);
    }
  });

  it('rejects invalid inputs by field, and unknown languages with the installed ones', async () => {
    const badLine = await call('set_breakpoint', { sessionId: 'x', file: 'a.mock', line: -1 });
    assert.match(String(badLine.error), /Invalid input for set_breakpoint: line/);
    const missing = await call('get_scopes', { sessionId: 'x' });
    assert.match(String(missing.error), /frameId/);
    const language = await call('create_debug_session', { language: 'cobol' });
    assert.match(String(language.error), /Unknown language "cobol".*mock.*list_supported_languages/);
  });

  it('names missing files, lines past the end, and wrong states', async () => {
    const sessionId = (await ok(call, 'create_debug_session', { language: 'mock' })).sessionId as string;
    const noFile = await call('set_breakpoint', { sessionId, file: 'no_such_file.mock', line: 1 });
    assert.match(String(noFile.error), /File not found: .*no_such_file\.mock/);
    const pastEnd = await call('set_breakpoint', { sessionId, file: 'tools_suite.mock', line: 999 });
    assert.match(String(pastEnd.error), /Line 999 is past the end of .*tools_suite\.mock, which has 14 line\(s\)/);
    const noScript = await call('start_debugging', { sessionId, scriptPath: 'no_such_program.mock' });
    assert.match(String(noScript.error), /Script not found: .*no_such_program\.mock/);
    const sourceLine = await call('get_source_context', { sessionId, file: 'tools_suite.mock', line: 500 });
    assert.match(String(sourceLine.error), /outside .*14 line\(s\)/);
    for (const tool of ['step_over', 'continue_execution', 'get_local_variables', 'evaluate_expression', 'pause_execution', 'detach_from_process']) {
      const result = await call(tool, { sessionId, ...SESSION_TOOLS[tool] });
      assert.match(String(result.error), /session .* is created.*start_debugging/, tool);
      assert.equal(result.state, 'created', tool);
    }
    const restart = await call('restart_debugging', { sessionId });
    assert.match(String(restart.error), /never launched.*start_debugging/);
    await ok(call, 'close_debug_session', { sessionId });
  });

  it('names bad frames, bad references and failing expressions of a paused program, and wrong states of a running one', async () => {
    const sessionId = (await ok(call, 'create_debug_session', { language: 'mock' })).sessionId as string;
    const started = await ok(call, 'start_debugging', { sessionId, scriptPath: fixturePath('tools_suite.mock'), dapLaunchArgs: { stopOnEntry: true } });
    assert.deepEqual([started.state, started.reason], ['paused', 'entry']);
    const scopes = await call('get_scopes', { sessionId, frameId: 99_999 });
    assert.match(String(scopes.error), /No scopes for frameId 99999.*get_stack_trace/);
    const variables = await call('get_variables', { sessionId, scope: 99_999 });
    assert.match(String(variables.error), /No variables for variablesReference 99999.*get_scopes/);
    const frame = await call('get_local_variables', { sessionId, frameId: 99_999 });
    assert.match(String(frame.error), /No frame with id 99999/);
    const expression = await call('evaluate_expression', { sessionId, expression: 'no_such_name + 1' });
    assert.equal(expression.success, false);
    assert.match(String(expression.error), /Evaluating "no_such_name \+ 1" failed: .+/);
    const startedAgain = await call('start_debugging', { sessionId, scriptPath: 'tools_suite.mock' });
    assert.match(String(startedAgain.error), /is paused.*created or stopped or error/);
    await ok(call, 'close_debug_session', { sessionId });

    const loop = (await ok(call, 'create_debug_session', { language: 'mock' })).sessionId as string;
    const running = await ok(call, 'start_debugging', { sessionId: loop, scriptPath: fixturePath('endless_loop.mock') });
    assert.equal(running.state, 'running');
    for (const tool of ['step_over', 'get_stack_trace', 'get_local_variables', 'evaluate_expression']) {
      const result = await call(tool, { sessionId: loop, ...SESSION_TOOLS[tool] });
      assert.match(String(result.error), /is running.*pause_execution/, tool);
    }
    await ok(call, 'close_debug_session', { sessionId: loop });
  });
});
