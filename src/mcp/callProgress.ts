// MCP progress for a tool call that waits: while it runs, and when the client asked for progress
// (a progressToken), says every second what the call waits for and what the program wrote so far.
// Generic over tools, so every waiting tool (steps, continue, start, run_to_line, debug_test) has it.
import type { DebugBridge } from '../debug/debugBridge';
import { sessionIdOf, type ToolDefinition } from './toolDefinition';
import { DEFAULT_WAIT_MS } from './tools/toolSupport';

export const PROGRESS_INTERVAL_MS = 1000;
/** The end of the program's output a progress message carries. */
const OUTPUT_TAIL_CHARS = 300;

export type ProgressSessions = Pick<DebugBridge, 'getSession' | 'output'>;

export interface CallProgressOptions {
  definition: ToolDefinition;
  args: unknown;
  sessions?: ProgressSessions;
  intervalMs?: number;
  /** `progress` rises with each message: the ms waited so far; `total` the wait's bound when the tool has one. */
  send(progress: number, total: number | undefined, message: string): void;
}

/** Starts the messages; the returned function stops them (call it when the tool answers). */
export function startCallProgress(options: CallProgressOptions): () => void {
  const started = Date.now();
  const sessionId = sessionIdOf(options.args);
  const total = waitBound(options.definition, options.args);
  let cursor = 0;
  let output = '';
  const tick = () => {
    const waited = Date.now() - started;
    let state: string | undefined;
    if (sessionId !== undefined && options.sessions) {
      try {
        state = options.sessions.getSession(sessionId).state;
        const page = options.sessions.output(sessionId, cursor, 200);
        cursor = page.nextSince;
        output = (output + page.entries.map((entry) => entry.output).join('')).slice(-OUTPUT_TAIL_CHARS);
      } catch {
        // the session is gone: the call is about to answer so
      }
    }
    options.send(waited, total, describeWait(options.definition.name, sessionId, state, waited, total, output));
  };
  const timer = setInterval(tick, options.intervalMs ?? PROGRESS_INTERVAL_MS);
  return () => clearInterval(timer);
}

/** The bound of a tool's wait: its `timeoutMs` input, or the default of the tools that take one. */
function waitBound(definition: ToolDefinition, args: unknown): number | undefined {
  if (!Object.hasOwn(definition.inputSchema, 'timeoutMs')) return undefined;
  const given = typeof args === 'object' && args !== null ? (args as { timeoutMs?: unknown }).timeoutMs : undefined;
  return typeof given === 'number' ? given : DEFAULT_WAIT_MS;
}

function describeWait(tool: string, sessionId: string | undefined, state: string | undefined, waited: number, total: number | undefined, output: string): string {
  const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
  const what = sessionId !== undefined
    ? `waiting for session ${sessionId}${state ? ` (${state})` : ''} to stop (breakpoint, step, exception) or end`
    : 'waiting for the call to finish';
  const bound = total !== undefined ? `${seconds(waited)} of at most ${seconds(total)}` : `${seconds(waited)} so far`;
  const said = output.length > 0 ? `Program output so far (end): ${output}` : 'No program output yet.';
  return `${tool}: ${what}; ${bound}. ${said}`;
}
