import * as assert from 'node:assert/strict';
import { MockDebugSession } from '../../src/debug/adapters/mock/mockDebugSession';
import { createServer } from 'node:net';
import { DapMessageReader, encodeDapMessage, InProcessDapBackend, ProcessDapBackend, SocketDapBackend, type DapBackend, type DapMessage } from '../../src/debug/relay/dapBackend';
import { DapRelay } from '../../src/debug/relay/dapRelay';
import { Emitter } from '../../src/common/emitter';

const PROGRAM = '/virtual/relay.mock';
const SOURCE = ['let x = 1', 'let y = 2', 'let z = x + y', 'print z'].join('\n');

/** Plays VS Code: sends requests through the relay and keeps every message the relay sends back. */
class FakeVscode {
  readonly received: DapMessage[] = [];
  private seq = 1;
  private readonly waiters: { test: (message: DapMessage) => boolean; resolve: (message: DapMessage) => void }[] = [];

  constructor(private readonly relay: DapRelay) {
    relay.onDidSendMessage((message) => {
      this.received.push(message);
      for (const waiter of [...this.waiters]) {
        if (waiter.test(message)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    });
  }

  request(command: string, args?: unknown): Promise<DapMessage> {
    const seq = this.seq++;
    const answered = this.next((message) => message.type === 'response' && message.request_seq === seq);
    this.relay.handleMessage({ seq, type: 'request', command, arguments: args });
    return answered;
  }

  next(test: (message: DapMessage) => boolean, timeoutMs = 2000): Promise<DapMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching message')), timeoutMs);
      this.waiters.push({ test, resolve: (message) => { clearTimeout(timer); resolve(message); } });
    });
  }

  event(name: string): Promise<DapMessage> {
    return this.next((message) => message.type === 'event' && message.event === name);
  }

  events(name: string): DapMessage[] {
    return this.received.filter((message) => message.type === 'event' && message.event === name);
  }
}

async function pausedMockSession(): Promise<{ relay: DapRelay; vscode: FakeVscode }> {
  const relay = new DapRelay(new InProcessDapBackend(new MockDebugSession(async () => SOURCE)));
  const vscode = new FakeVscode(relay);
  await vscode.request('initialize', { adapterID: 'mock', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true, supportsInvalidatedEvent: true });
  const initialized = vscode.event('initialized');
  const launched = vscode.request('launch', { program: PROGRAM });
  await initialized;
  await vscode.request('setBreakpoints', { source: { path: PROGRAM }, breakpoints: [{ line: 2 }] });
  const stopped = vscode.event('stopped');
  await vscode.request('configurationDone');
  await launched;
  await stopped;
  return { relay, vscode };
}

/** A backend whose adapter side the test plays: what the relay sent, and emitters to answer or close. */
function scriptedBackend(): { messages: Emitter<DapMessage>; closes: Emitter<string>; sent: DapMessage[]; backend: DapBackend } {
  const messages = new Emitter<DapMessage>();
  const closes = new Emitter<string>();
  const sent: DapMessage[] = [];
  const backend: DapBackend = { send: (message) => sent.push(message), onMessage: messages.event, onClose: closes.event, dispose: () => {} };
  return { messages, closes, sent, backend };
}

