// What the Sessions and Tools tabs read of the filtered events: each session's matches in id order,
// and how many matches name each tool. Kept as a filter pass finds matches (newest first) and as events
// arrive (newest last), so once a pass in slices is through neither tab walks 100,000 matches itself.
import type { EventSummary } from '../src/shared/eventSummary';

interface SessionMatches {
  /** Found by the pass under way, newest first. */
  found: EventSummary[];
  /** Newer than the pass (arrived meanwhile), or all of them once it is through; oldest first. */
  arrived: EventSummary[];
}

export class MatchTallies {
  private readonly sessions = new Map<string, SessionMatches>();
  private readonly tools = new Map<string, number>();

  /** A match of the pass under way (they come newest first). */
  addFound(event: EventSummary): void {
    this.session(event.connectionId).found.push(event);
    this.countTool(event, 1);
  }

  /** A match newer than all the others. */
  addArrived(event: EventSummary): void {
    this.session(event.connectionId).arrived.push(event);
    this.countTool(event, 1);
  }

  /** The oldest match of all is gone (the store's bound dropped it). */
  dropOldest(event: EventSummary): void {
    const matches = this.sessions.get(event.connectionId);
    if (!matches) return;
    if (matches.found[matches.found.length - 1] === event) matches.found.pop();
    else if (matches.arrived[0] === event) matches.arrived.shift();
    else return;
    if (matches.found.length === 0 && matches.arrived.length === 0) this.sessions.delete(event.connectionId);
    this.countTool(event, -1);
  }

  /** The pass is through: each session's matches become one list in id order. */
  settle(): void {
    for (const matches of this.sessions.values()) {
      if (matches.found.length === 0) continue;
      matches.arrived = matches.found.reverse().concat(matches.arrived);
      matches.found = [];
    }
  }

  has(sessionId: string): boolean {
    return this.sessions.has(sessionId);
  }

  /** A session's matches in id order (a copy while a pass is under way). */
  events(sessionId: string): readonly EventSummary[] {
    const matches = this.sessions.get(sessionId);
    if (!matches) return [];
    return matches.found.length === 0 ? matches.arrived : [...matches.found].reverse().concat(matches.arrived);
  }

  mentions(tool: string): boolean {
    return this.tools.has(tool);
  }

  private session(sessionId: string): SessionMatches {
    let matches = this.sessions.get(sessionId);
    if (!matches) {
      matches = { found: [], arrived: [] };
      this.sessions.set(sessionId, matches);
    }
    return matches;
  }

  private countTool(event: EventSummary, by: number): void {
    if (event.tool === undefined) return;
    const count = (this.tools.get(event.tool) ?? 0) + by;
    if (count > 0) this.tools.set(event.tool, count);
    else this.tools.delete(event.tool);
  }
}
