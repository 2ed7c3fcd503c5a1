// `node <extension>/dist/proxy-stdio.js <name>`: a stdio MCP server for clients that only speak
// stdio. It forwards every message to the recording proxy's `/proxy/<name>/mcp` in the running
// VS Code (url and token from the discovery file) and every answer back, unchanged.
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { findRunningInstance, proxyUrlOf } from './bridgeDiscovery';

const USAGE = 'Usage: node proxy-stdio.js <upstream name>  (the name of an entry of mcpLiveDebugger.proxy.servers)';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || name.startsWith('-')) fail(USAGE);
  const instance = findRunningInstance(process.cwd());
  if (!instance) fail('MCP Live Debugger is not running: open VS Code with the extension enabled (no discovery file under ~/.mcp-live-debugger/instances, or MCP_LIVE_DEBUGGER_HOME).');

  const upstream = new StreamableHTTPClientTransport(proxyUrlOf(instance.url, name), {
    requestInit: { headers: { Authorization: `Bearer ${instance.token}` } },
  });
  const local = new StdioServerTransport();
  const pendingInitialize = new Set<string | number>();
  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    await upstream.terminateSession().catch(() => undefined);
    await upstream.close().catch(() => undefined);
    process.exit(code);
  };

  local.onmessage = (message: JSONRPCMessage) => {
    if ('method' in message && message.method === 'initialize' && 'id' in message) pendingInitialize.add(message.id);
    upstream.send(message).catch((error: unknown) => {
      if (!('id' in message) || !('method' in message)) {
        process.stderr.write(`[proxy-stdio] could not forward a message: ${String(error)}\n`);
        return;
      }
      void local.send({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: `The stdio bridge could not reach the recording proxy for "${name}": ${error instanceof Error ? error.message : String(error)}` } });
    });
  };
  upstream.onmessage = (message: JSONRPCMessage) => {
    if ('result' in message && pendingInitialize.delete(message.id)) {
      const version = (message.result as { protocolVersion?: unknown }).protocolVersion;
      if (typeof version === 'string') upstream.setProtocolVersion(version);
    }
    void local.send(message);
  };
  upstream.onerror = (error) => process.stderr.write(`[proxy-stdio] ${error.message}\n`);
  local.onerror = (error) => process.stderr.write(`[proxy-stdio] ${error.message}\n`);
  process.stdin.on('end', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));

  await upstream.start();
  await local.start();
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

void main().catch((error: unknown) => fail(`[proxy-stdio] ${error instanceof Error ? error.message : String(error)}`));
