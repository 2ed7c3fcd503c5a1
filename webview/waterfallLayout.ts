// The maths of a waterfall, apart from the DOM so unit tests can hold it to the recorded times:
// where each span's bar sits on a shared time axis, which spans make up the critical path, and
// where the axis gets its ticks. Percentages are of the axis length.
import type { Span } from '../src/shared/trace';

/** Something with a place in time: a span, or a call on a session's timeline. */
export interface Timed {
  /** Epoch ms. */
  start: number;
  durationMs: number;
}

export interface TimeAxis {
  /** Epoch ms at the axis' left edge. */
  origin: number;
  /** Length of the axis in ms (never 0, so a lone instant still has an axis). */
  lengthMs: number;
}

export interface Bar {
  /** ms from the axis' origin. */
  offsetMs: number;
  durationMs: number;
  leftPercent: number;
  widthPercent: number;
}

export interface WaterfallRow extends Bar {
  span: Span;
  /** Indexes from the root through the children, e.g. [1, 0] is the root's second child's first child. */
  path: number[];
  /** 1 for the root, like aria-level. */
  depth: number;
  critical: boolean;
}

export interface Waterfall {
  axis: TimeAxis;
  rows: WaterfallRow[];
  ticks: Tick[];
}

export interface Tick {
  offsetMs: number;
  leftPercent: number;
}

/** The axis that holds every item: from the earliest start to the latest end. */
export function timeAxis(items: Iterable<Timed>): TimeAxis {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    first = Math.min(first, item.start);
    last = Math.max(last, item.start + Math.max(0, item.durationMs));
  }
  if (!Number.isFinite(first)) return { origin: 0, lengthMs: 1 };
  return { origin: first, lengthMs: Math.max(last - first, 1) };
}

export function barOf(item: Timed, axis: TimeAxis): Bar {
  const offsetMs = item.start - axis.origin;
  const durationMs = Math.max(0, item.durationMs);
  return {
    offsetMs,
    durationMs,
    leftPercent: clampPercent((100 * offsetMs) / axis.lengthMs),
    widthPercent: clampPercent((100 * durationMs) / axis.lengthMs),
  };
}

/** Every span of the tree in tree order (parent before children), each with its bar on one axis. */
export function waterfallOf(root: Span): Waterfall {
  const flat: Array<{ span: Span; path: number[] }> = [];
  const walk = (span: Span, path: number[]) => {
    flat.push({ span, path });
    span.children.forEach((child, index) => walk(child, [...path, index]));
  };
  walk(root, []);
  const axis = timeAxis(flat.map(({ span }) => spanTimes(span)));
  const critical = criticalPath(root);
  const rows = flat.map(({ span, path }) => ({
    ...barOf(spanTimes(span), axis), span, path, depth: path.length + 1, critical: critical.has(span),
  }));
  return { axis, rows, ticks: axisTicks(axis) };
}

/**
 * The spans the call waited on, after Jaeger's critical path: from the end of a span backwards,
 * the child that finished last before that moment, then the one that finished last before that
 * child started, and so on, each followed down into its own children. Zero-length children (DAP
 * events) take no time, so they are never on it.
 */
export function criticalPath(root: Span): Set<Span> {
  const onPath = new Set<Span>();
  const follow = (span: Span, until: number) => {
    onPath.add(span);
    let cursor = Math.min(until, span.start + span.duration_ms);
    const children = span.children.filter((child) => child.duration_ms > 0);
    for (;;) {
      let chosen: Span | undefined;
      let chosenEnd = Number.NEGATIVE_INFINITY;
      for (const child of children) {
        if (onPath.has(child) || child.start >= cursor) continue;
        const end = Math.min(child.start + child.duration_ms, cursor);
        if (end > chosenEnd || (end === chosenEnd && chosen !== undefined && child.start > chosen.start)) {
          chosen = child;
          chosenEnd = end;
        }
      }
      if (!chosen) return;
      follow(chosen, chosenEnd);
      cursor = chosen.start;
    }
  };
  follow(root, root.start + root.duration_ms);
  return onPath;
}

const TICK_STEPS_MS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];

/** Round-numbered ticks, at most `most` of them plus the origin, that fit on the axis. */
export function axisTicks(axis: TimeAxis, most = 5): Tick[] {
  const step = TICK_STEPS_MS.find((candidate) => axis.lengthMs / candidate <= most) ?? Math.ceil(axis.lengthMs / most);
  const ticks: Tick[] = [];
  for (let offsetMs = 0; offsetMs <= axis.lengthMs + 1e-9; offsetMs += step) {
    ticks.push({ offsetMs, leftPercent: clampPercent((100 * offsetMs) / axis.lengthMs) });
  }
  return ticks;
}

function spanTimes(span: Span): Timed {
  return { start: span.start, durationMs: span.duration_ms };
}

function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}
