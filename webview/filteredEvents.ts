// The events the current filter lets through, kept in id order and extended as events arrive,
// with the same events grouped per session for the Sessions tab's timelines.
import type { TraceEvent } from '../src/shared/trace';
import type { TraceModel } from './traceModel';

export class FilteredEvents {
  private list: TraceEvent[] = [];
  private head = 0;
  private readonly perSession = new Map<string, TraceEvent[]>();
  /** Highest event id considered so far (matched or not). */
  private consideredUpTo = 0;

  constructor(private predicate: (event: TraceEvent) => boolean) {}

  get size(): number {
    return this.list.length - this.head;
  }

  get lastConsideredId(): number {
    return this.consideredUpTo;
  }

  at(index: number): TraceEvent | undefined {
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

  sessionEvents(sessionId: string): readonly TraceEvent[] {
    return this.perSession.get(sessionId) ?? [];
  }

  hasSession(sessionId: string): boolean {
    return this.perSession.has(sessionId);
  }

  /** Kept events, in order, for export. */
  toArray(): TraceEvent[] {
    return this.list.slice(this.head);
  }

  /** Starts over from the model with a new predicate, up to `upToId` (the pause point). */
  rebuild(model: TraceModel, predicate: (event: TraceEvent) => boolean, upToId = Number.POSITIVE_INFINITY): void {
    this.predicate = predicate;
    this.list = [];
    this.head = 0;
    this.perSession.clear();
    this.consideredUpTo = 0;
    model.forEachAfter(0, (event) => {
      if (event.id <= upToId) this.consider(event);
    });
  }

  /** Considers events newer than the last one considered; returns how many matched. */
  extend(model: TraceModel): number {
    const before = this.size;
    model.forEachAfter(this.consideredUpTo, (event) => this.consider(event));
    this.dropOlderThan(model.oldestId);
    return this.size - before;
  }

  private consider(event: TraceEvent): void {
    this.consideredUpTo = event.id;
    if (!this.predicate(event)) return;
    this.list.push(event);
    const forSession = this.perSession.get(event.sessionId);
    if (forSession) forSession.push(event);
    else this.perSession.set(event.sessionId, [event]);
  }

  /** Forgets events the model's bound dropped (they are the oldest, so at the front). */
  private dropOlderThan(oldestId: number): void {
    while (this.head < this.list.length && this.list[this.head].id < oldestId) {
      const dropped = this.list[this.head++];
      const forSession = this.perSession.get(dropped.sessionId);
      if (forSession?.[0] === dropped) forSession.shift();
      if (forSession && forSession.length === 0) this.perSession.delete(dropped.sessionId);
    }
    if (this.head > 4096 && this.head > this.list.length / 2) {
      this.list.splice(0, this.head);
      this.head = 0;
    }
  }
}
