import * as assert from 'node:assert/strict';
import type { NewTraceEvent } from '../../src/shared/trace';
import { TraceStore } from '../../src/trace/traceStore';
import { TraceUpdateBatcher, type BatchTimer, type TraceAppendBatch } from '../../src/panel/updateBatcher';
import { renderPanelHtml } from '../../src/panel/webviewHtml';
import { summarizeEvent } from '../../src/shared/eventSummary';
import { PanelEventStore } from '../../webview/panelEventStore';

/** A timer the test fires by hand. */
class ManualTimer implements BatchTimer {
  pending: Array<{ callback: () => void; ms: number } | undefined> = [];
  set(callback: () => void, ms: number): unknown {
    this.pending.push({ callback, ms });
    return this.pending.length - 1;
  }
  clear(handle: unknown): void {
    this.pending[handle as number] = undefined;
  }
  fire(): void {
    const due = this.pending.filter((entry) => entry !== undefined);
    this.pending = [];
    for (const entry of due) entry?.callback();
  }
  get armed(): number {
    return this.pending.filter((entry) => entry !== undefined).length;
  }
}

function event(overrides: Partial<NewTraceEvent> = {}): NewTraceEvent {
  return { timestamp: 1, connectionId: 's1', source: 'debugger', kind: 'request', method: 'tools/call', status: 'ok', ...overrides };
}

describe('panel update batching', () => {
  it('sends a new dropped count when a recorder reports drops, even with no new event', () => {
    const store = new TraceStore(1000);
    const timer = new ManualTimer();
    const batches: TraceAppendBatch[] = [];
    const batcher = new TraceUpdateBatcher(store, (batch) => batches.push(batch), 50, timer);
    store.noteUnrecorded(3);
    assert.equal(timer.armed, 1);
    timer.fire();
    assert.deepEqual(batches.map((batch) => [batch.events.length, batch.droppedCount]), [[0, 3]]);
    batcher.dispose();
  });

  it('delivers a burst as one append-only batch per interval, in order, with changed sessions', () => {
    const store = new TraceStore(1000);
    const timer = new ManualTimer();
    const batches: TraceAppendBatch[] = [];
    const batcher = new TraceUpdateBatcher(store, (batch) => batches.push(batch), 50, timer);
    store.upsertConnection({ id: 's1', source: 'debugger', transport: 'stdio', startedAt: 0, lastActivityAt: 0, status: 'active' });
    for (let index = 0; index < 250; index++) store.append(event({ timestamp: index }));
    assert.equal(timer.armed, 1, 'one timer for the whole burst');
    assert.equal(timer.pending[0]?.ms, 50);
    assert.equal(batches.length, 0, 'nothing is posted before the interval ends');
    timer.fire();
    assert.equal(batches.length, 1);
    assert.deepEqual(batches[0].events.map((item) => item.id), Array.from({ length: 250 }, (_, index) => index + 1));
    assert.deepEqual(batches[0].connections.map((session) => session.id), ['s1']);
    store.append(event());
    store.updateConnection('s1', { status: 'ended' });
    timer.fire();
    assert.deepEqual(batches[1].events.map((item) => item.id), [251]);
    assert.equal(batches[1].connections[0].status, 'ended');
    timer.fire();
    assert.equal(batches.length, 2, 'no empty batches');
    batcher.dispose();
  });

  it('reports drops from the store bound, flushes on demand, and discards what a snapshot already holds', () => {
    const store = new TraceStore(10);
    const timer = new ManualTimer();
    const batches: TraceAppendBatch[] = [];
    const batcher = new TraceUpdateBatcher(store, (batch) => batches.push(batch), 50, timer);
    for (let index = 0; index < 15; index++) store.append(event());
    batcher.flush();
    assert.equal(batches[0].droppedCount, 5);
    assert.equal(batches[0].events.length, 15, 'the webview applies the same bound itself');
    assert.equal(timer.armed, 0, 'flush cancels the pending timer');
    store.append(event());
    batcher.discardPending();
    timer.fire();
    assert.equal(batches.length, 1);
    batcher.dispose();
    store.append(event());
    timer.fire();
    assert.equal(batches.length, 1, 'a disposed batcher stops listening');
  });
});

