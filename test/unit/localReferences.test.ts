import * as assert from 'node:assert/strict';
import { LocalReferences } from '../../src/debug/cdp/localReferences';
import { DebugRecordOf } from '../../src/debug/debugRecord';

describe('references of our own for locals read over CDP', () => {
  function pausedRecord(): DebugRecordOf {
    const record = new DebugRecordOf({ id: 'r1', name: 'demo', language: 'javascript', startedBy: 'agent' });
    record.beginLaunch('launch');
    record.stopped({ reason: 'breakpoint', threadId: 1, at: 1 });
    return record;
  }

  it('gives each variable of a stop one reference, above the numbers js-debug hands out, the same for every read of that stop', () => {
    const references = new LocalReferences();
    const record = pausedRecord();
    const list = references.issue(record, record.stopCount, 7, 'Local: show', 'list');
    const point = references.issue(record, record.stopCount, 7, 'Local: show', 'point');
    assert.ok(list >= 2 ** 30 && list < 2 ** 31 && point !== list);
    assert.equal(references.issue(record, record.stopCount, 7, 'Local: show', 'list'), list, 'read again at the same stop: the same reference');
    const entry = references.lookup(record, point);
    assert.deepEqual(entry !== 'expired' && entry && [entry.frameId, entry.scopeName, entry.name], [7, 'Local: show', 'point']);
    assert.equal(references.lookup(record, 5), undefined, "js-debug's own");
    assert.equal(references.lookup(pausedRecord(), point), undefined, "another session's numbers are not this one's");
  });

  it('expires every reference of a stop when the program resumes or stops again, and never reuses one', () => {
    const references = new LocalReferences();
    const record = pausedRecord();
    const first = references.issue(record, record.stopCount, 7, 'Local: show', 'list');
    record.resumed();
    assert.equal(references.lookup(record, first), 'expired', 'running');
    record.stopped({ reason: 'step', threadId: 1, at: 2 });
    assert.equal(references.lookup(record, first), 'expired', 'the next stop');
    const second = references.issue(record, record.stopCount, 8, 'Local: show', 'list');
    assert.notEqual(second, first);
    assert.equal(references.lookup(record, first), 'expired', 'still refused once the new stop has references of its own');
    assert.notEqual(references.lookup(record, second), 'expired');
  });
});
