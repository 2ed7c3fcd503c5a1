import { Disposable, toDisposable } from '../common/disposable';
import type { TraceEvent, TraceConnection } from '../shared/trace';
import type { TraceStore } from '../trace/traceStore';

export const DEFAULT_BATCH_INTERVAL_MS = 50;

export interface TraceAppendBatch {
  connections: TraceConnection[];
  events: TraceEvent[];
  droppedCount: number;
  /** The store's oldest kept event id when the batch was made (see `TraceStore.firstKeptId`). */
  firstKeptId: number;
}

export interface BatchTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** setTimeout and clearTimeout, for the parts that take a BatchTimer (tests give their own). */
export const realTimer: BatchTimer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Collects what the store appends and changes, and hands it on at most once per interval, so a
 * burst of thousands of events per second becomes a few dozen messages to the webview.
 * Appends are never reordered or repeated: the webview only ever appends what it receives.
 */
export class TraceUpdateBatcher extends Disposable {
  private events: TraceEvent[] = [];
  private readonly connections = new Map<string, TraceConnection>();
  private timer: unknown;
  private reportedDropped: number;
  private reportedFirstKept: number;

  constructor(
    private readonly store: TraceStore,
    private readonly deliver: (batch: TraceAppendBatch) => void,
    private readonly intervalMs = DEFAULT_BATCH_INTERVAL_MS,
    private readonly timers: BatchTimer = realTimer,
  ) {
    super();
    this.reportedDropped = store.droppedCount;
    this.reportedFirstKept = store.firstKeptId;
    this.register(store.onDidAppend((event) => {
      this.events.push(event);
      this.schedule();
    }));
    this.register(store.onDidChangeConnection((connection) => {
      this.connections.set(connection.id, connection);
      this.schedule();
    }));
    this.register(store.onDidReportUnrecorded(() => this.schedule()));
    this.register(toDisposable(() => this.cancel()));
  }

  /** Delivers what is pending now (used before a reply that must see every earlier append). */
  flush(): void {
    this.cancel();
    const { droppedCount, firstKeptId } = this.store;
    if (this.events.length === 0 && this.connections.size === 0 && droppedCount === this.reportedDropped && firstKeptId === this.reportedFirstKept) return;
    const batch: TraceAppendBatch = { connections: [...this.connections.values()], events: this.events, droppedCount, firstKeptId };
    this.events = [];
    this.connections.clear();
    this.reportedDropped = droppedCount;
    this.reportedFirstKept = firstKeptId;
    this.deliver(batch);
  }

  /** Forgets what is pending (the receiver is about to get a full snapshot instead). */
  discardPending(): void {
    this.cancel();
    this.events = [];
    this.connections.clear();
    this.reportedDropped = this.store.droppedCount;
    this.reportedFirstKept = this.store.firstKeptId;
  }

  private schedule(): void {
    if (this.timer !== undefined || this.isDisposed) return;
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      this.flush();
    }, this.intervalMs);
  }

  private cancel(): void {
    if (this.timer === undefined) return;
    this.timers.clear(this.timer);
    this.timer = undefined;
  }
}
