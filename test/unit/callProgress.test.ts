// Progress and cancellation of a waiting tool over the MCP SDK (in-memory transport, fake bridge).
import * as assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import type { ExecutionOutcome, WaitOptions } from '../../src/debug/debugBridge';
import { CallCancellations } from '../../src/mcp/callCancellations';
import { createMcpServer } from '../../src/mcp/mcpServerFactory';
import { createTools } from '../../src/mcp/tools';
import { FakeDebugBridge } from './toolsFakeBridge';
import { connectInMemory } from './inMemoryClient';

describe('progress and cancellation of waiting tools', function () {
  this.timeout(20_000);
  let bridge: FakeDebugBridge;
  let client: Client;
  let cancelled: Array<{ requestId: string | number; answer: CallToolResult; at: number }>;
  let close: () => Promise<void>;
  let sessionId: string;

  beforeEach(async () => {
    bridge = new FakeDebugBridge();
    cancelled = [];
    // a step that runs until its bound or its cancellation, writing output meanwhile
    bridge.step = (id: string, _kind: string, wait: WaitOptions): Promise<ExecutionOutcome> => new Promise((resolve) => {
      bridge.setState(id, 'running');
      const writer = setInterval(() => bridge.appendOutput(id, 'tick\n'), 300);
      const end = (outcome: ExecutionOutcome) => { clearInterval(writer); clearTimeout(bound); resolve(outcome); };
      const bound = setTimeout(() => { bridge.setState(id, 'paused', 'step'); end({ state: 'paused', reason: 'step', location: { file: '/w/a.py', line: 3, column: 1, function: 'f' } }); }, wait.timeoutMs);
      wait.signal?.addEventListener('abort', () => end({ state: 'running', pending: true }), { once: true });
    });
    const server = createMcpServer({
      identity: { name: 't', version: '1' },
      tools: () => createTools(bridge),
      source: 'debugger',
      cancellations: new CallCancellations(),
      progressSessions: bridge,
      onToolCancelled: (requestId, answer) => cancelled.push({ requestId, answer, at: Date.now() }),
    });
    client = await connectInMemory(server);
    close = async () => { await client.close(); await server.close(); };
    sessionId = bridge.createSession({ language: 'python' }).id;
    bridge.setState(sessionId, 'paused', 'breakpoint');
  });

  afterEach(async () => close());

  it('sends progress every second while a step waits, with what it waits for and the output so far', async () => {
    const progress: Progress[] = [];
    const result = (await client.callTool({ name: 'step_over', arguments: { sessionId, timeoutMs: 3500 } }, undefined, { onprogress: (update) => progress.push(update) })) as CallToolResult;
    assert.equal((result.structuredContent as { state: string }).state, 'paused');
    assert.ok(progress.length >= 2 && progress.length <= 4, `${progress.length} progress messages in 3.5 s`);
    for (const [index, update] of progress.entries()) {
      assert.equal(update.total, 3500);
      if (index > 0) assert.ok(update.progress > progress[index - 1].progress, 'progress rises');
      assert.match(String(update.message), new RegExp(`^step_over: waiting for session ${sessionId} \\(running\\) to stop`));
    }
    assert.match(String(progress.at(-1)?.message), /Program output so far \(end\): .*tick\n/s);
  });

  it('sends no progress to a client that passed no progressToken', async () => {
    let notified = 0;
    client.fallbackNotificationHandler = async () => { notified++; };
    await client.callTool({ name: 'step_over', arguments: { sessionId, timeoutMs: 1500 } });
    assert.equal(notified, 0);
  });

  it('ends the wait at once when the client cancels, with state running, and hands the unsent answer on', async () => {
    const abort = new AbortController();
    const call = client.callTool({ name: 'step_over', arguments: { sessionId, timeoutMs: 10_000 } }, undefined, { signal: abort.signal });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const abortedAt = Date.now();
    abort.abort('the user pressed stop');
    await assert.rejects(call);
    const deadline = Date.now() + 2000;
    while (cancelled.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(cancelled.length, 1);
    assert.ok(cancelled[0].at - abortedAt < 1000, `the wait ended ${cancelled[0].at - abortedAt} ms after the cancel`);
    const answer = cancelled[0].answer.structuredContent as { state: string; pending: boolean };
    assert.equal(answer.state, 'running');
    assert.equal(answer.pending, true);
  });
});
