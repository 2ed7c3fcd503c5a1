// JavaScript and TypeScript through VS Code's js-debug: whatever shortcut the tools take to answer
// fast, each answer must be what VS Code's own views show at that moment (read here through the
// workbench: the focused stack frame, its scopes and variables, an evaluation in it), never an
// answer from before the last step or change, and a session the user started with their own
// pwa-node configuration must work through the tools too.
import * as assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as vscode from 'vscode';
import { isInternalVariable } from '../../src/mcp/tools/internalVariables';
import { focusedNewStop, localValue, ok, removeAllBreakpoints, requestsOfLastCall, sdkCaller, stopAllDebugSessions, type Caller, type ToolResult } from './debuggerSupport';
import { activateExtension, connectSdkClient, fixturePath, until } from './support';

interface Variable { name: string; value: string }

interface WorkbenchView {
  frameId: number;
  file: string;
  line: number;
  column: number;
  /** js-debug's name of the frame. */
  name: string;
  locals: Variable[];
}

/** The frame VS Code focuses once it shows a stop other than `previousFrameId`'s, and what its views show for it. */
async function workbenchView(previousFrameId: number | undefined): Promise<WorkbenchView> {
  const focused = await focusedNewStop(previousFrameId);
  const session = focused.session;
  const stack = await session.customRequest('stackTrace', { threadId: focused.threadId, startFrame: 0, levels: 1 }) as DebugProtocol.StackTraceResponse['body'];
  const top = stack.stackFrames[0];
  assert.equal(top.id, focused.frameId, 'VS Code focuses the top frame of the stop');
  const scopes = await session.customRequest('scopes', { frameId: focused.frameId }) as DebugProtocol.ScopesResponse['body'];
  const local = scopes.scopes[0];
  const variables = await session.customRequest('variables', { variablesReference: local.variablesReference }) as DebugProtocol.VariablesResponse['body'];
  return {
    frameId: focused.frameId,
    file: localPath(top.source?.path ?? ''),
    line: top.line,
    column: top.column,
    name: top.name,
    locals: variables.variables.map((variable) => ({ name: variable.name, value: variable.value })),
  };
}

/** What the workbench hands an extension may be a vscode-remote:// URI in the server build. */
function localPath(path: string): string {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(path) ? vscode.Uri.parse(path).path : path;
}

/** The top frame of the stop as VS Code's session (js-debug through the workbench) gives it. */
async function workbenchTopFrame(): Promise<DebugProtocol.StackFrame> {
  const focused = vscode.debug.activeStackItem as vscode.DebugStackFrame;
  const stack = await focused.session.customRequest('stackTrace', { threadId: focused.threadId, startFrame: 0, levels: 1 }) as DebugProtocol.StackTraceResponse['body'];
  return stack.stackFrames[0];
}

async function workbenchEvaluation(frameId: number, expression: string): Promise<DebugProtocol.EvaluateResponse['body']> {
  const focused = vscode.debug.activeStackItem as vscode.DebugStackFrame;
  return await focused.session.customRequest('evaluate', { expression, frameId, context: 'repl' }) as DebugProtocol.EvaluateResponse['body'];
}


/** Whether the last call of `tool` took a stack trace the workbench read for its views (the tracker saw it). */
async function workbenchStackUsed(tool: string): Promise<boolean> {
  const api = await activateExtension();
  const root = api.traceStore.query({ tool }).at(-1)?.trace;
  return (root?.children ?? []).some((child) => child.name === 'dap.request' && child.attributes?.requestedBy === 'workbench');
}

async function workbenchEvaluate(frameId: number, expression: string): Promise<string> {
  const focused = vscode.debug.activeStackItem as vscode.DebugStackFrame;
  const body = await focused.session.customRequest('evaluate', { expression, frameId, context: 'watch' }) as DebugProtocol.EvaluateResponse['body'];
  return body.result;
}

/** js-debug's own answer (through the workbench) for the local scope of a frame: its name and its variables. */
async function workbenchLocalScope(frameId: number): Promise<{ name: string; variables: DebugProtocol.Variable[] }> {
  const focused = vscode.debug.activeStackItem as vscode.DebugStackFrame;
  const scopes = await focused.session.customRequest('scopes', { frameId }) as DebugProtocol.ScopesResponse['body'];
  const local = scopes.scopes.find((scope) => scope.presentationHint === 'locals') ?? scopes.scopes[0];
  const body = await focused.session.customRequest('variables', { variablesReference: local.variablesReference }) as DebugProtocol.VariablesResponse['body'];
  return { name: local.name, variables: body.variables };
}

