// Issue 7, bad input: at least 1,000 wrong calls across every tool — generated from each tool's
// own JSON schema plus semantic and wrong-state cases — each answered within 5 s with
// success:false and a message that names what was wrong and the next step; afterwards the same
// server still debugs. Issue 12: the JSON-RPC envelope itself is varied too (params, id, method,
// name and arguments of every JSON type, batches, broken JSON, wrong headers), over /mcp and the
// debug endpoint, and no wrong call of any kind answers -32603 Internal error.
import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import * as vscode from 'vscode';
import type { StartedEndpointToken } from '../../src/toolEndpoint/endpointTokenCommands';
import { argumentsSweep, listsTools, NOT_OBJECTS, openRawSession, sendWrongEnvelopes, wrongEnvelopes, type ToolUnderTest } from '../shared/wrongJsonRpcCalls';
import { ok, removeAllBreakpoints, sdkCaller, stopAllDebugSessions } from './debuggerSupport';
import { callTool, connectSdkClient, discovery, fixturePath, fixtureWorkspace, report } from './support';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
}

interface WrongCall {
  tool: string;
  args: Record<string, unknown>;
  why: string;
  /** What this answer's message must say: the field or value that was wrong, and the next step. */
  says: RegExp[];
  /** The bridge's error code, where the call passes the schema and fails on what it means. */
  code?: string;
}

const MEGABYTE = 'x'.repeat(1024 * 1024);
const UNKNOWN_SESSION = 'no-such-session';
const ANSWER_BOUND_MS = 5000;
const CALL_AGAIN = /Check the tool's input schema and call again\.$/;
/** zod's reasons, one of which each schema refusal names after the field. */
const SCHEMA_REASON = /(Invalid input: expected [a-z]+, received [a-z]+|Too small: expected [a-z]+ to (be|have) >=?-?\d+|Too big: expected [a-z]+ to (be|have) <=?-?\d+|Invalid option: expected one of |Invalid string: must match pattern )/;
/** A union (`processId`: integer or digits) fails as a whole: zod names the field, not the choices. */
const UNION_REASON = new RegExp(`(${SCHEMA_REASON.source}|Invalid input\\.)`);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A schema refusal of one field: names the tool, the field with zod's reason, and what to do. */
function refusesField(tool: string, field: string, reason: RegExp = SCHEMA_REASON): RegExp[] {
  return [new RegExp(`^Invalid input for ${escape(tool)}: `), new RegExp(`(^|: |; )${escape(field)}(\\.\\d+)?: ${reason.source}`), CALL_AGAIN];
}

