import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { NewTraceEvent } from '../../src/shared/trace';
import { parseTraceExport } from '../../src/trace/traceExport';
import { TraceStore } from '../../src/trace/traceStore';

function event(overrides: Partial<NewTraceEvent> = {}): NewTraceEvent {
  return { timestamp: 1000, connectionId: 's1', source: 'debugger', kind: 'request', method: 'tools/call', status: 'ok', ...overrides };
}

describe('TraceStore', () => {
  it('assigns increasing ids and finds events by id', () => {
    const store = new TraceStore();
    const first = store.append(event());
    const second = store.append(event());
    assert.equal(second.id, first.id + 1);
    assert.equal(store.get(second.id), second);
    assert.equal(store.get(999), undefined);
  });

  it('narrows queries through the session, tool and status indexes', () => {
    const store = new TraceStore();
    store.append(event({ connectionId: 'a', tool: 'step_over' }));
    store.append(event({ connectionId: 'a', tool: 'evaluate_expression', status: 'error' }));
    store.append(event({ connectionId: 'b', tool: 'step_over', status: 'error' }));
    assert.deepEqual(store.query({ connectionId: 'a' }).map((e) => e.tool), ['step_over', 'evaluate_expression']);
    assert.deepEqual(store.query({ tool: 'step_over', status: 'error' }).map((e) => e.connectionId), ['b']);
    assert.equal(store.query({ connectionId: 'a', status: 'error', tool: 'step_over' }).length, 0);
    assert.equal(store.query().length, 3);
  });

  it('drops the oldest events first at its bound and counts them', () => {
    const store = new TraceStore(3);
    for (let index = 0; index < 10; index++) store.append(event({ tool: `t${index}` }));
    assert.equal(store.size, 3);
    assert.equal(store.droppedCount, 7);
    assert.deepEqual(store.query().map((e) => e.tool), ['t7', 't8', 't9']);
    assert.deepEqual(store.query({ connectionId: 's1' }).map((e) => e.tool), ['t7', 't8', 't9']);
    assert.equal(store.query({ tool: 't0' }).length, 0);
    assert.equal(store.get(store.query()[0].id)?.tool, 't7');
  });

  it('also drops oldest-first when the kept bodies pass the byte bound', () => {
    const store = new TraceStore(1000, 10_000);
    for (let index = 0; index < 10; index++) store.append(event({ tool: `t${index}`, request: 'x'.repeat(3000) }));
    assert.ok(store.byteSize <= 10_000, `${store.byteSize} bytes kept`);
    assert.equal(store.size, 3);
    assert.equal(store.droppedCount, 7);
    assert.deepEqual(store.query().map((e) => e.tool), ['t7', 't8', 't9']);
    store.clear();
    assert.equal(store.byteSize, 0);
  });

  it('stays consistent across many drops and compactions', () => {
    const store = new TraceStore(100);
    for (let index = 0; index < 20_000; index++) store.append(event({ status: index % 2 ? 'ok' : 'error' }));
    assert.equal(store.size, 100);
    const events = store.query();
    assert.equal(events[0].id, 19_901);
    assert.equal(store.get(19_950)?.id, 19_950);
    assert.equal(store.query({ status: 'error' }).length, 50);
    const kept = store.query().reduce((sum, e) => sum + JSON.stringify(e).length, 0);
    assert.equal(store.byteSize, kept, 'the byte count follows drops and compactions');
  });

  it('lets go of the events it dropped before it compacts its backing array', async () => {
    // a real full collection, to see which events are still reachable
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const store = new TraceStore(100);
    const kept: WeakRef<object>[] = [];
    store.onDidAppend((appended) => {
      if (kept.length < 100) kept.push(new WeakRef(appended));
    });
    // 100 kept and 1,000 dropped: far below the compaction threshold (4,096 dropped)
    for (let index = 0; index < 1_100; index++) store.append(event({ request: { body: 'x'.repeat(1_000), index } }));
    assert.equal(store.droppedCount, 1_000);
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    assert.equal(kept.filter((ref) => ref.deref() !== undefined).length, 0, 'the first 100 events were dropped and are gone');
    assert.deepEqual(store.query().map((kept) => (kept.request as { index: number }).index), Array.from({ length: 100 }, (_, index) => 1_000 + index));
  });

  it('notifies appends and session changes, and tracks last activity', () => {
    const store = new TraceStore();
    const seen: number[] = [];
    const sessions: string[] = [];
    store.onDidAppend((e) => seen.push(e.id));
    store.onDidChangeConnection((s) => sessions.push(s.status));
    store.upsertConnection({ id: 's1', source: 'debugger', transport: 'streamable-http', startedAt: 1, lastActivityAt: 1, status: 'active' });
    store.append(event({ timestamp: 5000 }));
    store.updateConnection('s1', { status: 'ended' });
    assert.equal(seen.length, 1);
    assert.deepEqual(sessions, ['active', 'ended']);
    assert.equal(store.getConnection('s1')?.lastActivityAt, 5000);
  });

  it('exports the filtered view with its sessions and reads it back', () => {
    const store = new TraceStore();
    store.upsertConnection({ id: 'a', source: 'debugger', transport: 'streamable-http', startedAt: 1, lastActivityAt: 1, status: 'active' });
    store.upsertConnection({ id: 'b', source: 'proxy:x', transport: 'streamable-http', startedAt: 1, lastActivityAt: 1, status: 'ended' });
    store.append(event({ connectionId: 'a', trace: { name: 'tool.run', start: 1, duration_ms: 2, status: 'ok', children: [] } }));
    store.append(event({ connectionId: 'b' }));
    const exported = store.export((e) => e.connectionId === 'a', 42);
    assert.equal(exported.exportedAt, 42);
    assert.deepEqual(exported.connections.map((s) => s.id), ['a']);
    assert.deepEqual(parseTraceExport(JSON.stringify(exported)), exported);
  });

  it('rejects files that are not trace exports with a clear message', () => {
    assert.throws(() => parseTraceExport('{"hello":1}'), /Not an MCP Live Debugger trace export/);
    assert.throws(() => parseTraceExport('{"format":"mcp-live-debugger-trace","version":3}'), /Unsupported trace export version 3/);
    assert.throws(() => parseTraceExport('not json'), SyntaxError);
  });
});
