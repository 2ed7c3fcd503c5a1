import { Emitter } from '../common/emitter';
import { TRACE_STORE_MAX_BYTES, type EventStatus, type NewTraceEvent, type TraceEvent, type TraceExport, type TraceConnection } from '../shared/trace';
import { traceExportOf } from './traceExport';

export const DEFAULT_MAX_EVENTS = 50_000;

export interface TraceQuery {
  connectionId?: string;
  tool?: string;
  status?: EventStatus;
}

/**
 * Bounded, append-only store of trace events and the connections they belong to.
 * Appends are O(1) and synchronous so recording never waits on readers; when full,
 * the oldest events go first and are counted in `droppedCount`.
 */
export class TraceStore {
  private readonly events: TraceEvent[] = [];
  /** Approximate serialized size of each event, parallel to `events`. */
  private readonly sizes: number[] = [];
  private totalBytes = 0;
  private head = 0;
  private nextId = 1;
  private dropped = 0;
  private readonly connections = new Map<string, TraceConnection>();
  private readonly byConnection = new Map<string, number[]>();
  private readonly byTool = new Map<string, number[]>();
  private readonly byStatus = new Map<EventStatus, number[]>();

  private readonly appended = new Emitter<TraceEvent>();
  private readonly connectionChanged = new Emitter<TraceConnection>();
  private readonly cleared = new Emitter<void>();
  private readonly droppedElsewhere = new Emitter<number>();
  readonly onDidAppend = this.appended.event;
  readonly onDidChangeConnection = this.connectionChanged.event;
  readonly onDidClear = this.cleared.event;
  /** Fires with the new `droppedCount` when a recorder reports events it could not record. */
  readonly onDidReportUnrecorded = this.droppedElsewhere.event;

  constructor(private maxEvents = DEFAULT_MAX_EVENTS, private readonly maxBytes = TRACE_STORE_MAX_BYTES) {}

  get size(): number {
    return this.events.length - this.head;
  }

  get droppedCount(): number {
    return this.dropped;
  }

  /**
   * The id of the oldest event kept (the next id when none is): everything below it was dropped,
   * by the count bound or by the byte bound, so a mirror of the store forgets it too.
   */
  get firstKeptId(): number {
    return this.events[this.head]?.id ?? this.nextId;
  }

  /** Approximate bytes the kept events take when serialized. */
  get byteSize(): number {
    return this.totalBytes;
  }

  /**
   * Counts events a recorder dropped before they reached the store (its queue was full), so the
   * one dropped count the panel shows covers every loss.
   */
  noteUnrecorded(count: number): void {
    if (count <= 0) return;
    this.dropped += count;
    this.droppedElsewhere.fire(this.dropped);
  }

  setMaxEvents(maxEvents: number): void {
    this.maxEvents = Math.max(1, Math.floor(maxEvents));
    while (this.size > this.maxEvents) this.dropOldest();
  }

  upsertConnection(connection: TraceConnection): TraceConnection {
    const copy = { ...connection };
    this.connections.set(copy.id, copy);
    this.connectionChanged.fire(copy);
    return copy;
  }

  updateConnection(id: string, patch: Partial<Omit<TraceConnection, 'id'>>): TraceConnection | undefined {
    const current = this.connections.get(id);
    if (!current) return undefined;
    return this.upsertConnection({ ...current, ...patch });
  }

  getConnection(id: string): TraceConnection | undefined {
    return this.connections.get(id);
  }

  listConnections(): TraceConnection[] {
    return [...this.connections.values()];
  }

  append(event: NewTraceEvent): TraceEvent {
    const stored: TraceEvent = { ...event, id: this.nextId++ };
    const size = approximateSize(stored);
    this.events.push(stored);
    this.sizes.push(size);
    this.totalBytes += size;
    pushIndex(this.byConnection, stored.connectionId, stored.id);
    if (stored.tool) pushIndex(this.byTool, stored.tool, stored.id);
    pushIndex(this.byStatus, stored.status, stored.id);
    const connection = this.connections.get(stored.connectionId);
    if (connection && stored.timestamp > connection.lastActivityAt) connection.lastActivityAt = stored.timestamp;
    while (this.size > this.maxEvents || (this.totalBytes > this.maxBytes && this.size > 1)) this.dropOldest();
    this.appended.fire(stored);
    return stored;
  }

  /** Events in id order, optionally narrowed through the indexes. */
  query(query: TraceQuery = {}): TraceEvent[] {
    const lists: number[][] = [];
    if (query.connectionId !== undefined) lists.push(this.byConnection.get(query.connectionId) ?? []);
    if (query.tool !== undefined) lists.push(this.byTool.get(query.tool) ?? []);
    if (query.status !== undefined) lists.push(this.byStatus.get(query.status) ?? []);
    if (lists.length === 0) return this.events.slice(this.head);
    lists.sort((a, b) => a.length - b.length);
    const [smallest, ...rest] = lists;
    const others = rest.map((list) => new Set(list));
    const result: TraceEvent[] = [];
    for (const id of smallest) {
      if (others.every((set) => set.has(id))) {
        const event = this.get(id);
        if (event) result.push(event);
      }
    }
    return result;
  }

  get(id: number): TraceEvent | undefined {
    const first = this.events[this.head];
    if (!first) return undefined;
    // ids are dense and increasing, so the position is an offset from the oldest kept event
    const event = this.events[this.head + (id - first.id)];
    return event?.id === id ? event : undefined;
  }

  clear(): void {
    this.events.length = 0;
    this.sizes.length = 0;
    this.totalBytes = 0;
    this.head = 0;
    this.dropped = 0;
    this.connections.clear();
    this.byConnection.clear();
    this.byTool.clear();
    this.byStatus.clear();
    this.cleared.fire();
  }

  export(filter: (event: TraceEvent) => boolean = () => true, now = Date.now()): TraceExport {
    return traceExportOf(this.query().filter(filter), this.listConnections(), now);
  }

  dispose(): void {
    this.appended.dispose();
    this.connectionChanged.dispose();
    this.cleared.dispose();
    this.droppedElsewhere.dispose();
  }

  private dropOldest(): void {
    const oldest = this.events[this.head];
    if (!oldest) return;
    this.totalBytes -= this.sizes[this.head];
    // the slot stays until the next compaction: let go of the event now, or the store holds up to
    // twice its bound (the soak's heap rose by the store's size, then fell at each compaction)
    (this.events as (TraceEvent | undefined)[])[this.head] = undefined;
    this.head++;
    this.dropped++;
    shiftIndex(this.byConnection, oldest.connectionId, oldest.id);
    if (oldest.tool) shiftIndex(this.byTool, oldest.tool, oldest.id);
    shiftIndex(this.byStatus, oldest.status, oldest.id);
    // compact the backing array now and then instead of shifting on every drop
    if (this.head > 4096 && this.head > this.events.length / 2) {
      this.events.splice(0, this.head);
      this.sizes.splice(0, this.head);
      this.head = 0;
    }
  }
}

function approximateSize(event: TraceEvent): number {
  try {
    return JSON.stringify(event).length;
  } catch {
    return 1024;
  }
}

function pushIndex<K>(index: Map<K, number[]>, key: K, id: number): void {
  const list = index.get(key);
  if (list) list.push(id);
  else index.set(key, [id]);
}

function shiftIndex<K>(index: Map<K, number[]>, key: K, id: number): void {
  const list = index.get(key);
  if (!list) return;
  if (list[0] === id) list.shift();
  if (list.length === 0) index.delete(key);
}
