import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { z } from 'zod';
import { LoopbackHost } from '../../src/http/loopbackHost';
import { MCP_PATH, McpEndpoint } from '../../src/mcp/mcpEndpoint';
import { defineTool } from '../../src/mcp/toolDefinition';
import { recordChildSpan } from '../../src/trace/spanRecorder';
import { TraceStore } from '../../src/trace/traceStore';

// Two small real tools; the host, the SDK server and the client around them are the real ones.
const tools = [
  defineTool({
    name: 'add',
    description: 'Adds two numbers.',
    inputSchema: { a: z.number().describe('first'), b: z.number().describe('second') },
    handler: async ({ a, b }) => {
      const sum = await recordChildSpan('dap.request', { command: 'evaluate', request: { a, b } }, async () => a + b, (value) => ({ response: value }));
      return { success: true, sum };
    },
  }),
  defineTool({
    name: 'fail',
    description: 'Always fails.',
    inputSchema: {},
    handler: async () => ({ success: false, error: 'It failed; try add instead.' }),
  }),
];

describe('/mcp on the loopback host over real HTTP with the MCP SDK client', () => {
  let home: string;
  let store: TraceStore;
  let host: LoopbackHost;
  let mcp: McpEndpoint;
  let client: Client;

  before(async () => {
    home = mkdtempSync(join(tmpdir(), 'mld-unit-'));
    store = new TraceStore();
    host = new LoopbackHost({ port: 0, advertisedPath: MCP_PATH, version: '9.9.9', workspaceFolders: () => ['/w'], discoveryHome: home });
    mcp = new McpEndpoint({ identity: { name: 'test', version: '9.9.9' }, token: host.token, store, tools: () => tools });
    host.addRoute(mcp);
    const endpoint = await host.start();
    client = new Client({ name: 'unit-client', version: '1.2.3' });
    await client.connect(new StreamableHTTPClientTransport(new URL(endpoint.url), { requestInit: { headers: { Authorization: `Bearer ${endpoint.token}` } } }));
  });

  after(async () => {
    await client.close();
    const file = host.endpoint?.discoveryFile;
    mcp.dispose();
    host.dispose();
    assert.ok(file && !existsSync(file), 'the discovery file is removed on dispose');
    rmSync(home, { recursive: true, force: true });
  });

  it('writes the discovery file with url, token and pid, mode 0600', () => {
    const endpoint = host.endpoint!;
    const info = JSON.parse(readFileSync(endpoint.discoveryFile, 'utf8'));
    assert.equal(info.url, endpoint.url);
    assert.equal(info.token, endpoint.token);
    assert.equal(info.pid, process.pid);
    assert.equal(info.version, '9.9.9');
    assert.equal(statSync(endpoint.discoveryFile).mode & 0o777, 0o600);
  });

  it('lists the tools with JSON schemas from the zod shapes', async () => {
    const { tools: listed } = await client.listTools();
    const add = listed.find((tool) => tool.name === 'add');
    assert.deepEqual(add?.inputSchema.required, ['a', 'b']);
    assert.equal((add?.inputSchema.properties as Record<string, { type: string }>).a.type, 'number');
  });

  it('answers a call and records it with its trace tree', async () => {
    const result = await client.callTool({ name: 'add', arguments: { a: 2, b: 3 } });
    assert.deepEqual(result.structuredContent, { success: true, sum: 5 });
    assert.equal(result.isError, undefined);
    const event = store.query({ tool: 'add' }).at(-1)!;
    assert.equal(event.status, 'ok');
    assert.equal(event.method, 'tools/call');
    assert.ok(event.latencyMs !== undefined && event.latencyMs >= 0);
    assert.equal(event.trace?.name, 'tool.run');
    assert.deepEqual(event.trace?.inputs, { a: 2, b: 3 });
    assert.equal(event.trace?.children[0].command, 'evaluate');
    assert.equal(event.trace?.children[0].response, 5);
    assert.equal(store.getConnection(event.connectionId)?.clientName, 'unit-client');
  });

  it('answers invalid input with success:false naming the field and what to do', async () => {
    const result = await client.callTool({ name: 'add', arguments: { a: 'two', b: 3, c: 1 } });
    assert.equal(result.isError, true);
    assert.equal(result.structuredContent, undefined, 'failures carry no structured content (clients would check it against the output schema)');
    const content = JSON.parse((result.content as Array<{ text: string }>)[0].text) as { success: boolean; error: string };
    assert.equal(content.success, false);
    assert.match(content.error, /^Invalid input for add: /);
    assert.match(content.error, /a: /);
    assert.match(content.error, /call again/);
    assert.equal(store.query({ tool: 'add', status: 'error' }).length, 1);
  });

  it('answers an unknown tool by listing the tools', async () => {
    const result = await client.callTool({ name: 'nope', arguments: {} });
    assert.match((result.content as Array<{ text: string }>)[0].text, /Unknown tool \\"nope\\". Available tools: add, fail/);
  });

  it('records a failing tool as an error with its message', async () => {
    await client.callTool({ name: 'fail', arguments: {} });
    const event = store.query({ tool: 'fail' }).at(-1)!;
    assert.equal(event.status, 'error');
    assert.equal(event.error, 'It failed; try add instead.');
  });

  it('never records the token', () => {
    const text = JSON.stringify(store.export());
    assert.ok(!text.includes(host.token));
  });

  it('refuses plain-text bodies and broken JSON with JSON-RPC errors', async () => {
    const endpoint = host.endpoint!;
    const headers = { authorization: `Bearer ${endpoint.token}`, accept: 'application/json, text/event-stream' };
    const text = await fetch(endpoint.url, { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: '{}' });
    assert.equal(text.status, 415);
    const broken = await fetch(endpoint.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{"jsonrpc":' });
    assert.equal(broken.status, 400);
    assert.equal(((await broken.json()) as { error: { code: number } }).error.code, -32700);
    const unknownSession = await fetch(endpoint.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'mcp-session-id': 'gone' }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' });
    assert.equal(unknownSession.status, 404);
    const emptyBatch = await fetch(endpoint.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '[]' });
    assert.equal(emptyBatch.status, 400);
    const hugeBatch = JSON.stringify(Array.from({ length: 51 }, (_, id) => ({ jsonrpc: '2.0', id, method: 'ping' })));
    const tooMany = await fetch(endpoint.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: hugeBatch });
    assert.equal(tooMany.status, 400);
    assert.match(((await tooMany.json()) as { error: { message: string } }).error.message, /1 to 50 messages; it held 51/);
    const huge = await fetch(endpoint.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: `"${'x'.repeat(5 * 1024 * 1024)}"` });
    assert.equal(huge.status, 413);
  });

  it('ends the recorded session when the client closes', async () => {
    const endpoint = host.endpoint!;
    const second = new Client({ name: 'short-lived', version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL(endpoint.url), { requestInit: { headers: { Authorization: `Bearer ${endpoint.token}` } } });
    await second.connect(transport);
    await transport.terminateSession();
    await second.close();
    const session = store.listConnections().find((candidate) => candidate.clientName === 'short-lived');
    assert.equal(session?.status, 'ended');
    assert.equal(store.query({ connectionId: session!.id }).at(-1)?.method, 'connection_end');
  });
});
