import * as assert from 'node:assert/strict';
import { debuggingGuideTool } from '../../src/mcp/agentGuidance';
import { createMcpServer } from '../../src/mcp/mcpServerFactory';
import { CODE_RUNNING_EFFECTS, effectsOf } from '../../src/mcp/toolEffects';
import { hasToolHints, toolAnnotations } from '../../src/mcp/toolPresentation';
import { createTools } from '../../src/mcp/tools';
import { FakeDebugBridge } from './toolsFakeBridge';
import { connectInMemory } from './inMemoryClient';

/** tools/list, in the order of a debugging session: sessions, breakpoints, running, stepping, inspecting, VS Code. */
const LISTED_ORDER = [
  'create_debug_session', 'list_supported_languages', 'list_debug_sessions', 'close_debug_session',
  'set_breakpoint', 'list_breakpoints', 'remove_breakpoint', 'clear_breakpoints', 'set_exception_breakpoints',
  'list_launch_configurations', 'start_debugging', 'restart_debugging', 'attach_to_process', 'detach_from_process',
  'step_over', 'step_into', 'step_out', 'continue_execution', 'pause_execution', 'run_to_line', 'debug_test',
  'list_threads', 'get_stack_trace', 'get_scopes', 'get_variables', 'get_local_variables', 'evaluate_expression', 'get_source_context', 'get_output',
  'expose_session', 'unexpose_session', 'redefine_classes',
];

describe('tools/list: titles, complete annotations, a fixed order', function () {
  // the first tools/list turns 28 zod shapes into JSON schemas: slow on a loaded machine
  this.timeout(10_000);
  const tools = createTools(new FakeDebugBridge());

  async function listTools() {
    const server = createMcpServer({ identity: { name: 't', version: '1' }, tools: () => tools, source: 'debugger' });
    const client = await connectInMemory(server);
    try {
      return (await client.listTools()).tools;
    } finally {
      await client.close();
    }
  }

  it('lists the tools in the order of a debugging session, the same on every call', async () => {
    assert.deepEqual((await listTools()).map((tool) => tool.name), LISTED_ORDER);
    assert.deepEqual((await listTools()).map((tool) => tool.name), LISTED_ORDER);
  });

  it('gives every tool a title and all four hints, none of them open-world', async () => {
    for (const tool of await listTools()) {
      assert.match(tool.title ?? '', /^[A-Z][a-z]+( [A-Z][a-z]+)+$/, tool.name);
      const { readOnlyHint, destructiveHint, idempotentHint, openWorldHint } = tool.annotations ?? {};
      assert.deepEqual([typeof readOnlyHint, typeof destructiveHint, typeof idempotentHint], ['boolean', 'boolean', 'boolean'], tool.name);
      assert.equal(openWorldHint, false, tool.name);
    }
    assert.equal((await listTools()).find((tool) => tool.name === 'step_over')?.title, 'Step Over');
  });

  it('states hints that agree with what each call does: reading tools only inspect, code-running ones are destructive', () => {
    for (const tool of [...tools, debuggingGuideTool]) {
      assert.ok(hasToolHints(tool.name), `${tool.name} has an entry in the hints table`);
      const hints = toolAnnotations(tool);
      const effects = effectsOf(tool.name, {}) ?? [];
      assert.equal(hints.readOnlyHint, effects.every((effect) => effect === 'inspect'), `${tool.name}: read-only exactly when it only inspects (${effects.join(', ')})`);
      if (hints.readOnlyHint) assert.equal(hints.destructiveHint, false, tool.name);
      if (effects.some((effect) => CODE_RUNNING_EFFECTS.has(effect) && effect !== 'attach')) assert.equal(hints.destructiveHint, true, `${tool.name} runs code an agent chose`);
      for (const [hint, value] of Object.entries(tool.annotations ?? {})) {
        assert.equal(hints[hint as keyof typeof hints], value, `${tool.name}: the definition's own ${hint} agrees with the table`);
      }
    }
  });
});
