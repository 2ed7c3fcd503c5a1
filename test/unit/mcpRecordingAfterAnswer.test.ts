// The debugger's /mcp endpoint records an exchange once its answer is written, so recording and
// the store's listeners behind it (panel feed, status bar, OTLP export) never sit between a call
// and its answer. This proves the record is still whole, in order, and in the store before the
// client can read the answer, over real HTTP against the real endpoint.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { LoopbackHost } from '../../src/http/loopbackHost';
import { MCP_PATH, McpEndpoint } from '../../src/mcp/mcpEndpoint';
import { defineTool } from '../../src/mcp/toolDefinition';
import type { TraceEvent } from '../../src/shared/trace';
import { recordChildSpan } from '../../src/trace/spanRecorder';
import { TraceStore } from '../../src/trace/traceStore';
import { openRawSession, type RawSession } from '../shared/wrongJsonRpcCalls';

const tools = [
  defineTool({
    name: 'add',
    description: 'Adds two numbers.',
    inputSchema: { a: z.number(), b: z.number() },
    handler: async ({ a, b }) => {
      const sum = await recordChildSpan('dap.request', { command: 'evaluate', request: { a, b } }, async () => a + b, (value) => ({ response: value }));
      return { success: true, sum };
    },
  }),
  defineTool({ name: 'fail', description: 'Always fails.', inputSchema: {}, handler: async () => ({ success: false, error: 'It failed.' }) }),
];

/** What the store held, and whether its listener had run, at the moment each answer was written. */
interface AnswerWritten {
  body: string;
  requestEvents: number;
}

