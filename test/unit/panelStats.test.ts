import * as assert from 'node:assert/strict';
import { listedToolNames, summarizeEvent } from '../../src/shared/eventSummary';
import type { TraceEvent, TraceConnection } from '../../src/shared/trace';
import { ACTIVE_WINDOW_MS, displayedConnectionStatus, percentile, ConnectionStatsIndex, ToolStatsIndex } from '../../src/shared/traceStats';
import { breakpointLocations, findLocations, formatLocation, locationOf } from '../../src/shared/sourceLocations';

let nextId = 1;
function event(overrides: Partial<TraceEvent>): TraceEvent {
  return { id: nextId++, timestamp: 1_000, connectionId: 's1', source: 'debugger', kind: 'request', method: 'tools/call', status: 'ok', ...overrides };
}

describe('panel figures', () => {
  it('counts calls, failures and tools per session as events arrive', () => {
    const index = new ConnectionStatsIndex();
    index.add(event({ kind: 'connection_start', method: 'connection_start' }));
    index.add(event({ method: 'initialize' }));
    index.add(event({ tool: 'a' }));
    index.add(event({ tool: 'b', status: 'error', timestamp: 5_000 }));
    index.add(event({ tool: 'a', status: 'denied' }));
    index.add(event({ kind: 'notification', method: 'notifications/progress' }));
    const figures = index.get('s1');
    assert.equal(figures?.calls, 4);
    assert.equal(figures?.errors, 2);
    assert.deepEqual([...(figures?.tools ?? [])].sort(), ['a', 'b']);
    assert.equal(figures?.lastEventAt, 5_000);
    assert.equal(index.get('other'), undefined);
  });

  it('shows a session active while open or within five minutes of its last event', () => {
    const session: TraceConnection = { id: 's1', source: 'debugger', transport: 'stdio', startedAt: 0, lastActivityAt: 10_000, status: 'ended' };
    assert.equal(displayedConnectionStatus({ ...session, status: 'active' }, undefined, 10 ** 9), 'active');
    assert.equal(displayedConnectionStatus(session, undefined, 10_000 + ACTIVE_WINDOW_MS - 1), 'active');
    assert.equal(displayedConnectionStatus(session, undefined, 10_000 + ACTIVE_WINDOW_MS), 'ended');
    assert.equal(displayedConnectionStatus(session, { calls: 0, errors: 0, tools: new Set(), lastEventAt: 20_000 }, 10_000 + ACTIVE_WINDOW_MS), 'active');
  });

  it('gathers tool figures from tools/list answers and calls', () => {
    const tools = new ToolStatsIndex();
    tools.add(summarizeEvent(event({ method: 'tools/list', connectionId: 'listing', timestamp: 50, response: { result: { tools: [{ name: 'a' }, { name: 'unused' }] } } })));
    tools.add(summarizeEvent(event({ method: 'tools/list', status: 'error', connectionId: 'failed-listing', response: { result: { tools: [{ name: 'ghost' }] } } })));
    for (const latency of [10, 20, 30, 40, 1000]) tools.add(event({ tool: 'a', latencyMs: latency, connectionId: 'caller' }));
    tools.add(event({ tool: 'a', status: 'error', latencyMs: 5, connectionId: 'caller' }));
    tools.add(event({ tool: 'b', connectionId: 'other' }));
    const rows = new Map(tools.rows((id) => `client-of-${id}`).map((row) => [row.name, row]));
    assert.deepEqual(rows.get('a'), {
      name: 'a', calls: 6, errors: 1, errorRate: 1 / 6, p50: 20, p95: 1000, lastListedAt: 50,
      discoveredBy: ['client-of-listing'], calledBy: ['client-of-caller'],
    });
    assert.equal(rows.get('unused')?.calls, 0);
    assert.equal(rows.get('unused')?.p50, undefined);
    assert.equal(rows.get('b')?.lastListedAt, undefined);
    assert.equal(rows.has('ghost'), false, 'a failed tools/list answer lists nothing');
  });

  it('keeps p50/p95 right as latencies arrive between two reads of the rows', () => {
    const tools = new ToolStatsIndex();
    const all: number[] = [];
    // a pseudo-random spread, read after each batch as a live panel does
    for (let batch = 0; batch < 6; batch++) {
      for (let index = 0; index < 50 + batch * 7; index++) {
        const latency = (index * 7_919 + batch * 104_729) % 997;
        all.push(latency);
        tools.add(event({ tool: 'a', latencyMs: latency, connectionId: 'caller' }));
      }
      const sorted = [...all].sort((x, y) => x - y);
      const row = tools.rows(String)[0];
      assert.deepEqual([row.p50, row.p95], [percentile(sorted, 50), percentile(sorted, 95)], `after batch ${batch}`);
    }
  });

  it('takes nearest-rank percentiles', () => {
    assert.equal(percentile([], 50), undefined);
    assert.equal(percentile([7], 95), 7);
    assert.equal(percentile([1, 2, 3, 4], 50), 2);
    assert.equal(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 95), 95);
    assert.deepEqual(listedToolNames({ result: { tools: [{ name: 'x' }, { nope: 1 }] } }), ['x']);
    assert.deepEqual(listedToolNames({ error: {} }), []);
  });
});

