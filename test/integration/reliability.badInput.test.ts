// Issue 7, bad input: at least 1,000 wrong calls across every tool — generated from each tool's
// own JSON schema plus semantic and wrong-state cases — each answered within 5 s with
// success:false and a message saying what to do; afterwards the same server still debugs.
import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
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
}

const MEGABYTE = 'x'.repeat(1024 * 1024);
const UNKNOWN_SESSION = 'no-such-session';
const ANSWER_BOUND_MS = 5000;
/** A failure message that tells the agent what to do names a next step. */
const SAYS_WHAT_TO_DO = /pick|come from|run |restart|read|call|use|check|start|create|set|pass|wait|first|again|list_|must|expected|should|provide|give|choose|try|install|ask|open|invalid|unknown|not found|does not exist|only/i;

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
  const calls: WrongCall[] = [
    { tool, args: { ...base, unexpectedField: 1 }, why: 'extra field' },
    { tool, args: { ...base, constructor: { prototype: {} } }, why: 'extra field named constructor' },
  ];
  if (required.length > 0) calls.push({ tool, args: {}, why: 'all required fields missing' });
  for (const name of required) {
    const { [name]: _omitted, ...rest } = base;
    calls.push({ tool, args: rest, why: `missing ${name}` });
  }
  for (const [name, property] of Object.entries(properties)) {
    for (const [value, why] of wrongValues(property)) calls.push({ tool, args: { ...base, [name]: value }, why: `${name}: ${why}` });
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
    for (const [sessionId, why] of badSessions) calls.push({ tool, args: { ...base, sessionId }, why });
  }
  const missingFile = join(fixtureWorkspace(), 'does-not-exist.mock');
  for (const [file, why] of [[missingFile, 'missing file'], [directory, 'directory'], [MEGABYTE, '1 MB path'], ['nowhere/💥.mock', 'missing relative unicode path']] as const) {
    calls.push({ tool: 'set_breakpoint', args: { sessionId: ids.paused, file, line: 3 }, why: `set_breakpoint on ${why}` });
    calls.push({ tool: 'get_source_context', args: { sessionId: ids.paused, file, line: 3 }, why: `get_source_context on ${why}` });
  }
  for (const line of [0, -5, 1e9, 2 ** 31]) {
    calls.push({ tool: 'set_breakpoint', args: { sessionId: ids.paused, file: fixturePath('tools_suite.mock'), line }, why: `line ${line}` });
    calls.push({ tool: 'get_source_context', args: { sessionId: ids.paused, file: fixturePath('tools_suite.mock'), line }, why: `context line ${line}` });
  }
  for (const frameId of [999_999, -1, 0]) calls.push({ tool: 'get_scopes', args: { sessionId: ids.paused, frameId }, why: `stale frame ${frameId}` });
  for (const scope of [987_654, -3, 0]) calls.push({ tool: 'get_variables', args: { sessionId: ids.paused, scope }, why: `stale reference ${scope}` });
  calls.push({ tool: 'evaluate_expression', args: { sessionId: ids.paused, expression: 'x', frameId: 424_242 }, why: 'stale frame for evaluate' });
  calls.push({ tool: 'remove_breakpoint', args: { sessionId: ids.paused, breakpointId: 'no-such-breakpoint' }, why: 'unknown breakpoint' });
  for (const language of ['cobol-💥', 'x'.repeat(10_000), 'py thon']) calls.push({ tool: 'create_debug_session', args: { language }, why: `unsupported language ${language.slice(0, 12)}` });
  calls.push({ tool: 'start_debugging', args: { sessionId: ids.closed, scriptPath: missingFile }, why: 'start a closed session' });
  return calls;
}

/** Tools called in a state they cannot work in. */
function wrongStateCalls(ids: { created: string; stopped: string; running: string }): WrongCall[] {
  const needsPaused = ['step_over', 'step_into', 'step_out', 'get_stack_trace', 'get_local_variables'];
  const calls: WrongCall[] = [];
  for (const [state, sessionId] of Object.entries(ids)) {
    for (const tool of needsPaused) calls.push({ tool, args: { sessionId }, why: `${tool} while ${state}` });
    calls.push({ tool: 'get_scopes', args: { sessionId, frameId: 1 }, why: `get_scopes while ${state}` });
    calls.push({ tool: 'get_variables', args: { sessionId, scope: 1 }, why: `get_variables while ${state}` });
  }
  for (const [state, sessionId] of [['created', ids.created], ['stopped', ids.stopped]]) {
    calls.push({ tool: 'continue_execution', args: { sessionId }, why: `continue while ${state}` });
    calls.push({ tool: 'pause_execution', args: { sessionId }, why: `pause while ${state}` });
    calls.push({ tool: 'evaluate_expression', args: { sessionId, expression: '1 + 1' }, why: `evaluate while ${state}` });
  }
  return calls;
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
      let result: { success: boolean; error?: string };
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
      if (result.success !== false) problems.push(`${wrong.tool} (${wrong.why}): answered success ${JSON.stringify(result).slice(0, 300)}`);
      else if (!result.error || !SAYS_WHAT_TO_DO.test(result.error)) problems.push(`${wrong.tool} (${wrong.why}): unclear error ${JSON.stringify(result.error)?.slice(0, 300)}`);
    }
    durations.sort((a, b) => a - b);
    report(`bad input: ${calls.length} wrong calls over ${schemas.size} tools; answer p50 ${durations[Math.floor(durations.length / 2)]?.toFixed(1)} ms, max ${durations.at(-1)?.toFixed(1)} ms; problems ${problems.length}`);
    assert.ok(calls.length >= 1000, `only ${calls.length} wrong calls were generated`);
    assert.deepEqual(problems, []);
  });

  it('still runs a whole debugging scenario on the same server afterwards', async function () {
    this.timeout(60_000);
    const call = sdkCaller(client);
    const sessionId = await startedMock(client, 'tools_suite.mock', 9);
    const locals = await ok(call, 'get_local_variables', { sessionId });
    assert.ok(JSON.stringify(locals).includes('"items"'), JSON.stringify(locals).slice(0, 500));
    await ok(call, 'step_over', { sessionId });
    const evaluated = await ok(call, 'evaluate_expression', { sessionId, expression: 'x + 1' });
    assert.equal(evaluated.result, '2');
    const ended = await ok(call, 'continue_execution', { sessionId });
    assert.equal(ended.state, 'stopped');
    await ok(call, 'close_debug_session', { sessionId });
    assert.ok((await discovery()).token.length > 0);
  });
});
