// Every tool's answers, success and failure, against the output schema tools/list shows for it:
// success as the structured content the MCP SDK client checks, failure as the JSON its text holds.
import * as assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type { JsonSchemaType } from '@modelcontextprotocol/sdk/validation/types.js';
import { debuggingGuideTool } from '../../src/mcp/agentGuidance';
import { createMcpServer } from '../../src/mcp/mcpServerFactory';
import type { ToolDefinition } from '../../src/mcp/toolDefinition';
import { applyToolPolicy } from '../../src/mcp/toolPolicy';
import { createTools } from '../../src/mcp/tools';
import { FakeDebugBridge } from './toolsFakeBridge';
import { connectInMemory } from './inMemoryClient';

type Input = Record<string, unknown>;

/** For each tool, the calls that succeed against the fake bridge; `setup` prepares the session the call names. */
interface SuccessCase {
  tool: string;
  input: (sessionId: string) => Input;
  state?: 'created' | 'paused' | 'running';
  setup?: (bridge: FakeDebugBridge, sessionId: string) => void;
}

const A = '/w/a.py';
const SUCCESSES: SuccessCase[] = [
  { tool: 'create_debug_session', input: () => ({ language: 'python', name: 'demo' }) },
  { tool: 'create_debug_session', input: () => ({ language: 'python', port: 5678 }) },
  { tool: 'get_variables', input: (id) => ({ sessionId: id, scope: 100, start: 0, names: ['x', 'y'], maxValueChars: 16 }), setup: (bridge) => { bridge.variableMap.set(100, [{ name: 'x', value: 'x'.repeat(40), type: 'str', variablesReference: 0 }]); } },
  { tool: 'get_local_variables', input: (id) => ({ sessionId: id, allFrames: true, names: ['x'] }) },
  { tool: 'get_stack_trace', input: (id) => ({ sessionId: id, includeInternals: true }) },
  { tool: 'list_supported_languages', input: () => ({}) },
  { tool: 'list_debug_sessions', input: () => ({}) },
  { tool: 'close_debug_session', input: (id) => ({ sessionId: id }) },
  { tool: 'set_breakpoint', input: (id) => ({ sessionId: id, file: A, line: 1 }) },
  { tool: 'set_breakpoint', input: (id) => ({ sessionId: id, file: A, lineContent: 'x = 1' }) },
  { tool: 'set_breakpoint', input: (id) => ({ sessionId: id, file: A, functionName: 'f' }) },
  { tool: 'list_breakpoints', input: (id) => ({ sessionId: id }) },
  {
    tool: 'remove_breakpoint', input: (id) => ({ sessionId: id, breakpointId: 'bp1' }),
    setup: (bridge) => { bridge.removeBreakpoints = async () => [{ id: 'bp1', file: A, line: 2, requestedLine: 2, verified: true, enabled: true }]; },
  },
  { tool: 'clear_breakpoints', input: (id) => ({ sessionId: id }) },
  { tool: 'set_exception_breakpoints', input: (id) => ({ sessionId: id, filters: ['uncaught'] }), setup: (bridge) => { bridge.features = { exceptionFilters: [{ id: 'uncaught', label: 'Uncaught' }] } as FakeDebugBridge['features']; } },
  { tool: 'list_launch_configurations', input: () => ({}) },
  { tool: 'start_debugging', state: 'created', input: (id) => ({ sessionId: id, scriptPath: A, dapLaunchArgs: { stopOnEntry: true } }) },
  { tool: 'start_debugging', state: 'created', input: (id) => ({ sessionId: id, scriptPath: A, dryRunSpawn: true }) },
  { tool: 'start_debugging', state: 'created', input: (id) => ({ sessionId: id, configurationName: 'Run app' }) },
  { tool: 'restart_debugging', input: (id) => ({ sessionId: id }) },
  { tool: 'attach_to_process', state: 'created', input: (id) => ({ sessionId: id, port: 5678 }) },
  { tool: 'detach_from_process', input: (id) => ({ sessionId: id }) },
  { tool: 'step_over', input: (id) => ({ sessionId: id }) },
  { tool: 'step_into', input: (id) => ({ sessionId: id }), setup: (bridge) => { bridge.stepOutcome = { state: 'running', pending: true }; } },
  { tool: 'step_out', input: (id) => ({ sessionId: id }), setup: (bridge) => { bridge.stepOutcome = { state: 'stopped', exitCode: 1, lastOutput: ['Traceback (most recent call last):', 'ValueError: bad'] }; } },
  {
    tool: 'continue_execution', input: (id) => ({ sessionId: id }),
    setup: (bridge) => { bridge.stepOutcome = { state: 'paused', reason: 'exception', threadId: 1, location: { file: A, line: 2, column: 1, function: 'f' }, exception: { id: 'ValueError', message: 'bad' } } as FakeDebugBridge['stepOutcome']; },
  },
  { tool: 'continue_execution', input: (id) => ({ sessionId: id, waitForStop: false }) },
  { tool: 'pause_execution', state: 'running', input: (id) => ({ sessionId: id }) },
  { tool: 'pause_execution', input: (id) => ({ sessionId: id }) },
  { tool: 'run_to_line', input: (id) => ({ sessionId: id, file: A, line: 2 }) },
  { tool: 'list_threads', input: (id) => ({ sessionId: id }) },
  { tool: 'get_stack_trace', input: (id) => ({ sessionId: id }) },
  { tool: 'get_scopes', input: (id) => ({ sessionId: id, frameId: 11 }) },
  { tool: 'get_variables', input: (id) => ({ sessionId: id, scope: 100 }) },
  { tool: 'get_local_variables', input: (id) => ({ sessionId: id }) },
  { tool: 'evaluate_expression', input: (id) => ({ sessionId: id, expression: 'x + 2' }) },
  { tool: 'get_source_context', input: (id) => ({ sessionId: id, file: A, line: 2 }) },
  { tool: 'get_output', input: (id) => ({ sessionId: id, limit: 2 }) },
  { tool: 'expose_session', input: (id) => ({ sessionId: id }), setup: (bridge, id) => { bridge.sessions.get(id)!.vscodeSessionId = 'vs-1'; } },
  { tool: 'unexpose_session', input: (id) => ({ sessionId: id }) },
  {
    tool: 'redefine_classes', input: (id) => ({ sessionId: id, classesDir: '/w/classes' }),
    setup: (bridge) => { bridge.redefineClasses = async () => ({ classesDir: '/w/classes', sinceTimestamp: 0, changedClassFiles: ['/w/classes/A.class'], scannedFiles: 3, newestTimestamp: 5, asked: true, command: 'java.debug.hotCodeReplace' }); },
  },
  { tool: 'debug_test', state: 'created', input: (id) => ({ sessionId: id, file: '/w/test_a.py' }) },
  { tool: 'get_debugging_guide', input: () => ({}) },
];

