// Helpers of the proxy benchmark, each run as its own process:
//   node bench/proxyUpstreams.mjs minimal                 a minimal JSON-RPC server: answers tools/call
//                                                         with JSON at once, so a proxy's cost stands out
//   node bench/proxyUpstreams.mjs passthrough '<routes>'  the floor for any HTTP proxy in Node: pipes
//                                                         /<name>/mcp to routes[name] with nothing else
import { Agent, createServer, request as httpRequest } from 'node:http';

const [mode, routesJson] = process.argv.slice(2);
const server = mode === 'passthrough' ? passThrough(JSON.parse(routesJson)) : minimal();
server.listen(0, '127.0.0.1', () => process.send?.({ type: 'ready', port: server.address().port }));
process.on('message', (message) => { if (message.type === 'exit') process.exit(0); });

function minimal() {
  return createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST') {
        response.writeHead(405).end();
        return;
      }
      const message = JSON.parse(Buffer.concat(chunks).toString() || '{}');
      if (message.id === undefined) {
        response.writeHead(202).end();
        return;
      }
      const result = message.method === 'initialize'
        ? { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'minimal', version: '1' } }
        : { content: [{ type: 'text', text: `Echo: ${message.params?.arguments?.message ?? ''}` }] };
      const body = JSON.stringify({ jsonrpc: '2.0', id: message.id, result });
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    });
  });
}

function passThrough(routes) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  return createServer((request, response) => {
    const name = request.url.split('/')[1];
    const target = new URL(routes[name]);
    const headers = { ...request.headers, host: target.host };
    const outgoing = httpRequest(target, { method: request.method, headers, agent }, (upstream) => {
      response.writeHead(upstream.statusCode, upstream.headers);
      upstream.pipe(response);
    });
    outgoing.on('error', () => response.destroy());
    request.pipe(outgoing);
  });
}
