// Issue 13: the MCP SDK client, over HTTP with the token, sees the server's instructions, its
// prompts and its resources, and is told when a subscribed session resource changes.
import * as assert from 'node:assert/strict';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { ok, removeAllBreakpoints, sdkCaller, stopAllDebugSessions } from './debuggerSupport';
import { connectSdkClient, fixturePath, until } from './support';

describe('agent guidance over HTTP: instructions, prompts, resources', function () {
  this.timeout(90_000);

  after(async () => {
    removeAllBreakpoints();
    await stopAllDebugSessions();
  });

  it('answers initialize with instructions and lists the prompts and the guide', async () => {
    const client = await connectSdkClient('guidance-client');
    try {
      assert.match(client.getInstructions() ?? '', /create_debug_session .*→ set_breakpoint .*→ start_debugging/);
      const { prompts } = await client.listPrompts();
      assert.deepEqual(prompts.map((prompt) => prompt.name), ['debug-failing-test', 'find-where-value-goes-wrong', 'explain-exception']);
      const expanded = await client.getPrompt({ name: 'find-where-value-goes-wrong', arguments: { file: 'swap_vars.py', variable: 'a' } });
      assert.match((expanded.messages[0].content as { text: string }).text, /start_debugging with scriptPath "swap_vars\.py"/);
      const guide = await client.readResource({ uri: 'debug://guide' });
      assert.match((guide.contents[0] as { text: string }).text, /^# Debugging with MCP Live Debugger/);
    } finally {
      await client.close();
    }
  });

  it('serves a live session\'s stop and output, and notifies the subscribed client as they change', async () => {
    const client = await connectSdkClient('guidance-resources-client');
    const call = sdkCaller(client);
    const updated: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
      updated.push(notification.params.uri);
    });
    const program = fixturePath('tools_suite.mock');
    const sessionId = (await ok(call, 'create_debug_session', { language: 'mock', name: 'resources' })).sessionId as string;
    const stopUri = `debug://sessions/${sessionId}/stop`;
    const outputUri = `debug://sessions/${sessionId}/output`;
    try {
      const { resources } = await client.listResources();
      assert.ok(resources.some((resource) => resource.uri === stopUri) && resources.some((resource) => resource.uri === outputUri), JSON.stringify(resources));
      await client.subscribeResource({ uri: stopUri });
      await client.subscribeResource({ uri: outputUri });
      await ok(call, 'set_breakpoint', { sessionId, file: program, line: 11 });
      await ok(call, 'start_debugging', { sessionId, scriptPath: program });
      await until(() => updated.includes(stopUri), Boolean, 'the stop resource is announced as updated');

      const stop = JSON.parse((((await client.readResource({ uri: stopUri })).contents[0]) as { text: string }).text) as Record<string, unknown>;
      assert.equal(stop.reason, 'breakpoint');
      assert.equal((stop.location as { line: number }).line, 11);
      assert.deepEqual((stop.source as { line: number; text: string; current: boolean }[]).find((line) => line.current), { line: 11, text: 'let z = add(x, y)', current: true });
      const locals = new Map((stop.locals as { name: string; value: string }[]).map((local) => [local.name, local.value]));
      assert.deepEqual([locals.get('x'), locals.get('y')], ['1', '2']);

      await ok(call, 'continue_execution', { sessionId });
      await until(() => updated.includes(outputUri), Boolean, 'the output resource is announced as updated');
      const output = ((await client.readResource({ uri: outputUri })).contents[0] as { text: string }).text;
      assert.match(output, /z is 3\n/);
      const ended = JSON.parse((((await client.readResource({ uri: stopUri })).contents[0]) as { text: string }).text) as Record<string, unknown>;
      assert.deepEqual([ended.paused, ended.state], [false, 'stopped']);
    } finally {
      await call('close_debug_session', { sessionId });
      await client.close();
    }
  });
});
