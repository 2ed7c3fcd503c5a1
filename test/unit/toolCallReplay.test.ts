import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { defineTool, type ToolDefinition } from '../../src/mcp/toolDefinition';
import { ToolCallReplayer } from '../../src/mcp/toolCallReplayer';
import { applyToolPolicy } from '../../src/mcp/toolPolicy';
import { CallReplayLink } from '../../src/panel/callReplayLink';
import { REPLAY_CLIENT_NAME, REPLAY_OF_META_KEY } from '../../src/shared/replay';
import type { TraceEvent } from '../../src/shared/trace';
import { ExchangeRecorder } from '../../src/trace/exchangeRecorder';
import { TraceStore } from '../../src/trace/traceStore';

/** A counter tool whose answer changes from call to call, and an evaluate the policy can refuse. */
function fixture(trusted = true, denied: string[] = []) {
  let count = 0;
  const tools = applyToolPolicy([
    defineTool({ name: 'get_local_variables', description: 'x', inputSchema: { sessionId: z.string() }, handler: async (args) => ({ success: true, sessionId: args.sessionId, variables: [{ name: 'count', value: String(++count) }] }) }),
    defineTool({ name: 'evaluate_expression', description: 'x', inputSchema: { expression: z.string(), token: z.string().optional() }, handler: async (args) => ({ success: true, result: args.expression }) }),
  ], { isTrusted: () => trusted, deniedPatterns: () => denied });
  const store = new TraceStore();
  const replayer = new ToolCallReplayer({ store, tools: { debugger: () => tools, 'debug-endpoint': () => tools, 'language-model-tools': () => tools } });
  return { store, tools, link: new CallReplayLink(store, [replayer]) };
}

/** Records one call as our MCP server does: through an ExchangeRecorder, answered by the tool. */
async function recordCall(store: TraceStore, tools: readonly ToolDefinition[], tool: string, args: Record<string, unknown>): Promise<TraceEvent> {
  const recorder = new ExchangeRecorder(store, { id: 'c-agent', source: 'debugger', transport: 'streamable-http' });
  const definition = tools.find((candidate) => candidate.name === tool)!;
  recorder.clientMessage({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: tool, arguments: args } }, 10);
  const result = await definition.handler(args as never, { signal: new AbortController().signal, source: 'debugger' });
  recorder.serverMessage({ jsonrpc: '2.0', id: 4, result: { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result } }, 10);
  return store.query({ tool }).at(-1)!;
}

describe('Replay from the panel (our debugger)', () => {
  it('runs the call again, answers both answers and records it as a new event linked to the original', async () => {
    const { store, tools, link } = fixture();
    const original = await recordCall(store, tools, 'get_local_variables', { sessionId: 's1' });
    const outcome = await link.replay({ eventId: original.id, arguments: { sessionId: 's1' } });
    assert.equal(outcome.ok, true, outcome.message);
    assert.deepEqual(outcome.recordedAnswer, { success: true, sessionId: 's1', variables: [{ name: 'count', value: '1' }] });
    assert.deepEqual(outcome.answer, { success: true, sessionId: 's1', variables: [{ name: 'count', value: '2' }] });
    const replay = store.get(outcome.replayEventId ?? -1);
    assert.equal(replay?.replayOf, original.id);
    assert.equal(replay?.status, 'ok');
    assert.equal(replay?.tool, 'get_local_variables');
    assert.equal(replay?.trace?.name, 'tool.run', 'it ran through runTool, which records its tree');
    const connection = store.getConnection(replay?.connectionId ?? '');
    assert.deepEqual([connection?.source, connection?.clientName, connection?.status], ['debugger', REPLAY_CLIENT_NAME, 'ended']);
    assert.deepEqual((replay?.request as { params: { _meta: Record<string, unknown> } }).params._meta, { [REPLAY_OF_META_KEY]: original.id });
  });

  it('replays a debug endpoint call as a debug endpoint call, from the shape that recorder writes', async () => {
    const { store, link } = fixture();
    const original = store.append({
      timestamp: 5, connectionId: 'dbg-t1', source: 'debug-endpoint', kind: 'request', method: 'tools/call', tool: 'get_local_variables', status: 'ok',
      request: { method: 'tools/call', params: { name: 'get_local_variables', arguments: { sessionId: 's9' } } },
      response: { result: { success: true, sessionId: 's9', variables: [{ name: 'count', value: '0' }] } },
    });
    const outcome = await link.replay({ eventId: original.id, arguments: { sessionId: 's9' } });
    assert.deepEqual(outcome.recordedAnswer, { success: true, sessionId: 's9', variables: [{ name: 'count', value: '0' }] });
    assert.deepEqual(outcome.answer, { success: true, sessionId: 's9', variables: [{ name: 'count', value: '1' }] });
    const replay = store.get(outcome.replayEventId ?? -1);
    assert.deepEqual([replay?.source, replay?.replayOf, store.getConnection(replay?.connectionId ?? '')?.source], ['debug-endpoint', original.id, 'debug-endpoint']);
  });

  it('is refused by tools.deny and by workspace trust as the original path would be, and recorded as denied', async () => {
    for (const { trusted, denied } of [{ trusted: true, denied: ['effect:evaluate'] }, { trusted: false, denied: [] }]) {
      // recorded while allowed, replayed after the setting (or trust) changed
      const { store, link } = fixture(trusted, denied);
      const original = await recordCall(store, fixture().tools, 'evaluate_expression', { expression: '1 + 1' });
      const outcome = await link.replay({ eventId: original.id, arguments: { expression: '1 + 1' } });
      assert.equal(outcome.ok, true);
      assert.equal(outcome.status, 'denied', JSON.stringify(outcome));
      assert.match(outcome.error ?? '', trusted ? /tools\.deny \("effect:evaluate"\)/ : /not trusted/);
      assert.equal((outcome.answer as { denied?: boolean }).denied, true);
      assert.equal(store.get(outcome.replayEventId ?? -1)?.replayOf, original.id);
    }
  });

  it('does not send masked arguments, nor calls it cannot replay', async () => {
    const { store, tools, link } = fixture();
    const original = await recordCall(store, tools, 'evaluate_expression', { expression: 'x', token: 'abc' });
    assert.deepEqual((original.request as { params: { arguments: unknown } }).params.arguments, { expression: 'x', token: '[redacted]' });
    const before = store.size;
    const masked = await link.replay({ eventId: original.id, arguments: { expression: 'x', token: '[redacted]' } });
    assert.equal(masked.ok, false);
    assert.match(masked.message ?? '', /fill in the arguments that were masked when recorded \(token\)/);
    assert.equal(store.size, before, 'nothing was run or recorded');
    const filled = await link.replay({ eventId: original.id, arguments: { expression: 'x', token: 'typed-again' } });
    assert.equal(filled.ok, true);
    const listing = store.append({ timestamp: 1, connectionId: 'c-agent', source: 'debugger', kind: 'request', method: 'tools/list', status: 'ok' });
    assert.match((await link.replay({ eventId: listing.id, arguments: {} })).message ?? '', /Only tools\/call/);
    assert.match((await link.replay({ eventId: 99_999, arguments: {} })).message ?? '', /no longer held/);
    const proxied = store.append({ timestamp: 1, connectionId: 'p-1', source: 'proxy:gone', kind: 'request', method: 'tools/call', tool: 't', status: 'ok', request: { params: { name: 't', arguments: {} } } });
    assert.match((await link.replay({ eventId: proxied.id, arguments: {} })).message ?? '', /nothing serves proxy:gone calls now/);
  });
});
