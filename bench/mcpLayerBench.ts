// Measured by bench/mcpLayer.bench.mjs: the server path of one MCP `tools/call` (a tool that does
// nothing), from the client's call to its answer, through the real loopback host, Host/Origin and
// bearer checks, McpEndpoint, the SDK server and transport, and recording into the trace store,
// with the SDK client over real HTTP. The .mjs bundles this file twice, against this checkout's
// src/ and against a baseline's (main), and runs both in one process, alternating in blocks.
import { mkdtempSync, rmSync } from 'node:fs';
import { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LoopbackHost } from '../src/http/loopbackHost';
import { MCP_PATH, McpEndpoint } from '../src/mcp/mcpEndpoint';
import { defineTool } from '../src/mcp/toolDefinition';
import { TraceStore } from '../src/trace/traceStore';

/** Stage marks of the calls in flight (one at a time): the handler entered, the tool ran, the answer was written. */
export interface StageMarks {
  handler?: number;
  tool?: number;
  written?: number;
}

export interface McpLayerSide {
  url: string;
  token: string;
  call(): Promise<void>;
  marks: StageMarks;
  recorded(): number;
  close(): Promise<void>;
}

export async function connect(url: string, token: string): Promise<() => Promise<void>> {
  const client = new Client({ name: 'bench-remote', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return async () => {
    const result = await client.callTool({ name: 'nothing', arguments: {} });
    if ((result.structuredContent as { success?: boolean } | undefined)?.success !== true) throw new Error(`wrong answer ${JSON.stringify(result)}`);
  };
}

export async function open(label: string): Promise<McpLayerSide> {
  const marks: StageMarks = {};
  const tools = [
    defineTool({
      name: 'nothing',
      description: 'Does nothing (stands in for list_debug_sessions with no session).',
      inputSchema: {},
      handler: async () => {
        marks.tool = performance.now();
        return { success: true, sessions: [] };
      },
    }),
  ];
  const home = mkdtempSync(join(tmpdir(), 'mld-mcp-layer-'));
  const store = new TraceStore();
  const host = new LoopbackHost({ port: 0, advertisedPath: MCP_PATH, version: '0', workspaceFolders: () => [], discoveryHome: home });
  const endpoint = new McpEndpoint({ identity: { name: `bench-${label}`, version: '0' }, token: host.token, store, tools: () => tools });
  const handle = endpoint.handle.bind(endpoint);
  host.addRoute({
    prefix: endpoint.prefix,
    handle: (request, response) => {
      marks.handler = performance.now();
      const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
      (response as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
        marks.written = performance.now();
        return end(...args);
      };
      return handle(request, response);
    },
  });
  const started = await host.start();
  const client = new Client({ name: `bench-${label}`, version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(started.url), { requestInit: { headers: { Authorization: `Bearer ${started.token}` } } }));
  return {
    url: started.url,
    token: started.token,
    marks,
    async call() {
      const result = await client.callTool({ name: 'nothing', arguments: {} });
      if ((result.structuredContent as { success?: boolean } | undefined)?.success !== true) throw new Error(`${label}: wrong answer ${JSON.stringify(result)}`);
    },
    recorded: () => store.query({ tool: 'nothing' }).length,
    async close() {
      await client.close();
      endpoint.dispose();
      host.dispose();
      store.dispose();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
