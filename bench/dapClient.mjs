// Bare protocol clients for the benches that talk to js-debug's standalone DAP server without VS
// Code: DAP over a TCP socket, and CDP over one WebSocket (js-debug's proxy, a target's inspector).
import { createConnection } from 'node:net';
import WebSocket from 'ws';

/** DAP over a TCP socket: requests answered by their responses, events and reverse requests to handlers. */
export class DapClient {
  constructor(socket) {
    this.socket = socket;
    this.seq = 1;
    this.pending = new Map();
    this.handlers = new Map();
    this.eventWaiters = new Set();
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const header = buffer.indexOf('\r\n\r\n');
        if (header < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())[1]);
        if (buffer.length < header + 4 + length) return;
        const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString());
        buffer = buffer.subarray(header + 4 + length);
        this.receive(message);
      }
    });
  }

  static connect(port) {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => resolve(new DapClient(socket)));
      socket.once('error', reject);
    });
  }

  on(name, handler) {
    this.handlers.set(name, handler);
  }

  /** The next event named `name`, with the time (performance.now()) it was read. */
  nextEvent(name, timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
      const waiter = { name, resolve };
      this.eventWaiters.add(waiter);
      setTimeout(() => {
        if (this.eventWaiters.delete(waiter)) reject(new Error(`no ${name} event within ${timeoutMs} ms`));
      }, timeoutMs).unref();
    });
  }

  request(command, args) {
    const seq = this.seq++;
    this.write({ seq, type: 'request', command, arguments: args });
    return new Promise((resolve, reject) => this.pending.set(seq, { resolve, reject, command }));
  }

  write(message) {
    const body = JSON.stringify(message);
    this.socket.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  receive(message) {
    if (message.type === 'response') {
      const pending = this.pending.get(message.request_seq);
      this.pending.delete(message.request_seq);
      if (message.success) pending?.resolve(message.body);
      else pending?.reject(new Error(`${pending?.command}: ${message.message}`));
    } else if (message.type === 'event') {
      const at = performance.now();
      for (const waiter of [...this.eventWaiters]) {
        if (waiter.name !== message.event) continue;
        this.eventWaiters.delete(waiter);
        waiter.resolve({ at, body: message.body });
      }
      this.handlers.get(message.event)?.(message.body);
    }
    else if (message.type === 'request') {
      const answer = this.handlers.get(`request:${message.command}`)?.(message.arguments) ?? {};
      this.write({ seq: this.seq++, type: 'response', request_seq: message.seq, command: message.command, success: true, body: answer });
    }
  }

  close() {
    this.socket.destroy();
  }
}

/** A CDP client over one WebSocket. */
export function cdpClient(url) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    let nextId = 1;
    const pending = new Map();
    const listeners = new Map();
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.id !== undefined) {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
      } else listeners.get(message.method)?.(message.params);
    });
    socket.once('error', reject);
    socket.once('open', () => resolve({
      send(method, params = {}) {
        const id = nextId++;
        socket.send(JSON.stringify({ id, method, params }));
        return new Promise((done) => pending.set(id, done));
      },
      on(method, listener) {
        listeners.set(method, listener);
      },
      close: () => socket.close(),
    }));
  });
}