describe('output schemas: every tool\'s success and failure answers satisfy the schema tools/list shows', function () {
  this.timeout(10_000);
  const validator = new AjvJsonSchemaValidator();
  let bridge: FakeDebugBridge;
  let client: Client;
  let close: () => Promise<void>;
  let schemas: Map<string, Tool['outputSchema']>;
  let denyAll = false;

  const connect = async (definitions: ToolDefinition[]) => {
    const server = createMcpServer({ identity: { name: 't', version: '1' }, tools: () => definitions, source: 'debugger' });
    client = await connectInMemory(server);
    close = async () => { await client.close(); await server.close(); };
    // listing makes the SDK client check every later answer's structured content against the schema itself
    const listed = await client.listTools();
    schemas = new Map(listed.tools.map((tool) => [tool.name, tool.outputSchema]));
  };

  const violations = (tool: string, answer: unknown): string | undefined => {
    const schema = schemas.get(tool);
    assert.ok(schema, `${tool} has an output schema`);
    const checked = validator.getValidator(schema as JsonSchemaType)(answer);
    if (!checked.valid) return checked.errorMessage;
    // every field an answer carries is one the schema describes, so a client reading it learns them all
    const described = Object.keys((schema.properties ?? {}) as Record<string, unknown>);
    const undescribed = Object.keys(answer as Record<string, unknown>).filter((field) => !described.includes(field));
    return undescribed.length > 0 ? `undescribed fields: ${undescribed.join(', ')}` : undefined;
  };

  const session = (state: 'created' | 'paused' | 'running'): string => {
    const id = bridge.createSession({ language: 'python' }).id;
    if (state !== 'created') bridge.setState(id, state, state === 'paused' ? 'breakpoint' : undefined);
    return id;
  };

  beforeEach(async () => {
    bridge = new FakeDebugBridge();
    bridge.sources.set(A, ['def f():', '    x = 1', '    return x', '', 'f()']);
    bridge.variableMap.set(100, [{ name: 'x', value: '1', type: 'int', variablesReference: 0, evaluateName: 'x' }, { name: '__name__', value: "'__main__'", type: 'str', variablesReference: 0 }]);
    denyAll = false;
    const tools = applyToolPolicy([...createTools(bridge), debuggingGuideTool], { isTrusted: () => true, deniedPatterns: () => (denyAll ? ['*'] : []) });
    await connect(tools);
  });

  afterEach(async () => close());

  it('declares an output schema on every tool, with success required and the failure fields described', () => {
    assert.equal(schemas.size, 33);
    for (const [tool, schema] of schemas) {
      assert.ok(schema, `${tool} has an output schema`);
      assert.deepEqual(schema.required, ['success'], tool);
      const properties = schema.properties as Record<string, { type?: string }>;
      for (const field of ['success', 'error', 'code', 'state', 'denied']) assert.ok(properties[field], `${tool} describes ${field}`);
    }
  });

  it('covers every tool with at least one successful call', () => {
    assert.deepEqual([...new Set(SUCCESSES.map((call) => call.tool))].sort(), [...schemas.keys()].sort());
  });

  for (const [index, call] of SUCCESSES.entries()) {
    it(`${call.tool} #${index}: a success is structured content the schema accepts`, async () => {
      const id = session(call.state ?? 'paused');
      call.setup?.(bridge, id);
      // the SDK client throws when structured content does not fit the tool's output schema
      const result = (await client.callTool({ name: call.tool, arguments: call.input(id) })) as CallToolResult;
      assert.equal(result.isError, undefined, JSON.stringify(result.content));
      assert.equal((result.structuredContent as { success?: unknown }).success, true);
      assert.equal(violations(call.tool, result.structuredContent), undefined);
    });
  }

  /** The failures every tool can give: input the schema refuses, an unknown session, a refusal by policy. */
  const failuresOf = async (tool: string): Promise<Array<{ why: string; answer: Record<string, unknown> }>> => {
    const failed = async (why: string, input: Input) => {
      const result = (await client.callTool({ name: tool, arguments: input })) as CallToolResult;
      assert.equal(result.isError, true, `${tool} ${why} fails`);
      assert.equal(result.structuredContent, undefined);
      const text = (result.content as Array<{ type: string; text: string }>)[0].text;
      return { why, answer: JSON.parse(text) as Record<string, unknown> };
    };
    const answers = [await failed('unexpected field', { notAField: 1 })];
    const takesSession = (schemas.get(tool)?.properties as Record<string, unknown>) && SUCCESSES.find((call) => call.tool === tool)?.input('x').sessionId !== undefined;
    if (takesSession) {
      const input = { ...SUCCESSES.find((call) => call.tool === tool)!.input('nope') };
      const unknown = await failed('unknown session', input);
      assert.equal(unknown.answer.code, 'unknown_session');
      answers.push(unknown);
    }
    denyAll = true;
    const denied = await failed('denied by tools.deny', SUCCESSES.find((call) => call.tool === tool)!.input(session('paused')));
    assert.equal(denied.answer.denied, true);
    answers.push(denied);
    return answers;
  };

  for (const tool of [...new Set(SUCCESSES.map((call) => call.tool))]) {
    it(`${tool}: every failure (bad input, unknown session, denied) is an answer the schema accepts`, async () => {
      for (const { why, answer } of await failuresOf(tool)) {
        assert.equal(answer.success, false, `${tool} ${why}`);
        assert.equal(violations(tool, answer), undefined, `${tool} ${why}: ${JSON.stringify(answer)}`);
      }
    });
  }

  it('failures particular to tools fit too: wrong state with the session\'s state, a dry run that would fail with its data, no breakpoint found', async () => {
    const created = session('created');
    const wrongState = JSON.parse(((await client.callTool({ name: 'step_over', arguments: { sessionId: created } })).content as Array<{ text: string }>)[0].text) as Record<string, unknown>;
    assert.equal(wrongState.code, 'wrong_state');
    assert.equal(wrongState.state, 'created');
    assert.equal(violations('step_over', wrongState), undefined);
    bridge.planLaunch = async () => ({ configuration: { type: 'debugpy' }, missing: ['python3 was not found'], notChecked: [] });
    const dryRun = JSON.parse(((await client.callTool({ name: 'start_debugging', arguments: { sessionId: created, scriptPath: A, dryRunSpawn: true } })).content as Array<{ text: string }>)[0].text) as Record<string, unknown>;
    assert.equal(dryRun.success, false);
    assert.ok(dryRun.data);
    assert.equal(violations('start_debugging', dryRun), undefined);
    const none = JSON.parse(((await client.callTool({ name: 'remove_breakpoint', arguments: { sessionId: session('paused'), breakpointId: 'bp9' } })).content as Array<{ text: string }>)[0].text) as Record<string, unknown>;
    assert.match(String(none.error), /No breakpoint found with id bp9/);
    assert.equal(violations('remove_breakpoint', none), undefined);
  });

  it('the schema refuses answers that break it: a success without its required fields, a failure without error', () => {
    assert.match(String(violations('list_debug_sessions', { success: true })), /sessions/);
    assert.match(String(violations('step_over', { success: false })), /error/);
    assert.match(String(violations('step_over', { success: true, state: 3 })), /state/);
  });
});
