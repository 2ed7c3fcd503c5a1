import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from '../shared/trace';

/**
 * Collects the children of one running tool call. The tool runner opens it; code the tool calls
 * (the debug bridge) adds a child span for each DAP request through `currentSpanCollector()`,
 * and DAP events reach every open collector that touched the event's debug session.
 */
export class SpanCollector {
  readonly root: Span;
  private readonly debugSessions = new Set<string>();

  constructor(name: string, attributes: Partial<Span> = {}, now = Date.now()) {
    this.root = { name, start: now, duration_ms: 0, status: 'ok', ...attributes, children: [] };
  }

  /** Marks a debug session as used by this call, so its DAP events are recorded here. */
  touchDebugSession(debugSessionId: string): void {
    this.debugSessions.add(debugSessionId);
  }

  watches(debugSessionId: string): boolean {
    return this.debugSessions.has(debugSessionId);
  }

  addChild(span: Span): void {
    this.root.children.push(span);
  }

  finish(status: 'ok' | 'error', outputs?: unknown, error?: string, now = Date.now()): Span {
    this.root.duration_ms = Math.max(0, now - this.root.start);
    this.root.status = status;
    if (outputs !== undefined) this.root.outputs = outputs;
    if (error !== undefined) this.root.error = error;
    return this.root;
  }
}

const storage = new AsyncLocalStorage<SpanCollector>();
const open = new Set<SpanCollector>();

export function currentSpanCollector(): SpanCollector | undefined {
  return storage.getStore();
}

export async function runWithSpanCollector<T>(collector: SpanCollector, fn: () => Promise<T>): Promise<T> {
  open.add(collector);
  try {
    return await storage.run(collector, fn);
  } finally {
    open.delete(collector);
  }
}

/** Every open collector that watches a debug session (for DAP events, which arrive outside any call). */
export function collectorsWatching(debugSessionId: string): SpanCollector[] {
  return [...open].filter((collector) => collector.watches(debugSessionId));
}

/** Times one child operation (e.g. a DAP request) into the current collector, if any. */
export async function recordChildSpan<T>(
  name: string,
  attributes: Partial<Span>,
  fn: () => Promise<T>,
  describeResult: (value: T) => Partial<Span> = () => ({}),
): Promise<T> {
  const collector = currentSpanCollector();
  const start = Date.now();
  try {
    const value = await fn();
    collector?.addChild({ name, start, duration_ms: Date.now() - start, status: 'ok', ...attributes, ...describeResult(value), children: [] });
    return value;
  } catch (error) {
    collector?.addChild({
      name, start, duration_ms: Date.now() - start, status: 'error', ...attributes,
      error: error instanceof Error ? error.message : String(error), children: [],
    });
    throw error;
  }
}
