import * as assert from 'node:assert/strict';
import type { HostMessage } from '../../src/shared/protocol';
import type { NewTraceEvent } from '../../src/shared/trace';
import { TraceStore } from '../../src/trace/traceStore';
import { WebviewEventFeed, type EventFeedOptions } from '../../src/panel/eventFeed';
import { ManualTimers } from './manualTimers';

function event(overrides: Partial<NewTraceEvent> = {}): NewTraceEvent {
  return { timestamp: 1, connectionId: 's1', source: 'debugger', kind: 'request', method: 'tools/call', tool: 'step_over', status: 'ok', ...overrides };
}

/** A feed posting into a list, as the panel posts to its webview. */
function feedOf(store: TraceStore, options: Partial<EventFeedOptions> = {}) {
  const timers = new ManualTimers();
  const posted: Array<{ messageId: number; message: HostMessage }> = [];
  let nextId = 1;
  const feed = new WebviewEventFeed(store, (message) => {
    posted.push({ messageId: nextId, message });
    return nextId++;
  }, () => ({ maxEvents: 100_000, endpoint: { status: 'listening' } }), { firstEvents: 1_000, chunkEvents: 2_500, messagesAhead: 2, digestTimeoutMs: 30_000, batchIntervalMs: 50, timers, ...options });
  const ids = () => posted.flatMap(({ message }) => ('events' in message ? message.events.map((summary) => summary.id) : []));
  const digestAll = () => {
    for (let index = 0; index < 1_000 && feed.messagesAhead > 0; index++) {
      for (const { messageId } of posted.slice(-feed.messagesAhead)) feed.digested(messageId);
    }
  };
  return { feed, timers, posted, ids, digestAll };
}

function fill(store: TraceStore, count: number): void {
  for (let index = 0; index < count; index++) store.append(event({ timestamp: index }));
}

describe('the panel\'s event feed, paced by the webview', () => {
  it('posts a small snapshot, then appends only while fewer than two wait to be digested, until all are there once, in order', () => {
    const store = new TraceStore(100_000);
    fill(store, 10_000);
    const { feed, posted, ids } = feedOf(store);
    feed.start();
    assert.deepEqual(posted.map(({ message }) => [message.type, 'events' in message ? message.events.length : 0]), [['snapshot', 1_000], ['append', 2_500]]);
    assert.equal(feed.messagesAhead, 2);
    feed.digested(posted[0].messageId);
    assert.equal(posted.length, 3, 'one digested, one more posted');
    feed.digested(posted[1].messageId);
    feed.digested(posted[2].messageId);
    assert.equal(posted.length, 5, 'the last chunk is out');
    feed.digested(posted[3].messageId);
    assert.equal(posted.length, 5, 'nothing else to post');
    assert.equal(feed.messagesAhead, 1);
    assert.deepEqual(ids(), Array.from({ length: 10_000 }, (_, index) => index + 1));
    feed.dispose();
  });

  it('holds live events back while the webview is busy, then sends them in one append', () => {
    const store = new TraceStore(100_000);
    fill(store, 10);
    const { feed, posted, timers, ids } = feedOf(store, { messagesAhead: 1 });
    feed.start();
    fill(store, 300);
    store.upsertConnection({ id: 's1', source: 'debugger', transport: 'stdio', startedAt: 0, lastActivityAt: 0, status: 'active' });
    timers.fire(50);
    assert.equal(posted.length, 1, 'the snapshot is not digested yet: nothing more is posted');
    feed.digested(posted[0].messageId);
    assert.equal(posted.length, 2);
    const append = posted[1].message;
    assert.equal(append.type, 'append');
    assert.equal(append.type === 'append' && append.events.length, 300);
    assert.deepEqual(append.type === 'append' && append.connections.map((connection) => connection.id), ['s1']);
    assert.deepEqual(ids(), Array.from({ length: 310 }, (_, index) => index + 1));
    feed.dispose();
  });

  it('skips what the store dropped while it waited, and tells the webview the store\'s oldest event', () => {
    const store = new TraceStore(5_000);
    fill(store, 5_000);
    const { feed, posted } = feedOf(store, { messagesAhead: 1 });
    feed.start();
    fill(store, 3_000);
    feed.digested(posted[0].messageId);
    const append = posted[1].message;
    assert.ok(append.type === 'append');
    assert.equal(append.firstKeptId, 3_001);
    assert.equal(append.droppedCount, 3_000);
    assert.equal(append.events[0].id, 3_001, 'ids 1,001–3,000 went from the store before they were posted');
    feed.dispose();
  });

  it('starts over with a fresh snapshot (shown again, reloaded) and ignores the old page\'s late digests', () => {
    const store = new TraceStore(100_000);
    fill(store, 20_000);
    const { feed, posted, digestAll } = feedOf(store);
    feed.start();
    const oldIds = posted.map(({ messageId }) => messageId);
    feed.stop();
    assert.equal(feed.messagesAhead, 0);
    fill(store, 5);
    feed.digested(oldIds[0]);
    assert.equal(posted.length, oldIds.length, 'a stopped feed posts nothing');
    feed.start();
    const restart = posted.length - oldIds.length;
    assert.equal(posted[oldIds.length].message.type, 'snapshot');
    feed.digested(oldIds[1]);
    assert.equal(posted.length - oldIds.length, restart, 'a digest of a message of the old page frees no room');
    digestAll();
    const ids = posted.slice(oldIds.length).flatMap(({ message }) => ('events' in message ? message.events.map((summary) => summary.id) : []));
    assert.deepEqual(ids, Array.from({ length: 20_005 }, (_, index) => index + 1));
    feed.dispose();
  });

  it('goes on after the timeout when a message is never digested', () => {
    const store = new TraceStore(100_000);
    fill(store, 5_000);
    const { feed, posted, timers } = feedOf(store, { messagesAhead: 1 });
    feed.start();
    assert.equal(posted.length, 1);
    timers.fire(30_000);
    assert.equal(posted.length, 2);
    feed.dispose();
  });

  it('says when everything the store holds has been posted, so a describe after it sees every event', async () => {
    const store = new TraceStore(100_000);
    fill(store, 6_000);
    const { feed, posted, digestAll } = feedOf(store);
    feed.start();
    fill(store, 10);
    let resolved = false;
    const posting = feed.posted().then(() => {
      resolved = true;
    });
    await Promise.resolve();
    assert.equal(resolved, false, 'two chunks and the live ten are still to post');
    digestAll();
    await posting;
    const last = posted[posted.length - 1].message;
    assert.ok(last.type === 'append');
    assert.equal(last.events[last.events.length - 1].id, 6_010);
    feed.dispose();
  });
});
