// Upstreams for the proxy benchmark: a minimal JSON-RPC server (answers tools/call with JSON at
// once, so the proxy's own cost stands out). Run as: node bench/proxyUpstreams.mjs minimal
import { createServer } from 'node:http';

const server = createServer((request, response) => {
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
server.listen(0, '127.0.0.1', () => process.send?.({ type: 'ready', port: server.address().port }));
process.on('message', (message) => { if (message.type === 'exit') process.exit(0); });
