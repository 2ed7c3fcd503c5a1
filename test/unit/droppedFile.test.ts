import * as assert from 'node:assert/strict';
import { DroppedFile } from '../../src/panel/droppedFile';
import { TRACE_FILE_MAX_BYTES } from '../../src/shared/trace';

describe('a dropped file as its chunks arrive (host side)', () => {
  it('decodes chunks as they come, a character cut between two whole', () => {
    const bytes = new TextEncoder().encode('{"name": "Grüße, 日本"}');
    const file = new DroppedFile(7, 'x.json', bytes.byteLength);
    // cut inside "ü" and inside "日"
    const cuts = [0, 12, 13, 21, 22, bytes.byteLength];
    for (let index = 1; index < cuts.length; index++) {
      assert.equal(file.complete, false);
      file.take(cuts[index - 1], bytes.subarray(cuts[index - 1], cuts[index]));
    }
    assert.equal(file.complete, true);
    assert.equal(file.receivedBytes, bytes.byteLength);
    assert.equal(file.text(), '{"name": "Grüße, 日本"}');
  });

  it('refuses a file too large to read, bytes out of order, and more bytes than announced', () => {
    assert.throws(() => new DroppedFile(1, 'huge.json', TRACE_FILE_MAX_BYTES + 1), /^Error: huge\.json is 500 MB, more than the 500 MB a trace file may have/);
    const file = new DroppedFile(1, 'x.json', 8);
    file.take(0, new Uint8Array(4));
    assert.throws(() => file.take(0, new Uint8Array(4)), /bytes 0… arrived where 4 was expected/);
    assert.throws(() => file.take(4, new Uint8Array(5)), /more than the 8 bytes it was said to have arrived/);
    assert.throws(() => file.text(), /only 4 of its 8 bytes arrived/);
  });

  it('an empty file is complete at once, and its text is empty', () => {
    const file = new DroppedFile(1, 'empty.json', 0);
    assert.equal(file.complete, true);
    assert.equal(file.text(), '');
  });
});
