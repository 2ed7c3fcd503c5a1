import * as assert from 'node:assert/strict';
import { asHostEnvelope, DROP_CHUNK_BYTES, asWebviewEnvelope, dispatchMessage, MessageNumbering, type Envelope, type MessageHandlers, type WebviewMessage } from '../../src/shared/protocol';

describe('panel protocol', () => {
  it('numbers messages and marks replies', () => {
    const numbering = new MessageNumbering();
    const first = numbering.wrap({ type: 'ready' });
    const reply = numbering.wrap({ type: 'result', ok: true }, first.messageId);
    assert.deepEqual(first, { messageId: 1, body: { type: 'ready' } });
    assert.deepEqual(reply, { messageId: 2, inReplyTo: 1, body: { type: 'result', ok: true } });
  });

  it('accepts only well-formed envelopes of the right direction', () => {
    assert.ok(asWebviewEnvelope({ messageId: 1, body: { type: 'ready' } }));
    assert.equal(asWebviewEnvelope({ messageId: 1, body: { type: 'snapshot' } }), undefined, 'a host message is not a webview message');
    assert.equal(asWebviewEnvelope({ body: { type: 'ready' } }), undefined);
    assert.equal(asWebviewEnvelope({ messageId: 1, inReplyTo: 'x', body: { type: 'ready' } }), undefined);
    assert.equal(asWebviewEnvelope('ready'), undefined);
    assert.ok(asHostEnvelope({ messageId: 3, body: { type: 'append', connections: [], events: [], droppedCount: 0 } }));
    assert.equal(asHostEnvelope({ messageId: 3, body: { type: 'revealSource' } }), undefined);
  });

  it('checks the payloads the host acts on', () => {
    assert.ok(asWebviewEnvelope({ messageId: 1, body: { type: 'revealSource', location: { path: '/a.py', line: 3 } } }));
    assert.equal(asWebviewEnvelope({ messageId: 1, body: { type: 'revealSource', location: { path: '', line: 3 } } }), undefined);
    assert.equal(asWebviewEnvelope({ messageId: 1, body: { type: 'revealSource', location: { path: '/a.py', line: '3' } } }), undefined);
    assert.ok(asWebviewEnvelope({ messageId: 1, body: { type: 'dropFile', name: 'x.json', size: 12 } }));
    assert.equal(asWebviewEnvelope({ messageId: 1, body: { type: 'dropFile', name: 'x.json', size: -1 } }), undefined);
    assert.equal(asWebviewEnvelope({ messageId: 1, body: { type: 'dropFile', name: 'x.json' } }), undefined);
    assert.ok(asWebviewEnvelope({ messageId: 2, body: { type: 'dropChunk', upload: 1, offset: 0, bytes: new Uint8Array(4) } }));
    assert.equal(asWebviewEnvelope({ messageId: 2, body: { type: 'dropChunk', upload: 1, offset: 0, bytes: 'abcd' } }), undefined, 'bytes, not a text');
    assert.equal(asWebviewEnvelope({ messageId: 2, body: { type: 'dropChunk', upload: 1, offset: 0, bytes: new Uint8Array(DROP_CHUNK_BYTES + 1) } }), undefined, 'no chunk larger than the bound');
    assert.equal(asWebviewEnvelope({ messageId: 2, body: { type: 'dropChunk', upload: 1, offset: 0.5, bytes: new Uint8Array(4) } }), undefined);
    assert.ok(asWebviewEnvelope({ messageId: 3, body: { type: 'dropCancel', upload: 1 } }));
    assert.ok(asWebviewEnvelope({ messageId: 4, body: { type: 'importUri', uri: 'file:///tmp/a.json' } }));
    assert.equal(asWebviewEnvelope({ messageId: 4, body: { type: 'importUri', uri: '' } }), undefined);
    assert.ok(asWebviewEnvelope({ messageId: 1, body: { type: 'replayCall', eventId: 4, arguments: { sessionId: 's1' } } }));
    assert.equal(asWebviewEnvelope({ messageId: 1, body: { type: 'replayCall', eventId: 4, arguments: ['s1'] } }), undefined);
    assert.equal(asWebviewEnvelope({ messageId: 1, body: { type: 'replayCall', eventId: '4', arguments: {} } }), undefined);
    assert.ok(asWebviewEnvelope({ messageId: 1, body: { type: 'compareTraces', base: 'shown', imported: false } }));
    assert.equal(asWebviewEnvelope({ messageId: 1, body: { type: 'compareTraces', base: 'live', imported: false } }), undefined);
  });

  it('dispatches to the handler of the message type', async () => {
    const seen: string[] = [];
    const handlers: MessageHandlers<WebviewMessage> = {
      revealSource: (message) => { seen.push(`${message.location.path}:${message.location.line}`); },
      importFile: async (_message, envelope) => { seen.push(`import#${envelope.messageId}`); },
    };
    const reveal: Envelope<WebviewMessage> = { messageId: 4, body: { type: 'revealSource', location: { path: '/p.ts', line: 9 } } };
    await dispatchMessage(handlers, reveal);
    await dispatchMessage(handlers, { messageId: 5, body: { type: 'importFile' } });
    await dispatchMessage(handlers, { messageId: 6, body: { type: 'ready' } });
    assert.deepEqual(seen, ['/p.ts:9', 'import#5']);
  });
});
