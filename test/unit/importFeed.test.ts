import * as assert from 'node:assert/strict';
import { ImportFeed, type ImportFeedOptions } from '../../src/panel/importFeed';
import type { HostMessage } from '../../src/shared/protocol';
import type { TraceConnection, TraceEvent } from '../../src/shared/trace';
import { ManualTimers } from './manualTimers';

const INFO = { name: 'ci-run.json', exportedAt: 42 };

function connection(id: string): TraceConnection {
  return { id, source: 'debugger', transport: 'stdio', startedAt: 0, lastActivityAt: 0, status: 'ended' };
}

function events(count: number, connectionOf: (index: number) => string = () => 'c1'): TraceEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    id: index + 1, timestamp: index, connectionId: connectionOf(index), source: 'debugger', kind: 'request', method: 'tools/call', tool: 'step_over', status: 'ok',
    request: { params: { name: 'step_over', arguments: { line: index } } },
  }));
}

/** A feed of `file` posting into a list, as the panel posts to its webview. */
function feedOf(file: TraceEvent[], connections: TraceConnection[], options: Partial<ImportFeedOptions> = {}) {
  const timers = new ManualTimers();
  const posted: Array<{ messageId: number; message: HostMessage }> = [];
  let nextId = 1;
  const feed = new ImportFeed(INFO, connections, file, (message) => {
    posted.push({ messageId: nextId, message });
    return nextId++;
  }, { firstEvents: 1_000, chunkEvents: 2_500, messagesAhead: 2, digestTimeoutMs: 30_000, timers, ...options });
  const ids = () => posted.flatMap(({ message }) => ('events' in message ? message.events.map((summary) => summary.id) : []));
  const shape = () => posted.map(({ message }) => [message.type, 'events' in message ? message.events.length : 0]);
  return { feed, timers, posted, ids, shape };
}

describe('an imported file\'s feed to the webview, paced like the store\'s', () => {
  it('posts the first events with the file\'s count, then chunks only while fewer than two wait to be digested, each event once, in order', async () => {
    const { feed, posted, ids, shape } = feedOf(events(10_000), [connection('c1')]);
    assert.deepEqual(shape(), [['imported', 1_000], ['importedEvents', 2_500]]);
    const first = posted[0].message;
    assert.equal(first.type === 'imported' && first.total, 10_000);
    assert.deepEqual(first.type === 'imported' && first.info, INFO);
    assert.equal(feed.messageId, posted[0].messageId);
    assert.equal(feed.messagesAhead, 2);
    let described = false;
    void feed.posted().then(() => {
      described = true;
    });
    feed.digested(posted[0].messageId);
    assert.equal(posted.length, 3, 'one digested, one more posted');
    feed.digested(posted[1].messageId);
    feed.digested(posted[2].messageId);
    await Promise.resolve();
    assert.equal(described, true, 'every event is posted');
    assert.deepEqual(shape(), [['imported', 1_000], ['importedEvents', 2_500], ['importedEvents', 2_500], ['importedEvents', 2_500], ['importedEvents', 1_500]]);
    feed.digested(posted[3].messageId);
    assert.equal(posted.length, 5, 'nothing else to post');
    assert.deepEqual(ids(), Array.from({ length: 10_000 }, (_, index) => index + 1));
    assert.equal(feed.done, true);
  });

  it('sends each connection with the first events that name it, and the ones no event names with the last', () => {
    const file = events(4_000, (index) => (index < 3_500 ? 'early' : 'late'));
    const { feed, posted } = feedOf(file, [connection('late'), connection('unused'), connection('early')], { messagesAhead: 10 });
    const sent = posted.map(({ message }) => ('connections' in message ? message.connections.map((item) => item.id) : []));
    assert.deepEqual(sent, [['early'], [], ['late', 'unused']]);
    assert.equal(feed.done, true);
  });

  it('a file within the first message is one `imported` with nothing after it', () => {
    const { feed, shape } = feedOf(events(3), [connection('c1')]);
    assert.deepEqual(shape(), [['imported', 3]]);
    assert.equal(feed.done, true);
    assert.equal(feed.messagesAhead, 1);
  });

  it('stopped (another file, Back to live, the webview gone), posts nothing more, and a timeout no longer frees a place', async () => {
    const { feed, posted, timers } = feedOf(events(20_000), []);
    assert.equal(posted.length, 2);
    const waiting = feed.posted();
    feed.stop();
    await waiting;
    feed.digested(posted[0].messageId);
    timers.fire(30_000);
    assert.equal(posted.length, 2);
    assert.equal(feed.messagesAhead, 0);
  });

  it('a message the webview never confirms holds its place for the timeout only', () => {
    const { posted, timers } = feedOf(events(10_000), []);
    assert.equal(posted.length, 2);
    timers.fire(30_000);
    assert.equal(posted.length, 4, 'both places freed by their timeouts');
  });
});
