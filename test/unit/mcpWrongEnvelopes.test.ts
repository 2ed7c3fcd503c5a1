// Every kind of wrong JSON-RPC call over real HTTP to the real /mcp endpoint (SDK server and transport):
// none answers -32603 Internal error, each answers a message that names what is wrong and what to
// send, and the same session answers a good call afterwards.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallToolResultSchema, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { LoopbackHost } from '../../src/http/loopbackHost';
import { MCP_PATH, McpEndpoint } from '../../src/mcp/mcpEndpoint';
import { createMcpServer } from '../../src/mcp/mcpServerFactory';
import { SessionResources } from '../../src/mcp/sessionResources';
import { defineTool } from '../../src/mcp/toolDefinition';
import { TraceStore } from '../../src/trace/traceStore';
import { argumentsSweep, listsTools, openRawSession, sendWrongEnvelopes, wrongEnvelopes, type RawSession } from '../shared/wrongJsonRpcCalls';
import { FakeDebugBridge } from './toolsFakeBridge';
import { connectInMemory } from './inMemoryClient';

const tools = [
  defineTool({
    name: 'add',
    description: 'Adds two numbers.',
    inputSchema: { a: z.number().int(), b: z.number().optional(), mode: z.enum(['exact', 'rounded']).optional() },
    handler: async ({ a, b }) => ({ success: true, sum: a + (b ?? 0) }),
  }),
  defineTool({ name: 'noop', description: 'Does nothing.', inputSchema: {}, handler: async () => ({ success: true }) }),
];

describe('wrong JSON-RPC envelopes over HTTP to /mcp', function () {
  // some 60 HTTP exchanges each: seconds on a loaded machine
  this.timeout(30_000);
  let home: string;
  let host: LoopbackHost;
  let mcp: McpEndpoint;
  let guided: { host: LoopbackHost; mcp: McpEndpoint };
  let session: RawSession;
  let guidedSession: RawSession;

  before(async () => {
    home = mkdtempSync(join(tmpdir(), 'mld-unit-envelopes-'));
    host = new LoopbackHost({ port: 0, advertisedPath: MCP_PATH, version: '1.0.0', workspaceFolders: () => ['/w'], discoveryHome: home });
    mcp = new McpEndpoint({ identity: { name: 'test', version: '1.0.0' }, token: host.token, store: new TraceStore(), tools: () => tools });
    host.addRoute(mcp);
    const endpoint = await host.start();
    session = await openRawSession(endpoint.url, endpoint.token);
    // a second server that also answers prompts and resources, as the extension's /mcp does
    const guidedHost = new LoopbackHost({ port: 0, advertisedPath: MCP_PATH, version: '1.0.0', workspaceFolders: () => ['/w'], discoveryHome: home });
    guided = { host: guidedHost, mcp: new McpEndpoint({ identity: { name: 'test', version: '1.0.0' }, token: guidedHost.token, store: new TraceStore(), tools: () => tools, guidance: { resources: new SessionResources(new FakeDebugBridge()) } }) };
    guidedHost.addRoute(guided.mcp);
    const guidedEndpoint = await guidedHost.start();
    guidedSession = await openRawSession(guidedEndpoint.url, guidedEndpoint.token);
  });

  after(() => {
    mcp.dispose();
    host.dispose();
    guided.mcp.dispose();
    guided.host.dispose();
    rmSync(home, { recursive: true, force: true });
  });

  it('answers every kind of wrong envelope clearly, never -32603, and still answers a good call', async () => {
    const cases = wrongEnvelopes({ name: 'add', fields: ['a', 'b', 'mode'] }, ['add', 'noop']);
    assert.deepEqual(await sendWrongEnvelopes(session, cases), []);
    assert.deepEqual(await listsTools(session), ['add', 'noop']);
  });

  it('answers wrong params of prompts/get and resources/read clearly too, where the server has them, never -32603', async () => {
    const cases = wrongEnvelopes({ name: 'add', fields: ['a', 'b', 'mode'] }, ['add', 'noop'], { guidance: true });
    assert.deepEqual(await sendWrongEnvelopes(guidedSession, cases), []);
    assert.deepEqual(await listsTools(guidedSession), ['add', 'noop']);
  });

  it('answers arguments of every JSON type but object with -32602 naming the tool\'s inputs, for every tool', async () => {
    const cases = argumentsSweep([{ name: 'add', fields: ['a', 'b', 'mode'] }, { name: 'noop', fields: [] }]);
    assert.deepEqual(await sendWrongEnvelopes(session, cases), []);
    assert.deepEqual(await listsTools(session), ['add', 'noop']);
  });
});

describe('wrong tools/call params through the SDK client (in-memory transport)', () => {
  it('rejects arguments that are not an object with -32602 naming the fields, then runs a good call', async () => {
    const server = createMcpServer({ identity: { name: 't', version: '1' }, tools: () => tools, source: 'debugger' });
    const client = await connectInMemory(server);
    try {
      for (const args of [null, [1], 'a=1', 3]) {
        await assert.rejects(
          client.request({ method: 'tools/call', params: { name: 'add', arguments: args as unknown as Record<string, unknown> } }, CallToolResultSchema),
          (error: unknown) => error instanceof McpError && error.code === ErrorCode.InvalidParams
            && error.message.includes('params.arguments must be a JSON object of the tool\'s inputs')
            && error.message.includes('Send a JSON object of add\'s inputs: a (integer, required), b (number), mode (one of "exact", "rounded")'),
        );
      }
      const added = await client.callTool({ name: 'add', arguments: { a: 2, b: 3 } });
      assert.deepEqual(added.structuredContent, { success: true, sum: 5 });
    } finally {
      await client.close();
    }
  });
});
