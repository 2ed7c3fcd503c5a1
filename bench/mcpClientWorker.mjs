// The debugger bench's MCP clients, in a worker thread of their own. The bench's main thread also
// runs Playwright, which parses every DevTools event of the workbench page (its websocket frames
// to the VS Code server among them): around a debug session's end that kept the main thread busy
// for tens of ms, and a client there read our answer only after that. An agent's MCP client is no
// browser driver, so each call is sent and timed here, on a loop nothing else uses.
//
//   const clients = await startClientWorker();
//   const client = await clients.connectHttp(url, headers);   // or clients.connectStdio(command, args)
//   await client.callTool({ name, arguments }, undefined, { timeout });   // as the SDK's Client.callTool
//   client.lastCall   // { sentAt, answeredAt (wall-clock ms), ms, busyMs } of the call just answered
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

if (!isMainThread && parentPort) serveClients(parentPort);

/** Starts the worker; its clients' calls answer with the worker's own timing of each. */
export async function startClientWorker() {
  const worker = new Worker(new URL(import.meta.url));
  const pending = new Map();
  let nextId = 0;
  worker.on('message', ({ id, result, error }) => {
    const waiter = pending.get(id);
    pending.delete(id);
    if (error !== undefined) waiter?.reject(new Error(error));
    else waiter?.resolve(result);
  });
  worker.on('error', (error) => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  });
  const ask = (message) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, ...message });
  });
  const clientOf = (clientId) => {
    const client = {
      lastCall: undefined,
      async callTool(params, _schema, options) {
        const { response, timing } = await ask({ op: 'call', clientId, params, timeout: options?.timeout });
        client.lastCall = timing;
        return response;
      },
      close: () => ask({ op: 'close', clientId }),
    };
    return client;
  };
  return {
    connectHttp: async (url, headers = {}) => clientOf(await ask({ op: 'connect', kind: 'http', url, headers })),
    connectStdio: async (command, args) => clientOf(await ask({ op: 'connect', kind: 'stdio', command, args })),
    close: () => worker.terminate(),
  };
}

function serveClients(port) {
  const clients = new Map();
  let nextClient = 0;
  const wall = () => performance.timeOrigin + performance.now();
  const handle = async (message) => {
    if (message.op === 'connect') {
      const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
      const client = new Client({ name: 'bench-debugger', version: '1.0.0' });
      if (message.kind === 'http') {
        const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
        await client.connect(new StreamableHTTPClientTransport(new URL(message.url), { requestInit: { headers: message.headers } }));
      } else {
        const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
        await client.connect(new StdioClientTransport({ command: message.command, args: message.args, stderr: 'ignore' }));
      }
      const clientId = nextClient++;
      clients.set(clientId, client);
      return clientId;
    }
    const client = clients.get(message.clientId);
    if (!client) throw new Error(`no MCP client ${message.clientId} in the worker`);
    if (message.op === 'close') {
      clients.delete(message.clientId);
      await client.close();
      return undefined;
    }
    const sentAt = wall();
    const started = performance.now();
    const loopBefore = performance.eventLoopUtilization();
    const response = await client.callTool(message.params, undefined, { timeout: message.timeout });
    const ms = performance.now() - started;
    return { response, timing: { sentAt, answeredAt: wall(), ms, busyMs: performance.eventLoopUtilization(loopBefore).active } };
  };
  port.on('message', (message) => {
    handle(message).then(
      (result) => port.postMessage({ id: message.id, result }),
      (error) => port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
