// The events the current filter lets through, kept in id order and extended as events arrive,
// and, when the Sessions tab asks, the same events grouped per session for its timelines.
import type { EventSummary } from '../src/shared/eventSummary';
import type { PanelEventStore } from './panelEventStore';

export class FilteredEvents {
  private list: EventSummary[] = [];
  private head = 0;
  /** Built on first use (the Event Log does not need it), then kept up to date. */
  private perConnection: Map<string, EventSummary[]> | undefined;
  /** Highest event id considered so far (matched or not). */
  private consideredUpTo = 0;

  constructor(private predicate: (event: EventSummary) => boolean) {}

  get size(): number {
    return this.list.length - this.head;
  }

  get lastConsideredId(): number {
    return this.consideredUpTo;
  }

  at(index: number): EventSummary | undefined {
    return this.list[this.head + index];
  }

  /** Position of an event in the filtered list, or -1. */
  indexOf(id: number): number {
    let low = this.head;
    let high = this.list.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const candidate = this.list[middle].id;
      if (candidate === id) return middle - this.head;
      if (candidate < id) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  connectionEvents(connectionId: string): readonly EventSummary[] {
    return this.groups().get(connectionId) ?? [];
  }

  hasConnection(connectionId: string): boolean {
    return this.groups().has(connectionId);
  }

  private groups(): Map<string, EventSummary[]> {
    if (!this.perConnection) {
      const groups = new Map<string, EventSummary[]>();
      for (let index = this.head; index < this.list.length; index++) addToGroup(groups, this.list[index]);
      this.perConnection = groups;
    }
    return this.perConnection;
  }

  /** Kept events, in order, for export. */
  toArray(): EventSummary[] {
    return this.list.slice(this.head);
  }

  /** Starts over from the store with a new predicate, up to `upToId` (the pause point). */
  rebuild(store: PanelEventStore, predicate: (event: EventSummary) => boolean, upToId = Number.POSITIVE_INFINITY): void {
    this.predicate = predicate;
    this.list = [];
    this.head = 0;
    this.perConnection = undefined;
    this.consideredUpTo = 0;
    store.forEachAfter(0, (event) => {
      if (event.id <= upToId) this.consider(event);
    });
  }

  /**
   * Applies a stricter predicate to what is shown now (typing more of a search term can only
   * remove events), which is much less work than starting over from the store.
   */
  narrow(predicate: (event: EventSummary) => boolean): void {
    this.predicate = predicate;
    const kept: EventSummary[] = [];
    for (let index = this.head; index < this.list.length; index++) {
      const event = this.list[index];
      if (predicate(event)) kept.push(event);
    }
    this.list = kept;
    this.head = 0;
    this.perConnection = undefined;
  }

  /** Considers events newer than the last one considered; returns how many matched. */
  extend(store: PanelEventStore): number {
    const before = this.size;
    store.forEachAfter(this.consideredUpTo, (event) => this.consider(event));
    this.dropOlderThan(store.oldestId);
    return this.size - before;
  }

  private consider(event: EventSummary): void {
    this.consideredUpTo = event.id;
    if (!this.predicate(event)) return;
    this.list.push(event);
    if (this.perConnection) addToGroup(this.perConnection, event);
  }

  /** Forgets events the store's bound dropped (they are the oldest, so at the front). */
  private dropOlderThan(oldestId: number): void {
    while (this.head < this.list.length && this.list[this.head].id < oldestId) {
      const dropped = this.list[this.head++];
      const forConnection = this.perConnection?.get(dropped.connectionId);
      if (forConnection?.[0] === dropped) forConnection.shift();
      if (forConnection && forConnection.length === 0) this.perConnection?.delete(dropped.connectionId);
    }
    if (this.head > 4096 && this.head > this.list.length / 2) {
      this.list.splice(0, this.head);
      this.head = 0;
    }
  }
}

function addToGroup(groups: Map<string, EventSummary[]>, event: EventSummary): void {
  const group = groups.get(event.connectionId);
  if (group) group.push(event);
  else groups.set(event.connectionId, [event]);
}
