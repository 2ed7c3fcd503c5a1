// What the status bar says, against a real TraceStore: the calls it keeps (not every call it saw),
// the MCP clients connected to the debugger, and the words for each endpoint state.
import * as assert from 'node:assert/strict';
import { KeptCallCount, clientsConnected, liveStatusWords } from '../../src/panel/liveStatus';
import type { NewTraceEvent, TraceConnection } from '../../src/shared/trace';
import { TraceStore } from '../../src/trace/traceStore';

function event(kind: NewTraceEvent['kind'], connectionId = 's1'): NewTraceEvent {
  return { timestamp: 1000, connectionId, source: 'debugger', kind, method: kind === 'request' ? 'tools/call' : 'notifications/progress', status: 'ok' };
}

function connection(id: string, source: TraceConnection['source'], status: TraceConnection['status']): TraceConnection {
  return { id, source, transport: 'streamable-http', startedAt: 1000, lastActivityAt: 1000, status };
}

describe('the status bar\'s figures and words', () => {
  it('counts the calls the store keeps: not notifications, not those its bound dropped, none after Clear', () => {
    const store = new TraceStore(5);
    store.append(event('request'));
    store.append(event('notification'));
    const calls = new KeptCallCount(store);
    assert.equal(calls.count, 1, 'the calls already there');
    for (let index = 0; index < 3; index++) store.append(event('request'));
    assert.equal(calls.count, 4);
    // the store keeps 5: the first call and the notification go
    store.append(event('request'));
    store.append(event('request'));
    assert.equal(calls.count, 5);
    store.append(event('notification'));
    assert.equal(calls.count, 4, 'the oldest call was dropped for a notification');
    store.clear();
    assert.equal(calls.count, 0);
    store.append(event('request'));
    assert.equal(calls.count, 1);
    calls.dispose();
    store.append(event('request'));
    assert.equal(calls.count, 1, 'disposed, it no longer listens');
  });

  it('follows a long run of drops with the store\'s own count', () => {
    const store = new TraceStore(1000);
    const calls = new KeptCallCount(store);
    for (let index = 0; index < 10_000; index++) {
      store.append(event(index % 4 === 0 ? 'notification' : 'request'));
      if (index % 997 === 0) assert.equal(calls.count, store.query().filter((kept) => kept.kind === 'request').length, `after ${index + 1} appends`);
    }
    assert.equal(calls.count, 750);
  });

  it('counts the MCP clients connected to the debugger, not ended ones nor other sources', () => {
    const store = new TraceStore();
    store.upsertConnection(connection('a', 'debugger', 'active'));
    store.upsertConnection(connection('b', 'debugger', 'active'));
    store.upsertConnection(connection('c', 'debugger', 'ended'));
    store.upsertConnection(connection('d', 'proxy:memory', 'active'));
    store.upsertConnection(connection('e', 'debug-endpoint', 'active'));
    assert.equal(clientsConnected(store), 2);
  });

  it('says what it counts, for each endpoint state', () => {
    assert.deepEqual(liveStatusWords({ status: 'listening', url: 'http://127.0.0.1:4711/mcp' }, { callsKept: 12, clientsConnected: 1 }), {
      text: '$(radio-tower) MCP 12 calls',
      tooltip: 'MCP Live Debugger listening on http://127.0.0.1:4711/mcp\n1 MCP client connected to the debugger.\n12 calls in the Live Debugger, of every source (Clear empties it; the oldest go when it is full).\nClick to open the Live Debugger.',
    });
    assert.equal(liveStatusWords({ status: 'listening', url: 'u' }, { callsKept: 1, clientsConnected: 0 }).text, '$(radio-tower) MCP 1 call');
    const failed = liveStatusWords({ status: 'failed', error: 'EADDRINUSE' }, { callsKept: 0, clientsConnected: 0 });
    assert.equal(failed.text, '$(error) MCP 0 calls');
    assert.match(failed.tooltip, /^MCP Live Debugger endpoint failed: EADDRINUSE\n0 MCP clients connected/);
    assert.match(liveStatusWords({ status: 'starting' }, { callsKept: 0, clientsConnected: 0 }).tooltip, /^MCP Live Debugger endpoint starting…\n/);
  });
});