/** What a variable says, as the tool and js-debug both give it (a reference only as whether there is one: each read hands out new ones). */
function variableFacts(variable: { name: string; value: string; type?: string; evaluateName?: string; variablesReference: number }): unknown[] {
  return [variable.name, variable.value, variable.type, variable.evaluateName, variable.variablesReference > 0];
}

/** What a variable says with its counts of children, as the tool and js-debug both give it (references only as whether there is one). */
function objectFacts(variable: { name: string; value: string; type?: string; evaluateName?: string; variablesReference: number; indexedVariables?: number; namedVariables?: number }): unknown[] {
  return [...variableFacts(variable), variable.indexedVariables, variable.namedVariables];
}

/** get_variables on a reference of ours lists what js-debug's own reference for the same variable lists (through the workbench). */
async function assertSameChildren(call: Caller, sessionId: string, ours: number, theirs: number, what: string): Promise<void> {
  const children = await ok(call, 'get_variables', { sessionId, scope: ours, maxValueChars: 65_536 });
  const focused = vscode.debug.activeStackItem as vscode.DebugStackFrame;
  const expected = await focused.session.customRequest('variables', { variablesReference: theirs }) as DebugProtocol.VariablesResponse['body'];
  // the tools name a type the adapter leaves out (js-debug's [[FunctionLocation]] has none)
  const shown = expected.variables.map((child) => objectFacts({ ...child, type: child.type ?? '<unknown_type>' }));
  assert.deepEqual((children.variables as ToolResult[]).map((child) => objectFacts(child as never)), shown, `${what}: js-debug's children`);
}

/** The tool's locals must be exactly the view's, less the runtime internals the tool leaves out. */
function assertSameLocals(tool: ToolResult, view: WorkbenchView, what: string): void {
  const answered = (tool.variables as Variable[]).map((variable) => ({ name: variable.name, value: variable.value }));
  const shown = view.locals.filter((variable) => !isInternalVariable('javascript', variable.name));
  assert.deepEqual(answered, shown, `${what}: get_local_variables answers what the Variables view shows`);
}

/**
 * Start at `a = b`, then two step-overs: after the start and after each step, the answer's
 * location, the locals and an evaluation are compared with what VS Code shows. `fromTarget`: each
 * step's location is read over CDP (a script without a source map, its function seen before),
 * with no stackTrace of its own through the workbench.
 */
async function stepAndCompare(call: Caller, sessionId: string, program: string, source: string, swapLine: number, fromTarget: boolean): Promise<void> {
  await ok(call, 'set_breakpoint', { sessionId, file: source, line: swapLine });
  let answer = await ok(call, 'start_debugging', { sessionId, scriptPath: program });
  let previous: number | undefined;
  const expectations = [{ a: '1', b: '2' }, { a: '2', b: '2' }, { a: '2', b: '2' }];
  for (const [index, expected] of expectations.entries()) {
    const what = index === 0 ? 'at the breakpoint' : `after step ${index}`;
    assert.equal(answer.state, 'paused', `${what}: ${JSON.stringify(answer)}`);
    const view = await workbenchView(previous);
    const location = answer.location as { file: string; line: number };
    assert.deepEqual([location.file, location.line], [view.file, view.line], `${what}: the answer's location is the frame VS Code shows`);
    assert.deepEqual(answer.location, { file: view.file, line: view.line, column: view.column, function: view.name }, `${what}: the location as js-debug gives it`);
    if (fromTarget && index > 0) {
      const requests = await requestsOfLastCall('step_over');
      assert.ok(!requests.includes('dap:stackTrace') && !(await workbenchStackUsed('step_over')), `${what}: the location is read from the target: ${requests.join(', ')}`);
    }
    assert.ok(location.file.endsWith(source.split('/').pop() ?? source), `${what}: ${location.file} is the source file`);
    const locals = await ok(call, 'get_local_variables', { sessionId });
    assertSameLocals(locals, view, what);
    assert.deepEqual([localValue(locals, 'a'), localValue(locals, 'b')], [expected.a, expected.b], `${what}: the values of this stop`);
    const sum = await ok(call, 'evaluate_expression', { sessionId, expression: 'a + b' });
    assert.equal(sum.result, await workbenchEvaluate(view.frameId, 'a + b'), `${what}: evaluate answers what VS Code evaluates`);
    previous = view.frameId;
    if (index < expectations.length - 1) answer = await ok(call, 'step_over', { sessionId });
  }
}