describe('DAP relay', () => {
  it('reads DAP frames split across chunks and several in one chunk', () => {
    const messages: DapMessage[] = [];
    const reader = new DapMessageReader((message) => messages.push(message));
    const first = encodeDapMessage({ seq: 1, type: 'event', event: 'output', body: { output: 'héllo ✓' } });
    const second = encodeDapMessage({ seq: 2, type: 'event', event: 'stopped' });
    const stream = Buffer.concat([first, second, first]);
    reader.push(stream.subarray(0, 7));
    reader.push(stream.subarray(7, first.length + 3));
    assert.equal(messages.length, 1);
    reader.push(stream.subarray(first.length + 3));
    assert.deepEqual(messages.map((message) => message.seq), [1, 2, 1]);
    assert.equal((messages[0].body as { output: string }).output, 'héllo ✓');
  });

  it('passes VS Code traffic through and answers direct requests without showing them to VS Code', async () => {
    const { relay, vscode } = await pausedMockSession();
    const before = vscode.received.length;
    const stack = await relay.request<{ stackFrames: { id: number; line: number }[] }>('stackTrace', { threadId: 1 });
    assert.equal(stack.stackFrames[0].line, 2);
    const evaluated = await relay.request<{ result: string }>('evaluate', { expression: 'x + 41', frameId: stack.stackFrames[0].id });
    assert.equal(evaluated.result, '42');
    assert.equal(vscode.received.length, before, 'direct responses are not forwarded');
    relay.dispose();
  });

  it('tells VS Code `continued` when a direct request resumes, before the next stop', async () => {
    const { relay, vscode } = await pausedMockSession();
    const continued = vscode.event('continued');
    const stopped = vscode.event('stopped');
    await relay.request('next', { threadId: 1 });
    assert.deepEqual((await continued).body, { threadId: 1, allThreadsContinued: false });
    await stopped;
    const order = vscode.received.filter((message) => message.type === 'event').map((message) => message.event);
    assert.ok(order.lastIndexOf('continued') < order.lastIndexOf('stopped'));
    relay.dispose();
  });

  it('sends `invalidated` after a direct assignment, not after a comparison', async () => {
    const { relay, vscode } = await pausedMockSession();
    await relay.request('evaluate', { expression: 'x == 1', context: 'repl' });
    assert.equal(vscode.events('invalidated').length, 0);
    await relay.request('evaluate', { expression: 'x = 5', context: 'repl' });
    assert.deepEqual(vscode.events('invalidated').map((event) => event.body), [{ areas: ['variables'] }]);
    relay.dispose();
  });

  it('rejects with the adapter message when a direct request fails', async () => {
    const { relay } = await pausedMockSession();
    await assert.rejects(relay.request('evaluate', { expression: 'nope' }), /'nope' is not defined/);
    await assert.rejects(relay.request('variables', { variablesReference: 999 }), /not valid/);
    relay.dispose();
  });

  it('ends pending requests and tells VS Code `terminated` when the adapter goes away', async () => {
    const { closes, sent, backend } = scriptedBackend();
    const relay = new DapRelay(backend);
    const vscode = new FakeVscode(relay);
    const pending = relay.request('threads');
    assert.equal(sent[0].command, 'threads');
    assert.ok(sent[0].seq >= 1_000_000_000);
    const terminated = vscode.event('terminated');
    closes.fire('python3 exited (code 1)');
    await assert.rejects(pending, /the debug adapter ended \(python3 exited \(code 1\)\)/);
    await terminated;
    assert.match(String((vscode.events('output')[0].body as { output: string }).output), /python3 exited/);
    await assert.rejects(relay.request('threads'), /has ended/);
  });

  it('paces VS Code inspection requests so direct requests are not queued behind them', async () => {
    const { messages, closes, sent, backend } = scriptedBackend();
    const relay = new DapRelay(backend);
    const vscode = new FakeVscode(relay);
    const commands = () => sent.map((message) => `${message.command}:${message.seq >= 1_000_000_000 ? 'direct' : message.seq}`);

    const step = relay.request('next', { threadId: 1 });
    void vscode.request('stackTrace', { threadId: 1 });
    void vscode.request('threads');
    // not paced: goes out at once
    void vscode.request('setBreakpoints', { source: { path: '/x' } });
    assert.deepEqual(commands(), ['next:direct', 'setBreakpoints:3']);

    messages.fire({ seq: 10, type: 'response', request_seq: sent[0].seq, command: 'next', success: true });
    await step;
    // the step is answered but has not stopped yet: VS Code's requests wait for the stop
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.deepEqual(commands(), ['next:direct', 'setBreakpoints:3']);
    messages.fire({ seq: 11, type: 'event', event: 'stopped', body: { reason: 'step', threadId: 1 } });
    // and then a short grace for the agent's next request
    assert.deepEqual(commands(), ['next:direct', 'setBreakpoints:3']);
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.deepEqual(commands(), ['next:direct', 'setBreakpoints:3', 'stackTrace:1']);
    // one VS Code request in flight at a time; its response goes to VS Code and lets the next one out
    const answered = vscode.next((message) => message.type === 'response' && message.request_seq === 1);
    messages.fire({ seq: 12, type: 'response', request_seq: 1, command: 'stackTrace', success: true, body: { stackFrames: [] } });
    await answered;
    assert.deepEqual(commands(), ['next:direct', 'setBreakpoints:3', 'stackTrace:1', 'threads:2']);

    // a held request still goes out when direct requests keep the adapter busy for too long
    void relay.request('evaluate', { expression: 'slow()' });
    messages.fire({ seq: 13, type: 'response', request_seq: 2, command: 'threads', success: true, body: { threads: [] } });
    void vscode.request('scopes', { frameId: 1 });
    assert.equal(commands().includes('scopes:4'), false);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal(commands().includes('scopes:4'), true);

    // when the adapter ends, held requests are answered with an error instead of waiting forever
    void vscode.request('variables', { variablesReference: 1 });
    const failed = vscode.next((message) => message.type === 'response' && message.request_seq === 5);
    closes.fire('gone');
    assert.equal((await failed).success, false);
  });

  it('talks to a debug server listening on a socket, and reports when it goes away', async () => {
    const server = createServer((socket) => {
      const reader = new DapMessageReader((message) => {
        socket.write(encodeDapMessage({ seq: 1, type: 'response', request_seq: message.seq, command: message.command, success: true }));
        socket.end();
      });
      socket.on('data', (chunk: Buffer) => reader.push(chunk));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const backend = new SocketDapBackend('127.0.0.1', port);
    const answer = new Promise<DapMessage>((resolve) => backend.onMessage(resolve));
    const closed = new Promise<string>((resolve) => backend.onClose(resolve));
    backend.send({ seq: 7, type: 'request', command: 'initialize' });
    assert.deepEqual(await answer, { seq: 1, type: 'response', request_seq: 7, command: 'initialize', success: true });
    assert.match(await closed, /closed the connection/);
    backend.dispose();
    server.close();
  });

  it('talks to debugpy\'s adapter process over stdio', async function () {
    this.timeout(15_000);
    const backend = new ProcessDapBackend('/usr/bin/python3', ['-m', 'debugpy.adapter']);
    const relay = new DapRelay(backend);
    try {
      const capabilities = await relay.request<{ supportsConfigurationDoneRequest?: boolean; exceptionBreakpointFilters?: unknown[] }>('initialize', { adapterID: 'debugpy', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
      assert.equal(capabilities.supportsConfigurationDoneRequest, true);
      assert.ok((capabilities.exceptionBreakpointFilters ?? []).length > 0);
    } finally {
      relay.dispose();
    }
  });
});
