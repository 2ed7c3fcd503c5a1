import * as assert from 'node:assert/strict';
import { createMcpServer } from '../../src/mcp/mcpServerFactory';
import type { ToolDefinition } from '../../src/mcp/toolDefinition';
import { createTools } from '../../src/mcp/tools';
import { isInternalVariable, pickLocalScope } from '../../src/mcp/tools/internalVariables';
import { FakeDebugBridge } from './toolsFakeBridge';
import { connectInMemory } from './inMemoryClient';
import { callNamedTool } from './toolCall';

/** The 28 tools of the @debugmcp/mcp-debugger 0.24 reference, by name. */
const REFERENCE_TOOLS = [
  'create_debug_session', 'list_supported_languages', 'list_debug_sessions', 'set_breakpoint', 'list_breakpoints', 'remove_breakpoint',
  'clear_breakpoints', 'start_debugging', 'restart_debugging', 'attach_to_process', 'detach_from_process', 'expose_session', 'unexpose_session',
  'close_debug_session', 'step_over', 'step_into', 'step_out', 'continue_execution', 'pause_execution', 'list_threads', 'get_variables',
  'get_local_variables', 'get_stack_trace', 'get_scopes', 'evaluate_expression', 'get_source_context', 'get_output', 'redefine_classes',
];

/** Tools beyond the reference's, for debugging projects (issue 10). */
const PROJECT_TOOLS = ['list_launch_configurations', 'set_exception_breakpoints', 'run_to_line', 'debug_test'];

