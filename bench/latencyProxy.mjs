// A loopback TCP proxy that adds a fixed one-way delay to every chunk, in both directions: it
// stands for the network between a remote workbench (the browser) and the VS Code server. Order
// is kept (every chunk waits the same time), and an end is delayed like the data before it.
import { connect, createServer } from 'node:net';

/** Listens on a free loopback port and forwards to `targetPort`; answers `{ port, close() }`. */
export async function startLatencyProxy({ targetPort, delayMs }) {
  const sockets = new Set();
  const server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    delayed(client, upstream, delayMs);
    delayed(upstream, client, delayMs);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

function delayed(from, to, delayMs) {
  from.on('data', (chunk) => {
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, delayMs);
  });
  from.on('end', () => setTimeout(() => to.end(), delayMs));
}
