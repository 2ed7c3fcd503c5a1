// Answers that say what really happened (issue 12 §4), in the real workbench: what expose_session
// showed, whether unexpose_session found the session exposed, Python's availability and a dry run
// with an interpreter that is missing or cannot import debugpy, and the reference's answer keys.
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import * as vscode from 'vscode';
import { ok, removeAllBreakpoints, sdkCaller, stopAllDebugSessions, type Caller, type ToolResult } from './debuggerSupport';
import { activateExtension, connectSdkClient, fixturePath } from './support';

/**
 * The keys of @debugmcp/mcp-debugger@0.24.2's answers on a Python session, read from its source
 * as bench/debuggerPeer.mjs installs it (~/.cache/mcp-live-debugger/peers/mcp-debugger-0.24.2/
 * node_modules/@debugmcp/mcp-debugger/dist/cli.mjs): the `case "<tool>"` handlers of its
 * CallTool switch and the handle* methods they call (handleListSupportedLanguages with
 * computeModeAvailability and getLanguageMetadata; handleListDebugSessions, handleGetLocalVariables,
 * handleGetSourceContext; SessionManager.evaluateExpression; the step_* case's context; the
 * `lastStop` it records on a stop). Only keys the peer always sends in a successful answer of
 * this scenario are listed (it drops undefined ones); `[]` is every element of a list.
 */
const REFERENCE_KEYS: Record<string, string[]> = {
  list_supported_languages: [
    'success', 'installed', 'available', 'languages', 'count',
    'available[].language', 'available[].package', 'available[].installed', 'available[].description',
    'available[].modes.launch.supported', 'available[].modes.launch.available', 'available[].modes.attach.supported', 'available[].modes.attach.available',
    'languages[].id', 'languages[].displayName', 'languages[].version', 'languages[].requiresExecutable',
  ],
  create_debug_session: ['success', 'sessionId', 'message'],
  list_debug_sessions: ['success', 'sessions', 'count', 'sessions[].id', 'sessions[].name', 'sessions[].language', 'sessions[].state', 'sessions[].createdAt'],
  set_breakpoint: ['success', 'breakpointId', 'file', 'line', 'verified', 'message'],
  list_breakpoints: ['success', 'breakpoints', 'count', 'functionBreakpoints', 'functionCount'],
  start_debugging: ['success', 'state', 'message', 'data'],
  get_stack_trace: ['success', 'stackFrames', 'count', 'includeInternals', 'stopReason', 'lastStop', 'lastStop.reason', 'lastStop.threadId', 'lastStop.timestamp'],
  get_scopes: ['success', 'scopes', 'scopes[].name', 'scopes[].variablesReference', 'scopes[].expensive', 'scopes[].source'],
  get_variables: ['success', 'variables', 'count', 'variablesReference'],
  evaluate_expression: ['success', 'result', 'type', 'variablesReference', 'presentationHint'],
  get_local_variables: ['success', 'variables', 'count', 'frame', 'scopeName'],
  get_source_context: ['success', 'file', 'line', 'lineContent', 'surrounding', 'contextLines'],
  step_over: ['success', 'message', 'state', 'location', 'context', 'context.lineContent', 'context.surrounding'],
  step_out: ['success', 'message', 'state', 'location', 'context', 'context.lineContent', 'context.surrounding'],
  continue_execution: ['success', 'message'],
  clear_breakpoints: ['success', 'cleared', 'files', 'message'],
  close_debug_session: ['success', 'message'],
};

/** Every key path of a JSON value: `a`, `a.b`, `list[].c` (a path into a list holds when any element has it). */
function keyPaths(value: unknown, prefix = ''): Set<string> {
  const paths = new Set<string>();
  if (Array.isArray(value)) {
    for (const element of value) for (const path of keyPaths(element, `${prefix}[]`)) paths.add(path);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      paths.add(path);
      for (const nested of keyPaths(child, path)) paths.add(nested);
    }
  }
  return paths;
}

function fakeInterpreterWithoutDebugpy(folder: string): string {
  const path = join(folder, 'python3');
  // -S leaves out site, and with it the dist-packages where Debian's debugpy lives
  writeFileSync(path, '#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n');
  chmodSync(path, 0o755);
  return path;
}

