import * as assert from 'node:assert/strict';
import type { Span } from '../../src/shared/trace';
import { axisTicks, barOf, criticalPath, timeAxis, waterfallOf } from '../../webview/waterfallLayout';

const T0 = Date.UTC(2026, 11, 2, 1, 0, 0);

function span(name: string, start: number, duration: number, children: Span[] = [], status: Span['status'] = 'ok'): Span {
  return { name, start: T0 + start, duration_ms: duration, status, children };
}

describe('waterfall layout', () => {
  it('puts each span at its recorded offset and duration on one axis, in tree order with depths', () => {
    const root = span('tool.run', 0, 1_000, [
      span('launch', 10, 490),
      span('stopped', 520, 0),
      span('stackTrace', 600, 250, [span('source', 700, 50)]),
    ]);
    const { axis, rows } = waterfallOf(root);
    assert.deepEqual(axis, { origin: T0, lengthMs: 1_000 });
    assert.deepEqual(rows.map((row) => [row.span.name, row.path.join('.'), row.depth, row.offsetMs, row.durationMs, row.leftPercent, row.widthPercent]), [
      ['tool.run', '', 1, 0, 1_000, 0, 100],
      ['launch', '0', 2, 10, 490, 1, 49],
      ['stopped', '1', 2, 520, 0, 52, 0],
      ['stackTrace', '2', 2, 600, 250, 60, 25],
      ['source', '2.0', 3, 700, 50, 70, 5],
    ]);
  });

  it('widens the axis to a child that outlives its parent (a DAP answer after the tool answered)', () => {
    const root = span('tool.run', 0, 100, [span('late', 50, 150)]);
    const { axis, rows } = waterfallOf(root);
    assert.equal(axis.lengthMs, 200);
    assert.deepEqual(rows.map((row) => [row.leftPercent, row.widthPercent]), [[0, 50], [25, 75]]);
  });

  it('follows the critical path backwards from the end: the last child to finish, then the one before its start', () => {
    const waitedOn = span('evaluate', 400, 500, [span('variables', 450, 100), span('scopes', 560, 300)]);
    const overlapped = span('threads', 420, 200);
    const first = span('launch', 10, 350);
    const event = span('stopped', 950, 0);
    const root = span('tool.run', 0, 1_000, [first, overlapped, waitedOn, event]);
    const path = criticalPath(root);
    assert.deepEqual([...path].map((s) => s.name).sort(), ['evaluate', 'launch', 'scopes', 'tool.run', 'variables'].sort());
    assert.equal(path.has(overlapped), false, 'a child hidden under a longer one is not waited on');
    assert.equal(path.has(event), false, 'an instant takes no time');
    assert.deepEqual(waterfallOf(root).rows.filter((row) => row.critical).map((row) => row.span.name), ['tool.run', 'launch', 'evaluate', 'variables', 'scopes']);
  });

  it('a lone instant or nothing at all still has an axis to draw on', () => {
    assert.deepEqual(timeAxis([]), { origin: 0, lengthMs: 1 });
    const axis = timeAxis([{ start: T0, durationMs: 0 }]);
    assert.deepEqual(axis, { origin: T0, lengthMs: 1 });
    assert.deepEqual(barOf({ start: T0, durationMs: 0 }, axis), { offsetMs: 0, durationMs: 0, leftPercent: 0, widthPercent: 0 });
  });

  it('places a session\'s calls on the session\'s axis', () => {
    const axis = timeAxis([{ start: T0, durationMs: 9_500 }]);
    assert.deepEqual(barOf({ start: T0 + 2_000, durationMs: 1_900 }, axis), { offsetMs: 2_000, durationMs: 1_900, leftPercent: 2_000 / 95, widthPercent: 20 });
  });

  it('ticks the axis at round steps, at most five past the origin', () => {
    assert.deepEqual(axisTicks({ origin: T0, lengthMs: 1_000 }).map((tick) => tick.offsetMs), [0, 200, 400, 600, 800, 1_000]);
    assert.deepEqual(axisTicks({ origin: T0, lengthMs: 1_830 }).map((tick) => tick.offsetMs), [0, 500, 1_000, 1_500]);
    assert.deepEqual(axisTicks({ origin: T0, lengthMs: 18 }).map((tick) => [tick.offsetMs, tick.leftPercent]), [[0, 0], [5, 500 / 18], [10, 1_000 / 18], [15, 1_500 / 18]]);
  });
});
