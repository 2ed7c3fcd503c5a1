// A loopback TCP proxy that adds a one-way delay to every chunk, in both directions: it stands
// for the network between a remote workbench (the browser) and the VS Code server. The delay can
// change while connections are open (the debugger bench alternates rounds with and without it):
// each direction is one queue, so a chunk never overtakes one sent before it, whatever the delay
// was then, and an end is delayed like the data before it.
import { connect, createServer } from 'node:net';

/** Listens on a free loopback port and forwards to `targetPort`; answers `{ port, setDelay(ms), close() }`. */
export async function startLatencyProxy({ targetPort, delayMs }) {
  const link = { delayMs };
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
    delayed(client, upstream, link);
    delayed(upstream, client, link);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    /** The delay for chunks read from now on (those already queued keep theirs, and their order). */
    setDelay(ms) {
      link.delayMs = ms;
    },
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Forwards `from` to `to`, each chunk (and the end) at least `link.delayMs` after it was read, in order. */
function delayed(from, to, link) {
  /** { due, chunk } in read order; chunk null for the end. */
  const queue = [];
  let timer;
  const drain = () => {
    timer = undefined;
    const now = performance.now();
    while (queue.length > 0 && queue[0].due <= now) {
      const { chunk } = queue.shift();
      if (to.destroyed) continue;
      if (chunk === null) to.end();
      else to.write(chunk);
    }
    if (queue.length > 0) timer = setTimeout(drain, Math.max(0, queue[0].due - performance.now()));
  };
  const push = (chunk) => {
    // never before the chunk ahead of it, even when the delay was just shortened
    const due = Math.max(performance.now() + link.delayMs, queue.at(-1)?.due ?? 0);
    queue.push({ due, chunk });
    if (link.delayMs === 0 && queue.length === 1) drain();
    else if (timer === undefined) timer = setTimeout(drain, Math.max(0, queue[0].due - performance.now()));
  };
  from.on('data', (chunk) => push(chunk));
  from.on('end', () => push(null));
}