describe('event summaries', () => {
  it('keep what the lists show and leave the bodies with the host', () => {
    const full = event({
      tool: undefined, method: 'resources/read', source: 'proxy:files', error: 'x'.repeat(400), latencyMs: 9, upstreamMs: 7, proxyMs: 2,
      request: { params: { uri: 'file:///a.md' } }, response: { result: { contents: ['big'] } }, metadata: { direction: 'client-to-server' },
      trace: { name: 't', start: 0, duration_ms: 1, status: 'ok', children: [] },
    });
    const summary = summarizeEvent(full);
    assert.equal(summary.target, 'file:///a.md');
    assert.equal(summary.upstream, 'files');
    assert.equal(summary.hasTrace, true);
    assert.equal(summary.error?.length, 301);
    assert.deepEqual([summary.latencyMs, summary.upstreamMs, summary.proxyMs], [9, 7, 2]);
    for (const body of ['request', 'response', 'metadata', 'trace']) assert.equal(body in summary, false, body);
  });
});

describe('source locations in traces', () => {
  it('recognises DAP frames, breakpoints and tool answers', () => {
    assert.deepEqual(locationOf({ id: 1, name: 'f', line: 12, column: 3, source: { path: '/a/b.py' } }), { path: '/a/b.py', line: 12, column: 3 });
    assert.deepEqual(locationOf({ file: '/a/b.py', line: 4 }), { path: '/a/b.py', line: 4 });
    assert.equal(locationOf({ line: 4 }), undefined);
    assert.equal(locationOf({ path: '/x', line: 'four' }), undefined);
    assert.deepEqual(breakpointLocations({ source: { path: '/a.js' }, breakpoints: [{ line: 1 }, { line: 9 }] }), [{ path: '/a.js', line: 1 }, { path: '/a.js', line: 9 }]);
  });

  it('finds every distinct location in nested JSON', () => {
    const response = { body: { stackFrames: [
      { name: 'inner', line: 3, source: { path: '/p/m.py' } },
      { name: 'outer', line: 9, source: { path: '/p/m.py' } },
      { name: 'again', line: 3, source: { path: '/p/m.py' } },
    ] } };
    assert.deepEqual(findLocations([response, { source: { path: '/p/n.py' }, breakpoints: [{ line: 2 }] }]).map(formatLocation), ['m.py:3', 'm.py:9', 'n.py:2']);
    assert.equal(findLocations(Array.from({ length: 80 }, (_, line) => ({ path: '/x.py', line })), 50).length, 50);
  });
});
