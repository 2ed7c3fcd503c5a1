// The tiny HTTP server of the floors bench: a POST is read to its end and answered with a small
// JSON-RPC-shaped body, nothing else (no auth, no routing beyond the method). The same code runs
// inside VS Code's extension host (bench/floorProbe) and in a plain Node process (run this file),
// so the difference between the two is where it runs, not what it does.
// CommonJS: the probe extension requires it (VS Code loads extensions so), and `node bench/floorEcho.js` runs it.
/* eslint-disable @typescript-eslint/no-require-imports */
const http = require('node:http');

const ANSWER = '{"jsonrpc":"2.0","id":1,"result":{}}';

/** Answers every request with ANSWER; `routes` (path → async (body) → object) answer those paths instead. */
function createFloorServer(routes = {}) {
  return http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const route = routes[request.url];
      if (!route) {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(ANSWER) });
        response.end(ANSWER);
        return;
      }
      const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString()) : {};
      Promise.resolve()
        .then(() => route(body))
        .then(
          (result) => send(response, 200, result ?? {}),
          (error) => send(response, 500, { error: error instanceof Error ? error.stack : String(error) }),
        );
    });
  });
}

function send(response, status, value) {
  const text = JSON.stringify(value);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/** Listens on a free loopback port; resolves with it. */
function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

module.exports = { createFloorServer, listen };

// run on its own: prints `PORT <n>` once listening; stdin closing ends it. With --stdio, the same
// answer to each line read on stdin instead (the floor of a call over stdio pipes, as an MCP server
// run by its client over stdio has it).
if (require.main === module && process.argv.includes('--stdio')) {
  let pending = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    pending += chunk;
    let end;
    while ((end = pending.indexOf('\n')) >= 0) {
      pending = pending.slice(end + 1);
      process.stdout.write(`${ANSWER}\n`);
    }
  });
  process.stdin.on('end', () => process.exit(0));
} else if (require.main === module) {
  const server = createFloorServer();
  listen(server).then((port) => process.stdout.write(`PORT ${port}\n`));
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
