import * as assert from 'node:assert/strict';
import { canonicalJson, diffJson, isVolatileKey } from '../../src/shared/jsonDiff';

describe('structural JSON diff', () => {
  it('finds nothing between equal values, whatever the key order', () => {
    assert.deepEqual(diffJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 }), { changes: [], ignored: 0 });
    assert.equal(canonicalJson({ b: 1, a: { d: 2, c: 3 } }), canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it('lists added, removed and changed values with their paths', () => {
    const { changes } = diffJson(
      { success: true, state: 'paused', location: { file: 'a.py', line: 4 }, frames: [1, 2, 3], gone: 'x' },
      { success: true, state: 'running', location: { file: 'a.py', line: 5, column: 1 }, frames: [1, 2], 'odd key': true },
    );
    assert.deepEqual(changes, [
      { kind: 'changed', path: 'state', before: 'paused', after: 'running' },
      { kind: 'changed', path: 'location.line', before: 4, after: 5 },
      { kind: 'added', path: 'location.column', after: 1 },
      { kind: 'removed', path: 'frames[2]', before: 3 },
      { kind: 'removed', path: 'gone', before: 'x' },
      { kind: 'added', path: '["odd key"]', after: true },
    ]);
  });

  it('matches lists of named things by name, so one new variable is one change', () => {
    const before = { variables: [{ name: 'a', value: '1' }, { name: 'count', value: '1' }] };
    const after = { variables: [{ name: 'b', value: '0' }, { name: 'a', value: '1' }, { name: 'count', value: '2' }] };
    assert.deepEqual(diffJson(before, after).changes, [
      { kind: 'changed', path: 'variables["count"].value', before: '1', after: '2' },
      { kind: 'added', path: 'variables["b"]', after: { name: 'b', value: '0' } },
    ]);
  });

  it('compares by position when names repeat or are missing', () => {
    const { changes } = diffJson([{ name: 'x', v: 1 }, { name: 'x', v: 2 }], [{ name: 'x', v: 1 }, { name: 'x', v: 3 }]);
    assert.deepEqual(changes, [{ kind: 'changed', path: '[1].v', before: 2, after: 3 }]);
  });

  it('reports a change of type as one change of the whole value', () => {
    assert.deepEqual(diffJson({ value: { nested: 1 } }, { value: 'flat' }).changes, [{ kind: 'changed', path: 'value', before: { nested: 1 }, after: 'flat' }]);
    assert.deepEqual(diffJson(1, 2).changes, [{ kind: 'changed', path: '', before: 1, after: 2 }]);
  });

  it('leaves out ids, references and times when asked, and counts what it left out', () => {
    const before = { id: 1, sessionId: 's-1', variablesReference: 7, startedAt: 100, duration_ms: 3, at: '2026-12-01T10:00:00.000Z', value: '1' };
    const after = { id: 2, sessionId: 's-2', variablesReference: 9, startedAt: 200, duration_ms: 4, at: '2026-12-02T11:00:00Z', value: '2' };
    assert.equal(diffJson(before, after).changes.length, 7);
    const ignoring = diffJson(before, after, { ignoreVolatile: true });
    assert.deepEqual(ignoring.changes, [{ kind: 'changed', path: 'value', before: '1', after: '2' }]);
    assert.equal(ignoring.ignored, 6);
  });

  it('takes ids inside id lists as ids, but not words that merely end alike', () => {
    assert.equal(diffJson({ ids: [1, 2] }, { ids: [3, 2] }, { ignoreVolatile: true }).ignored, 1);
    for (const key of ['id', 'threadId', 'request_id', 'frameIds', 'variablesReference', 'timestamp', 'endedAt', 'latencyMs', 'startTime']) assert.ok(isVolatileKey(key), key);
    for (const key of ['items', 'format', 'valid', 'side', 'line', 'start', 'end', 'identity']) assert.ok(!isVolatileKey(key), key);
  });
});
