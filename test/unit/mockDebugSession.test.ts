import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { logger } from '@vscode/debugadapter';
import { MockDebugSession } from '../../src/debug/adapters/mock/mockDebugSession';

/** Speaks DAP to the session through handleMessage/onDidSendMessage, the way VS Code runs it inline. */
class DapClient {
  private seq = 1;
  private readonly pending = new Map<number, (response: DebugProtocol.Response) => void>();
  readonly events: DebugProtocol.Event[] = [];
  private readonly waiters: { event: string; resolve: (event: DebugProtocol.Event) => void }[] = [];

  constructor(readonly session: MockDebugSession) {
    session.onDidSendMessage((message) => {
      const protocolMessage = message as DebugProtocol.ProtocolMessage;
      if (protocolMessage.type === 'response') {
        const response = protocolMessage as DebugProtocol.Response;
        this.pending.get(response.request_seq)?.(response);
        this.pending.delete(response.request_seq);
      } else if (protocolMessage.type === 'event') {
        const event = protocolMessage as DebugProtocol.Event;
        this.events.push(event);
        for (const waiter of [...this.waiters]) {
          if (waiter.event === event.event) {
            this.waiters.splice(this.waiters.indexOf(waiter), 1);
            waiter.resolve(event);
          }
        }
      }
    });
  }

  request<T extends DebugProtocol.Response>(command: string, args?: unknown): Promise<T> {
    const seq = this.seq++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no response to ${command}`)), 2000);
      this.pending.set(seq, (response) => {
        clearTimeout(timer);
        resolve(response as T);
      });
      this.session.handleMessage({ seq, type: 'request', command, arguments: args } as DebugProtocol.Request);
    });
  }

  /** The program starts on setImmediate after `launch` answers, so a waiter added right after it is in time. */
  nextEvent<T extends DebugProtocol.Event>(event: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} event`)), 2000);
      this.waiters.push({ event, resolve: (value) => { clearTimeout(timer); resolve(value as T); } });
    });
  }
}

const PROGRAM = '/virtual/demo.mock';
const SOURCE = ['function twice(v)', '  let r = v * 2', '  return r', 'end', '', 'let n = 21', 'let m = twice(n)', 'print "m=" + m', 'exit 4'].join('\n');

