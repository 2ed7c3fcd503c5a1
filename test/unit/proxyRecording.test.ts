import * as assert from 'node:assert/strict';
import { ProxyConnectionRecorder } from '../../src/proxy/proxyConnectionRecorder';
import { RecordingQueue } from '../../src/proxy/recordingQueue';
import { formatSseFrame, SseFrameParser } from '../../src/proxy/sseFrames';
import { TraceStore } from '../../src/trace/traceStore';

describe('proxy recording', () => {
  it('records from wire timestamps: total, upstream and proxy time of an exchange', () => {
    const store = new TraceStore();
    const queue = new RecordingQueue();
    const recorder = new ProxyConnectionRecorder(store, queue, { id: 's1', upstreamName: 'up', secrets: ['secret-token-123456'] }, 1000);
    recorder.clientMessages(1000, Buffer.from('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"clientInfo":{"name":"c","version":"2"}}}'));
    recorder.serverMessages(1003.5, Buffer.from('{"jsonrpc":"2.0","id":1,"result":{}}'), 3.25);
    recorder.clientMessages(1010, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo', arguments: { token: 'secret-token-123456' } } });
    recorder.serverMessages(1012, { jsonrpc: '2.0', id: 2, result: { isError: true, content: [{ type: 'text', text: 'boom' }] } }, 1.5);
    assert.equal(store.size, 0, 'nothing is recorded on the forwarding path');
    queue.flush();
    const session = store.getConnection('s1');
    assert.equal(session?.source, 'proxy:up');
    assert.equal(session?.clientName, 'c');
    const [start, initialize, call] = store.query({ connectionId: 's1' });
    assert.equal(start.method, 'connection_start');
    assert.equal(initialize.latencyMs, 3.5);
    assert.equal(initialize.upstreamMs, 3.25);
    assert.equal(initialize.proxyMs, 0.25);
    assert.equal(call.tool, 'echo');
    assert.equal(call.status, 'error');
    assert.equal(call.error, 'boom');
    assert.equal(call.proxyMs, 0.5);
    assert.ok(!JSON.stringify(call.request).includes('secret-token-123456'));
    recorder.end(1020);
    queue.flush();
    assert.equal(store.getConnection('s1')?.status, 'ended');
  });

  it('drops recordings past its bound instead of waiting, and counts them', async () => {
    const queue = new RecordingQueue(3);
    let ran = 0;
    const drops: number[] = [];
    queue.onDidDrop((stats) => drops.push(stats.dropped));
    for (let index = 0; index < 5; index++) queue.push(() => ran++);
    assert.deepEqual(queue.stats, { queued: 3, recorded: 0, dropped: 2 });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(ran, 3);
    assert.deepEqual(queue.stats, { queued: 0, recorded: 3, dropped: 2 });
    assert.deepEqual(drops, [2]);
  });

  it('keeps a failing recording from stopping the others', () => {
    const queue = new RecordingQueue();
    let ran = 0;
    const error = console.error;
    console.error = () => undefined;
    try {
      queue.push(() => { throw new Error('bad'); });
      queue.push(() => ran++);
      queue.flush();
    } finally {
      console.error = error;
    }
    assert.equal(ran, 1);
  });

  it('parses SSE frames split anywhere, with ids, events, comments and multi-line data', () => {
    const parser = new SseFrameParser();
    const wire = ': comment\n\nid: 7\nevent: message\ndata: {"a":\ndata: 1}\n\nid: 8\r\ndata: \r\n\r\ndata: é\n\n';
    const bytes = Buffer.from(wire);
    const frames = [];
    for (let index = 0; index < bytes.length; index += 3) frames.push(...parser.push(bytes.subarray(index, index + 3)));
    assert.deepEqual(frames, [
      { event: 'message', id: '7', data: '{"a":\n1}' },
      { event: undefined, id: '8', data: '' },
      { event: undefined, id: undefined, data: 'é' },
    ]);
    assert.equal(formatSseFrame({ id: '1', event: 'message', data: 'x\ny' }), 'event: message\nid: 1\ndata: x\ndata: y\n\n');
  });
});
