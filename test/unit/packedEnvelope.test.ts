import * as assert from 'node:assert/strict';
import { summarizeEvent, type EventSummary } from '../../src/shared/eventSummary';
import { decodeSummaries, eventsToFill, isPackedEnvelope, packEnvelope, readPackedEnvelope, unpackEnvelope } from '../../src/shared/packedEnvelope';
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

  it('decode any range of the rows, in order or not, as the same summaries', () => {
    const events = summaries(1_000);
    const packed = packEnvelope({ messageId: 3, body: { type: 'append', connections: [], events, droppedCount: 0, firstKeptId: 0 } });
    const { envelope, table } = readPackedEnvelope(packed);
    assert.ok(table);
    assert.equal(table.count, 1_000);
    const decoded = eventsToFill(envelope);
    decodeSummaries(table, 0, 250, decoded);
    decodeSummaries(table, 250, 777, decoded);
    decodeSummaries(table, 777, 1_000, decoded);
    assert.deepEqual(decoded, events);
    // a range ahead of the last one read, then one behind it
    const ahead: EventSummary[] = [];
    decodeSummaries(table, 900, 905, ahead);
    decodeSummaries(table, 3, 4, ahead);
    assert.deepEqual(ahead, [...events.slice(900, 905), events[3]]);
  });

  it('give each summary its own fields and the strings and tool lists of the table', () => {
    const events = summaries(30);
    const decoded = eventsToFill(unpackEnvelope(packEnvelope({ messageId: 4, body: { type: 'append', connections: [], events, droppedCount: 0, firstKeptId: 0 } })));
    for (const summary of decoded) assert.equal(Object.getPrototypeOf(summary), Object.prototype);
    decoded[3].latencyMs = 12_345;
    assert.equal(decoded[6].latencyMs, events[6].latencyMs);
    assert.equal(decoded[3].listedTools, decoded[6].listedTools, 'one array for the same tools listed');
    assert.deepEqual(decoded[3].listedTools, ['a', 'b']);
  });

  it('refuse rows of other fields than the ones they decode', () => {
    const packed = packEnvelope({ messageId: 5, body: { type: 'append', connections: [], events: summaries(3), droppedCount: 0, firstKeptId: 0 } });
    const text = new TextDecoder().decode(packed.packed.subarray(0, packed.packed.byteLength - (packed.rowBytes ?? 0)));
    const head = new TextEncoder().encode(text.replace('"timestamp","connectionId"', '"connectionId","timestamp"'));
    const rows = packed.packed.subarray(packed.packed.byteLength - (packed.rowBytes ?? 0));
    const swapped = new Uint8Array(head.byteLength + rows.byteLength);
    swapped.set(head);
    swapped.set(rows, head.byteLength);
    assert.throws(() => readPackedEnvelope({ ...packed, packed: swapped }), /fields/);
  });

  it('are told apart from plain envelopes', () => {
    assert.equal(isPackedEnvelope({ messageId: 1, body: { type: 'describe' } }), false);
    assert.equal(isPackedEnvelope({ messageId: 1, packed: [1, 2] }), false);
    assert.equal(isPackedEnvelope({ messageId: 1, packed: new Uint8Array(2), rowBytes: '2' }), false);
    assert.equal(isPackedEnvelope({ messageId: 1, packed: new Uint8Array(2), rowBytes: 3 }), false);
    assert.equal(isPackedEnvelope(null), false);
  });
});
