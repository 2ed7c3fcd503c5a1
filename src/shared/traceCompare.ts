// Two traces side by side (two exports, or an export and the live store): per tool, how often it
// was called, how often it failed, how fast, and whether the same arguments got the same answer.
import { isRecord } from '../common/isRecord';
import { canonicalJson, diffJson } from './jsonDiff';
import { answerOf } from './replay';
import type { TraceEvent } from './trace';
import { ToolStatsIndex } from './traceStats';

export interface ComparedTrace {
  /** What the user knows it as: a file name, or "live store". */
  label: string;
  events: readonly TraceEvent[];
}

export interface ToolSideFigures {
  calls: number;
  errors: number;
  errorRate: number;
  p50?: number;
  p95?: number;
}

/** One argument set called in both traces whose answers differ. */
export interface DifferingAnswer {
  /** The arguments, as canonical JSON (keys sorted). */
  arguments: string;
  /** The latest call with them on each side. */
  baseEventId: number;
  otherEventId: number;
  /** Changes between the two answers (ids and times left out). */
  changes: number;
}

export interface ToolComparison {
  tool: string;
  /** Missing when the tool was not called on that side. */
  base?: ToolSideFigures;
  other?: ToolSideFigures;
  /** Argument sets called on both sides. */
  sameArguments: number;
  differing: DifferingAnswer[];
}

export interface TraceComparison {
  base: { label: string; calls: number };
  other: { label: string; calls: number };
  /** Sorted by tool name. */
  tools: ToolComparison[];
}

export function compareTraces(base: ComparedTrace, other: ComparedTrace): TraceComparison {
  const baseFigures = figuresByTool(base.events);
  const otherFigures = figuresByTool(other.events);
  const baseAnswers = latestAnswers(base.events);
  const otherAnswers = latestAnswers(other.events);
  const names = [...new Set([...baseFigures.keys(), ...otherFigures.keys()])].sort();
  const tools = names.map((tool): ToolComparison => {
    const left = baseAnswers.get(tool) ?? new Map<string, TraceEvent>();
    const right = otherAnswers.get(tool) ?? new Map<string, TraceEvent>();
    let sameArguments = 0;
    const differing: DifferingAnswer[] = [];
    for (const [args, baseEvent] of left) {
      const otherEvent = right.get(args);
      if (!otherEvent) continue;
      sameArguments++;
      const { changes } = diffJson(answerOf(baseEvent.response), answerOf(otherEvent.response), { ignoreVolatile: true });
      if (changes.length > 0) differing.push({ arguments: args, baseEventId: baseEvent.id, otherEventId: otherEvent.id, changes: changes.length });
    }
    return { tool, base: baseFigures.get(tool), other: otherFigures.get(tool), sameArguments, differing };
  });
  return {
    base: { label: base.label, calls: countCalls(baseFigures) },
    other: { label: other.label, calls: countCalls(otherFigures) },
    tools,
  };
}

/** The Tools tab's own figures (traceStats), so both views agree on what a call and an error are. */
function figuresByTool(events: readonly TraceEvent[]): Map<string, ToolSideFigures> {
  const index = new ToolStatsIndex();
  for (const event of events) if (event.method === 'tools/call') index.add(event);
  const figures = new Map<string, ToolSideFigures>();
  for (const row of index.rows(() => '')) {
    if (row.calls > 0) figures.set(row.name, { calls: row.calls, errors: row.errors, errorRate: row.errorRate, p50: row.p50, p95: row.p95 });
  }
  return figures;
}

/** Per tool, per argument set, the latest call that has a recorded answer. */
function latestAnswers(events: readonly TraceEvent[]): Map<string, Map<string, TraceEvent>> {
  const byTool = new Map<string, Map<string, TraceEvent>>();
  for (const event of events) {
    if (event.method !== 'tools/call' || event.kind !== 'request' || event.tool === undefined || event.response === undefined) continue;
    const args = argumentsOf(event);
    if (args === undefined) continue;
    let calls = byTool.get(event.tool);
    if (!calls) byTool.set(event.tool, (calls = new Map()));
    const key = canonicalJson(args);
    const previous = calls.get(key);
    if (!previous || previous.timestamp <= event.timestamp) calls.set(key, event);
  }
  return byTool;
}

function argumentsOf(event: TraceEvent): unknown {
  const params = isRecord(event.request) ? event.request.params : undefined;
  if (isRecord(params)) return params.arguments ?? {};
  return event.trace?.inputs;
}

function countCalls(figures: Map<string, ToolSideFigures>): number {
  let calls = 0;
  for (const side of figures.values()) calls += side.calls;
  return calls;
}