describe('panel update batching under the byte bound', () => {
  it('tells the webview the oldest event the store kept, so it forgets what the store dropped for bytes', () => {
    const store = new TraceStore(1000, 10_000);
    const timer = new ManualTimer();
    const batches: TraceAppendBatch[] = [];
    const batcher = new TraceUpdateBatcher(store, (batch) => batches.push(batch), 50, timer);
    for (let index = 0; index < 20; index++) store.append(event({ response: { text: 'x'.repeat(1_000) } }));
    timer.fire();
    assert.ok(store.size < 20, `the byte bound dropped some (kept ${store.size})`);
    assert.equal(batches[0].events.length, 20, 'every appended event is delivered once');
    assert.equal(batches[0].firstKeptId, 21 - store.size);
    assert.equal(batches[0].firstKeptId, store.query()[0].id);
    assert.equal(batches[0].droppedCount, 20 - store.size);
    batcher.dispose();
  });

  it('sends the new oldest id when the count bound shrinks the store, even with no new event', () => {
    const store = new TraceStore(100);
    for (let index = 0; index < 30; index++) store.append(event());
    const timer = new ManualTimer();
    const batches: TraceAppendBatch[] = [];
    const batcher = new TraceUpdateBatcher(store, (batch) => batches.push(batch), 50, timer);
    store.setMaxEvents(10);
    store.append(event());
    timer.fire();
    assert.deepEqual(batches.map((batch) => [batch.events.map((item) => item.id), batch.firstKeptId, batch.droppedCount]), [[[31], 22, 21]]);
    batcher.dispose();
  });
});

describe('the webview\'s events follow the store\'s byte bound', () => {
  it('holds what the store holds after each batch, however many the byte bound dropped meanwhile', () => {
    const store = new TraceStore(50_000, 40_000);
    const timer = new ManualTimer();
    const panel = new PanelEventStore(50_000);
    const batcher = new TraceUpdateBatcher(store, (batch) => panel.appendEvents(batch.events.map(summarizeEvent), batch.droppedCount, batch.firstKeptId), 50, timer);
    for (let round = 0; round < 10; round++) {
      for (let index = 0; index < 25; index++) store.append(event({ response: { text: 'x'.repeat(500 + 300 * (index % 7)) } }));
      timer.fire();
      assert.equal(panel.size, store.size, `round ${round}: the panel holds what the store keeps`);
      assert.equal(panel.droppedCount, store.droppedCount, `round ${round}: and counts what it dropped`);
    }
    assert.ok(store.droppedCount > 100, `the byte bound dropped most (${store.droppedCount})`);
    batcher.dispose();
  });
});

describe('panel page', () => {
  it('has a CSP with a script nonce, no network, and only extension resources', () => {
    const html = renderPanelHtml({ cspSource: 'https://res.example', scriptUri: 'https://res.example/dist/webview.js', styleUri: 'https://res.example/media/panel.css', codiconUri: 'https://res.example/dist/codicon.css', nonce: 'abc123' });
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe/);
    assert.doesNotMatch(csp, /connect-src/);
    assert.match(html, /<script type="module" nonce="abc123" src="https:\/\/res\.example\/dist\/webview\.js">/);
    assert.match(html, /id="vscode-codicon-stylesheet"/);
    const other = renderPanelHtml({ cspSource: 'x', scriptUri: 'a', styleUri: 'b', codiconUri: 'c' });
    const nonces = [html, other].map((page) => /nonce="([^"]+)"/.exec(page)?.[1]);
    assert.notEqual(nonces[0], nonces[1]);
  });
});
