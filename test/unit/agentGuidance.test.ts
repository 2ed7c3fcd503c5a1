import * as assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ResourceUpdatedNotificationSchema, type ResourceUpdatedNotification } from '@modelcontextprotocol/sdk/types.js';
import { DEBUGGING_GUIDE, GUIDE_URI, serverInstructions } from '../../src/mcp/agentGuidance';
import { createMcpServer } from '../../src/mcp/mcpServerFactory';
import { SessionResources } from '../../src/mcp/sessionResources';
import { createTools } from '../../src/mcp/tools';
import { FakeDebugBridge } from './toolsFakeBridge';
import { connectInMemory } from './inMemoryClient';

describe('agent guidance over the MCP SDK (in-memory transport)', () => {
  let bridge: FakeDebugBridge;
  let client: Client;

  beforeEach(async () => {
    bridge = new FakeDebugBridge();
    bridge.sources.set('/w/a.py', ['def f():', '    x = 1', '    return x', '', 'f()']);
    bridge.variableMap.set(100, [
      { name: 'x', value: '1', type: 'int', variablesReference: 0 },
      { name: '__builtins__', value: '{...}', variablesReference: 7 },
    ]);
    const tools = createTools(bridge);
    const server = createMcpServer({
      identity: { name: 't', version: '1' },
      tools: () => tools,
      source: 'debugger',
      instructions: serverInstructions(tools.map((tool) => tool.name)),
      guidance: { resources: new SessionResources(bridge) },
    });
    client = await connectInMemory(server);
  });

  afterEach(async () => {
    await client.close();
  });

  it('says in the instructions how to debug, naming debug_test only where the server has it', () => {
    const instructions = client.getInstructions() ?? '';
    assert.match(instructions, /create_debug_session .*→ set_breakpoint .*→ start_debugging .*→ inspect .*→ step_over .*→ close_debug_session/);
    assert.match(instructions, /success: true or false/);
    // the server has debug_test since issue 10; a server without it does not name it
    assert.match(instructions, /start_debugging \(or debug_test for one test\)/);
    assert.doesNotMatch(serverInstructions(['start_debugging']), /debug_test/);
    assert.match(serverInstructions(['start_debugging', 'debug_test']), /start_debugging \(or debug_test for one test\)/);
    assert.deepEqual(client.getServerCapabilities()?.resources, { subscribe: true, listChanged: true });
  });

  it('lists the three prompts with their arguments and expands them into steps with the tools', async () => {
    const { prompts } = await client.listPrompts();
    assert.deepEqual(prompts.map((prompt) => [prompt.name, prompt.arguments?.map((argument) => `${argument.name}${argument.required ? '' : '?'}`)]), [
      ['debug-failing-test', ['testFile', 'testName']],
      ['find-where-value-goes-wrong', ['file', 'variable']],
      ['explain-exception', ['file?']],
    ]);
    const failing = await client.getPrompt({ name: 'debug-failing-test', arguments: { testFile: 'tests/test_swap.py', testName: 'test_swap' } });
    const text = (failing.messages[0].content as { text: string }).text;
    assert.equal(failing.messages[0].role, 'user');
    assert.match(text, /The test "test_swap" in tests\/test_swap\.py fails/);
    assert.match(text, /set_breakpoint .*start_debugging with scriptPath "tests\/test_swap\.py"/s);
    const value = await client.getPrompt({ name: 'find-where-value-goes-wrong', arguments: { file: 'swap.py', variable: 'b' } });
    assert.match((value.messages[0].content as { text: string }).text, /get_local_variables with names \["b"\]/);
    const exception = await client.getPrompt({ name: 'explain-exception', arguments: {} });
    assert.match((exception.messages[0].content as { text: string }).text, /reason "exception".*get_stack_trace/s);
    await assert.rejects(client.getPrompt({ name: 'debug-failing-test', arguments: { testFile: 'x.py' } }), /needs the argument testName/);
    await assert.rejects(client.getPrompt({ name: 'nope' }), /Unknown prompt "nope"/);
  });

  it('serves the guide, and each live session\'s output and stop, as resources', async () => {
    const created = bridge.createSession({ language: 'python', name: 'demo' });
    const { resources } = await client.listResources();
    assert.deepEqual(resources.map((resource) => resource.uri), [GUIDE_URI, `debug://sessions/${created.id}/output`, `debug://sessions/${created.id}/stop`]);
    const { resourceTemplates } = await client.listResourceTemplates();
    assert.deepEqual(resourceTemplates.map((template) => template.uriTemplate), ['debug://sessions/{sessionId}/output', 'debug://sessions/{sessionId}/stop']);

    const guide = await client.readResource({ uri: GUIDE_URI });
    assert.equal((guide.contents[0] as { text: string }).text, DEBUGGING_GUIDE);
    const output = await client.readResource({ uri: `debug://sessions/${created.id}/output` });
    assert.equal((output.contents[0] as { text: string }).text, 'line 1\nline 2\nline 3\nline 4\nline 5\n');

    const notPaused = JSON.parse(((await client.readResource({ uri: `debug://sessions/${created.id}/stop` })).contents[0] as { text: string }).text);
    assert.deepEqual(notPaused, { sessionId: created.id, state: 'created', paused: false, message: 'The session is created, not paused.' });
    bridge.setState(created.id, 'paused', 'breakpoint');
    const stop = JSON.parse(((await client.readResource({ uri: `debug://sessions/${created.id}/stop` })).contents[0] as { text: string }).text);
    assert.equal(stop.reason, 'breakpoint');
    assert.deepEqual(stop.location, { file: '/w/a.py', line: 2, column: 1, function: 'f' });
    assert.deepEqual(stop.source.find((line: { current: boolean }) => line.current), { line: 2, text: '    x = 1', current: true });
    assert.deepEqual(stop.locals, [{ name: 'x', value: '1', type: 'int' }], 'runtime internals are left out');

    await assert.rejects(client.readResource({ uri: 'debug://sessions/missing/stop' }), /No debug session missing/);
  });

  it('notifies a subscribed client when a session\'s output or stop changes, and stops after unsubscribe', async () => {
    const created = bridge.createSession({ language: 'python' });
    const updates: ResourceUpdatedNotification['params'][] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
      updates.push(notification.params);
    });
    const outputUri = `debug://sessions/${created.id}/output`;
    const stopUri = `debug://sessions/${created.id}/stop`;
    await client.subscribeResource({ uri: outputUri });
    await client.subscribeResource({ uri: stopUri });
    bridge.appendOutput(created.id, 'more\n');
    bridge.appendOutput(created.id, 'and more\n');
    bridge.setState(created.id, 'paused', 'breakpoint');
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.deepEqual(updates.map((update) => update.uri).sort(), [outputUri, stopUri], 'two output lines make one notification');

    await client.unsubscribeResource({ uri: outputUri });
    updates.length = 0;
    bridge.appendOutput(created.id, 'unseen\n');
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.deepEqual(updates, []);
    const output = await client.readResource({ uri: outputUri });
    assert.match((output.contents[0] as { text: string }).text, /more\nand more\nunseen\n$/);
  });
});
