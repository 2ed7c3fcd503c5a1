import { Disposable, toDisposable } from '../common/disposable';
import { summarizeEvent } from '../shared/eventSummary';
import type { EndpointState, HostMessage } from '../shared/protocol';
import type { TraceConnection, TraceEvent } from '../shared/trace';
import type { TraceStore } from '../trace/traceStore';
import { DigestWindow } from './digestWindow';
import { DEFAULT_BATCH_INTERVAL_MS, realTimer, TraceUpdateBatcher, type BatchTimer } from './updateBatcher';

/** A large store goes to the webview as a small first message, so rows draw at once, then in chunks. */
export const FEED_FIRST_EVENTS = 1_000;
export const FEED_CHUNK_EVENTS = 5_000;
/** Messages posted ahead of the webview's `digested`: one travels while the webview handles the other. */
export const FEED_MESSAGES_AHEAD = 2;
/** A message the webview never confirms (it should not happen) holds the feed up this long at most. */
export const FEED_DIGEST_TIMEOUT_MS = 30_000;

export interface EventFeedOptions {
  firstEvents: number;
  chunkEvents: number;
  messagesAhead: number;
  digestTimeoutMs: number;
  batchIntervalMs: number;
  timers: BatchTimer;
}

/** What a snapshot says besides the store's contents. */
export interface SnapshotContext {
  maxEvents: number;
  endpoint: EndpointState;
}

/**
 * The flow of the store's events to one webview: a snapshot, then appends, each posted only while
 * fewer than `messagesAhead` are waiting for the webview's `digested`. Measured in the real
 * workbench, posting a 100,000-event store at once queued 20 messages that the workbench then
 * relayed one every 10–15 s, with the webview's frames up to 7 s long meanwhile; paced by the
 * webview, the live stream and the UI get their turn between chunks, and what waits, waits here,
 * where it costs nothing but the events' references (the store's own, or the batcher's).
 */
export class WebviewEventFeed extends Disposable {
  private readonly options: EventFeedOptions;
  private readonly batcher: TraceUpdateBatcher;
  private running = false;
  /** Events still to post, oldest first, from `pendingHead` on. */
  private pending: TraceEvent[] = [];
  private pendingHead = 0;
  private readonly connections = new Map<string, TraceConnection>();
  private reportedDropped = 0;
  private reportedFirstKept = 0;
  private postedUpToId = 0;
  /** Posted messages the webview has not digested yet. */
  private readonly undigested: DigestWindow;
  private waiters: Array<{ upToId: number; resolve: () => void }> = [];

  constructor(
    private readonly store: TraceStore,
    private readonly post: (message: HostMessage) => number,
    private readonly snapshotContext: () => SnapshotContext,
    options: Partial<EventFeedOptions> = {},
  ) {
    super();
    this.options = {
      firstEvents: FEED_FIRST_EVENTS, chunkEvents: FEED_CHUNK_EVENTS, messagesAhead: FEED_MESSAGES_AHEAD,
      digestTimeoutMs: FEED_DIGEST_TIMEOUT_MS, batchIntervalMs: DEFAULT_BATCH_INTERVAL_MS, timers: realTimer, ...options,
    };
    this.undigested = new DigestWindow(this.options, () => this.pump());
    this.batcher = this.register(new TraceUpdateBatcher(store, (batch) => {
      if (!this.running) return;
      for (const event of batch.events) this.pending.push(event);
      for (const connection of batch.connections) this.connections.set(connection.id, connection);
      this.pump();
    }, this.options.batchIntervalMs, this.options.timers));
    this.register(toDisposable(() => this.stop()));
  }

  /** Messages posted and not yet digested (for tests and diagnostics). */
  get messagesAhead(): number {
    return this.undigested.size;
  }

  /** Starts over with a snapshot of what the store holds now (the webview said ready, or must reload it). */
  start(): void {
    this.stop();
    this.running = true;
    // the snapshot holds everything appended so far, so what the batcher collected is in it
    this.batcher.discardPending();
    const events = this.store.query();
    const first = events.slice(0, this.options.firstEvents);
    const { droppedCount, firstKeptId } = this.store;
    const { maxEvents, endpoint } = this.snapshotContext();
    this.reportedDropped = droppedCount;
    this.reportedFirstKept = firstKeptId;
    this.postedUpToId = first[first.length - 1]?.id ?? 0;
    this.pending = events;
    this.pendingHead = first.length;
    this.undigested.track(this.post({ type: 'snapshot', connections: this.store.listConnections(), events: first.map(summarizeEvent), droppedCount, maxEvents, endpoint }));
    this.pump();
  }

  /** The webview went away (hidden, reloading, closed): nothing is posted until `start` again. */
  stop(): void {
    this.running = false;
    this.undigested.clear();
    this.pending = [];
    this.pendingHead = 0;
    this.connections.clear();
    this.batcher.discardPending();
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  /** The webview handled the message with this id. */
  digested(messageId: number): void {
    this.undigested.digested(messageId);
  }

  /**
   * Resolves once every event the store holds now has been posted, so a message posted after it
   * (a `describe`) is handled after them; at once when the feed is not running.
   */
  posted(): Promise<void> {
    this.batcher.flush();
    const upToId = this.store.size > 0 ? this.store.firstKeptId + this.store.size - 1 : 0;
    if (!this.running || this.postedUpToId >= upToId || this.pendingCount() === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ upToId, resolve }));
  }

  private pump(): void {
    while (this.running && this.undigested.hasRoom) {
      const { droppedCount, firstKeptId } = this.store;
      // what the store dropped meanwhile is not posted: the append's firstKeptId makes the webview forget it too
      while (this.pendingHead < this.pending.length && this.pending[this.pendingHead].id < firstKeptId) this.pendingHead++;
      const events = this.pending.slice(this.pendingHead, this.pendingHead + this.options.chunkEvents);
      this.pendingHead += events.length;
      if (this.pendingHead === this.pending.length) {
        this.pending = [];
        this.pendingHead = 0;
      }
      if (events.length === 0 && this.connections.size === 0 && droppedCount === this.reportedDropped && firstKeptId === this.reportedFirstKept) break;
      const connections = [...this.connections.values()];
      this.connections.clear();
      this.reportedDropped = droppedCount;
      this.reportedFirstKept = firstKeptId;
      if (events.length > 0) this.postedUpToId = events[events.length - 1].id;
      this.undigested.track(this.post({ type: 'append', connections, events: events.map(summarizeEvent), droppedCount, firstKeptId }));
    }
    const empty = this.pendingCount() === 0;
    this.waiters = this.waiters.filter((waiter) => {
      if (!empty && this.postedUpToId < waiter.upToId) return true;
      waiter.resolve();
      return false;
    });
  }

  private pendingCount(): number {
    return this.pending.length - this.pendingHead;
  }
}
