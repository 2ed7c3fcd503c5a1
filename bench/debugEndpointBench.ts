// Measured by bench/debugEndpoint.bench.mjs: one pure tool called N times each way, alternating,
// in this one process (client and listener share it, so read the figures as relative):
// runTool directly, GET and POST /debug/<tool> with a debug token, and MCP tools/call over /mcp.
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { z } from 'zod';
import { LoopbackHost } from '../src/http/loopbackHost';
import { ToolEndpoint } from '../src/toolEndpoint/toolEndpoint';
import { ToolEndpointRecorder } from '../src/toolEndpoint/toolEndpointRecorder';
import { EndpointTokenManager } from '../src/toolEndpoint/endpointTokens';
import { MCP_PATH, McpEndpoint } from '../src/mcp/mcpEndpoint';
import { defineTool } from '../src/mcp/toolDefinition';
import { runTool } from '../src/mcp/toolRunner';
import { TraceStore } from '../src/trace/traceStore';

const tools = [
  defineTool({
    name: 'add',
    description: 'Adds two numbers.',
    inputSchema: { a: z.number(), b: z.number() },
    handler: async ({ a, b }) => ({ success: true, sum: a + b }),
  }),
];

interface HttpAnswer {
  status: number;
  text: string;
}

function send(agent: Agent, url: string, method: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

export async function run(calls: number): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'mld-bench-'));
  const store = new TraceStore();
  const tokens = new EndpointTokenManager();
  const recorder = new ToolEndpointRecorder(store, tokens.onDidChange);
  const host = new LoopbackHost({ port: 0, advertisedPath: MCP_PATH, version: '0', workspaceFolders: () => [], discoveryHome: home });
  const mcpEndpoint = new McpEndpoint({ identity: { name: 'bench', version: '0' }, token: host.token, store, tools: () => tools });
  host.addRoute(mcpEndpoint);
  host.addRoute(new ToolEndpoint({ tokens, tools: () => tools, recorder }));
  const endpoint = await host.start();
  const origin = `http://127.0.0.1:${endpoint.port}`;
  const token = tokens.create('bench').value;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const client = new Client({ name: 'bench', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(endpoint.url), { requestInit: { headers: { Authorization: `Bearer ${endpoint.token}` } } }));

  // the same endpoint without the SDK client's fetch and SSE reading: what the server side costs
  const mcpHeaders = { authorization: `Bearer ${endpoint.token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' };
  const initialized = await new Promise<string>((resolve, reject) => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench-plain-http', version: '0' } } });
    const outgoing = request(endpoint.url, { method: 'POST', agent, headers: { ...mcpHeaders, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(String(response.headers['mcp-session-id'])));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
  const sessionHeaders = { ...mcpHeaders, 'mcp-session-id': initialized };
  await send(agent, endpoint.url, 'POST', sessionHeaders, JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
  let plainId = 0;

  const ways: Record<string, () => Promise<void>> = {
    'runTool (no HTTP)': async () => {
      const { result } = await runTool(tools[0], { a: 1, b: 2 }, { signal: new AbortController().signal, source: 'debug-endpoint' });
      if (result.sum !== 3) throw new Error('wrong sum');
    },
    'GET /debug/add?a=1&b=2': async () => {
      const answer = await send(agent, `${origin}/debug/add?a=1&b=2`, 'GET', { authorization: `Token ${token}` });
      if (answer.status !== 200 || !answer.text.includes('"sum":3')) throw new Error(`GET: ${answer.status} ${answer.text}`);
    },
    'POST /debug/add': async () => {
      const answer = await send(agent, `${origin}/debug/add`, 'POST', { authorization: `Token ${token}`, 'content-type': 'application/json' }, '{"a":1,"b":2}');
      if (answer.status !== 200 || !answer.text.includes('"sum":3')) throw new Error(`POST: ${answer.status} ${answer.text}`);
    },
    'MCP tools/call, plain HTTP': async () => {
      const answer = await send(agent, endpoint.url, 'POST', sessionHeaders, JSON.stringify({ jsonrpc: '2.0', id: ++plainId, method: 'tools/call', params: { name: 'add', arguments: { a: 1, b: 2 } } }));
      if (answer.status !== 200 || !answer.text.includes('\\"sum\\":3')) throw new Error(`MCP plain: ${answer.status} ${answer.text}`);
    },
    'MCP tools/call over /mcp': async () => {
      const result = await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } });
      if ((result.structuredContent as { sum?: number } | undefined)?.sum !== 3) throw new Error('MCP: wrong sum');
    },
  };
  const times = new Map<string, number[]>(Object.keys(ways).map((name) => [name, []]));
  try {
    for (const way of Object.values(ways)) for (let index = 0; index < 50; index++) await way();
    const block = 50;
    for (let done = 0; done < calls; done += block) {
      for (const [name, way] of Object.entries(ways)) {
        const list = times.get(name) as number[];
        for (let index = 0; index < block && done + index < calls; index++) {
          const started = performance.now();
          await way();
          list.push(performance.now() - started);
        }
      }
    }
    console.log(`node ${process.version}, ${calls} calls each way, alternating in blocks of ${block}, one process; recording on`);
    const mcp = median(times.get('MCP tools/call over /mcp') as number[]);
    for (const [name, list] of times) {
      const mid = median(list);
      console.log(`${name.padEnd(28)} median ${mid.toFixed(3)} ms   p95 ${percentile(list, 0.95).toFixed(3)} ms   ×${(mid / mcp).toFixed(2)} of MCP`);
    }
    const recorded = store.query({ tool: 'add' }).filter((event) => event.source === 'debug-endpoint').length;
    console.log(`debug-endpoint events recorded: ${recorded} (expected ${2 * (calls + 50)})`);
    if (recorded !== 2 * (calls + 50)) throw new Error('not every endpoint call was recorded');
  } finally {
    await client.close();
    agent.destroy();
    mcpEndpoint.dispose();
    host.dispose();
    recorder.dispose();
    tokens.dispose();
    rmSync(home, { recursive: true, force: true });
  }
}