describe('JavaScript and TypeScript answers match VS Code\'s own views', function () {
  this.timeout(120_000);
  let client: Client;
  let call: Caller;

  before(async () => {
    await activateExtension();
    client = await connectSdkClient('debugger-js-views');
    call = sdkCaller(client);
  });
  after(async () => {
    await client?.close();
  });
  afterEach(async () => {
    removeAllBreakpoints();
    await stopAllDebugSessions();
  });

  it('JavaScript: after the start and each step, location, locals and evaluate are what VS Code shows', async () => {
    const sessionId = (await ok(call, 'create_debug_session', { language: 'javascript', name: 'js views' })).sessionId as string;
    try {
      await stepAndCompare(call, sessionId, fixturePath('swap_vars.js'), fixturePath('swap_vars.js'), 3, true);
    } finally {
      await call('close_debug_session', { sessionId });
    }
  });

  it('TypeScript with source maps: locations in the .ts source, locals and evaluate as VS Code shows them', async () => {
    const sessionId = (await ok(call, 'create_debug_session', { language: 'typescript', name: 'ts views' })).sessionId as string;
    try {
      await stepAndCompare(call, sessionId, fixturePath('ts', 'swap_vars.js'), fixturePath('ts', 'swap_vars.ts'), 3, false);
    } finally {
      await call('close_debug_session', { sessionId });
    }
  });

  it('never serves a stale answer: locals read twice at a stop, then after a step, show the new values', async () => {
    const sessionId = (await ok(call, 'create_debug_session', { language: 'javascript', name: 'js stale' })).sessionId as string;
    try {
      await ok(call, 'set_breakpoint', { sessionId, file: fixturePath('swap_vars.js'), line: 3 });
      await ok(call, 'start_debugging', { sessionId, scriptPath: fixturePath('swap_vars.js') });
      for (const read of ['first', 'second']) {
        const locals = await ok(call, 'get_local_variables', { sessionId });
        assert.deepEqual([localValue(locals, 'a'), localValue(locals, 'b')], ['1', '2'], `${read} read at the breakpoint`);
      }
      await ok(call, 'step_over', { sessionId });
      const after = await ok(call, 'get_local_variables', { sessionId });
      assert.deepEqual([localValue(after, 'a'), localValue(after, 'b')], ['2', '2'], 'the step shows at once');
      const sum = await ok(call, 'evaluate_expression', { sessionId, expression: 'a + b' });
      assert.equal(sum.result, '4');
    } finally {
      await call('close_debug_session', { sessionId });
    }
  });

  it("a pwa-node session the user started from VS Code is driven by the tools, and VS Code's views follow", async () => {
    const program = fixturePath('swap_vars.js');
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(program), new vscode.Position(2, 0)))]);
    const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
      type: 'pwa-node', request: 'launch', name: 'user js session', program, console: 'internalConsole',
    });
    assert.ok(started);
    const sessions = await until(
      async () => ((await ok(call, 'list_debug_sessions')).sessions as ToolResult[]),
      (list) => list.some((session) => session.name === 'user js session' && session.state === 'paused'),
      'the user session paused at its breakpoint',
      30_000,
    );
    const mine = sessions.find((session) => session.name === 'user js session') as ToolResult;
    assert.deepEqual([mine.startedBy, mine.language], ['user', 'javascript']);
    const sessionId = String(mine.id);
    const atBreakpoint = await workbenchView(undefined);
    assert.equal(atBreakpoint.line, 3);
    assertSameLocals(await ok(call, 'get_local_variables', { sessionId }), atBreakpoint, 'at the breakpoint');
    const stepped = await ok(call, 'step_over', { sessionId });
    const view = await workbenchView(atBreakpoint.frameId);
    assert.equal((stepped.location as { line: number }).line, view.line, 'the step answers the line VS Code shows');
    const locals = await ok(call, 'get_local_variables', { sessionId });
    assertSameLocals(locals, view, 'after the step');
    assert.deepEqual([localValue(locals, 'a'), localValue(locals, 'b')], ['2', '2']);
    const sum = await ok(call, 'evaluate_expression', { sessionId, expression: 'a + b' });
    assert.equal(sum.result, '4');
    const ended = await ok(call, 'continue_execution', { sessionId });
    assert.equal(ended.state, 'stopped', JSON.stringify(ended));
  });

  it("a session whose configuration has a customDescriptionGenerator: its locals are js-debug's descriptions made by it, as the Variables view shows them, not the target's plain values", async () => {
    const program = fixturePath('custom_descriptions.js');
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(program), new vscode.Position(7, 0)))]);
    const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
      type: 'pwa-node', request: 'launch', name: 'user js custom descriptions', program, console: 'internalConsole',
      customDescriptionGenerator: "function (defaultValue) { return this.tag !== undefined ? 'custom:' + this.tag : defaultValue; }",
    });
    assert.ok(started);
    const sessions = await until(
      async () => ((await ok(call, 'list_debug_sessions')).sessions as ToolResult[]),
      (list) => list.some((session) => session.name === 'user js custom descriptions' && session.state === 'paused'),
      'the user session paused at its breakpoint',
      30_000,
    );
    const sessionId = String((sessions.find((session) => session.name === 'user js custom descriptions') as ToolResult).id);
    const view = await workbenchView(undefined);
    assert.equal(view.line, 8);
    assert.equal(view.locals.find((variable) => variable.name === 'box')?.value, 'custom:x', 'js-debug describes it with the generator');
    const locals = await ok(call, 'get_local_variables', { sessionId });
    assertSameLocals(locals, view, 'at the breakpoint');
    assert.deepEqual([localValue(locals, 'box'), localValue(locals, 'count')], ['custom:x', '42']);
    const requests = await requestsOfLastCall('get_local_variables');
    assert.ok(requests.includes('dap:variables') && !requests.includes('cdp:Runtime.getProperties'), `the locals come from js-debug: ${requests.join(', ')}`);
    const ended = await ok(call, 'continue_execution', { sessionId });
    assert.equal(ended.state, 'stopped', JSON.stringify(ended));
  });

  it("JavaScript over js-debug's CDP proxy: a step's location and an evaluation read from the target are js-debug's own answers", async () => {
    const sessionId = (await ok(call, 'create_debug_session', { language: 'javascript', name: 'js direct' })).sessionId as string;
    try {
      await ok(call, 'set_breakpoint', { sessionId, file: fixturePath('swap_vars.js'), line: 3 });
      await ok(call, 'start_debugging', { sessionId, scriptPath: fixturePath('swap_vars.js') });
      const atBreakpoint = await workbenchView(undefined);
      await ok(call, 'get_local_variables', { sessionId });
      const stepped = await ok(call, 'step_over', { sessionId });
      assert.ok(!(await requestsOfLastCall('step_over')).includes('dap:stackTrace'), `the step's location is read from the target: ${(await requestsOfLastCall('step_over')).join(', ')}`);
      const view = await workbenchView(atBreakpoint.frameId);
      const shown = await workbenchTopFrame();
      assert.deepEqual(stepped.location, { file: view.file, line: shown.line, column: shown.column, function: shown.name }, 'the location js-debug gives the same stop');
      assert.equal(shown.line, 5, 'V8 steps from `a = b` to `return`');

      await ok(call, 'get_local_variables', { sessionId });
      for (const expression of ['a + b', 'a === b', "'sum ' + (a + b)", 'typeof a', 'undefined', 'null', '0 / 0']) {
        const answer = await ok(call, 'evaluate_expression', { sessionId, expression });
        assert.deepEqual(await requestsOfLastCall('evaluate_expression'), ['cdp:Debugger.evaluateOnCallFrame'], `${expression} is evaluated over CDP`);
        const expected = await workbenchEvaluation(view.frameId, expression);
        assert.deepEqual([answer.result, answer.type, answer.variablesReference, answer.frameId], [expected.result, expected.type, expected.variablesReference, view.frameId], `${expression}: js-debug's answer`);
      }
      const object = await ok(call, 'evaluate_expression', { sessionId, expression: '[a, b]' });
      assert.deepEqual(await requestsOfLastCall('evaluate_expression'), ['cdp:Debugger.evaluateOnCallFrame', 'dap:evaluate'], 'an object (children to expand) comes from js-debug');
      assert.ok(object.variablesReference as number > 0);
      // a side effect stops V8's evaluation before it runs: js-debug runs it, once
      const assigned = await ok(call, 'evaluate_expression', { sessionId, expression: 'a += 1' });
      assert.equal(assigned.result, '3');
      assert.deepEqual(await requestsOfLastCall('evaluate_expression'), ['cdp:Debugger.evaluateOnCallFrame', 'dap:evaluate']);
      assert.equal((await ok(call, 'evaluate_expression', { sessionId, expression: 'a' })).result, '3', 'the assignment ran once');
      const failed = await call('evaluate_expression', { sessionId, expression: 'noSuchName' });
      assert.equal(failed.success, false);
      assert.match(String(failed.error), /noSuchName is not defined/);
      assert.deepEqual(await requestsOfLastCall('evaluate_expression'), ['cdp:Debugger.evaluateOnCallFrame', 'dap:evaluate'], 'an error is worded by js-debug');
    } finally {
      await call('close_debug_session', { sessionId });
    }
  });

  it("JavaScript over js-debug's CDP proxy: the nudges sent while an answer is awaited change neither the answer nor VS Code's views, pause or next step", async () => {
    const program = fixturePath('swap_vars.js');
    const sessionId = (await ok(call, 'create_debug_session', { language: 'javascript', name: 'js nudged' })).sessionId as string;
    try {
      await ok(call, 'set_breakpoint', { sessionId, file: program, line: 3 });
      await ok(call, 'start_debugging', { sessionId, scriptPath: program });
      const atBreakpoint = await workbenchView(undefined);
      await ok(call, 'get_local_variables', { sessionId });
      await ok(call, 'step_over', { sessionId });
      const before = await workbenchView(atBreakpoint.frameId);
      await ok(call, 'get_local_variables', { sessionId });
      // V8 needs tens of ms for this side-effect-free loop: the nudger sends its command meanwhile
      const slow = '(() => { let sum = 0; for (let i = 0; i < 2e6; i++) sum += i % 7; return sum; })()';
      let expected = 0;
      for (let i = 0; i < 2e6; i++) expected += i % 7;
      const answer = await ok(call, 'evaluate_expression', { sessionId, expression: slow });
      assert.deepEqual(await requestsOfLastCall('evaluate_expression'), ['cdp:Debugger.evaluateOnCallFrame'], 'evaluated over CDP');
      const trace = (await activateExtension()).traceStore.query({ tool: 'evaluate_expression' }).at(-1)?.trace;
      const nudges = (trace?.children ?? []).filter((child) => child.name === 'cdp.nudge').reduce((sum, child) => sum + Number(child.attributes?.nudges ?? 0), 0);
      assert.ok(nudges > 0, `nudges were sent while V8 evaluated: ${JSON.stringify(trace?.children.map((child) => child.name))}`);
      assert.equal(answer.result, String(expected));
      assert.equal(answer.result, (await workbenchEvaluation(before.frameId, slow)).result, "js-debug's own answer");
      // VS Code still shows the same pause: the focused frame, its line and its locals, and the tools see it paused
      assert.deepEqual(await workbenchView(undefined), before, 'the views after the nudges');
      const listed = (await ok(call, 'list_debug_sessions')).sessions as ToolResult[];
      assert.equal(listed.find((session) => String(session.id) === sessionId)?.state, 'paused', 'the tools see the same pause');
      assert.equal((await ok(call, 'evaluate_expression', { sessionId, expression: 'a + b' })).result, '4');
      // and the next step (nudged until the target's pause) lands where VS Code shows it, with that stop's values
      const stepped = await ok(call, 'step_over', { sessionId });
      assert.equal(stepped.state, 'paused', JSON.stringify(stepped));
      const view = await workbenchView(before.frameId);
      assert.equal((stepped.location as { line: number }).line, view.line, 'the step answers the line VS Code shows');
      const locals = await ok(call, 'get_local_variables', { sessionId });
      assertSameLocals(locals, view, 'after the nudged step');
    } finally {
      await call('close_debug_session', { sessionId });
    }
  });

  it("JavaScript over js-debug's CDP proxy: locals read from the target are js-debug's own variables, in a block scope and in every value format", async () => {
    const program = fixturePath('js_values.js');
    const sessionId = (await ok(call, 'create_debug_session', { language: 'javascript', name: 'js values' })).sessionId as string;
    try {
      await ok(call, 'set_breakpoint', { sessionId, file: program, line: 24 });
      await ok(call, 'start_debugging', { sessionId, scriptPath: program });
      const inBlock = await workbenchView(undefined);
      const blockLocals = await ok(call, 'get_local_variables', { sessionId, includeSpecial: true });
      const blockRequests = await requestsOfLastCall('get_local_variables');
      assert.ok(blockRequests.includes('cdp:Runtime.getProperties') && !blockRequests.includes('dap:scopes') && !blockRequests.includes('dap:variables'), `read from the target: ${blockRequests.join(', ')}`);
      const block = await workbenchLocalScope(inBlock.frameId);
      assert.equal(blockLocals.scopeName, block.name);
      assert.match(block.name, /^Block\b/, 'the innermost scope is the loop body\'s block');
      assert.deepEqual((blockLocals.variables as ToolResult[]).map((variable) => variableFacts(variable as never)), block.variables.map(variableFacts), 'the block scope as js-debug gives it, `this` (undefined in strict code) included');

      await ok(call, 'set_breakpoint', { sessionId, file: program, line: 26 });
      const atReturn = await ok(call, 'continue_execution', { sessionId });
      assert.equal((atReturn.location as { line: number }).line, 26, JSON.stringify(atReturn));
      const view = await workbenchView(inBlock.frameId);
      const local = await workbenchLocalScope(view.frameId);
      const primitiveNames = local.variables.filter((variable) => variable.variablesReference === 0).map((variable) => variable.name);
      assert.ok(primitiveNames.length >= 15, primitiveNames.join(', '));
      const primitives = await ok(call, 'get_local_variables', { sessionId, names: primitiveNames, includeSpecial: true });
      const primitiveRequests = await requestsOfLastCall('get_local_variables');
      assert.ok(!primitiveRequests.includes('dap:variables'), `read from the target: ${primitiveRequests.join(', ')}`);
      assert.equal(primitives.scopeName, local.name);
      assert.match(String(primitives.scopeName), /^Local: show$/);
      assert.deepEqual((primitives.variables as ToolResult[]).map((variable) => variableFacts(variable as never)), local.variables.filter((variable) => primitiveNames.includes(variable.name)).map(variableFacts), 'each value formatted as js-debug formats it');
      // `list` is an array: read from the target too, with a reference of ours that expands into js-debug's children
      const all = await ok(call, 'get_local_variables', { sessionId });
      assert.ok(!(await requestsOfLastCall('get_local_variables')).includes('dap:variables'), 'an array among the locals: read from the target');
      assert.deepEqual((all.variables as ToolResult[]).map((variable) => variableFacts(variable as never)), local.variables.filter((variable) => !isInternalVariable('javascript', variable.name)).map(variableFacts));
      const list = (all.variables as ToolResult[]).find((variable) => variable.name === 'list') as ToolResult;
      const children = await ok(call, 'get_variables', { sessionId, scope: list.variablesReference as number });
      assert.deepEqual((children.variables as Variable[]).slice(0, 2).map((variable) => [variable.name, variable.value]), [['0', '42'], ['1', '1']], 'its reference expands');
    } finally {
      await call('close_debug_session', { sessionId });
    }
  });

  it("JavaScript over js-debug's CDP proxy: a step in a function no tool read yet is located from the names the workbench's own stack traces showed", async () => {
    const program = fixturePath('swap_vars.js');
    const sessionId = (await ok(call, 'create_debug_session', { language: 'javascript', name: 'js learned' })).sessionId as string;
    try {
      await ok(call, 'set_breakpoint', { sessionId, file: program, line: 11 });
      await ok(call, 'set_breakpoint', { sessionId, file: program, line: 3 });
      await ok(call, 'start_debugging', { sessionId, scriptPath: program });
      const inMain = await workbenchView(undefined);
      // the locals of main come from the target once the CDP channel is open
      await until(
        async () => { await ok(call, 'get_local_variables', { sessionId }); return requestsOfLastCall('get_local_variables'); },
        (requests) => requests.includes('cdp:Runtime.getProperties'),
        'the CDP channel answers the locals',
        15_000,
      );
      // the user continues from VS Code: no tool reads the stop in swap, only VS Code's views do
      const focused = vscode.debug.activeStackItem as vscode.DebugStackFrame;
      await focused.session.customRequest('continue', { threadId: focused.threadId });
      const inSwap = await workbenchView(inMain.frameId);
      assert.deepEqual([inSwap.line, inSwap.locals.find((variable) => variable.name === 'a')?.value], [3, '1'], 'VS Code shows the stop in swap');
      const stepped = await ok(call, 'step_over', { sessionId });
      const requests = await requestsOfLastCall('step_over');
      assert.ok(!requests.includes('dap:stackTrace') && !(await workbenchStackUsed('step_over')), `the location is read from the target: ${requests.join(', ')}`);
      const view = await workbenchView(inSwap.frameId);
      assert.deepEqual(stepped.location, { file: view.file, line: view.line, column: view.column, function: view.name }, 'the location js-debug gives the same stop');
      assert.equal(view.line, 5, 'V8 steps from `a = b` to `return`');
      const locals = await ok(call, 'get_local_variables', { sessionId });
      assertSameLocals(locals, view, 'after the step');
    } finally {
      await call('close_debug_session', { sessionId });
    }
  });

  it("JavaScript over js-debug's CDP proxy: object locals read from the target are js-debug's own, and expand into its children", async () => {
    const program = fixturePath('js_objects.js');
    const sessionId = (await ok(call, 'create_debug_session', { language: 'javascript', name: 'js objects' })).sessionId as string;
    try {
      await ok(call, 'set_breakpoint', { sessionId, file: program, line: 64 });
      await ok(call, 'start_debugging', { sessionId, scriptPath: program });
      const view = await workbenchView(undefined);
      const local = await workbenchLocalScope(view.frameId);
      // a proxy is left to js-debug: asked for, the whole scope comes from js-debug
      const names = local.variables.map((variable) => variable.name).filter((name) => name !== 'proxy');
      assert.ok(names.length >= 25, names.join(', '));
      const locals = await ok(call, 'get_local_variables', { sessionId, names, includeSpecial: true, maxValueChars: 65_536 });
      const requests = await requestsOfLastCall('get_local_variables');
      assert.ok(requests.includes('cdp:Runtime.getProperties') && !requests.includes('dap:scopes') && !requests.includes('dap:variables'), `read from the target: ${requests.join(', ')}`);
      assert.ok(requests.includes('cdp:Runtime.callFunctionOn'), `plain objects: js-debug's custom texts looked for the same way: ${requests.join(', ')}`);
      assert.equal(locals.scopeName, local.name);
      const answered = locals.variables as ToolResult[];
      const expected = local.variables.filter((variable) => names.includes(variable.name));
      assert.deepEqual(answered.map((variable) => objectFacts(variable as never)), expected.map(objectFacts), 'each object shown as js-debug shows it');
      const byName = (name: string) => answered.find((variable) => variable.name === name) as ToolResult;
      assert.deepEqual([byName('money').value, byName('long').indexedVariables], ['Money {cents: 1234}', 150], "js-debug's counts; no custom text in a scope where String() of a null-prototype object throws");

      // every reference of ours expands into what js-debug's own reference for the variable expands into
      for (const variable of expected.filter((candidate) => candidate.variablesReference > 0)) {
        const ours = byName(variable.name).variablesReference as number;
        assert.ok(ours > 0 && ours !== variable.variablesReference, `${variable.name}: a reference of ours`);
        await assertSameChildren(call, sessionId, ours, variable.variablesReference, variable.name);
      }
      const long = await ok(call, 'get_variables', { sessionId, scope: byName('long').variablesReference as number, filter: 'indexed', start: 140, count: 5 });
      assert.deepEqual((long.variables as Variable[]).filter((child) => !isInternalVariable('javascript', child.name)).map((child) => [child.name, child.value]), [['140', '280'], ['141', '282'], ['142', '284'], ['143', '286'], ['144', '288']], 'paged as js-debug pages it');
      const inner = ((await ok(call, 'get_variables', { sessionId, scope: byName('nested').variablesReference as number })).variables as ToolResult[]).find((child) => child.name === 'inner') as ToolResult;
      const deep = await ok(call, 'get_variables', { sessionId, scope: inner.variablesReference as number });
      assert.deepEqual((deep.variables as Variable[]).filter((child) => child.name === 'deep').map((child) => child.value), ['{deeper: true}'], 'children of children are js-debug\'s own references');

      const withProxy = await ok(call, 'get_local_variables', { sessionId });
      assert.ok((await requestsOfLastCall('get_local_variables')).includes('dap:variables'), 'a proxy among the locals: asked of js-debug');
      assert.deepEqual((withProxy.variables as ToolResult[]).map((variable) => objectFacts(variable as never)), local.variables.filter((variable) => !isInternalVariable('javascript', variable.name)).map(objectFacts));

      // after a step the references of the stop before are refused, never answered with old values
      await ok(call, 'step_over', { sessionId });
      const stepped = await workbenchView(view.frameId);
      const stale = await call('get_variables', { sessionId, scope: byName('point').variablesReference as number });
      assert.equal(stale.success, false, JSON.stringify(stale));
      assert.match(String(stale.error), /earlier stop/);
      const again = await ok(call, 'get_local_variables', { sessionId, names: ['limit', 'point'] });
      assert.deepEqual((again.variables as Variable[]).map((variable) => [variable.name, variable.value]), [['limit', '4'], ['point', 'Point {x: 3, y: 4}']], 'the values of the new stop');
      const point = await ok(call, 'get_variables', { sessionId, scope: ((again.variables as ToolResult[])[1] as ToolResult).variablesReference as number });
      assert.deepEqual((point.variables as Variable[]).filter((child) => child.name === 'x' || child.name === 'y').map((child) => [child.name, child.value]), [['x', '3'], ['y', '4']], 'a new read at the new stop expands');

      // custom texts (a toString of its own, a description symbol), as js-debug finds them
      await ok(call, 'set_breakpoint', { sessionId, file: program, line: 34 });
      await ok(call, 'continue_execution', { sessionId });
      const textsView = await workbenchView(stepped.frameId);
      const texts = await workbenchLocalScope(textsView.frameId);
      const priced = await ok(call, 'get_local_variables', { sessionId });
      assert.ok(!(await requestsOfLastCall('get_local_variables')).includes('dap:variables'), 'read from the target');
      assert.deepEqual((priced.variables as ToolResult[]).map((variable) => objectFacts(variable as never)), texts.variables.filter((variable) => !isInternalVariable('javascript', variable.name)).map(objectFacts));
      assert.deepEqual((priced.variables as Variable[]).map((variable) => variable.value), ['described', '$12.34', 'Point {x: 3, y: 4}']);

      // V8 pauses at a return twice: before the value, then with it; js-debug shows it as `Return value`
      await ok(call, 'step_over', { sessionId });
      const returning = await workbenchLocalScope((await workbenchView(textsView.frameId)).frameId);
      const returned = returning.variables.find((variable) => variable.name === 'Return value');
      assert.ok(returned, JSON.stringify(returning.variables.map((variable) => variable.name)));
      const withReturn = await ok(call, 'get_local_variables', { sessionId });
      assert.ok(!(await requestsOfLastCall('get_local_variables')).includes('dap:variables'), 'read from the target');
      assert.deepEqual((withReturn.variables as ToolResult[]).map((variable) => objectFacts(variable as never)), returning.variables.filter((variable) => !isInternalVariable('javascript', variable.name)).map(objectFacts));
      const ours = ((withReturn.variables as ToolResult[]).find((variable) => variable.name === 'Return value') as ToolResult).variablesReference as number;
      await assertSameChildren(call, sessionId, ours, returned?.variablesReference ?? 0, 'the return value');
    } finally {
      await call('close_debug_session', { sessionId });
    }
  });

  it('TypeScript with source maps: stops and evaluations go through js-debug, which maps them', async () => {
    const sessionId = (await ok(call, 'create_debug_session', { language: 'typescript', name: 'ts direct' })).sessionId as string;
    try {
      await ok(call, 'set_breakpoint', { sessionId, file: fixturePath('ts', 'swap_vars.ts'), line: 3 });
      await ok(call, 'start_debugging', { sessionId, scriptPath: fixturePath('ts', 'swap_vars.js') });
      await ok(call, 'get_local_variables', { sessionId });
      const stepped = await ok(call, 'step_over', { sessionId });
      assert.match((stepped.location as { file: string }).file, /swap_vars\.ts$/);
      assert.ok((await requestsOfLastCall('step_over')).includes('dap:stackTrace') || (await activateExtension()).traceStore.query({ tool: 'step_over' }).at(-1)?.trace?.children.some((child) => child.attributes?.requestedBy === 'workbench'), 'the location comes from js-debug');
      await ok(call, 'get_local_variables', { sessionId });
      const localsRequests = await requestsOfLastCall('get_local_variables');
      assert.ok(localsRequests.includes('dap:variables') && !localsRequests.includes('cdp:Runtime.getProperties'), `source-mapped locals (names may be renamed) come from js-debug: ${localsRequests.join(', ')}`);
      const sum = await ok(call, 'evaluate_expression', { sessionId, expression: 'a + b' });
      assert.equal(sum.result, '4');
      assert.deepEqual(await requestsOfLastCall('evaluate_expression'), ['dap:evaluate']);
    } finally {
      await call('close_debug_session', { sessionId });
    }
  });
});