describe('/mcp records each exchange after its answer is written', () => {
  let home: string;
  let store: TraceStore;
  let host: LoopbackHost;
  let mcp: McpEndpoint;
  let session: RawSession;
  const written: AnswerWritten[] = [];
  /** For each event the store appended: was every HTTP answer begun so far already written? */
  const appendedWhileAnswering: number[] = [];
  let answering = 0;

  before(async () => {
    home = mkdtempSync(join(tmpdir(), 'mld-unit-recording-'));
    store = new TraceStore();
    host = new LoopbackHost({ port: 0, advertisedPath: MCP_PATH, version: '1.0.0', workspaceFolders: () => [], discoveryHome: home });
    mcp = new McpEndpoint({ identity: { name: 'test', version: '1.0.0' }, token: host.token, store, tools: () => tools });
    host.addRoute({
      prefix: mcp.prefix,
      handle: (request, response) => {
        answering++;
        const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
        (response as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
          answering--;
          written.push({ body: typeof args[0] === 'string' ? args[0] : '', requestEvents: store.query().filter((event) => event.kind === 'request').length });
          return end(...args);
        };
        return mcp.handle(request, response);
      },
    });
    // the store's listeners stand for the panel feed, the status bar and the OTLP export
    store.onDidAppend((event) => {
      if (event.kind === 'request' && answering > 0) appendedWhileAnswering.push(event.id);
    });
    const endpoint = await host.start();
    session = await openRawSession(endpoint.url, endpoint.token);
    // initialize is answered by the SDK's transport, which writes its answer later: only a
    // session's calls are answered (and recorded after) by our own transport
    appendedWhileAnswering.length = 0;
  });

  after(() => {
    mcp.dispose();
    host.dispose();
    store.dispose();
    rmSync(home, { recursive: true, force: true });
  });

  async function post(body: unknown): Promise<{ text: string; recorded: TraceEvent[] }> {
    const response = await fetch(session.url, { method: 'POST', headers: session.headers, body: JSON.stringify(body) });
    const text = await response.text();
    assert.equal(response.status, 200, text);
    // read at once: the record must be there before the client can have the answer
    return { text, recorded: store.query().filter((event) => event.kind === 'request') };
  }

  it('records a call after its answer was written, whole: bodies, sizes, latency and its trace tree', async () => {
    const before = store.query().filter((event) => event.kind === 'request').length;
    const call = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'add', arguments: { a: 2, b: 3 } } };
    const { text, recorded } = await post(call);

    const answer = written.at(-1)!;
    assert.equal(answer.body, text);
    assert.equal(answer.requestEvents, before, 'the call was not recorded yet when its answer was written');
    assert.equal(recorded.length, before + 1, 'the call was recorded by the time the client had its answer');

    const event = recorded.at(-1)!;
    assert.equal(event.method, 'tools/call');
    assert.equal(event.tool, 'add');
    assert.equal(event.status, 'ok');
    assert.deepEqual(event.request, call);
    assert.deepEqual(event.response, JSON.parse(text));
    assert.equal(event.requestBytes, Buffer.byteLength(JSON.stringify(call)));
    assert.equal(event.responseBytes, Buffer.byteLength(text));
    assert.ok(event.latencyMs !== undefined && event.latencyMs >= 0);
    assert.equal(event.trace?.name, 'tool.run');
    assert.deepEqual(event.trace?.inputs, { a: 2, b: 3 });
    assert.deepEqual(event.trace?.outputs, { success: true, sum: 5 });
    assert.deepEqual(event.trace?.children.map((child) => [child.name, child.command, child.response]), [['dap.request', 'evaluate', 5]]);
    assert.deepEqual(appendedWhileAnswering, [], 'no store listener ran while an answer was still to be written');
  });

  it('records calls, a batch, a failure, a refused call and notifications in the order they happened', async () => {
    const from = store.query().at(-1)!.id;
    await post({ jsonrpc: '2.0', id: 'first', method: 'tools/call', params: { name: 'add', arguments: { a: 1, b: 1 } } });
    await post([
      { jsonrpc: '2.0', id: 'batch-1', method: 'tools/call', params: { name: 'add', arguments: { a: 10, b: 1 } } },
      { jsonrpc: '2.0', id: 'batch-2', method: 'tools/call', params: { name: 'fail', arguments: {} } },
    ]);
    const notified = await fetch(session.url, { method: 'POST', headers: session.headers, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/roots/list_changed' }) });
    assert.equal(notified.status, 202);
    await notified.arrayBuffer();
    // wrong params: refused by our own check before the SDK, answered and recorded the same way
    await post({ jsonrpc: '2.0', id: 'wrong', method: 'tools/call', params: { name: 'add', arguments: 'two' } });
    await post({ jsonrpc: '2.0', id: 'last', method: 'tools/call', params: { name: 'add', arguments: { a: 4, b: 4 } } });

    const events = store.query().filter((event) => event.id > from);
    assert.deepEqual(events.map((event) => [event.kind, event.method, (event.request as { id?: unknown } | undefined)?.id ?? null, event.status]), [
      ['request', 'tools/call', 'first', 'ok'],
      ['request', 'tools/call', 'batch-1', 'ok'],
      ['request', 'tools/call', 'batch-2', 'error'],
      ['notification', 'notifications/roots/list_changed', null, 'ok'],
      ['request', 'tools/call', 'wrong', 'error'],
      ['request', 'tools/call', 'last', 'ok'],
    ]);
    assert.ok(events.every((event, index) => index === 0 || event.id > events[index - 1].id));
    assert.ok(events.every((event, index) => index === 0 || event.timestamp >= events[index - 1].timestamp), 'timestamps in order too');
    assert.deepEqual(events.filter((event) => event.kind === 'request').map((event) => (event.response as { result?: { structuredContent?: { sum?: number } } }).result?.structuredContent?.sum), [2, 11, undefined, undefined, 8]);
    assert.equal(events[4].errorCode, -32602);
    assert.ok(events.filter((event) => event.tool === 'add' && event.status === 'ok').every((event) => event.trace?.children.length === 1), 'each call kept its own trace');
    assert.deepEqual(appendedWhileAnswering, [], 'no store listener ran while an answer was still to be written');
  });
});
