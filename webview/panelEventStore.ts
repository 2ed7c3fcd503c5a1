// The webview's event store: connections, event summaries (bounded like the host's store, which it
// mirrors), and running figures. One for the live stream and one for an imported file, so an import never mixes in.
import type { ImportedTraceInfo } from '../src/shared/protocol';
import type { EventSummary } from '../src/shared/eventSummary';
import type { TraceConnection } from '../src/shared/trace';
import { clientLabel, prepareSearch, SearchTexts } from '../src/shared/traceFilter';
import { ConnectionStatsIndex, ToolStatsIndex } from '../src/shared/traceStats';
import { firstIndexFrom, indexOfId } from './idOrder';

export class PanelEventStore {
  readonly connections = new Map<string, TraceConnection>();
  readonly connectionStats = new ConnectionStatsIndex();
  readonly toolStats = new ToolStatsIndex();
  readonly toolNames = new Set<string>();
  readonly clientNames = new Set<string>();
  private events: EventSummary[] = [];
  private head = 0;
  /** Dropped by the host's bound before they reached us, plus dropped here by ours. */
  private hostDropped = 0;
  private localDropped = 0;
  private received = 0;
  private readonly searchTexts = new SearchTexts();

  constructor(public maxEvents: number, readonly imported?: ImportedTraceInfo) {}

  get size(): number {
    return this.events.length - this.head;
  }

  get droppedCount(): number {
    return this.hostDropped + this.localDropped;
  }

  /** Events received since load, including any dropped since. */
  get receivedCount(): number {
    return this.received;
  }

  get latestTimestamp(): number {
    return this.events[this.events.length - 1]?.timestamp ?? 0;
  }

  get oldestId(): number {
    return this.events[this.head]?.id ?? Number.POSITIVE_INFINITY;
  }

  get newestId(): number {
    return this.events[this.events.length - 1]?.id ?? 0;
  }

  eventAt(index: number): EventSummary | undefined {
    return this.events[this.head + index];
  }

  /** Calls `visit` for each kept event with an id above `afterId`, oldest first. */
  forEachAfter(afterId: number, visit: (event: EventSummary) => void): void {
    let start = this.head;
    const first = this.events[this.head];
    // ids are increasing, so the position of afterId is a binary search away
    if (first && afterId >= first.id) {
      let low = this.head;
      let high = this.events.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (this.events[middle].id <= afterId) low = middle + 1;
        else high = middle;
      }
      start = low;
    }
    for (let index = start; index < this.events.length; index++) visit(this.events[index]);
  }

  /** How many kept events have an id below `id` (the index of the first one at or above it). */
  countBelow(id: number): number {
    return firstIndexFrom(this.events, id, this.head) - this.head;
  }

  findEvent(id: number): EventSummary | undefined {
    const index = indexOfId(this.events, id, this.head);
    return index < 0 ? undefined : this.events[index];
  }

  clientOf(connectionId: string): string {
    return clientLabel(this.connections.get(connectionId));
  }

  upsertConnections(connections: readonly TraceConnection[]): void {
    for (const connection of connections) {
      this.connections.set(connection.id, connection);
      if (connection.clientName) this.clientNames.add(connection.clientName);
    }
  }

  /**
   * Appends events in id order (ignoring any already held), forgets those below `firstKeptId` (the
   * host dropped them and counted them in `hostDropped`), then applies our own bound.
   */
  appendEvents(events: readonly EventSummary[], hostDropped: number, firstKeptId = 0): EventSummary[] {
    this.hostDropped = Math.max(this.hostDropped, hostDropped);
    const added: EventSummary[] = [];
    let newest = this.newestId;
    for (const event of events) {
      if (event.id <= newest) continue;
      newest = event.id;
      this.events.push(event);
      added.push(event);
      this.received++;
      this.connectionStats.add(event);
      this.toolStats.add(event);
      prepareSearch(event, this.connections.get(event.connectionId), this.searchTexts);
      if (event.tool) this.toolNames.add(event.tool);
    }
    while (this.size > 0 && this.events[this.head].id < firstKeptId) this.head++;
    while (this.size > this.maxEvents) {
      this.head++;
      this.localDropped++;
    }
    if (this.head > 4096 && this.head > this.events.length / 2) {
      this.events.splice(0, this.head);
      this.head = 0;
    }
    return added;
  }
}
