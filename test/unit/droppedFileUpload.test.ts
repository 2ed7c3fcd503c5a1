import * as assert from 'node:assert/strict';
import type { Envelope, HostMessage, WebviewMessage } from '../../src/shared/protocol';
import { DroppedFileUpload, uploadProgressText, type UploadChannel } from '../../webview/droppedFileUpload';

/** A host that answers when the test says so, and notes what the upload posted and how many chunks waited at most. */
class ScriptedHost implements UploadChannel {
  readonly sent: Array<{ messageId: number; message: WebviewMessage; transfer?: Transferable[]; answer: (reply: HostMessage) => void }> = [];
  readonly posted: WebviewMessage[] = [];
  readonly forgotten: number[] = [];
  private nextId = 1;

  send(message: WebviewMessage, transfer?: Transferable[]) {
    let answer: (reply: HostMessage) => void = () => undefined;
    const promise = new Promise<HostMessage>((resolve) => {
      answer = resolve;
    });
    const messageId = this.nextId++;
    this.sent.push({ messageId, message, transfer, answer });
    return { messageId, answer: promise };
  }

  post(message: WebviewMessage): Envelope<WebviewMessage> {
    this.posted.push(message);
    return { messageId: this.nextId++, body: message };
  }

  forget(messageId: number): void {
    this.forgotten.push(messageId);
  }

  chunks() {
    return this.sent.filter((entry) => entry.message.type === 'dropChunk');
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

function fileOf(size: number, name = 'big.json'): File {
  const bytes = new Uint8Array(size);
  for (let index = 0; index < size; index++) bytes[index] = index % 251;
  return new File([bytes], name);
}

describe('a dropped file on its way to the host (webview side)', () => {
  it('sends every byte in order, in chunks, never more than chunksAhead unanswered, and ends with the host\'s result', async () => {
    const host = new ScriptedHost();
    const progress: number[] = [];
    const upload = new DroppedFileUpload(fileOf(1_000), host, ({ sent }) => progress.push(sent), { chunkBytes: 64, chunksAhead: 3 });
    const done = upload.run();
    await settle();
    assert.deepEqual(host.sent.map((entry) => entry.message), [{ type: 'dropFile', name: 'big.json', size: 1_000 }]);
    assert.equal(host.chunks().length, 0, 'nothing is read before the host took the file');
    host.sent[0].answer({ type: 'dropReceived', received: 0 });
    let answered = 0;
    let received = 0;
    for (;;) {
      await settle();
      const chunks = host.chunks();
      assert.ok(chunks.length - answered <= 3, `${chunks.length - answered} chunks unanswered`);
      if (answered === chunks.length) break;
      const chunk = chunks[answered++];
      assert.equal(chunk.message.type, 'dropChunk');
      if (chunk.message.type !== 'dropChunk') return;
      assert.equal(chunk.message.upload, host.sent[0].messageId);
      assert.equal(chunk.message.offset, received, 'in order, none left out');
      assert.deepEqual(chunk.transfer, [chunk.message.bytes.buffer], 'the bytes are handed over, not copied');
      assert.equal(chunk.message.bytes[0], received % 251);
      received += chunk.message.bytes.byteLength;
      chunk.answer(received < 1_000 ? { type: 'dropReceived', received } : { type: 'result', ok: true });
    }
    assert.equal(received, 1_000);
    assert.equal(answered, 16, '1,000 bytes in chunks of 64');
    assert.deepEqual(await done, { type: 'result', ok: true });
    assert.equal(progress.at(-1), 1_000);
    assert.deepEqual(host.posted, [], 'nothing cancelled');
  });

  it('stops at the host\'s refusal, at the start or half-way, and forgets the chunks still on their way', async () => {
    const refusedAtOnce = new ScriptedHost();
    const first = new DroppedFileUpload(fileOf(100), refusedAtOnce, () => undefined, { chunkBytes: 10, chunksAhead: 2 }).run();
    await settle();
    refusedAtOnce.sent[0].answer({ type: 'result', ok: false, message: 'Import of big.json failed: no' });
    assert.deepEqual(await first, { type: 'result', ok: false, message: 'Import of big.json failed: no' });
    assert.equal(refusedAtOnce.chunks().length, 0);

    const host = new ScriptedHost();
    const second = new DroppedFileUpload(fileOf(100), host, () => undefined, { chunkBytes: 10, chunksAhead: 2 }).run();
    await settle();
    host.sent[0].answer({ type: 'dropReceived', received: 0 });
    await settle();
    assert.equal(host.chunks().length, 2);
    host.chunks()[0].answer({ type: 'result', ok: false, message: 'Import of big.json failed: bytes 0… arrived where 4 was expected.' });
    assert.equal((await second)?.type, 'result');
    await settle();
    assert.equal(host.chunks().length, 2, 'nothing more was read or sent');
    assert.deepEqual(host.forgotten, [host.chunks()[1].messageId]);
  });

  it('cancelled (another file dropped), it sends no more and tells the host', async () => {
    const host = new ScriptedHost();
    const upload = new DroppedFileUpload(fileOf(100), host, () => undefined, { chunkBytes: 10, chunksAhead: 2 });
    const running = upload.run();
    await settle();
    host.sent[0].answer({ type: 'dropReceived', received: 0 });
    await settle();
    upload.cancel();
    host.chunks()[0].answer({ type: 'dropReceived', received: 10 });
    assert.equal(await running, undefined);
    await settle();
    assert.equal(host.chunks().length, 2);
    assert.deepEqual(host.posted, [{ type: 'dropCancel', upload: host.sent[0].messageId }]);
  });

  it('says how far the file got, then that the host opens it', () => {
    assert.equal(uploadProgressText('big.json', { received: 0, sent: 48 * 2 ** 20, size: 127 * 2 ** 20 }), 'Reading big.json: 48 of 127 MB…');
    assert.equal(uploadProgressText('small.json', { received: 0, sent: 2 ** 20, size: 3 * 2 ** 20 }), 'Reading small.json: 1.0 of 3.0 MB…');
    assert.equal(uploadProgressText('big.json', { received: 0, sent: 127 * 2 ** 20, size: 127 * 2 ** 20 }), 'Opening big.json (127 MB)…');
  });
});
