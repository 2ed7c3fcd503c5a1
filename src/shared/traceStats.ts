// Per-connection and per-tool figures the panel shows, kept up to date one event at a time so a
// live stream never triggers a recount.
import type { EventSummary } from './eventSummary';
import type { TraceEvent, TraceConnection } from './trace';

/** A connection counts as active while it is open or it had an event in this window. */
export const ACTIVE_WINDOW_MS = 5 * 60_000;

export interface ConnectionFigures {
  calls: number;
  errors: number;
  tools: Set<string>;
  lastEventAt: number;
}

export function displayedConnectionStatus(connection: TraceConnection, figures: ConnectionFigures | undefined, now: number): 'active' | 'ended' {
  if (connection.status === 'active') return 'active';
  const last = Math.max(connection.lastActivityAt, figures?.lastEventAt ?? 0);
  return now - last < ACTIVE_WINDOW_MS ? 'active' : 'ended';
}

/** A failed exchange: an error answer or a refusal (a call the client cancelled did not fail). */
export function isFailure(event: Pick<TraceEvent, 'status'>): boolean {
  return event.status === 'error' || event.status === 'denied';
}

/** A request the client (or server) made and got an answer to, as opposed to notifications and boundaries. */
export function isCall(event: Pick<TraceEvent, 'kind'>): boolean {
  return event.kind === 'request';
}

export class ConnectionStatsIndex {
  private readonly figures = new Map<string, ConnectionFigures>();

  add(event: EventSummary): void {
    let figures = this.figures.get(event.connectionId);
    if (!figures) {
      figures = { calls: 0, errors: 0, tools: new Set(), lastEventAt: 0 };
      this.figures.set(event.connectionId, figures);
    }
    if (isCall(event)) figures.calls++;
    if (isFailure(event)) figures.errors++;
    if (event.tool) figures.tools.add(event.tool);
    if (event.timestamp > figures.lastEventAt) figures.lastEventAt = event.timestamp;
  }

  get(sessionId: string): ConnectionFigures | undefined {
    return this.figures.get(sessionId);
  }

  clear(): void {
    this.figures.clear();
  }
}

export interface ToolFigures {
  name: string;
  calls: number;
  errors: number;
  latencies: number[];
  /** The first `sorted.length` of `latencies`, ascending: rows() sorts only what came since and merges it in. */
  sorted: number[];
  /** When a `tools/list` answer last named the tool. */
  lastListedAt?: number;
  /** Sessions whose `tools/list` answer named it. */
  discoveredBy: Set<string>;
  /** Sessions that called it. */
  calledBy: Set<string>;
}

export interface ToolRow {
  name: string;
  calls: number;
  errors: number;
  errorRate: number;
  p50?: number;
  p95?: number;
  lastListedAt?: number;
  discoveredBy: string[];
  calledBy: string[];
}

/** Tools seen in `tools/list` answers and `tools/call` requests. */
export class ToolStatsIndex {
  private readonly tools = new Map<string, ToolFigures>();

  add(event: EventSummary): void {
    if (event.method === 'tools/call' && event.tool && event.kind === 'request') {
      const figures = this.entry(event.tool);
      figures.calls++;
      if (isFailure(event)) figures.errors++;
      if (event.latencyMs !== undefined) figures.latencies.push(event.latencyMs);
      figures.calledBy.add(event.connectionId);
    } else if (event.method === 'tools/list' && event.status === 'ok') {
      for (const name of event.listedTools ?? []) {
        const figures = this.entry(name);
        figures.lastListedAt = Math.max(figures.lastListedAt ?? 0, event.timestamp);
        figures.discoveredBy.add(event.connectionId);
      }
    }
  }

  rows(clientOf: (sessionId: string) => string): ToolRow[] {
    return [...this.tools.values()].map((figures) => {
      const sorted = sortedLatencies(figures);
      return {
        name: figures.name,
        calls: figures.calls,
        errors: figures.errors,
        errorRate: figures.calls === 0 ? 0 : figures.errors / figures.calls,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        lastListedAt: figures.lastListedAt,
        discoveredBy: distinct([...figures.discoveredBy].map(clientOf)),
        calledBy: distinct([...figures.calledBy].map(clientOf)),
      };
    });
  }

  clear(): void {
    this.tools.clear();
  }

  private entry(name: string): ToolFigures {
    let figures = this.tools.get(name);
    if (!figures) {
      figures = { name, calls: 0, errors: 0, latencies: [], sorted: [], discoveredBy: new Set(), calledBy: new Set() };
      this.tools.set(name, figures);
    }
    return figures;
  }
}

/**
 * A tool's latencies in ascending order. A live panel asks for the rows several times a second; sorting
 * every latency each time (tens of thousands with 100,000 events) was the Tools tab's costliest step.
 */
function sortedLatencies(figures: ToolFigures): number[] {
  const { latencies, sorted } = figures;
  if (sorted.length === latencies.length) return sorted;
  const added = latencies.slice(sorted.length).sort((a, b) => a - b);
  const merged = new Array<number>(latencies.length);
  let left = 0;
  let right = 0;
  for (let index = 0; index < merged.length; index++) {
    merged[index] = right >= added.length || (left < sorted.length && sorted[left] <= added[right]) ? sorted[left++] : added[right++];
  }
  figures.sorted = merged;
  return merged;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Tool names in a recorded `tools/list` answer (a JSON-RPC response with `result.tools`). */
function distinct(values: string[]): string[] {
  return [...new Set(values)].sort();
}
