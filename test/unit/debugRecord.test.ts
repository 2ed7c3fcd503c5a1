import * as assert from 'node:assert/strict';
import { OutputBuffer } from '../../src/debug/outputBuffer';
import { DebugRecordOf } from '../../src/debug/debugRecord';

describe('debug session record', () => {
  const record = () => new DebugRecordOf({ id: 'r1', name: 'demo', language: 'mock', startedBy: 'agent' });

  it('moves through the states from the tracker\'s facts and drops the stop on resume', () => {
    const session = record();
    assert.equal(session.state, 'created');
    session.beginLaunch('launch');
    assert.equal(session.state, 'initializing');
    session.stopped({ reason: 'breakpoint', threadId: 1, at: 1 });
    assert.equal(session.info().lastStop?.reason, 'breakpoint');
    session.resumed();
    assert.equal(session.state, 'running');
    assert.equal(session.info().lastStop, undefined);
    session.exitCode = 4;
    session.end();
    assert.deepEqual([session.state, session.info().exitCode], ['stopped', 4]);
  });

  it('takes a top frame only from a stackTrace asked at the current stop: a late answer of the stop before names dropped frames', () => {
    const session = record();
    session.beginLaunch('launch');
    session.stopped({ reason: 'breakpoint', threadId: 1, at: 1 });
    const askedAtFirstStop = session.stopCount;
    session.resumed();
    session.stopped({ reason: 'step', threadId: 1, at: 2 });
    const frame = (id: number) => ({ id, name: 'swap', file: '/p/swap.js', line: id, column: 1 });
    session.observeTopFrame(1, frame(878), askedAtFirstStop);
    assert.equal(session.currentTopFrame(), undefined);
    session.observeTopFrame(1, frame(879), session.stopCount);
    assert.equal(session.currentTopFrame()?.frame.id, 879);
  });

  it('ends in error when the adapter refused the launch, in stopped otherwise', () => {
    const failed = record();
    failed.beginLaunch('launch');
    failed.error = 'no such program';
    failed.end();
    assert.equal(failed.state, 'error');
    const ran = record();
    ran.beginLaunch('launch');
    ran.configured = true;
    ran.error = 'late complaint';
    ran.end();
    assert.equal(ran.state, 'stopped');
  });

  it('wakes a waiter on the event, not by polling, and answers false at the bound', async () => {
    const session = record();
    session.beginLaunch('launch');
    const before = session.stopCount;
    const waiting = session.waitFor(() => session.stopCount > before, 5000);
    const started = Date.now();
    setTimeout(() => session.stopped({ reason: 'step', at: 0 }), 20);
    assert.equal(await waiting, true);
    assert.ok(Date.now() - started < 1000);
    assert.equal(await session.waitFor(() => session.stopCount > before + 1, 30), false);
  });

  it('answers a waiter at once when the session ends or the call is cancelled', async () => {
    const session = record();
    session.beginLaunch('launch');
    const ends = session.endCount;
    const waiting = session.waitFor(() => session.endCount > ends, 10_000);
    session.end();
    assert.equal(await waiting, true);
    const controller = new AbortController();
    const cancelled = session.waitFor(() => false, 10_000, controller.signal);
    controller.abort();
    assert.equal(await cancelled, false);
  });

  it('keeps a bounded output ring with paging and the last printed lines', () => {
    const buffer = new OutputBuffer(3);
    for (let index = 1; index <= 5; index++) buffer.push('stdout', `line ${index}\n`);
    buffer.push('telemetry', 'ignored by lastLines');
    const page = buffer.read(0, 2);
    assert.deepEqual(page.entries.map((entry) => entry.seq), [4, 5]);
    assert.equal(page.hasMore, true);
    assert.equal(page.dropped, 3);
    assert.deepEqual(buffer.lastLines(2), ['line 4', 'line 5']);
    buffer.push('stderr', 'x'.repeat(10_000));
    assert.equal(buffer.read(6, 10).entries[0].truncated, true);
  });
});
