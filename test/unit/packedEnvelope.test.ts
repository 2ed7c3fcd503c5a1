import * as assert from 'node:assert/strict';
import { summarizeEvent, type EventSummary } from '../../src/shared/eventSummary';
import { decodeSummaries, eventsToFill, isPackedEnvelope, PACKED_CHUNK_ROWS, packEnvelope, readPackedEnvelope, unpackEnvelope } from '../../src/shared/packedEnvelope';
import { asHostEnvelope, type Envelope, type HostMessage } from '../../src/shared/protocol';
import type { TraceEvent } from '../../src/shared/trace';

/** Summaries with every field a summary can have, and some without most. */
function summaries(count: number): EventSummary[] {
  return Array.from({ length: count }, (_, index): EventSummary => {
    const full = index % 3 === 0;
    const event: TraceEvent = {
      id: index + 1, timestamp: 1_764_650_000_000 + index, connectionId: `conn-${index % 7}`, source: full ? 'proxy:payments' : 'debugger',
      kind: 'request', method: full ? 'tools/list' : 'tools/call', tool: full ? undefined : 'step_over', status: index % 5 === 0 ? 'error' : 'ok',
      error: index % 5 === 0 ? `NameError: name c${index} is not defined "quoted" \u00e9\u{1F600}` : undefined, errorCode: index % 5 === 0 ? -32603 : undefined,
      latencyMs: index % 97, upstreamMs: full ? 1.5 : undefined, proxyMs: full ? 0.25 : undefined, requestBytes: 180, responseBytes: 640 + index,
      replayOf: index % 11 === 0 ? 1 : undefined,
      request: { jsonrpc: '2.0', id: index, method: 'resources/read', params: { uri: `file:///work/notes-${index % 3}.md` } },
      response: full ? { jsonrpc: '2.0', id: index, result: { tools: [{ name: 'a' }, { name: 'b' }] } } : undefined,
      trace: full ? undefined : { name: 'tool.run', start: 0, duration_ms: 1, status: 'ok', children: [] },
    } as TraceEvent;
    return summarizeEvent(event);
  });
}

describe('packed host messages', () => {
  it('give back the same envelope, event summaries and all, field for field', () => {
    const events = summaries(300);
    assert.ok(events.some((summary) => summary.listedTools?.length === 2 && summary.upstream === 'payments' && summary.target));
    assert.ok(events.some((summary) => summary.hasTrace && summary.errorCode === -32603 && summary.replayOf === 1));
    const envelope: Envelope<HostMessage> = { messageId: 7, body: { type: 'append', connections: [], events, droppedCount: 3, firstKeptId: 2 } };
    const packed = packEnvelope(envelope);
    assert.ok(isPackedEnvelope(packed));
    assert.ok(packed.packed instanceof Uint8Array);
    assert.deepEqual(asHostEnvelope(unpackEnvelope(packed)), envelope);
  });

  it('carry other messages and replies as they are', () => {
    const event = { id: 4, timestamp: 1, connectionId: 'c', source: 'debugger', kind: 'request', method: 'tools/call', status: 'ok', response: { text: 'x'.repeat(5_000) } } as TraceEvent;
    const envelope: Envelope<HostMessage> = { messageId: 9, inReplyTo: 3, body: { type: 'eventDetail', event } };
    assert.deepEqual(unpackEnvelope(packEnvelope(envelope)), envelope);
  });

  it('take less than half the JSON the summaries would take', () => {
    const body: HostMessage = { type: 'append', connections: [], events: summaries(5_000), droppedCount: 0, firstKeptId: 0 };
    const json = JSON.stringify({ messageId: 1, body });
    const bytes = packEnvelope({ messageId: 1, body }).packed.byteLength;
    assert.ok(bytes < json.length / 2, `${bytes} bytes packed, ${json.length} as JSON`);
  });

  it('carry the rows in chunks of their own, each parsed only once a slice reads it', () => {
    const events = summaries(1_000);
    const packed = packEnvelope({ messageId: 3, body: { type: 'append', connections: [], events, droppedCount: 0, firstKeptId: 0 } });
    assert.equal(packed.rowChunks?.length, Math.ceil(1_000 / PACKED_CHUNK_ROWS));
    // the last chunk's bytes spoilt: the slices before it decode all the same, since they never parse it
    const lastChunk = packed.rowChunks?.at(-1) ?? 0;
    packed.packed.fill(0x7b, packed.packed.byteLength - lastChunk);
    const { envelope, table } = readPackedEnvelope(packed);
    assert.ok(table);
    assert.equal(table.count, 1_000);
    const decoded = eventsToFill(envelope);
    decodeSummaries(table, 0, PACKED_CHUNK_ROWS, decoded);
    decodeSummaries(table, PACKED_CHUNK_ROWS, 3 * PACKED_CHUNK_ROWS, decoded);
    assert.deepEqual(decoded, events.slice(0, 3 * PACKED_CHUNK_ROWS));
    assert.throws(() => decodeSummaries(table, 3 * PACKED_CHUNK_ROWS, 1_000, decoded), SyntaxError);
  });

  it('are told apart from plain envelopes', () => {
    assert.equal(isPackedEnvelope({ messageId: 1, body: { type: 'describe' } }), false);
    assert.equal(isPackedEnvelope({ messageId: 1, packed: [1, 2] }), false);
    assert.equal(isPackedEnvelope({ messageId: 1, packed: new Uint8Array(2), rowChunks: ['2'] }), false);
    assert.equal(isPackedEnvelope(null), false);
  });
});
