// Issue 7, load and data: 20 concurrent MCP clients × 100 calls against one paused mock session —
// all answered, and the event log holds exactly one tools/call event per call.
import * as assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ok, removeAllBreakpoints, sdkCaller, stopAllDebugSessions } from './debuggerSupport';
import { activateExtension, callTool, connectSdkClient, fixturePath, report } from './support';

const CLIENTS = 20;
const CALLS_PER_CLIENT = 100;

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

describe('reliability: 20 concurrent clients × 100 calls', () => {
  after(async () => {
    removeAllBreakpoints();
    await stopAllDebugSessions();
  });

  it('answers every call and records each exactly once', async function () {
    this.timeout(300_000);
    const api = await activateExtension();
    removeAllBreakpoints();
    const owner = await connectSdkClient('load-owner');
    const call = sdkCaller(owner);
    const program = fixturePath('tools_suite.mock');
    const sessionId = (await ok(call, 'create_debug_session', { language: 'mock', name: 'load' })).sessionId as string;
    await ok(call, 'set_breakpoint', { sessionId, file: program, line: 9 });
    await ok(call, 'start_debugging', { sessionId, scriptPath: program });
    const frameId = ((await ok(call, 'get_stack_trace', { sessionId })).stackFrames as Array<{ id: number }>)[0].id;

    const mix: Array<[string, Record<string, unknown>]> = [
      ['get_stack_trace', { sessionId }],
      ['get_local_variables', { sessionId }],
      ['evaluate_expression', { sessionId, expression: '2 + 3' }],
      ['get_scopes', { sessionId, frameId }],
      ['list_debug_sessions', {}],
      ['list_threads', { sessionId }],
      ['get_source_context', { sessionId, file: program, line: 9 }],
      ['list_breakpoints', { sessionId }],
      ['step_over', { sessionId: 'no-such-session' }],
    ];
    const clients: Client[] = [];
    for (let index = 0; index < CLIENTS; index++) clients.push(await connectSdkClient(`load-client-${index}`));
    const latencies: number[] = [];
    const failures: string[] = [];
    const started = performance.now();
    await Promise.all(clients.map(async (client, clientIndex) => {
      for (let callIndex = 0; callIndex < CALLS_PER_CLIENT; callIndex++) {
        const [tool, args] = mix[(clientIndex + callIndex) % mix.length];
        const begun = performance.now();
        const result = await callTool(client, tool, args);
        latencies.push(performance.now() - begun);
        const expectSuccess = args.sessionId !== 'no-such-session';
        if (result.success !== expectSuccess) failures.push(`${tool}: ${JSON.stringify(result).slice(0, 200)}`);
      }
    }));
    const wallMs = performance.now() - started;
    await Promise.all(clients.map((client) => client.close()));
    await ok(call, 'close_debug_session', { sessionId });
    await owner.close();

    latencies.sort((a, b) => a - b);
    const total = CLIENTS * CALLS_PER_CLIENT;
    report(`load: ${total} calls from ${CLIENTS} clients in ${(wallMs / 1000).toFixed(1)} s (${Math.round(total / (wallMs / 1000))} calls/s); p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`);
    assert.equal(latencies.length, total, 'every call was answered');
    assert.deepEqual(failures, []);

    const sessions = new Map(api.traceStore.listConnections().map((session) => [session.id, session.clientName]));
    const perClient = new Map<string, number>();
    const seenRequestIds = new Set<string>();
    for (const event of api.traceStore.query()) {
      const clientName = sessions.get(event.connectionId);
      if (event.method !== 'tools/call' || !clientName?.startsWith('load-client-')) continue;
      perClient.set(clientName, (perClient.get(clientName) ?? 0) + 1);
      const requestId = `${event.connectionId}:${String((event.request as { id?: unknown }).id)}`;
      assert.ok(!seenRequestIds.has(requestId), `request ${requestId} is recorded twice`);
      seenRequestIds.add(requestId);
    }
    assert.equal(perClient.size, CLIENTS, 'each client has its own recorded session');
    for (const [clientName, count] of perClient) assert.equal(count, CALLS_PER_CLIENT, `${clientName} has ${count} recorded calls`);
    report(`load: event log holds ${seenRequestIds.size} tools/call events for ${total} calls, none doubled`);
  });
});
