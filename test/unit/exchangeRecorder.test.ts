import * as assert from 'node:assert/strict';
import { ExchangeRecorder } from '../../src/trace/exchangeRecorder';
import { TraceStore } from '../../src/trace/traceStore';

function recorderWithClock(secrets: string[] = []) {
  let now = 1000;
  const store = new TraceStore();
  const recorder = new ExchangeRecorder(store, { id: 'c-1', source: 'proxy:everything', transport: 'streamable-http', secrets, now: () => now });
  return { store, recorder, advance: (ms: number) => (now += ms) };
}

describe('ExchangeRecorder', () => {
  it('pairs a request with its answer into one event with latency, sizes and client info', () => {
    const { store, recorder, advance } = recorderWithClock();
    recorder.clientMessage({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { clientInfo: { name: 'claude-code', version: '2.0' } } }, 120);
    advance(7);
    recorder.serverMessage({ jsonrpc: '2.0', id: 1, result: {} }, 300, { upstreamMs: 5 });
    const [start, initialize] = store.query();
    assert.equal(start.method, 'connection_start');
    assert.deepEqual(
      { method: initialize.method, latencyMs: initialize.latencyMs, upstreamMs: initialize.upstreamMs, proxyMs: initialize.proxyMs, requestBytes: initialize.requestBytes, responseBytes: initialize.responseBytes, timestamp: initialize.timestamp },
      { method: 'initialize', latencyMs: 7, upstreamMs: 5, proxyMs: 2, requestBytes: 120, responseBytes: 300, timestamp: 1000 },
    );
    assert.equal(store.getConnection('c-1')?.clientName, 'claude-code');
    assert.equal(store.getConnection('c-1')?.source, 'proxy:everything');
  });

  it('classifies JSON-RPC errors, isError results and denials', () => {
    const { store, recorder } = recorderWithClock();
    recorder.clientMessage({ id: 'a', method: 'tools/call', params: { name: 'x' } }, 1);
    recorder.serverMessage({ id: 'a', error: { code: -32602, message: 'bad params' } }, 1);
    recorder.clientMessage({ id: 'b', method: 'tools/call', params: { name: 'y' } }, 1);
    recorder.serverMessage({ id: 'b', result: { isError: true, content: [{ type: 'text', text: 'boom' }] } }, 1);
    recorder.clientMessage({ id: 'c', method: 'tools/call', params: { name: 'z' } }, 1);
    recorder.recordLocalAnswer('c', { id: 'c', error: { code: -32001, message: 'denied by policy' } }, 'denied');
    recorder.clientMessage({ id: 'd', method: 'tools/call', params: { name: 'w' } }, 1);
    recorder.serverMessage({ id: 'd', result: { isError: true, content: [{ type: 'text', text: '{"success":false,"denied":true,"error":"untrusted"}' }] } }, 1);
    const calls = store.query().filter((event) => event.method === 'tools/call');
    assert.deepEqual(calls.map((event) => [event.tool, event.status, event.error, event.errorCode]), [
      ['x', 'error', 'bad params', -32602],
      ['y', 'error', 'boom', undefined],
      ['z', 'denied', 'denied by policy', -32001],
      ['w', 'denied', 'untrusted', undefined],
    ]);
  });

  it('records notifications both ways and server-to-client requests answered by the client', () => {
    const { store, recorder } = recorderWithClock();
    recorder.clientMessage({ method: 'notifications/initialized' }, 10);
    recorder.serverMessage({ method: 'notifications/progress', params: { progress: 1 } }, 20);
    recorder.serverMessage({ id: 7, method: 'sampling/createMessage', params: {} }, 30);
    recorder.clientMessage({ id: 7, result: { content: {} } }, 40);
    const events = store.query().slice(1);
    assert.deepEqual(events.map((event) => [event.kind, event.method]), [
      ['notification', 'notifications/initialized'],
      ['notification', 'notifications/progress'],
      ['request', 'sampling/createMessage'],
    ]);
    assert.deepEqual(events[2].metadata, { direction: 'server-to-client' });
  });

  it('keeps the same id apart in the two directions', () => {
    const { store, recorder } = recorderWithClock();
    recorder.clientMessage({ id: 1, method: 'tools/list' }, 1);
    recorder.serverMessage({ id: 1, method: 'roots/list' }, 1);
    recorder.clientMessage({ id: 1, result: { roots: [] } }, 1);
    recorder.serverMessage({ id: 1, result: { tools: [] } }, 1);
    assert.deepEqual(store.query().slice(1).map((event) => event.method), ['roots/list', 'tools/list']);
  });

  it('masks the token in recorded bodies', () => {
    const token = 'super-secret-token-value';
    const { store, recorder } = recorderWithClock([token]);
    recorder.clientMessage({ id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: `my ${token}` } } }, 1);
    recorder.serverMessage({ id: 1, result: { content: [{ type: 'text', text: token }] } }, 1);
    assert.ok(!JSON.stringify(store.export()).includes(token));
  });

  it('masks secrets in the trace tree it hangs on the event, as in the bodies', () => {
    const token = 'super-secret-token-value';
    const { store, recorder } = recorderWithClock([token]);
    recorder.clientMessage({ id: 1, method: 'tools/call', params: { name: 'start_debugging', arguments: {} } }, 1);
    recorder.attachTrace(1, {
      name: 'tool.run', start: 1000, duration_ms: 1, status: 'ok', tool: 'start_debugging',
      inputs: { env: { API_TOKEN: 'plain-value-123', NOTE: `uses ${token}` } }, children: [],
    });
    recorder.serverMessage({ id: 1, result: { content: [] } }, 1);
    const inputs = JSON.stringify(store.query({ tool: 'start_debugging' })[0]?.trace?.inputs);
    assert.ok(!inputs.includes('plain-value-123') && !inputs.includes(token), inputs);
    assert.match(inputs, /\[redacted\]/);
  });

  it('ends a cancelled exchange as cancelled, saying who cancelled it, and ignores an answer that comes anyway', () => {
    const { store, recorder, advance } = recorderWithClock();
    recorder.clientMessage({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'start_debugging' } }, 40);
    advance(60_000);
    recorder.clientMessage({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 7, reason: 'Request timed out' } }, 90);
    recorder.serverMessage({ jsonrpc: '2.0', id: 7, result: {} }, 10);
    // a server-to-client request the server cancels ends the same way
    recorder.serverMessage({ jsonrpc: '2.0', id: 'ask', method: 'sampling/createMessage' }, 30);
    recorder.serverMessage({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'ask' } }, 30);
    const requests = store.query().filter((event) => event.kind === 'request');
    assert.deepEqual(requests.map((event) => [event.method, event.status, event.error, event.latencyMs]), [
      ['tools/call', 'cancelled', 'cancelled by the client: Request timed out', 60_000],
      ['sampling/createMessage', 'cancelled', 'cancelled by the server', 0],
    ]);
    assert.deepEqual(store.query().filter((event) => event.kind === 'notification').map((event) => event.method), ['notifications/cancelled', 'notifications/cancelled']);
    // nothing stays open: ending the connection closes no exchange
    recorder.end();
    assert.equal(store.query().filter((event) => event.kind === 'request').length, 2);
  });

  it('closes open exchanges as errors and marks the session ended', () => {
    const { store, recorder } = recorderWithClock();
    recorder.clientMessage({ id: 1, method: 'tools/call', params: { name: 'slow' } }, 1);
    recorder.end();
    recorder.end();
    const events = store.query();
    assert.deepEqual(events.map((event) => [event.method, event.status]), [['connection_start', 'ok'], ['tools/call', 'error'], ['connection_end', 'ok']]);
    assert.equal(store.getConnection('c-1')?.status, 'ended');
  });

  it('links a replayed tools/call to the event it replays, from the id its _meta names', () => {
    const { store, recorder } = recorderWithClock();
    recorder.clientMessage({ id: 1, method: 'tools/call', params: { name: 'echo', arguments: {}, _meta: { 'mcp-live-debugger/replayOf': 41 } } }, 1);
    recorder.serverMessage({ id: 1, result: { content: [] } }, 1);
    recorder.clientMessage({ id: 2, method: 'tools/call', params: { name: 'echo', _meta: { 'mcp-live-debugger/replayOf': 'x' } } }, 1);
    recorder.serverMessage({ id: 2, result: { content: [] } }, 1);
    recorder.clientMessage({ id: 3, method: 'tools/list', params: { _meta: { 'mcp-live-debugger/replayOf': 41 } } }, 1);
    recorder.serverMessage({ id: 3, result: { tools: [] } }, 1);
    assert.deepEqual(store.query().filter((event) => event.kind === 'request').map((event) => [event.method, event.replayOf]), [['tools/call', 41], ['tools/call', undefined], ['tools/list', undefined]]);
  });

  it('measures the sizes it is not given as the messages\' JSON bytes, a request\'s when its answer comes', () => {
    const { store, recorder } = recorderWithClock();
    const request = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'süß', arguments: { text: 'ünïcode' } } };
    const answer = { jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'é' }] } };
    const notification = { jsonrpc: '2.0', method: 'notifications/progress', params: { progress: 1, message: 'schön' } };
    recorder.clientMessage(request);
    recorder.serverMessage(notification);
    recorder.serverMessage(answer);
    const [progress, call] = store.query().slice(1);
    assert.equal(progress.responseBytes, Buffer.byteLength(JSON.stringify(notification)));
    assert.deepEqual([call.requestBytes, call.responseBytes], [Buffer.byteLength(JSON.stringify(request)), Buffer.byteLength(JSON.stringify(answer))]);
  });
});