describe('debugger tools against a fake bridge', () => {
  let bridge: FakeDebugBridge;
  let tools: ToolDefinition[];
  const call = (name: string, input: Record<string, unknown> = {}): Promise<Record<string, unknown>> => callNamedTool(tools, name, input);
  const pausedSession = async (): Promise<string> => {
    const created = await call('create_debug_session', { language: 'python' });
    const id = created.sessionId as string;
    bridge.setState(id, 'paused', 'breakpoint');
    return id;
  };

  beforeEach(() => {
    bridge = new FakeDebugBridge();
    bridge.sources.set('/w/a.py', ['def f():', '    x = 1', '    return x', '', 'f()']);
    tools = createTools(bridge);
  });

  it('serves exactly the reference tool names and the project tools, each with a description, an input and an output schema', () => {
    assert.deepEqual(tools.map((tool) => tool.name).sort(), [...REFERENCE_TOOLS, ...PROJECT_TOOLS].sort());
    for (const tool of tools) {
      assert.ok(tool.description.length > 20, `${tool.name} has a description`);
      assert.ok(tool.outputSchema, `${tool.name} has an output schema`);
    }
  });

  it('lists tools and answers calls over the MCP SDK (in-memory transport), failures with isError', async () => {
    const server = createMcpServer({ identity: { name: 't', version: '1' }, tools: () => tools, source: 'debugger' });
    const client = await connectInMemory(server);
    try {
      const listed = await client.listTools();
      assert.equal(listed.tools.length, REFERENCE_TOOLS.length + PROJECT_TOOLS.length);
      const created = await client.callTool({ name: 'create_debug_session', arguments: { language: 'python', name: 'demo' } });
      assert.equal(created.isError, undefined);
      assert.equal((created.structuredContent as { state: string }).state, 'created');
      const wrong = await client.callTool({ name: 'step_over', arguments: { sessionId: 'nope' } });
      assert.equal(wrong.isError, true);
      assert.equal(wrong.structuredContent, undefined);
      const failure = JSON.parse((wrong.content as Array<{ text: string }>)[0].text) as { error: string };
      assert.match(failure.error, /Unknown session "nope".*list_debug_sessions/);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('rejects invalid input with a message naming the field', async () => {
    const id = await pausedSession();
    const result = await call('set_breakpoint', { sessionId: id, file: 'a.py', line: 0 });
    assert.equal(result.success, false);
    assert.match(String(result.error), /line:.*Check the tool's input schema/);
    const extra = await call('list_debug_sessions', { bogus: 1 });
    assert.equal(extra.success, false);
    assert.match(String(extra.error), /bogus/);
    const noTarget = await call('remove_breakpoint', { sessionId: id });
    assert.match(String(noTarget.error), /breakpointId, or file and line/);
    const noAttachTarget = await call('attach_to_process', { sessionId: id });
    assert.match(String(noAttachTarget.error), /port.*processId/);
  });

  it('answers wrong states with what to do, without calling the bridge', async () => {
    const created = await call('create_debug_session', { language: 'python' });
    const id = created.sessionId as string;
    for (const [tool, input] of [
      ['step_over', {}], ['step_into', {}], ['step_out', {}], ['continue_execution', {}], ['get_stack_trace', {}],
      ['get_scopes', { frameId: 1 }], ['get_variables', { scope: 1 }], ['get_local_variables', {}], ['evaluate_expression', { expression: '1' }],
      ['pause_execution', {}], ['list_threads', {}], ['detach_from_process', {}],
    ] as const) {
      const result = await call(tool, { sessionId: id, ...input });
      assert.equal(result.success, false, tool);
      assert.equal(result.code, 'wrong_state', tool);
      assert.equal(result.state, 'created', tool);
      assert.match(String(result.error), /is created.*start_debugging/, tool);
    }
    assert.deepEqual(bridge.calls, []);
  });

  it('creates sessions, rejects unknown languages, lists languages and sessions in the reference shapes', async () => {
    const unknown = await call('create_debug_session', { language: 'cobol' });
    assert.equal(unknown.success, false);
    assert.equal(unknown.code, 'unknown_language');
    const created = await call('create_debug_session', { language: 'python', name: 'swap' });
    assert.equal(created.success, true);
    const listed = await call('list_debug_sessions');
    assert.equal(listed.count, 1);
    const [session] = listed.sessions as Array<Record<string, unknown>>;
    assert.deepEqual(Object.keys(session).sort(), ['createdAt', 'id', 'language', 'name', 'startedBy', 'state', 'updatedAt']);
    const languages = await call('list_supported_languages');
    assert.deepEqual(languages.installed, ['python']);
    assert.deepEqual((languages.available as Array<Record<string, unknown>>)[1], { language: 'go', displayName: 'Go', debugType: 'go', installed: false, requiredExtension: 'golang.go' });
    const closed = await call('close_debug_session', { sessionId: created.sessionId });
    assert.equal(closed.success, true);
    assert.equal((await call('close_debug_session', { sessionId: created.sessionId })).code, 'unknown_session');
  });

  it('answers a step with state, reason, location and source context; uses the default 10 s bound', async () => {
    const id = await pausedSession();
    const result = await call('step_over', { sessionId: id });
    assert.equal(result.success, true);
    assert.equal(result.state, 'paused');
    assert.equal(result.reason, 'step');
    assert.deepEqual(result.location, { file: '/w/a.py', line: 2, column: 1, function: 'f' });
    assert.deepEqual(result.context, { lineContent: '    x = 1', surrounding: [{ line: 1, content: 'def f():' }, { line: 2, content: '    x = 1' }, { line: 3, content: '    return x' }, { line: 4, content: '' }] });
    assert.deepEqual(bridge.calls, ['step over wait=10000']);
  });

  it('says "running" with pending when the bound elapsed, and "stopped" with the exit code when the program ended', async () => {
    let id = await pausedSession();
    bridge.stepOutcome = { state: 'running', pending: true };
    const running = await call('step_into', { sessionId: id, timeoutMs: 50 });
    assert.equal(running.state, 'running');
    assert.equal(running.pending, true);
    assert.match(String(running.message), /still running.*pause_execution/);
    assert.equal(bridge.calls.at(-1), 'step into wait=50');
    id = await pausedSession();
    bridge.stepOutcome = { state: 'stopped', exitCode: 3, lastOutput: ['bye'] };
    const ended = await call('continue_execution', { sessionId: id });
    assert.equal(ended.state, 'stopped');
    assert.equal(ended.exitCode, 3);
    assert.deepEqual(ended.lastOutput, ['bye']);
    assert.match(String(ended.message), /exit code 3/);
  });

  it('answers pause on a paused session at once without asking the adapter', async () => {
    const id = await pausedSession();
    const result = await call('pause_execution', { sessionId: id });
    assert.equal(result.success, true);
    assert.equal(result.message, 'Already paused');
    assert.equal(result.reason, 'breakpoint');
    assert.deepEqual(bridge.calls, []);
  });

  it('caps variable values and counts, marking truncated', async () => {
    const id = await pausedSession();
    bridge.variableMap.set(100, Array.from({ length: 400 }, (_, index) => ({ name: `v${index}`, value: index === 0 ? 'x'.repeat(5000) : String(index), variablesReference: 0 })));
    const result = await call('get_variables', { sessionId: id, scope: 100 });
    const variables = result.variables as Array<Record<string, unknown>>;
    assert.equal(result.truncated, true);
    assert.equal(variables.length, 300);
    assert.equal((variables[0].value as string).length, 1024);
    assert.equal(variables[0].truncated, true);
    assert.equal(variables[1].truncated, undefined);
    assert.deepEqual({ ...(result.truncation as object), notice: undefined }, { omittedCount: 100, valueTruncatedCount: 1, notice: undefined });
    const paged = await call('get_variables', { sessionId: id, scope: 100, start: 10, count: 5, maxValueChars: 16 });
    assert.equal(paged.success, true);
    assert.equal(bridge.calls.at(-1), 'variables 100 {"start":10,"count":5}');
    const bad = await call('get_variables', { sessionId: id, scope: 999 });
    assert.equal(bad.code, 'bad_reference');
  });

  it('reads locals of the top frame in one call, hiding Python internals unless includeSpecial', async () => {
    const id = await pausedSession();
    bridge.variableMap.set(100, [
      { name: 'special variables', value: '', variablesReference: 5 },
      { name: '__builtins__', value: '{...}', variablesReference: 6 },
      { name: 'a', value: '2', type: 'int', variablesReference: 0 },
      { name: 'b', value: '2', type: 'int', variablesReference: 0 },
    ]);
    const locals = await call('get_local_variables', { sessionId: id });
    assert.deepEqual((locals.variables as Array<{ name: string }>).map((variable) => variable.name), ['a', 'b']);
    assert.deepEqual((locals.variables as unknown[])[0], { name: 'a', value: '2', type: 'int', variablesReference: 0, expandable: false });
    assert.equal(locals.scopeName, 'Locals');
    assert.deepEqual(locals.frame, { id: 11, name: 'f', file: '/w/a.py', line: 2 });
    const all = await call('get_local_variables', { sessionId: id, includeSpecial: true });
    assert.equal(all.count, 4);
    const withCallers = await call('get_local_variables', { sessionId: id, allFrames: true });
    assert.deepEqual((withCallers.frames as Array<{ frame: { id: number }; variables: Array<{ name: string }> }>).map((entry) => [entry.frame.id, entry.variables.map((variable) => variable.name)]), [[12, ['a', 'b']]]);
    const missingFrame = await call('get_local_variables', { sessionId: id, frameId: 77 });
    assert.match(String(missingFrame.error), /No frame with id 77.*11, 12/);
  });

  it('answers the top frame\'s locals from a direct read when the bridge has one, and asks scopes and variables when a shown local is an object', async () => {
    const id = await pausedSession();
    bridge.variableMap.set(100, [{ name: 'a', value: '7', type: 'int', variablesReference: 0 }]);
    bridge.directLocals = {
      frame: { id: 11, name: 'f', file: '/w/a.py', line: 2, column: 5 },
      scopeName: 'Local: f',
      variables: [
        { name: 'a', value: '1', type: 'number', variablesReference: 0, evaluateName: 'a', presentationHint: {} },
        { name: 'this', value: '', type: 'object', variablesReference: 0, evaluateName: 'this' },
      ],
    };
    bridge.directObjects.add('this');
    const direct = await call('get_local_variables', { sessionId: id, names: ['a'] });
    assert.deepEqual(direct.variables, [{ name: 'a', value: '1', type: 'number', variablesReference: 0, evaluateName: 'a', expandable: false }]);
    assert.equal(direct.scopeName, 'Local: f');
    assert.deepEqual(direct.frame, { id: 11, name: 'f', file: '/w/a.py', line: 2 });
    assert.ok(!bridge.calls.some((entry) => entry.startsWith('variables')), 'no variables request');
    const withThis = await call('get_local_variables', { sessionId: id, includeSpecial: true });
    assert.deepEqual((withThis.variables as Array<{ value: string }>).map((variable) => variable.value), ['7'], 'the object needs the adapter\'s reference: asked through scopes and variables');
    assert.equal(withThis.scopeName, 'Locals');
  });

  it('hides subtle frames of the stack unless includeInternals, and reports bad frame ids', async () => {
    const id = await pausedSession();
    const stack = await call('get_stack_trace', { sessionId: id });
    assert.equal(stack.count, 1);
    assert.equal(stack.hiddenFrames, 1);
    assert.equal(stack.stopReason, 'breakpoint');
    assert.equal((await call('get_stack_trace', { sessionId: id, includeInternals: true })).count, 2);
    const scopes = await call('get_scopes', { sessionId: id, frameId: 5 });
    assert.equal(scopes.code, 'bad_reference');
  });

  it('evaluates with a cap on the result', async () => {
    const id = await pausedSession();
    bridge.evaluation = { result: 'y'.repeat(3000), variablesReference: 0 };
    const result = await call('evaluate_expression', { sessionId: id, expression: 'big', maxValueChars: 100 });
    assert.equal((result.result as string).length, 100);
    assert.equal(result.truncated, true);
  });

  it('serves source context, and says which lines exist when the line is out of range', async () => {
    const id = await pausedSession();
    const context = await call('get_source_context', { sessionId: id, file: '/w/a.py', line: 5, linesContext: 1 });
    assert.deepEqual(context.surrounding, [{ line: 4, content: '' }, { line: 5, content: 'f()' }]);
    const bad = await call('get_source_context', { sessionId: id, file: '/w/a.py', line: 50 });
    assert.match(String(bad.error), /outside .*5 line\(s\)/);
    const missing = await call('get_source_context', { sessionId: id, file: '/w/none.py', line: 1 });
    assert.equal(missing.code, 'file_not_found');
  });

  it('pages output with since/limit', async () => {
    const id = await pausedSession();
    const first = await call('get_output', { sessionId: id, limit: 2 });
    assert.equal(first.hasMore, true);
    assert.equal(first.nextSince, 2);
    const rest = await call('get_output', { sessionId: id, since: 2 });
    assert.equal((rest.entries as unknown[]).length, 3);
    assert.equal(rest.hasMore, false);
  });

  it('dry-runs start_debugging without launching, and starts with the launch args split out', async () => {
    const created = await call('create_debug_session', { language: 'python' });
    const dry = await call('start_debugging', { sessionId: created.sessionId, scriptPath: '/w/a.py', dryRunSpawn: true });
    assert.equal(dry.success, true);
    assert.deepEqual((dry.data as Record<string, unknown>).launchConfiguration, { type: 'debugpy', request: 'launch', program: '/w/a.py' });
    assert.deepEqual(bridge.calls, ['planLaunch']);
    const started = await call('start_debugging', { sessionId: created.sessionId, scriptPath: '/w/a.py', dapLaunchArgs: { stopOnEntry: true }, timeoutMs: 2000 });
    assert.equal(started.state, 'paused');
    assert.equal(bridge.calls.at(-1), 'launch wait=2000');
    const again = await call('start_debugging', { sessionId: created.sessionId, scriptPath: '/w/a.py' });
    assert.equal(again.code, 'wrong_state');
  });

  it('reports breakpoints placed elsewhere by the adapter', async () => {
    const id = await pausedSession();
    const result = await call('set_breakpoint', { sessionId: id, file: '/w/a.py', line: 1 });
    assert.equal(result.line, 2);
    assert.equal(result.requestedLine, 1);
    assert.match(String(result.message), /requested line 1, placed at line 2/);
  });

  it('exposes by revealing in VS Code, unexposes as a no-op, and refuses redefine_classes outside Java', async () => {
    const id = await pausedSession();
    const exposed = await call('expose_session', { sessionId: id });
    assert.equal(exposed.success, false);
    assert.match(String(exposed.error), /start_debugging/);
    assert.equal((await call('unexpose_session', { sessionId: id })).wasExposed, false);
    const redefine = await call('redefine_classes', { sessionId: id, classesDir: '/tmp/classes' });
    assert.equal(redefine.code, 'unsupported');
  });
});

describe('locals: the local scope and language-aware internals', () => {
  it('picks the adapter\'s locals scope by hint, then by name, never globals', () => {
    const scope = (name: string, presentationHint?: string, variablesReference = 1) => ({ name, presentationHint, expensive: false, variablesReference });
    assert.equal(pickLocalScope([scope('Globals'), scope('Whatever', 'locals')])?.name, 'Whatever');
    assert.equal(pickLocalScope([scope('Global'), scope('Local: swap'), scope('Closure')])?.name, 'Local: swap');
    assert.equal(pickLocalScope([scope('Globals'), scope('Locals', undefined, 0)]), undefined);
  });

  it('hides each runtime\'s internals and keeps the program\'s names', () => {
    assert.deepEqual(['__builtins__', 'special variables', 'a', '_private'].map((name) => isInternalVariable('python', name)), [true, true, false, false]);
    assert.deepEqual(['this', '__proto__', '[[Prototype]]', 'a'].map((name) => isInternalVariable('javascript', name)), [true, true, true, false]);
    assert.equal(isInternalVariable('mock', 'this'), false);
  });
});
