// Shared set-up for the proxy's Node-level tests: the real loopback server and proxy, real
// upstream servers from npm, and the MCP SDK client. No VS Code here.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { z } from 'zod';
import { LoopbackServer } from '../../src/http/loopbackServer';
import { RecordingProxy } from '../../src/proxy/recordingProxy';
import { parseUpstreams } from '../../src/proxy/upstreamConfiguration';
import { TraceStore } from '../../src/trace/traceStore';
import { startStatelessMcpServer, type StatelessMcpServer } from '../shared/statelessMcpServer';

export const EVERYTHING_SERVER = join(process.cwd(), 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
export const MEMORY_SERVER = join(process.cwd(), 'node_modules/@modelcontextprotocol/server-memory/dist/index.js');
export const TOKEN = 'proxy-test-token-0123456789abcdef';

export interface ProxyHarness {
  store: TraceStore;
  proxy: RecordingProxy;
  port: number;
  url(name: string): string;
  close(): void;
}

export async function startProxy(settingValue: unknown, options: { recordingQueueLimit?: number; idleTimeoutMs?: number } = {}): Promise<ProxyHarness> {
  const store = new TraceStore();
  const server = new LoopbackServer();
  const proxy = new RecordingProxy({ store, token: TOKEN, ...options });
  const parsed = parseUpstreams(settingValue);
  if (parsed.problems.length) throw new Error(parsed.problems.join('\n'));
  proxy.setUpstreams(parsed.upstreams);
  server.addRoute(proxy);
  const port = await server.listen(0);
  return {
    store,
    proxy,
    port,
    url: (name) => `http://127.0.0.1:${port}/proxy/${name}/mcp`,
    close: () => {
      proxy.dispose();
      server.dispose();
    },
  };
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** server-everything in Streamable HTTP mode on its own port; resolves once it listens. */
export async function startEverythingHttp(): Promise<{ url: string; process: ChildProcess; close(): void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [EVERYTHING_SERVER, 'streamableHttp'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server-everything did not start within 15 s')), 15_000);
    let text = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`server-everything exited with ${code}: ${text}`)));
  });
  return { url: `http://127.0.0.1:${port}/mcp`, process: child, close: () => child.kill() };
}

export async function connectClient(url: string, token: string | undefined, capabilities: Record<string, object> = {}, name = 'proxy-test-client'): Promise<Client> {
  const client = new Client({ name, version: '1.2.3' }, { capabilities });
  const transport = new StreamableHTTPClientTransport(new URL(url), token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } } : {});
  await client.connect(transport);
  return client;
}

/** Waits for a condition the queue makes true soon; fails with `what` after the time limit. */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The stateless MCP server (no Mcp-Session-Id, JSON answers), with one tool `add`, as an upstream of the proxy. */
export function startStatelessUpstream(): Promise<StatelessMcpServer> {
  return startStatelessMcpServer('stateless-upstream', (mcp) => {
    mcp.registerTool('add', { description: 'Adds two numbers', inputSchema: { a: z.number(), b: z.number() } }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
  });
}
