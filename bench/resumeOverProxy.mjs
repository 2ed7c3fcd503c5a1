// What a `Debugger.resume` costs over js-debug's CDP proxy against the target's own inspector
// port, bare (no VS Code): js-debug's standalone DAP server (the copy vendored in the
// mcp-debugger peer's npm package, js-debug v1.112) launches a program that pauses at a
// `debugger` statement every 30 ms; each pause is resumed either through the proxy (our
// channel's way: ws → proxy → js-debug's connection → its watchdog → the inspector) or through a
// second inspector session of our own straight on the target's port, alternating. It times the
// command's answer and the `Debugger.resumed` event, each from the send.
//   node bench/resumeOverProxy.mjs [--resumes N]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { ensurePeer } from './debuggerPeer.mjs';

const { values } = parseArgs({ options: { resumes: { type: 'string', default: '40' } } });
const resumes = Number(values.resumes);

/** DAP over a TCP socket: requests answered by their responses, events and reverse requests to handlers. */
class DapClient {
  constructor(socket) {
    this.socket = socket;
    this.seq = 1;
    this.pending = new Map();
    this.handlers = new Map();
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
    } else if (message.type === 'event') this.handlers.get(message.event)?.(message.body);
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
function cdpClient(url) {
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

const adapterInitialize = { clientID: 'bench', adapterID: 'pwa-node', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true, supportsStartDebuggingRequest: true, supportsRunInTerminalRequest: false };

const peer = ensurePeer({ node24: process.execPath });
const folder = mkdtempSync(join(tmpdir(), 'resume-over-proxy-'));
const program = join(folder, 'pauses.js');
writeFileSync(program, `console.log('INSPECTOR ' + require('inspector').url());\nlet n = 0;\nconst timer = setInterval(() => {\n  n++;\n  debugger;\n  if (n >= ${resumes + 5}) clearInterval(timer);\n}, 30);\n`);
const server = spawn(process.execPath, [join(peer.folder, 'dist', 'vendor', 'js-debug', 'vsDebugServer.cjs'), '0', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
const clients = [];
try {
  const port = await new Promise((resolve, reject) => {
    let text = '';
    server.stdout.on('data', (chunk) => {
      text += chunk;
      const match = /listening at [^:\s]+:(\d+)/i.exec(text);
      if (match) resolve(Number(match[1]));
    });
    server.once('exit', () => reject(new Error(`js-debug's server exited: ${text}`)));
  });
  const parent = await DapClient.connect(port);
  clients.push(parent);
  let inspectorUrl;
  const childReady = new Promise((resolve, reject) => {
    parent.on('request:startDebugging', (args) => {
      void (async () => {
        const child = await DapClient.connect(port);
        clients.push(child);
        child.on('output', (body) => {
          const match = /INSPECTOR (ws:\S+)/.exec(body.output ?? '');
          if (match) inspectorUrl = match[1];
        });
        child.on('initialized', () => void child.request('configurationDone', {}));
        await child.request('initialize', adapterInitialize);
        void child.request(args.request, args.configuration).catch(reject);
        resolve(child);
      })().catch(reject);
      return {};
    });
  });
  parent.on('initialized', () => void parent.request('configurationDone', {}));
  await parent.request('initialize', adapterInitialize);
  void parent.request('launch', { type: 'pwa-node', request: 'launch', name: 'bench', program, console: 'internalConsole', runtimeExecutable: process.execPath });
  const child = await childReady;
  const address = await child.request('requestCDPProxy', {});
  const proxy = await cdpClient(`ws://${address.host}:${address.port}${address.path ?? ''}`);
  let paused = () => undefined;
  let resumed = () => undefined;
  proxy.on('Debugger.paused', () => paused());
  proxy.on('Debugger.resumed', () => resumed());
  await proxy.send('JsDebug.subscribe', { events: ['Debugger.paused', 'Debugger.resumed'] });
  const nextPause = () => new Promise((resolve) => (paused = resolve));
  let pause = nextPause();
  await proxy.send('Debugger.enable', {});
  await pause;
  while (!inspectorUrl) await new Promise((resolve) => setTimeout(resolve, 10));
  // a second inspector session of our own: V8 lets any session resume a pause of its context group
  const direct = await cdpClient(inspectorUrl);
  const times = { proxy: { answer: [], resumed: [] }, direct: { answer: [], resumed: [] } };
  console.log(`load average ${loadavg().map((value) => value.toFixed(2)).join(' ')} (${cpus().length} cores); ${resumes} resumes, alternating`);
  for (let index = 0; index < resumes; index++) {
    const way = index % 2 === 0 ? 'proxy' : 'direct';
    const client = way === 'proxy' ? proxy : direct;
    pause = nextPause();
    const sentAt = performance.now();
    const event = new Promise((resolve) => (resumed = () => resolve(performance.now() - sentAt)));
    const answer = client.send('Debugger.resume', {}).then((message) => {
      if (message.error) throw new Error(`${way}: ${message.error.message}`);
      return performance.now() - sentAt;
    });
    const [answeredMs, resumedMs] = await Promise.all([answer, event]);
    times[way].answer.push(answeredMs);
    times[way].resumed.push(resumedMs);
    await pause;
  }
  const median = (list) => {
    const sorted = [...list].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  console.log('| Debugger.resume, ms from the send | answer median | answer max | Debugger.resumed (via the proxy) median |');
  console.log('|---|---:|---:|---:|');
  for (const way of ['proxy', 'direct']) {
    console.log(`| ${way === 'proxy' ? "over js-debug's proxy" : "a second session on the target's inspector port"} | ${median(times[way].answer).toFixed(2)} | ${Math.max(...times[way].answer).toFixed(2)} | ${median(times[way].resumed).toFixed(2)} |`);
  }
  direct.close();
  proxy.close();
} finally {
  for (const client of clients) client.close();
  server.kill();
  rmSync(folder, { recursive: true, force: true });
}