describe('debugger answers say what really happened', function () {
  this.timeout(90_000);
  let client: Client;
  let call: Caller;
  let folder: string;
  const configuration = () => vscode.workspace.getConfiguration('mcpLiveDebugger');

  before(async () => {
    await activateExtension();
    client = await connectSdkClient('debugger-answers');
    call = sdkCaller(client);
    folder = mkdtempSync(join(tmpdir(), 'mld-python-'));
  });
  after(async () => {
    await configuration().update('python.interpreter', undefined, vscode.ConfigurationTarget.Global);
    await client?.close();
    removeAllBreakpoints();
    await stopAllDebugSessions();
    rmSync(folder, { recursive: true, force: true });
  });
  afterEach(() => removeAllBreakpoints());

  it('expose_session shows the paused line and says whether VS Code\'s active session is this one; unexpose_session knows it was exposed', async () => {
    const program = fixturePath('tools_suite.mock');
    const first = (await ok(call, 'create_debug_session', { language: 'mock', name: 'expose first' })).sessionId as string;
    const second = (await ok(call, 'create_debug_session', { language: 'mock', name: 'expose second' })).sessionId as string;
    try {
      await ok(call, 'set_breakpoint', { sessionId: first, file: program, line: 9 });
      await ok(call, 'start_debugging', { sessionId: first, scriptPath: program });
      await ok(call, 'step_over', { sessionId: first });
      await ok(call, 'start_debugging', { sessionId: second, scriptPath: program });
      assert.equal((await ok(call, 'unexpose_session', { sessionId: first })).wasExposed, false, 'not exposed yet');

      const exposed = await ok(call, 'expose_session', { sessionId: first });
      assert.deepEqual(exposed.editor, { file: program, line: 10 }, JSON.stringify(exposed));
      const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.fsPath === program);
      assert.equal(editor?.document.uri.fsPath, program, 'an editor shows the paused file');
      assert.equal(editor?.selection.active.line, 9, 'at the paused line (0-based 9 is line 10)');
      const active = vscode.debug.activeDebugSession;
      const firstVscodeId = ((await ok(call, 'list_debug_sessions')).sessions as ToolResult[]).find((session) => session.id === first)?.vscodeSessionId;
      assert.equal(exposed.activeDebugSessionId, active?.id);
      assert.equal(exposed.isActiveDebugSession, active?.id === firstVscodeId);
      assert.match(String(exposed.message), exposed.isActiveDebugSession ? /It is VS Code's active debug session/ : /active debug session is another one/);
      assert.ok((exposed.shownViews as string[]).includes('workbench.view.debug'));

      assert.equal((await ok(call, 'unexpose_session', { sessionId: first })).wasExposed, true);
      assert.equal((await ok(call, 'unexpose_session', { sessionId: first })).wasExposed, false, 'unexposed once');
      assert.equal((await ok(call, 'unexpose_session', { sessionId: second })).wasExposed, false, 'only the exposed session');
    } finally {
      await call('close_debug_session', { sessionId: first });
      await call('close_debug_session', { sessionId: second });
    }
  });

  it('list_supported_languages reports Python unavailable, saying why, when its interpreter is missing or cannot import debugpy', async () => {
    const python = async () => ((await ok(call, 'list_supported_languages')).available as Array<Record<string, unknown>>).find((language) => language.language === 'python')!;
    const working = await python();
    assert.equal(working.installed, true, JSON.stringify(working));

    await configuration().update('python.interpreter', join(folder, 'no-such-python3'), vscode.ConfigurationTarget.Global);
    const missing = await ok(call, 'list_supported_languages');
    const missingPython = (missing.available as Array<Record<string, unknown>>).find((language) => language.language === 'python')!;
    assert.equal(missingPython.installed, false);
    assert.ok(!(missing.installed as string[]).includes('python'));
    const launch = (missingPython.modes as { launch: { available: boolean; reason?: string } }).launch;
    assert.equal(launch.available, false);
    assert.match(String(launch.reason), /no-such-python3 was not found/);

    const withoutDebugpy = fakeInterpreterWithoutDebugpy(folder);
    await configuration().update('python.interpreter', withoutDebugpy, vscode.ConfigurationTarget.Global);
    const noDebugpy = await python();
    assert.equal(noDebugpy.installed, false);
    assert.match(String((noDebugpy.modes as { launch: { reason?: string } }).launch.reason), /cannot import debugpy.*No module named 'debugpy'/);
    await configuration().update('python.interpreter', undefined, vscode.ConfigurationTarget.Global);
  });

  it('dryRunSpawn says what the launch lacks: the interpreter, or debugpy in it', async () => {
    const script = fixturePath('swap_vars.py');
    const good = (await ok(call, 'create_debug_session', { language: 'python', name: 'dry good' })).sessionId as string;
    const dry = await ok(call, 'start_debugging', { sessionId: good, scriptPath: script, dryRunSpawn: true });
    assert.deepEqual((dry.data as { missing: string[] }).missing, []);
    const absent = (await ok(call, 'create_debug_session', { language: 'python', name: 'dry absent', executablePath: join(folder, 'absent-python') })).sessionId as string;
    const noInterpreter = await call('start_debugging', { sessionId: absent, scriptPath: script, dryRunSpawn: true });
    assert.equal(noInterpreter.success, false);
    assert.match(String(noInterpreter.error), /launch would fail: the Python interpreter .*absent-python was not found\. Nothing was started/);
    const bare = (await ok(call, 'create_debug_session', { language: 'python', name: 'dry bare', executablePath: fakeInterpreterWithoutDebugpy(folder) })).sessionId as string;
    const noDebugpy = await call('start_debugging', { sessionId: bare, scriptPath: script, dryRunSpawn: true });
    assert.equal(noDebugpy.success, false);
    assert.match(String(noDebugpy.error), /cannot import debugpy/);
    assert.deepEqual(((await ok(call, 'list_debug_sessions')).sessions as ToolResult[]).filter((session) => [good, absent, bare].includes(session.id as string)).map((session) => session.state), ['created', 'created', 'created'], 'nothing started');
    for (const sessionId of [good, absent, bare]) await call('close_debug_session', { sessionId });
  });

  it('answers every key the reference answers, on a Python session', async () => {
    const answers: Record<string, ToolResult> = {};
    const script = fixturePath('swap_vars.py');
    answers.list_supported_languages = await ok(call, 'list_supported_languages');
    answers.create_debug_session = await ok(call, 'create_debug_session', { language: 'python', name: 'reference keys' });
    const sessionId = answers.create_debug_session.sessionId as string;
    try {
      answers.set_breakpoint = await ok(call, 'set_breakpoint', { sessionId, file: script, line: 3 });
      answers.list_breakpoints = await ok(call, 'list_breakpoints', { sessionId });
      answers.start_debugging = await ok(call, 'start_debugging', { sessionId, scriptPath: script });
      assert.equal(answers.start_debugging.state, 'paused');
      answers.get_stack_trace = await ok(call, 'get_stack_trace', { sessionId });
      const frameId = (answers.get_stack_trace.stackFrames as Array<{ id: number }>)[0].id;
      answers.get_scopes = await ok(call, 'get_scopes', { sessionId, frameId });
      answers.get_variables = await ok(call, 'get_variables', { sessionId, scope: (answers.get_scopes.scopes as Array<{ variablesReference: number }>)[0].variablesReference });
      answers.evaluate_expression = await ok(call, 'evaluate_expression', { sessionId, expression: 'a + b' });
      answers.get_local_variables = await ok(call, 'get_local_variables', { sessionId });
      answers.get_source_context = await ok(call, 'get_source_context', { sessionId, file: script, line: 3 });
      answers.list_debug_sessions = await ok(call, 'list_debug_sessions');
      answers.step_over = await ok(call, 'step_over', { sessionId });
      answers.step_out = await ok(call, 'step_out', { sessionId });
      answers.clear_breakpoints = await ok(call, 'clear_breakpoints', { sessionId });
      answers.continue_execution = await ok(call, 'continue_execution', { sessionId });
    } finally {
      answers.close_debug_session = await call('close_debug_session', { sessionId });
    }
    const missing = Object.entries(REFERENCE_KEYS).flatMap(([tool, keys]) => {
      const ours = keyPaths(answers[tool]);
      return keys.filter((key) => !ours.has(key)).map((key) => `${tool}: ${key}`);
    });
    assert.deepEqual(missing, [], 'keys of the reference\'s answers missing from ours');
    assert.deepEqual(Object.keys(answers).sort(), Object.keys(REFERENCE_KEYS).sort(), 'every tool of the list was called');
    assert.equal(answers.list_breakpoints.functionCount, 0, 'the tools set no function breakpoint');
    const lastStop = answers.get_stack_trace.lastStop as { timestamp: number; at: number };
    assert.equal(lastStop.timestamp, lastStop.at, 'timestamp is the epoch ms of the stop');
  });
});
