// Every debugger tool on the mock debugger, through both real MCP clients: the MCP SDK client
// over HTTP with the token, and VS Code's own MCP client (the path Copilot's agent mode takes).
import * as assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Span } from '../../src/shared/trace';
import { ok, removeAllBreakpoints, sdkCaller, stopAllDebugSessions, vscodeCaller, type Caller, type ToolResult } from './debuggerSupport';
import { activateExtension, connectSdkClient, fixturePath, startVscodeMcpClient } from './support';

interface Variable { name: string; value: string; variablesReference: number; truncated?: boolean }
interface Frame { id: number; name: string; file: string; line: number }

/** Drives every tool once over tools_suite.mock and endless_loop.mock; answers the session ids it used. */
async function everyToolOnMock(call: Caller): Promise<string[]> {
  const program = fixturePath('tools_suite.mock');

  const languages = await ok(call, 'list_supported_languages');
  assert.ok((languages.installed as string[]).includes('mock'), JSON.stringify(languages.installed));

  const created = await ok(call, 'create_debug_session', { language: 'mock', name: 'every tool' });
  const sessionId = created.sessionId as string;
  assert.equal(created.state, 'created');

  const early = await ok(call, 'set_breakpoint', { sessionId, file: program, line: 9 });
  assert.deepEqual([early.line, early.verified], [9, false]);

  const started = await ok(call, 'start_debugging', { sessionId, scriptPath: program });
  const context = started.context as { lineContent: string; surrounding: Array<{ line: number; content: string }> } | undefined;
  assert.equal(context?.lineContent, 'let x = 1', JSON.stringify(started));
  assert.deepEqual(context?.surrounding.map((line) => line.line), [7, 8, 9, 10, 11]);
  assert.equal(started.state, 'paused');
  assert.equal(started.reason, 'breakpoint');
  assert.equal((started.location as Frame).line, 9);
  assert.equal((started.context as { lineContent: string }).lineContent, 'let x = 1');

  const listed = await ok(call, 'list_breakpoints', { sessionId });
  assert.equal(listed.count, 1);
  assert.equal((listed.breakpoints as Array<{ verified: boolean }>)[0].verified, true, JSON.stringify(listed));

  const moved = await ok(call, 'set_breakpoint', { sessionId, file: 'tools_suite.mock', line: 6 });
  assert.equal(moved.verified, true);
  assert.equal(moved.requestedLine, 6);
  assert.equal(moved.line, 7, 'the adapter placed the breakpoint of a blank line on the next statement');
  const removed = await ok(call, 'remove_breakpoint', { sessionId, breakpointId: moved.breakpointId });
  assert.equal((removed.removed as unknown[]).length, 1);

  const locals = await ok(call, 'get_local_variables', { sessionId });
  const byName = new Map((locals.variables as Variable[]).map((variable) => [variable.name, variable]));
  assert.ok(byName.get('big')?.truncated, 'the long string is cut and marked truncated');
  assert.equal(byName.get('big')?.value.length, 1024);
  const items = byName.get('items');
  assert.ok(items && items.variablesReference > 0);
  const page = await ok(call, 'get_variables', { sessionId, scope: items.variablesReference, start: 10, count: 5 });
  assert.equal(page.count, 5);
  assert.deepEqual((page.variables as Variable[]).map((variable) => variable.value), ['10', '11', '12', '13', '14']);

  const stepped = await ok(call, 'step_over', { sessionId });
  assert.deepEqual([stepped.state, stepped.reason, (stepped.location as Frame).line], ['paused', 'step', 10]);
  const evaluated = await ok(call, 'evaluate_expression', { sessionId, expression: 'x + 1' });
  assert.equal(evaluated.result, '2');

  await ok(call, 'step_over', { sessionId });
  const into = await ok(call, 'step_into', { sessionId });
  assert.equal((into.location as Frame).line, 3);
  const stack = await ok(call, 'get_stack_trace', { sessionId });
  const frames = stack.stackFrames as Frame[];
  assert.ok(frames.length >= 2);
  assert.equal(frames[0].line, 3);
  assert.equal(stack.stopReason, 'step');
  const scopes = await ok(call, 'get_scopes', { sessionId, frameId: frames[0].id });
  const firstScope = (scopes.scopes as Array<{ variablesReference: number }>)[0];
  const args = await ok(call, 'get_variables', { sessionId, scope: firstScope.variablesReference });
  assert.deepEqual((args.variables as Variable[]).filter((variable) => variable.name === 'a' || variable.name === 'b').map((variable) => variable.value), ['1', '2']);
  const withCallers = await ok(call, 'get_local_variables', { sessionId, allFrames: true });
  assert.deepEqual((withCallers.variables as Variable[]).map((variable) => variable.name).sort(), ['a', 'b']);
  const caller = (withCallers.frames as Array<{ frame: Frame; variables: Variable[] }>)[0];
  assert.equal(caller.frame.line, 11);
  assert.deepEqual(caller.variables.filter((variable) => variable.name === 'x' || variable.name === 'y').map((variable) => variable.value), ['1', '2']);
  const out = await ok(call, 'step_out', { sessionId });
  assert.equal(out.state, 'paused');
  assert.ok([11, 12].includes((out.location as Frame).line), JSON.stringify(out.location));

  const threads = await ok(call, 'list_threads', { sessionId });
  assert.ok((threads.threads as unknown[]).length >= 1);
  const source = await ok(call, 'get_source_context', { sessionId, file: program, line: 11, linesContext: 1 });
  assert.equal(source.lineContent, 'let z = add(x, y)');
  assert.equal((source.surrounding as unknown[]).length, 3);
  const exposed = await ok(call, 'expose_session', { sessionId });
  assert.match(String(exposed.message), /VS Code/);
  await ok(call, 'unexpose_session', { sessionId });

  const ended = await ok(call, 'continue_execution', { sessionId });
  assert.equal(ended.state, 'stopped');
  assert.equal(ended.exitCode, 7);
  assert.ok((ended.lastOutput as string[]).includes('z is 3'), JSON.stringify(ended.lastOutput));
  const output = await ok(call, 'get_output', { sessionId });
  const entries = output.entries as Array<{ category: string; output: string }>;
  assert.ok(entries.some((entry) => entry.category === 'stdout' && entry.output === 'z is 3\n'));
  assert.ok(entries.some((entry) => entry.category === 'stderr' && entry.output === 'a warning\n'));
  const sessions = await ok(call, 'list_debug_sessions');
  const mine = (sessions.sessions as ToolResult[]).find((session) => session.id === sessionId);
  assert.deepEqual([mine?.state, mine?.exitCode, mine?.startedBy], ['stopped', 7, 'agent']);

  const restarted = await ok(call, 'restart_debugging', { sessionId });
  assert.deepEqual([restarted.state, (restarted.location as Frame).line], ['paused', 9]);
  const cleared = await ok(call, 'clear_breakpoints', { sessionId });
  assert.equal(cleared.cleared, 1);
  const finished = await ok(call, 'continue_execution', { sessionId });
  assert.equal(finished.state, 'stopped');
  const redefine = await call('redefine_classes', { sessionId, classesDir: '/tmp/classes' });
  assert.equal(redefine.success, false);
  assert.match(String(redefine.error), /Java/);

  const loop = (await ok(call, 'create_debug_session', { language: 'mock', name: 'endless' })).sessionId as string;
  const running = await ok(call, 'start_debugging', { sessionId: loop, scriptPath: fixturePath('endless_loop.mock') });
  assert.equal(running.state, 'running');
  const paused = await ok(call, 'pause_execution', { sessionId: loop });
  assert.deepEqual([paused.state, paused.reason], ['paused', 'pause']);
  const again = await ok(call, 'pause_execution', { sessionId: loop });
  assert.equal(again.message, 'Already paused');
  const bounded = await ok(call, 'continue_execution', { sessionId: loop, timeoutMs: 300 });
  assert.deepEqual([bounded.state, bounded.pending], ['running', true]);
  const detached = await ok(call, 'detach_from_process', { sessionId: loop, terminateProcess: true });
  assert.equal(detached.state, 'stopped');

  await ok(call, 'close_debug_session', { sessionId });
  await ok(call, 'close_debug_session', { sessionId: loop });
  const gone = await call('get_output', { sessionId });
  assert.match(String(gone.error), /Unknown session/);
  return [sessionId, loop];
}

