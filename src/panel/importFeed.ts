import { summarizeEvent, type EventSummary } from '../shared/eventSummary';
import type { HostMessage, ImportedTraceInfo } from '../shared/protocol';
import type { TraceConnection, TraceEvent } from '../shared/trace';
import { DigestWindow } from './digestWindow';
import { FEED_CHUNK_EVENTS, FEED_DIGEST_TIMEOUT_MS, FEED_FIRST_EVENTS, FEED_MESSAGES_AHEAD } from './eventFeed';
import { realTimer, type BatchTimer } from './updateBatcher';

export interface ImportFeedOptions {
  firstEvents: number;
  chunkEvents: number;
  messagesAhead: number;
  digestTimeoutMs: number;
  timers: BatchTimer;
}

/**
 * An imported file's events on their way to the webview, sent as the store's snapshot is
 * (src/panel/eventFeed.ts): an `imported` with the oldest events, so rows draw at once, then
 * `importedEvents` chunks, each posted only while fewer than `messagesAhead` wait for the webview's
 * `digested`. Measured in the real workbench, a 100,000-event file in one message kept the
 * webview's thread for seconds with nothing drawn. A connection goes with the first chunk whose
 * events name it (the webview indexes events by their connection as they arrive), the ones no
 * event names with the last.
 */
export class ImportFeed {
  private readonly options: ImportFeedOptions;
  private readonly undigested: DigestWindow;
  private next = 0;
  private readonly unsent: Map<string, TraceConnection>;
  private running = true;
  private waiters: Array<() => void> = [];
  /** The `imported` message's id: the webview names it when the user leaves the file. */
  readonly messageId: number;

  /** Starts posting `events` (in id order) at once. */
  constructor(
    info: ImportedTraceInfo,
    connections: readonly TraceConnection[],
    private readonly events: readonly TraceEvent[],
    private readonly post: (message: HostMessage) => number,
    options: Partial<ImportFeedOptions> = {},
  ) {
    this.options = {
      firstEvents: FEED_FIRST_EVENTS, chunkEvents: FEED_CHUNK_EVENTS, messagesAhead: FEED_MESSAGES_AHEAD,
      digestTimeoutMs: FEED_DIGEST_TIMEOUT_MS, timers: realTimer, ...options,
    };
    this.undigested = new DigestWindow(this.options, () => this.pump());
    this.unsent = new Map(connections.map((connection) => [connection.id, connection]));
    const first = this.take(this.options.firstEvents);
    this.messageId = this.post({ type: 'imported', info, ...first, total: events.length });
    this.undigested.track(this.messageId);
    this.pump();
  }

  /** Messages posted and not yet digested (for tests and diagnostics). */
  get messagesAhead(): number {
    return this.undigested.size;
  }

  /** Whether every event of the file has been posted. */
  get done(): boolean {
    return this.next >= this.events.length && this.unsent.size === 0;
  }

  digested(messageId: number): void {
    this.undigested.digested(messageId);
  }

  /** Resolves once every event has been posted (at once when stopped), so a `describe` posted after it counts them. */
  posted(): Promise<void> {
    if (!this.running || this.done) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Nothing more is posted: another file replaced this one, the user left it, or the webview went away. */
  stop(): void {
    this.running = false;
    this.undigested.clear();
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private pump(): void {
    while (this.running && !this.done && this.undigested.hasRoom) {
      this.undigested.track(this.post({ type: 'importedEvents', ...this.take(this.options.chunkEvents) }));
    }
    if (this.done) for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** The next `count` events as summaries, with the connections they are the first to name (all that are left, with the last). */
  private take(count: number): { connections: TraceConnection[]; events: EventSummary[] } {
    const chunk = this.events.slice(this.next, this.next + count);
    this.next += chunk.length;
    const connections: TraceConnection[] = [];
    const name = (id: string) => {
      const connection = this.unsent.get(id);
      if (!connection) return;
      connections.push(connection);
      this.unsent.delete(id);
    };
    for (const event of chunk) name(event.connectionId);
    if (this.next >= this.events.length) for (const id of [...this.unsent.keys()]) name(id);
    return { connections, events: chunk.map(summarizeEvent) };
  }
}