async function launched(source = SOURCE, breakpointLines: number[] = [2], stopOnEntry = false): Promise<{ client: DapClient; breakpoints: DebugProtocol.Breakpoint[] }> {
  const session = new MockDebugSession(async (path) => {
    if (path !== PROGRAM) throw new Error('ENOENT');
    return source;
  });
  const client = new DapClient(session);
  const init = await client.request<DebugProtocol.InitializeResponse>('initialize', { adapterID: 'mock', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  assert.equal(init.success, true);
  assert.equal(init.body?.supportsConditionalBreakpoints, true);
  const initialized = client.nextEvent('initialized');
  const launch = client.request('launch', { program: PROGRAM, stopOnEntry });
  await initialized;
  const set = await client.request<DebugProtocol.SetBreakpointsResponse>('setBreakpoints', { source: { path: PROGRAM }, breakpoints: breakpointLines.map((line) => ({ line })) });
  await client.request('setExceptionBreakpoints', { filters: ['uncaught'] });
  await client.request('configurationDone');
  const launchResponse = await launch;
  assert.equal(launchResponse.success, true, launchResponse.message);
  return { client, breakpoints: set.body.breakpoints };
}

describe('mock debug session (DAP)', () => {
  it('launches, stops at a breakpoint and answers threads, stackTrace, scopes, variables and evaluate', async () => {
    const stoppedEvent = launched();
    const { client, breakpoints } = await stoppedEvent;
    assert.deepEqual(breakpoints.map((breakpoint) => [breakpoint.verified, breakpoint.line]), [[true, 2]]);
    const stopped = await client.nextEvent<DebugProtocol.StoppedEvent>('stopped');
    assert.deepEqual([stopped.body.reason, stopped.body.threadId, stopped.body.hitBreakpointIds], ['breakpoint', 1, [breakpoints[0].id]]);

    const threads = await client.request<DebugProtocol.ThreadsResponse>('threads');
    assert.deepEqual(threads.body.threads.map((thread) => ({ ...thread })), [{ id: 1, name: 'main' }]);
    const stack = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    assert.deepEqual(stack.body.stackFrames.map((frame) => [frame.name, frame.line, frame.source?.path]), [['twice', 2, PROGRAM], ['main', 7, PROGRAM]]);
    assert.equal(stack.body.totalFrames, 2);
    const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: stack.body.stackFrames[0].id });
    assert.deepEqual(scopes.body.scopes.map((scope) => [scope.name, scope.presentationHint]), [['Locals', 'locals'], ['Globals', undefined]]);
    const variables = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: scopes.body.scopes[0].variablesReference });
    assert.deepEqual(variables.body.variables.map((variable) => [variable.name, variable.value]), [['v', '21']]);
    const evaluated = await client.request<DebugProtocol.EvaluateResponse>('evaluate', { expression: 'v + n', frameId: stack.body.stackFrames[0].id, context: 'repl' });
    assert.equal(evaluated.body.result, '42');
    const wrong = await client.request('evaluate', { expression: 'nope', context: 'repl' });
    assert.deepEqual([wrong.success, wrong.message], [false, "'nope' is not defined"]);
  });

  it('steps, sends program output, then exited with the code and terminated', async () => {
    const { client } = await launched();
    await client.nextEvent('stopped');
    const next = client.nextEvent<DebugProtocol.StoppedEvent>('stopped');
    assert.equal((await client.request('next', { threadId: 1 })).success, true);
    assert.equal((await next).body.reason, 'step');
    const stack = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    assert.equal(stack.body.stackFrames[0].line, 3);

    const output = client.nextEvent<DebugProtocol.OutputEvent>('output');
    const exited = client.nextEvent<DebugProtocol.ExitedEvent>('exited');
    const terminated = client.nextEvent('terminated');
    await client.request('continue', { threadId: 1 });
    const printed = await output;
    assert.deepEqual([printed.body.category, printed.body.output, printed.body.line], ['stdout', 'm=42\n', 8]);
    assert.equal((await exited).body.exitCode, 4);
    await terminated;
  });

  it('stops on entry, answers a stale variables reference with an error, and refuses to step while running', async () => {
    const { client } = await launched(SOURCE, [], true);
    const entry = await client.nextEvent<DebugProtocol.StoppedEvent>('stopped');
    assert.equal(entry.body.reason, 'entry');
    const stack = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: stack.body.stackFrames[0].id });
    const pause = client.nextEvent('stopped');
    await client.request('next', { threadId: 1 });
    await pause;
    const stale = await client.request('variables', { variablesReference: scopes.body.scopes[0].variablesReference });
    assert.equal(stale.success, false);
    assert.match(stale.message ?? '', /not valid/);
    const terminated = client.nextEvent('terminated');
    await client.request('disconnect', { terminateDebuggee: true });
    await terminated;
    const afterEnd = await client.request('next', { threadId: 1 });
    assert.equal(afterEnd.success, false);
  });

  it('fails a launch with a syntax error or a missing file, naming the problem', async () => {
    const session = new MockDebugSession(async (path) => {
      if (path === '/virtual/broken.mock') return 'let x = (1';
      throw new Error('ENOENT: no such file');
    });
    const client = new DapClient(session);
    await client.request('initialize', { adapterID: 'mock', pathFormat: 'path' });
    const broken = await client.request('launch', { program: '/virtual/broken.mock' });
    assert.deepEqual([broken.success, broken.message], [false, "broken.mock line 1: expected ')' but found the end"]);
    const missing = await client.request('launch', { program: '/virtual/missing.mock' });
    assert.equal(missing.success, false);
    assert.match(missing.message ?? '', /Cannot read the program \/virtual\/missing\.mock/);
  });

  it('keeps nothing of the messages it exchanged: the debugadapter logger queues each one until a setup() that never comes', async () => {
    // The queue is the library's private field; it is what grew 0.5 KB per call in the soak.
    const queued = (): number => (logger as unknown as { _pendingLogQ?: unknown[] })._pendingLogQ?.length ?? 0;
    const before = queued();
    const { client } = await launched();
    for (let round = 0; round < 20; round += 1) {
      const threads = await client.request<DebugProtocol.ThreadsResponse>('threads');
      assert.equal(threads.success, true);
    }
    const terminated = client.nextEvent('terminated');
    await client.request('disconnect', { terminateDebuggee: true });
    await terminated;
    assert.equal(queued(), before);
  });
});