function childrenOf(span: Span | undefined, name: string): Span[] {
  return (span?.children ?? []).filter((child) => child.name === name);
}

describe('debugger tools on the mock debugger', function () {
  this.timeout(120_000);
  let client: Client;

  before(async () => {
    await activateExtension();
    client = await connectSdkClient('debugger-tests');
  });
  after(async () => {
    await client?.close();
    removeAllBreakpoints();
    await stopAllDebugSessions();
  });
  afterEach(() => removeAllBreakpoints());

  it('every tool works through the MCP SDK client over HTTP, and each call is traced with its DAP requests and events', async () => {
    await everyToolOnMock(sdkCaller(client));
    const api = await activateExtension();
    const stepOver = api.traceStore.query({ tool: 'step_over' }).at(-1);
    const root = stepOver?.trace;
    assert.ok(root, 'the step_over call has a trace');
    const requests = childrenOf(root, 'dap.request');
    const commands = requests.map((span) => span.command);
    assert.equal(commands[0], 'next', commands.join(', '));
    assert.ok(commands.length <= 2 && commands.slice(1).every((command) => command === 'stackTrace'), `a step is one next, plus at most one stackTrace when the workbench's was not seen first: ${commands.join(', ')}`);
    for (const span of requests) {
      assert.ok(span.request !== undefined && span.response !== undefined, `${span.command} has request and response`);
      assert.equal(typeof span.duration_ms, 'number');
    }
    assert.deepEqual((requests[0].request as { threadId: number }).threadId > 0, true);
    const events = childrenOf(root, 'dap.event').map((span) => span.attributes?.event);
    assert.ok(events.includes('stopped'), `the stopped event is in the trace: ${events.join(', ')}`);
    const locals = api.traceStore.query({ tool: 'get_local_variables' }).filter((event) => !(event.trace?.inputs as { allFrames?: boolean } | undefined)?.allFrames).at(-1)?.trace;
    assert.deepEqual(childrenOf(locals, 'dap.request').map((span) => span.command), ['scopes', 'variables'], 'locals reuse the stack read at the stop');
  });

  it('every tool works through VS Code\'s own MCP client (vscode.lm.invokeTool)', async () => {
    await startVscodeMcpClient();
    await everyToolOnMock(vscodeCaller);
  });
});
