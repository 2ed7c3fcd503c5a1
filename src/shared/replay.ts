// Running a recorded `tools/call` again: what can be replayed, what the panel host asks of the
// parts that run calls, and the answer both recorded and new calls are compared as.
// The panel owns this interface; src/mcp and src/proxy implement it and src/extension.ts wires them,
// so the panel needs neither.
import { isRecord } from '../common/isRecord';
import type { ConnectionSource, TraceEvent } from './trace';

/** How a masked value reads in a recorded body (src/trace/redact.ts writes it). */
export const MASKED_VALUE = '[redacted]';

/**
 * The `params._meta` key a replay carries: the id of the event it replays. The recorder of the path
 * the call takes (our server's, the proxy's) reads it into `TraceEvent.replayOf`.
 */
export const REPLAY_OF_META_KEY = 'mcp-live-debugger/replayOf';

/** The client name replays are recorded under. */
export const REPLAY_CLIENT_NAME = 'mcp-live-debugger-replay';

export interface ReplayCall {
  /** Where the original came from: the replay goes to the same server by the same path. */
  source: ConnectionSource;
  tool: string;
  arguments: Record<string, unknown>;
  /** The id of the event replayed. */
  replayOf: number;
}

/** A JSON-RPC answer as recorded: a result or an error. */
export interface ReplayResponse {
  result?: unknown;
  error?: { code?: number; message?: string; data?: unknown };
}

export interface ReplayAnswer {
  response: ReplayResponse;
  /** The recorded connection the replay ran in (one of its own), when the replayer knows it. */
  connectionId?: string;
}

/** A part that can run recorded calls again: our debugger's tools, or the recording proxy's upstreams. */
export interface ReplayTarget {
  /** Whether calls recorded from this source can be replayed here (now: a proxy upstream may be gone). */
  serves(source: ConnectionSource): boolean;
  /** Runs the call through the path calls from `source` take, policy included; never throws for a refusal. */
  replay(call: ReplayCall): Promise<ReplayAnswer>;
}

export type ReplayableCall =
  | { ok: true; tool: string; arguments: Record<string, unknown>; masked: string[] }
  | { ok: false; reason: string };

/** The tool and arguments of a recorded `tools/call`, with the paths of arguments masked when recorded. */
export function replayableCall(event: Pick<TraceEvent, 'kind' | 'method' | 'tool' | 'request' | 'trace'>): ReplayableCall {
  if (event.kind !== 'request' || event.method !== 'tools/call' || event.tool === undefined) return { ok: false, reason: 'Only tools/call requests can be replayed.' };
  const params = isRecord(event.request) ? event.request.params : undefined;
  if (isRecord(event.request) && event.request.truncated === true) {
    return { ok: false, reason: 'The recorded request was cut at the recording size limit, so its arguments are not known.' };
  }
  const recorded = isRecord(params) ? params.arguments : event.trace?.inputs;
  if (recorded !== undefined && !isRecord(recorded)) return { ok: false, reason: 'The recorded arguments are not a JSON object.' };
  const args = recorded ?? {};
  return { ok: true, tool: event.tool, arguments: args, masked: maskedPaths(args) };
}

/** Paths of values masked when recorded (a secret-named field, or a string holding a known secret). */
export function maskedPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.includes(MASKED_VALUE) ? [path || '(value)'] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => maskedPaths(item, `${path}[${index}]`));
  if (isRecord(value)) return Object.entries(value).flatMap(([key, item]) => maskedPaths(item, path ? `${path}.${key}` : key));
  return [];
}

/**
 * What a `tools/call` answered, in the shape worth comparing: a tool's structured result, or the
 * JSON its text holds (our tools answer failures as JSON text), or the error. The JSON-RPC
 * envelope (its id) and the text copy of a structured result are left out: they say nothing new.
 */
export function answerOf(response: unknown): unknown {
  if (!isRecord(response)) return response;
  if (response.error !== undefined) return { error: response.error };
  const result = response.result;
  if (!isRecord(result) || !Array.isArray(result.content)) return result;
  const parsed = result.structuredContent ?? jsonOfSingleText(result.content);
  if (parsed === undefined) return result;
  // our tools say `success: false` in the JSON itself (a debug endpoint recording has no isError to compare with)
  if (result.isError !== true || (isRecord(parsed) && typeof parsed.success === 'boolean')) return parsed;
  return { isError: true, ...(isRecord(parsed) ? parsed : { value: parsed }) };
}

function jsonOfSingleText(content: unknown[]): unknown {
  if (content.length !== 1 || !isRecord(content[0]) || content[0].type !== 'text' || typeof content[0].text !== 'string') return undefined;
  try {
    return JSON.parse(content[0].text);
  } catch {
    return undefined;
  }
}

/** Whether a recorded body was cut at the recording size limit (then a diff against it says little). */
export function isTruncatedBody(value: unknown): boolean {
  return isRecord(value) && value.truncated === true && typeof value.originalBytes === 'number';
}