const UNKNOWN_SESSION_SAYS = [/^Unknown session "/, /Call list_debug_sessions, or create_debug_session to make one\.$/];

function typeOf(schema: JsonSchema): string {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null') ?? 'string';
  if (schema.type) return schema.type;
  if (schema.enum) return 'enum';
  if (schema.anyOf) return typeOf(schema.anyOf[0]);
  return 'any';
}

/** Values of the wrong type or out of range for a property (empty for untyped "any" fields). */
function wrongValues(schema: JsonSchema): Array<[unknown, string]> {
  switch (typeOf(schema)) {
    case 'string': {
      const values: Array<[unknown, string]> = [[42, 'number for string'], [-1, 'negative number for string'], [true, 'boolean for string'], [null, 'null for string'], [[], 'array for string'], [['a'], 'array of string for string'], [{}, 'object for string'], [{ a: 1 }, 'object for string']];
      if ((schema.minLength ?? 0) > 0) values.push(['', 'empty string']);
      return values;
    }
    case 'integer':
    case 'number': {
      const values: Array<[unknown, string]> = [['12', 'numeric string'], ['', 'empty string for number'], [true, 'boolean for number'], [null, 'null for number'], [[], 'array for number'], [{}, 'object for number'], ['💥', 'unicode for number']];
      if (typeOf(schema) === 'integer') values.push([1.5, 'fraction for integer']);
      if (schema.minimum !== undefined) values.push([schema.minimum - 1, 'below minimum'], [-1e15, 'hugely negative']);
      if (schema.maximum !== undefined) values.push([schema.maximum + 1, 'above maximum'], [1e15, 'huge']);
      return values;
    }
    case 'boolean':
      return [['true', 'string for boolean'], ['', 'empty string for boolean'], [1, 'number for boolean'], [0, 'zero for boolean'], [null, 'null for boolean'], [[], 'array for boolean'], [{}, 'object for boolean']];
    case 'array':
      return [['x', 'string for array'], [{}, 'object for array'], [5, 'number for array'], [null, 'null for array'], ...(schema.items && typeOf(schema.items) === 'string' ? [[[1, 2], 'numbers in a string array'] as [unknown, string]] : [])];
    case 'object':
      return [['x', 'string for object'], [[], 'array for object'], [5, 'number for object'], [null, 'null for object']];
    case 'enum':
      return [['not-a-choice', 'value outside the enum'], [42, 'number for enum']];
    default:
      return [];
  }
}

/**
 * Whether the schema takes the value after all (1e15 within a safe-integer range, "12" for a
 * process id that is a number or digits): such a value is not a wrong one, so it is not sent.
 */
function accepts(schema: JsonSchema & { pattern?: string; maxLength?: number }, value: unknown): boolean {
  if (schema.anyOf) return schema.anyOf.some((branch) => accepts(branch, value));
  switch (typeOf(schema)) {
    case 'string':
      return typeof value === 'string' && value.length >= (schema.minLength ?? 0) && (schema.pattern === undefined || new RegExp(schema.pattern).test(value));
    case 'integer':
    case 'number':
      return typeof value === 'number' && (typeOf(schema) === 'number' || Number.isInteger(value))
        && value >= (schema.minimum ?? -Infinity) && value <= (schema.maximum ?? Infinity);
    default:
      return false;
  }
}

/** A plausible value for a required field, chosen so the call fails even if that field were let through. */
function filler(name: string, schema: JsonSchema): unknown {
  if (name === 'sessionId') return UNKNOWN_SESSION;
  switch (typeOf(schema)) {
    case 'integer':
    case 'number': return Math.max(schema.minimum ?? 1, 1);
    case 'boolean': return false;
    case 'array': return [];
    case 'object': return {};
    case 'enum': return schema.enum?.[0];
    default: return name === 'language' ? 'no-such-language' : 'x';
  }
}

function schemaWrongCalls(tool: string, schema: JsonSchema): WrongCall[] {
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const base: Record<string, unknown> = {};
  for (const name of required) base[name] = filler(name, properties[name]);
  const unrecognized = (key: string) => [new RegExp(`^Invalid input for ${escape(tool)}: \\(input\\): Unrecognized key: "${key}"`), CALL_AGAIN];
  const calls: WrongCall[] = [
    { tool, args: { ...base, unexpectedField: 1 }, why: 'extra field', says: unrecognized('unexpectedField') },
    { tool, args: { ...base, constructor: { prototype: {} } }, why: 'extra field named constructor', says: unrecognized('constructor') },
  ];
  const missing = /Invalid input: expected [a-z]+, received undefined|Invalid option: expected one of /;
  if (required.length > 0) calls.push({ tool, args: {}, why: 'all required fields missing', says: required.flatMap((name) => refusesField(tool, name, missing)) });
  for (const name of required) {
    const { [name]: _omitted, ...rest } = base;
    calls.push({ tool, args: rest, why: `missing ${name}`, says: refusesField(tool, name, missing) });
  }
  for (const [name, property] of Object.entries(properties)) {
    const reason = property.anyOf ? UNION_REASON : SCHEMA_REASON;
    for (const [value, why] of wrongValues(property).filter(([value]) => !accepts(property, value))) calls.push({ tool, args: { ...base, [name]: value }, why: `${name}: ${why}`, says: refusesField(tool, name, reason) });
  }
  return calls;
}

/** Right types, wrong meaning: sessions that do not exist, files that are not there, bad lines. */
function semanticWrongCalls(tools: Map<string, JsonSchema>, ids: { closed: string; paused: string }, directory: string): WrongCall[] {
  const calls: WrongCall[] = [];
  const badSessions: Array<[string, string]> = [
    [UNKNOWN_SESSION, 'unknown session'], [MEGABYTE, '1 MB session id'], ['会话-💥-\u202e-\u0000', 'unicode session id'],
    ['../../etc/passwd', 'path as session id'], [ids.closed, 'closed session'], [' ', 'blank session id'],
  ];
  for (const [tool, schema] of tools) {
    if (!schema.properties?.sessionId) continue;
    const base: Record<string, unknown> = {};
    for (const name of schema.required ?? []) base[name] = filler(name, schema.properties[name]);
    if (schema.properties.file) base.file = fixturePath('tools_suite.mock');
    if (schema.properties.line) base.line = 3;
    if (schema.properties.scriptPath) base.scriptPath = fixturePath('tools_suite.mock');
    // attach_to_process checks it has somewhere to attach before it looks the session up
    if (tool === 'attach_to_process') base.port = 9;
    for (const [sessionId, why] of badSessions) {
      const named = new RegExp(`^Unknown session "${escape(sessionId.slice(0, 200))}`);
      calls.push({ tool, args: { ...base, sessionId }, why, code: 'unknown_session', says: [named, ...UNKNOWN_SESSION_SAYS] });
    }
  }
  const missingFile = join(fixtureWorkspace(), 'does-not-exist.mock');
  const notFound = (file: string) => [new RegExp(`^File not found: .*${escape(file.length > 100 ? file.slice(0, 100) : file.split('/').pop() ?? file)}`), /Give an absolute path or one relative to the workspace folder /];
  const files: Array<[string, string, RegExp[]]> = [
    [missingFile, 'missing file', notFound(missingFile)],
    [directory, 'directory', [new RegExp(`^${escape(directory)} is not a file\\. Give the path of a source file\\.$`)]],
    [MEGABYTE, '1 MB path', notFound(MEGABYTE)],
    ['nowhere/💥.mock', 'missing relative unicode path', notFound('nowhere/💥.mock')],
  ];
  for (const [file, why, says] of files) {
    calls.push({ tool: 'set_breakpoint', args: { sessionId: ids.paused, file, line: 3 }, why: `set_breakpoint on ${why}`, code: 'file_not_found', says });
    calls.push({ tool: 'get_source_context', args: { sessionId: ids.paused, file, line: 3 }, why: `get_source_context on ${why}`, code: 'file_not_found', says });
  }
  for (const line of [0, -5]) {
    calls.push({ tool: 'set_breakpoint', args: { sessionId: ids.paused, file: fixturePath('tools_suite.mock'), line }, why: `line ${line}`, says: refusesField('set_breakpoint', 'line', /Too small: expected number to be >=1/) });
    calls.push({ tool: 'get_source_context', args: { sessionId: ids.paused, file: fixturePath('tools_suite.mock'), line }, why: `context line ${line}`, says: refusesField('get_source_context', 'line', /Too small: expected number to be >=1/) });
  }
  for (const line of [1e9, 2 ** 31]) {
    const pastTheEnd = (where: string) => [new RegExp(`^Line ${line} is ${where} .*tools_suite\\.mock, which has 14 line\\(s\\)\\. Pick a line between 1 and 14\\.$`)];
    calls.push({ tool: 'set_breakpoint', args: { sessionId: ids.paused, file: fixturePath('tools_suite.mock'), line }, why: `line ${line}`, code: 'bad_line', says: pastTheEnd('past the end of') });
    calls.push({ tool: 'get_source_context', args: { sessionId: ids.paused, file: fixturePath('tools_suite.mock'), line }, why: `context line ${line}`, says: pastTheEnd('outside') });
  }
  calls.push({ tool: 'get_scopes', args: { sessionId: ids.paused, frameId: 999_999 }, why: 'stale frame 999999', code: 'bad_reference', says: [/^No scopes for frameId 999999: /, /Frame ids come from get_stack_trace at the current stop and change after every step\.$/] });
  calls.push({ tool: 'get_scopes', args: { sessionId: ids.paused, frameId: -1 }, why: 'negative frame', says: refusesField('get_scopes', 'frameId', /Too small: expected number to be >=0/) });
  calls.push({ tool: 'get_scopes', args: { sessionId: ids.paused, frameId: 0 }, why: 'frame 0', code: 'bad_reference', says: [/^No scopes for frameId 0: /, /Frame ids come from get_stack_trace/] });
  calls.push({ tool: 'get_variables', args: { sessionId: ids.paused, scope: 987_654 }, why: 'stale reference 987654', code: 'bad_reference', says: [/^No variables for variablesReference 987654: /, /References come from get_scopes, get_variables or evaluate_expression at the current stop/] });
  for (const scope of [-3, 0]) calls.push({ tool: 'get_variables', args: { sessionId: ids.paused, scope }, why: `reference ${scope}`, says: refusesField('get_variables', 'scope', /Too small: expected number to be >=1/) });
  calls.push({ tool: 'evaluate_expression', args: { sessionId: ids.paused, expression: 'x', frameId: 424_242 }, why: 'stale frame for evaluate', code: 'adapter_error', says: [/^Evaluating "x" failed: /, /frameId 424242: frame ids come from get_stack_trace/] });
  calls.push({ tool: 'remove_breakpoint', args: { sessionId: ids.paused, breakpointId: 'no-such-breakpoint' }, why: 'unknown breakpoint', says: [/no-such-breakpoint/, /list_breakpoints/] });
  for (const language of ['cobol-💥', 'x'.repeat(10_000), 'py thon']) {
    calls.push({ tool: 'create_debug_session', args: { language }, why: `unsupported language ${language.slice(0, 12)}`, code: 'unknown_language', says: [new RegExp(`^Unknown language "${escape(language)}"\\. Installed languages: .*mock`), /Call list_supported_languages for details\.$/] });
  }
  calls.push({ tool: 'start_debugging', args: { sessionId: ids.closed, scriptPath: missingFile }, why: 'start a closed session', code: 'unknown_session', says: [new RegExp(`^Unknown session "${ids.closed}"`), ...UNKNOWN_SESSION_SAYS] });
  return calls;
}

/** Tools called in a state they cannot work in: each names the state and the way out of it. */
function wrongStateCalls(ids: { created: string; stopped: string; running: string }): WrongCall[] {
  const needsPaused = ['step_over', 'step_into', 'step_out', 'get_stack_trace', 'get_local_variables'];
  const wayOut: Record<string, RegExp> = {
    created: /Call start_debugging( \(or attach_to_process\))? first\./,
    stopped: /(call restart_debugging or start_debugging to run it again|Call restart_debugging or start_debugging to run it again)\./,
    running: /Wait for a breakpoint, or call pause_execution\./,
  };
  const calls: WrongCall[] = [];
  const inState = (state: string, sessionId: string, tool: string) => [new RegExp(`^Cannot call ${tool}: session ${escape(sessionId)} is ${state}\\b`), wayOut[state]];
  for (const [state, sessionId] of Object.entries(ids)) {
    for (const tool of needsPaused) calls.push({ tool, args: { sessionId }, why: `${tool} while ${state}`, code: 'wrong_state', says: inState(state, sessionId, tool) });
    calls.push({ tool: 'get_scopes', args: { sessionId, frameId: 1 }, why: `get_scopes while ${state}`, code: 'wrong_state', says: inState(state, sessionId, 'get_scopes') });
    calls.push({ tool: 'get_variables', args: { sessionId, scope: 1 }, why: `get_variables while ${state}`, code: 'wrong_state', says: inState(state, sessionId, 'get_variables') });
  }
  for (const [state, sessionId] of [['created', ids.created], ['stopped', ids.stopped]]) {
    calls.push({ tool: 'continue_execution', args: { sessionId }, why: `continue while ${state}`, code: 'wrong_state', says: inState(state, sessionId, 'continue_execution') });
    calls.push({ tool: 'pause_execution', args: { sessionId }, why: `pause while ${state}`, code: 'wrong_state', says: inState(state, sessionId, 'pause_execution') });
    calls.push({ tool: 'evaluate_expression', args: { sessionId, expression: '1 + 1' }, why: `evaluate while ${state}`, code: 'wrong_state', says: inState(state, sessionId, 'evaluate_expression') });
  }
  return calls;
}

/** What is wrong with one answer to a wrong call, or undefined when it fails as it should. */
function answerProblem(wrong: WrongCall, result: { success: boolean; error?: string; code?: unknown }): string | undefined {
  if (result.success !== false) return `answered success ${JSON.stringify(result).slice(0, 300)}`;
  const error = result.error ?? '';
  const unsaid = wrong.says.filter((pattern) => !pattern.test(error));
  if (unsaid.length > 0) return `the error does not say ${unsaid.join(' nor ')}: ${JSON.stringify(error.slice(0, 300))}`;
  if (wrong.code !== undefined && result.code !== wrong.code) return `code ${JSON.stringify(result.code)}, expected ${wrong.code}: ${JSON.stringify(error.slice(0, 200))}`;
  return undefined;
}

/** Every tool as tools/list describes it, with its input fields in schema order. */
async function toolsUnderTest(client: Client): Promise<ToolUnderTest[]> {
  const { tools } = await client.listTools();
  return tools.map((tool) => ({ name: tool.name, fields: Object.keys((tool.inputSchema as JsonSchema).properties ?? {}) }));
}

async function startedMock(client: Client, program: string, breakpointLine?: number): Promise<string> {
  const call = sdkCaller(client);
  const sessionId = (await ok(call, 'create_debug_session', { language: 'mock', name: `bad-input ${program}` })).sessionId as string;
  if (breakpointLine !== undefined) await ok(call, 'set_breakpoint', { sessionId, file: fixturePath(program), line: breakpointLine });
  await ok(call, 'start_debugging', { sessionId, scriptPath: fixturePath(program), timeoutMs: 3000 });
  return sessionId;
}

describe('reliability: 1,000+ wrong calls, each answered clearly, and the server still works', () => {
  let client: Client;
  before(async () => {
    removeAllBreakpoints();
    client = await connectSdkClient('bad-input-generator');
  });
  after(async () => {
    await client.close();
    removeAllBreakpoints();
    await stopAllDebugSessions();
  });

  it('answers every wrong call within 5 s with success:false and what to do', async function () {
    this.timeout(600_000);
    const call = sdkCaller(client);
    const { tools } = await client.listTools();
    const schemas = new Map(tools.map((tool) => [tool.name, tool.inputSchema as JsonSchema]));

    const created = (await ok(call, 'create_debug_session', { language: 'mock', name: 'bad-input created' })).sessionId as string;
    const closed = (await ok(call, 'create_debug_session', { language: 'mock', name: 'bad-input closed' })).sessionId as string;
    await ok(call, 'close_debug_session', { sessionId: closed });
    // VS Code's breakpoints are global, so the one that pauses a session is set after the others run
    const stopped = await startedMock(client, 'tools_suite.mock');
    const running = await startedMock(client, 'endless_loop.mock');
    const paused = await startedMock(client, 'tools_suite.mock', 9);
    assert.equal((await ok(call, 'list_debug_sessions')).success, true);

    const calls = [
      ...[...schemas].flatMap(([tool, schema]) => schemaWrongCalls(tool, schema)),
      ...semanticWrongCalls(schemas, { closed, paused }, mkdtempSync(join(tmpdir(), 'mld-dir-'))),
      ...wrongStateCalls({ created, stopped, running }),
    ];
    const problems: string[] = [];
    const durations: number[] = [];
    for (const wrong of calls) {
      const started = performance.now();
      let result: { success: boolean; error?: string; code?: unknown };
      try {
        result = await Promise.race([
          callTool(client, wrong.tool, wrong.args),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ANSWER_BOUND_MS} ms`)), ANSWER_BOUND_MS)),
        ]);
      } catch (error) {
        problems.push(`${wrong.tool} (${wrong.why}): ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      durations.push(performance.now() - started);
      const problem = answerProblem(wrong, result);
      if (problem) problems.push(`${wrong.tool} (${wrong.why}): ${problem}`);
    }
    for (const problem of problems.slice(0, 40)) report(`  ${problem}`);
    durations.sort((a, b) => a - b);
    report(`bad input: ${calls.length} wrong calls over ${schemas.size} tools; answer p50 ${durations[Math.floor(durations.length / 2)]?.toFixed(1)} ms, max ${durations.at(-1)?.toFixed(1)} ms; problems ${problems.length}`);
    assert.ok(calls.length >= 1000, `only ${calls.length} wrong calls were generated`);
    assert.deepEqual(problems, []);
  });

  it('answers every kind of wrong JSON-RPC envelope on /mcp clearly, never -32603, and the session still answers', async function () {
    this.timeout(120_000);
    const { url, token } = await discovery();
    const tools = await toolsUnderTest(client);
    const setBreakpoint = tools.find((tool) => tool.name === 'set_breakpoint');
    assert.deepEqual(setBreakpoint?.fields, ['sessionId', 'file', 'line', 'lineContent', 'functionName', 'condition', 'hitCondition', 'logMessage']);
    const session = await openRawSession(url, token);
    const cases = wrongEnvelopes(setBreakpoint, tools.map((tool) => tool.name), { guidance: true });
    const problems = await sendWrongEnvelopes(session, cases);
    report(`bad envelopes: ${cases.length} wrong JSON-RPC messages on /mcp; problems ${problems.length}`);
    assert.deepEqual(problems, []);
    assert.deepEqual(await listsTools(session), tools.map((tool) => tool.name));
  });

  it('answers tools/call of every tool with arguments of every JSON type but object with -32602 naming its inputs', async function () {
    this.timeout(120_000);
    const { url, token } = await discovery();
    const tools = await toolsUnderTest(client);
    const session = await openRawSession(url, token);
    const cases = argumentsSweep(tools);
    const problems = await sendWrongEnvelopes(session, cases);
    report(`bad arguments: ${cases.length} tools/call with non-object arguments over ${tools.length} tools; problems ${problems.length}`);
    assert.equal(cases.length, tools.length * NOT_OBJECTS.length);
    assert.deepEqual(problems, []);
    assert.equal((await ok(sdkCaller(client), 'list_supported_languages')).success, true);
  });

  it('answers a debug endpoint POST body of every JSON type but object with 400 naming the tool\'s inputs', async function () {
    this.timeout(120_000);
    const { url } = await discovery();
    const tools = await toolsUnderTest(client);
    const debugToken = (await vscode.commands.executeCommand<StartedEndpointToken>('mcpLiveDebugger.startDebugTokenSession', { replace: true, showToken: false })).value;
    try {
      const problems: string[] = [];
      for (const tool of tools) {
        for (const [value, named] of NOT_OBJECTS) {
          const response = await fetch(url.replace(/\/mcp$/, `/debug/${tool.name}`), { method: 'POST', headers: { authorization: `Token ${debugToken}`, 'content-type': 'application/json' }, body: JSON.stringify(value) });
          const body = (await response.json()) as { error?: string };
          const error = body.error ?? '';
          const says = [new RegExp(`^Invalid input for ${escape(tool.name)}: the body must be a JSON object of inputs, `), named,
            ...(tool.fields.length > 0 ? tool.fields.map((field) => new RegExp(`\\b${escape(field)} \\(`)) : [new RegExp(`${escape(tool.name)} takes no inputs`)])];
          const unsaid = says.filter((pattern) => !pattern.test(error));
          if (response.status !== 400 || unsaid.length > 0) problems.push(`${tool.name} body ${JSON.stringify(value)}: ${response.status} ${JSON.stringify(error.slice(0, 300))} does not say ${unsaid.join(' nor ')}`);
        }
      }
      assert.deepEqual(problems, []);
      const good = await fetch(url.replace(/\/mcp$/, '/debug/list_debug_sessions'), { method: 'POST', headers: { authorization: `Token ${debugToken}`, 'content-type': 'application/json' }, body: '{}' });
      assert.equal(good.status, 200);
      assert.equal(((await good.json()) as { outputs: { success: boolean } }).outputs.success, true);
    } finally {
      await vscode.commands.executeCommand('mcpLiveDebugger.stopDebugTokenSession');
    }
  });

  it('still runs a whole debugging scenario on the same server after wrong calls of every kind', async function () {
    this.timeout(60_000);
    const call = sdkCaller(client);
    // a few wrong calls of each kind first, on this client and raw, so this test stands alone
    const { tools } = await client.listTools();
    const schemas = new Map(tools.map((tool) => [tool.name, tool.inputSchema as JsonSchema]));
    for (const wrong of schemaWrongCalls('set_breakpoint', schemas.get('set_breakpoint') ?? {}).slice(0, 8)) {
      assert.equal(answerProblem(wrong, await callTool(client, wrong.tool, wrong.args)), undefined);
    }
    const { url, token } = await discovery();
    const setBreakpoint = { name: 'set_breakpoint', fields: Object.keys(schemas.get('set_breakpoint')?.properties ?? {}) };
    assert.deepEqual(await sendWrongEnvelopes(await openRawSession(url, token), wrongEnvelopes(setBreakpoint, tools.map((tool) => tool.name), { guidance: true })), []);

    const sessionId = await startedMock(client, 'tools_suite.mock', 9);
    const locals = await ok(call, 'get_local_variables', { sessionId });
    const names = (locals.variables as Array<{ name: string }>).map((variable) => variable.name);
    assert.ok(names.includes('big') && names.includes('items'), `locals at line 9: ${names.join(', ')}`);
    await ok(call, 'step_over', { sessionId });
    const evaluated = await ok(call, 'evaluate_expression', { sessionId, expression: 'x + 1' });
    assert.equal(evaluated.result, '2');
    const ended = await ok(call, 'continue_execution', { sessionId });
    assert.equal(ended.state, 'stopped');
    await ok(call, 'close_debug_session', { sessionId });
    assert.ok((await discovery()).token.length > 0);
  });
});
