// A stateless MCP server on the SDK over loopback HTTP (no Mcp-Session-Id, JSON answers, one SDK
// server per request), the shape newer spec revisions allow; it runs in the test's process. Shared
// by the proxy's unit tests and the OTLP export's check inside VS Code, which give it their tools.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export interface StatelessMcpServer {
  url: string;
  port: number;
  /** The Authorization header of the latest request (what a proxy passed on). */
  lastAuthorization?: string;
  close(): void;
}

/** Starts the server named `name`; `registerTools` adds the tools to each request's SDK server. */
export async function startStatelessMcpServer(name: string, registerTools: (mcp: McpServer) => void): Promise<StatelessMcpServer> {
  const server = createServer((request, response) => {
    started.lastAuthorization = request.headers.authorization;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const mcp = new McpServer({ name, version: '1.0.0' });
        registerTools(mcp);
        const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
        response.on('close', () => void mcp.close());
        await mcp.connect(transport);
        const text = Buffer.concat(chunks).toString();
        await transport.handleRequest(request, response, text ? JSON.parse(text) : undefined);
      })();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const started: StatelessMcpServer = { url: `http://127.0.0.1:${port}/mcp`, port, close: () => { server.closeAllConnections(); server.close(); } };
  return started;
}
