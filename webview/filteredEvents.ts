// The events the current filter lets through, kept in id order and extended as events arrive,
// and, once the Sessions or Tools tab asks, tallied per session and per tool as they are found.
// A new filter is applied from the newest event back, and may be applied a part at a time: what
// was found so far is the newest of the matches, so a log that follows its end can draw its page
// before the older 100,000 are through the filter.
import type { EventSummary } from '../src/shared/eventSummary';
import { indexOfId } from './idOrder';
import { MatchTallies } from './matchTallies';
import type { PanelEventStore } from './panelEventStore';

/** Still to go through the filter, newest first: a former list (narrowing), or the store below an id. */
type PendingSource = { items: readonly EventSummary[]; next: number } | { belowId: number };

/** Events considered between two looks at `shouldStop`. */
const FILTER_STEP = 512;

export class FilteredEvents {
  private list: EventSummary[] = [];
  private head = 0;
  /** Matches found by the pass under way, newest first; they come before `list`. */
  private older: EventSummary[] = [];
  private pending: PendingSource[] = [];
  /** Built on first use (the Event Log does not need them), then kept through every pass. */
  private tallied: MatchTallies | undefined;
  /** Highest event id considered so far (matched or not). */
  private consideredUpTo = 0;

  constructor(private predicate: (event: EventSummary) => boolean) {}

  get size(): number {
    return this.older.length + this.list.length - this.head;
  }

  get lastConsideredId(): number {
    return this.consideredUpTo;
  }

  /** Whether a filter is still being applied to older events (`continueFiltering`). */
  get filtering(): boolean {
    return this.pending.length > 0;
  }

  at(index: number): EventSummary | undefined {
    if (index < this.older.length) return index < 0 ? undefined : this.older[this.older.length - 1 - index];
    return this.list[this.head + index - this.older.length];
  }

  /** Position of an event in the filtered list, or -1. */
  indexOf(id: number): number {
    const older = this.older;
    if (older.length > 0 && id <= older[0].id) {
      const index = indexOfId(older, id, 0, true);
      return index < 0 ? -1 : older.length - 1 - index;
    }
    const index = indexOfId(this.list, id, this.head);
    return index < 0 ? -1 : index - this.head + older.length;
  }

  connectionEvents(connectionId: string): readonly EventSummary[] {
    return this.tallies().events(connectionId);
  }

  hasConnection(connectionId: string): boolean {
    return this.tallies().has(connectionId);
  }

  mentionsTool(tool: string): boolean {
    return this.tallies().mentions(tool);
  }

  private tallies(): MatchTallies {
    if (!this.tallied) {
      const tallies = new MatchTallies();
      for (let index = 0; index < this.older.length; index++) tallies.addFound(this.older[index]);
      for (let index = this.head; index < this.list.length; index++) tallies.addArrived(this.list[index]);
      this.tallied = tallies;
    }
    return this.tallied;
  }

  /** Kept events, in order, for export. */
  toArray(): EventSummary[] {
    const older = this.older;
    const shown: EventSummary[] = new Array<EventSummary>(this.size);
    for (let index = 0; index < older.length; index++) shown[index] = older[older.length - 1 - index];
    for (let index = this.head; index < this.list.length; index++) shown[older.length + index - this.head] = this.list[index];
    return shown;
  }

  /**
   * The kept events in order, handed over: this list starts empty after it. Without a copy when they
   * are all in `list` from its start, as after a pass (each copy of 100,000 was most of a keystroke's
   * allocation, and the scavenges after it).
   */
  private takeShown(): EventSummary[] {
    const shown = this.older.length === 0 && this.head === 0 ? this.list : this.toArray();
    this.list = [];
    this.head = 0;
    this.older = [];
    return shown;
  }

  /** Starts over from the store with a new predicate, up to `upToId` (the pause point). */
  rebuild(store: PanelEventStore, predicate: (event: EventSummary) => boolean, upToId = Number.POSITIVE_INFINITY): void {
    this.startRebuild(store, predicate, upToId);
    this.continueFiltering(store, () => false);
  }

  /**
   * Applies a stricter predicate to what is shown now (typing more of a search term can only
   * remove events), which is much less work than starting over from the store.
   */
  narrow(predicate: (event: EventSummary) => boolean, store: PanelEventStore): void {
    this.startNarrow(predicate);
    this.continueFiltering(store, () => false);
  }

  /** As `rebuild`, but nothing is considered until `continueFiltering`. */
  startRebuild(store: PanelEventStore, predicate: (event: EventSummary) => boolean, upToId = Number.POSITIVE_INFINITY): void {
    this.predicate = predicate;
    this.list = [];
    this.head = 0;
    this.older = [];
    if (this.tallied) this.tallied = new MatchTallies();
    this.consideredUpTo = Math.max(0, Math.min(upToId, store.newestId));
    this.pending = [{ belowId: this.consideredUpTo + 1 }];
  }

  /**
   * As `narrow`, but nothing is considered until `continueFiltering`. Narrowing while a pass is under
   * way is sound: what it has still to consider then goes through the stricter predicate instead.
   */
  startNarrow(predicate: (event: EventSummary) => boolean): void {
    this.predicate = predicate;
    const shown = this.takeShown();
    this.pending = [{ items: shown, next: shown.length - 1 }, ...this.pending];
    if (this.tallied) this.tallied = new MatchTallies();
  }

  /**
   * Goes on applying the filter, newest to oldest, until it is through (true) or `shouldStop`
   * answers true (looked at every few hundred events). Events the store dropped meanwhile are skipped.
   */
  continueFiltering(store: PanelEventStore, shouldStop: () => boolean): boolean {
    const oldestId = store.oldestId;
    let sinceLook = 0;
    while (this.pending.length > 0) {
      const source = this.pending[0];
      if ('items' in source) {
        while (source.next >= 0) {
          const event = source.items[source.next--];
          if (event.id >= oldestId && this.predicate(event)) this.found(event);
          if (++sinceLook === FILTER_STEP) {
            sinceLook = 0;
            if (shouldStop()) return false;
          }
        }
      } else {
        // the store may have dropped its oldest since the last call: find the place again by id
        let index = store.countBelow(source.belowId) - 1;
        for (; index >= 0; index--) {
          const event = store.eventAt(index) as EventSummary;
          source.belowId = event.id;
          if (this.predicate(event)) this.found(event);
          if (++sinceLook === FILTER_STEP) {
            sinceLook = 0;
            if (index > 0 && shouldStop()) return false;
          }
        }
      }
      this.pending.shift();
    }
    // (the matches found are newest first: turned in place, they come before what arrived meanwhile)
    const found = this.older.reverse();
    this.list = this.head === this.list.length ? found : found.concat(this.head === 0 ? this.list : this.list.slice(this.head));
    this.head = 0;
    this.older = [];
    this.tallied?.settle();
    return true;
  }

  private found(event: EventSummary): void {
    this.older.push(event);
    this.tallied?.addFound(event);
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
    this.tallied?.addArrived(event);
  }

  /** Forgets events the store's bound dropped (they are the oldest, so at the front). */
  private dropOlderThan(oldestId: number): void {
    while (this.older.length > 0 && this.older[this.older.length - 1].id < oldestId) this.dropped(this.older.pop() as EventSummary);
    if (this.older.length > 0) return;
    while (this.head < this.list.length && this.list[this.head].id < oldestId) this.dropped(this.list[this.head++]);
    if (this.head > 4096 && this.head > this.list.length / 2) {
      this.list.splice(0, this.head);
      this.head = 0;
    }
  }

  private dropped(event: EventSummary): void {
    this.tallied?.dropOldest(event);
  }
}
