import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { z } from 'zod';
import { LoopbackHost } from '../../src/http/loopbackHost';
import { MCP_PATH, McpEndpoint } from '../../src/mcp/mcpEndpoint';
import { defineTool } from '../../src/mcp/toolDefinition';
import { TraceStore } from '../../src/trace/traceStore';

// The soak's leak: the SDK's transport kept every answered POST of a connection (about 8 KB a call).
describe('/mcp releases what the transport held for each answered call', function () {
  // 120 calls over real HTTP: seconds on a loaded machine
  this.timeout(30_000);
  let home: string;
  let host: LoopbackHost;
  let mcp: McpEndpoint;
  let url: string;
  let token: string;
  const opened: { client: Client; transport: StreamableHTTPClientTransport }[] = [];
  let releaseSlow: (() => void) | undefined;
  let slowAborted = false;
  const tools = [
    defineTool({
      name: 'add',
      description: 'Adds two numbers.',
      inputSchema: { a: z.number().describe('first'), b: z.number().describe('second') },
      handler: async ({ a, b }) => ({ success: true, sum: a + b }),
    }),
    defineTool({
      name: 'slow',
      description: 'Answers when the test lets it.',
      inputSchema: {},
      handler: (_input, context) => new Promise((resolve) => {
        slowAborted = false;
        context.signal.addEventListener('abort', () => {
          slowAborted = true;
        });
        releaseSlow = () => resolve({ success: true, waited: true });
      }),
    }),
  ];

  const connect = async (name: string) => {
    const client = new Client({ name, version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
    await client.connect(transport);
    opened.push({ client, transport });
    return { client, transport };
  };

  const waitUntil = async (condition: () => boolean) => {
    for (let tries = 0; tries < 200 && !condition(); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  before(async () => {
    home = mkdtempSync(join(tmpdir(), 'mld-unit-'));
    host = new LoopbackHost({ port: 0, advertisedPath: MCP_PATH, version: '9.9.9', workspaceFolders: () => ['/w'], discoveryHome: home });
    mcp = new McpEndpoint({ identity: { name: 'test', version: '9.9.9' }, token: host.token, store: new TraceStore(), tools: () => tools });
    host.addRoute(mcp);
    const endpoint = await host.start();
    url = endpoint.url;
    token = endpoint.token;
  });

  afterEach(async () => {
    releaseSlow?.();
    releaseSlow = undefined;
    // DELETE ends each connection on the server, so no test sees another's
    for (const { client, transport } of opened.splice(0)) {
      await transport.terminateSession();
      await client.close();
    }
    assert.equal(mcp.connectionCount, 0);
  });

  after(() => {
    mcp.dispose();
    host.dispose();
    rmSync(home, { recursive: true, force: true });
  });

  it('holds nothing once 3 connections made 40 calls each', async () => {
    const connections = await Promise.all(['one', 'two', 'three'].map(connect));
    for (const { client } of connections) {
      for (let call = 0; call < 40; call++) {
        const result = await client.callTool({ name: 'add', arguments: { a: call, b: 1 } });
        assert.deepEqual(result.structuredContent, { success: true, sum: call + 1 });
      }
      await client.listTools();
    }
    assert.equal(mcp.connectionCount, 3);
    assert.equal(mcp.heldAnswerCount, 0);
  });

  it('holds a call while it runs and releases it once answered', async () => {
    const { client } = await connect('waiting');
    const answer = client.callTool({ name: 'slow', arguments: {} });
    await waitUntil(() => releaseSlow !== undefined);
    assert.equal(mcp.heldAnswerCount, 1);
    releaseSlow!();
    assert.deepEqual((await answer).structuredContent, { success: true, waited: true });
    assert.equal(mcp.heldAnswerCount, 0);
  });

  const post = (transport: StreamableHTTPClientTransport, body: unknown, signal?: AbortSignal) => fetch(url, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'Mcp-Session-Id': transport.sessionId!,
      'Mcp-Protocol-Version': transport.protocolVersion!,
    },
    body: JSON.stringify(body),
    signal,
  });

  it('holds a batch until its last answer went out, then releases it', async () => {
    const { transport } = await connect('batch');
    const response = post(transport, [
        { jsonrpc: '2.0', id: 'fast', method: 'tools/call', params: { name: 'add', arguments: { a: 2, b: 3 } } },
        { jsonrpc: '2.0', id: 'late', method: 'tools/call', params: { name: 'slow', arguments: {} } },
    ]);
    await waitUntil(() => releaseSlow !== undefined);
    // the fast call was answered, but the batch's HTTP answer waits for the slow one
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(mcp.heldAnswerCount, 1);
    releaseSlow!();
    const answers = (await (await response).json()) as { id: string; result: { structuredContent: unknown } }[];
    assert.deepEqual(answers.map((answer) => [answer.id, answer.result.structuredContent]), [
      ['fast', { success: true, sum: 5 }],
      ['late', { success: true, waited: true }],
    ]);
    assert.equal(mcp.heldAnswerCount, 0);
  });

  it('releases a call whose client went away before the answer, though the tool still runs', async () => {
    const { transport } = await connect('leaving');
    const leaving = new AbortController();
    const response = post(transport, { jsonrpc: '2.0', id: 'gone', method: 'tools/call', params: { name: 'slow', arguments: {} } }, leaving.signal).then(() => 'answered', (error: unknown) => String(error));
    await waitUntil(() => releaseSlow !== undefined);
    assert.equal(mcp.heldAnswerCount, 1);
    leaving.abort();
    assert.match(await response, /abort/i);
    await waitUntil(() => mcp.heldAnswerCount === 0);
    assert.equal(mcp.heldAnswerCount, 0);
    assert.equal(mcp.connectionCount, 1, 'the connection itself stays: only the call went away');
  });

  it('answers a POST whose request the client cancelled 202, and releases it', async () => {
    const { transport } = await connect('cancelling');
    const call = post(transport, { jsonrpc: '2.0', id: 'cancelled', method: 'tools/call', params: { name: 'slow', arguments: {} } });
    await waitUntil(() => releaseSlow !== undefined);
    assert.equal(mcp.heldAnswerCount, 1);
    const cancel = await post(transport, { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'cancelled', reason: 'the client timed out' } });
    assert.equal(cancel.status, 202);
    const answer = await call;
    assert.deepEqual([answer.status, await answer.text()], [202, '']);
    assert.equal(mcp.heldAnswerCount, 0);
    await waitUntil(() => slowAborted);
    assert.equal(slowAborted, true, 'the tool was told to stop');
  });

  it('answers a session POST as the SDK did: 406 without both Accept types, 400 for a version it does not speak, the session id on a JSON answer', async () => {
    const { transport } = await connect('headers');
    const call = { jsonrpc: '2.0', id: 'h', method: 'tools/call', params: { name: 'add', arguments: { a: 1, b: 1 } } };
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Mcp-Session-Id': transport.sessionId! };
    const noSse = await fetch(url, { method: 'POST', headers: { ...headers, Accept: 'application/json' }, body: JSON.stringify(call) });
    assert.deepEqual([noSse.status, ((await noSse.json()) as { error: { code: number } }).error.code], [406, -32000]);
    const future = await fetch(url, { method: 'POST', headers: { ...headers, Accept: 'application/json, text/event-stream', 'Mcp-Protocol-Version': '1999-01-01' }, body: JSON.stringify(call) });
    assert.equal(future.status, 400);
    assert.match(((await future.json()) as { error: { message: string } }).error.message, /Unsupported protocol version: 1999-01-01/);
    const answered = await post(transport, call);
    assert.deepEqual([answered.status, answered.headers.get('content-type'), answered.headers.get('mcp-session-id')], [200, 'application/json', transport.sessionId]);
    assert.deepEqual(((await answered.json()) as { result: { structuredContent: unknown } }).result.structuredContent, { success: true, sum: 2 });
    const notification = await post(transport, { jsonrpc: '2.0', method: 'notifications/initialized' });
    assert.deepEqual([notification.status, await notification.text()], [202, '']);
    assert.equal(mcp.heldAnswerCount, 0);
  });

  it('answers a call still running when its session ends 404, saying to initialize again, and releases it', async () => {
    const { transport } = await connect('ending');
    const call = post(transport, { jsonrpc: '2.0', id: 'orphan', method: 'tools/call', params: { name: 'slow', arguments: {} } });
    await waitUntil(() => releaseSlow !== undefined);
    assert.equal(mcp.heldAnswerCount, 1);
    // the client's DELETE (which fails unless answered 200)
    await transport.terminateSession();
    const answer = await call;
    const body = (await answer.json()) as { error: { code: number; message: string } };
    assert.deepEqual([answer.status, body.error.code], [404, -32001]);
    assert.match(body.error.message, /session ended before the answer.*initialize/);
    assert.equal(mcp.connectionCount, 0);
  });

  it('releases a call the SDK client gave up on (its request timeout)', async () => {
    const { client } = await connect('timing-out');
    await assert.rejects(client.callTool({ name: 'slow', arguments: {} }, undefined, { timeout: 200 }), /timed out/i);
    await waitUntil(() => mcp.heldAnswerCount === 0);
    assert.equal(mcp.heldAnswerCount, 0);
    // the connection goes on
    assert.deepEqual((await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } })).structuredContent, { success: true, sum: 3 });
  });
});
