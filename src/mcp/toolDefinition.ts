import type { z } from 'zod';
import type { SessionInfo, SessionState } from '../debug/debugBridge';
import { DebugError } from '../debug/debugErrors';
import type { ConnectionSource } from '../shared/trace';

/** What every tool answers: the `mcp-debugger` reference shape, `success` plus tool-specific fields. */
export interface ToolResult {
  success: boolean;
  /** On failure: what was wrong and what to do. */
  error?: string;
  [field: string]: unknown;
}

export interface ToolContext {
  /** Aborted when the client cancels or disconnects. */
  signal: AbortSignal;
  /** Who is calling, for traces and messages. */
  source: ConnectionSource;
  clientName?: string;
}

/** Where a tool's debug session is looked up (the debug bridge); an unknown id throws a `DebugError`. */
export interface SessionLookup {
  getSession(sessionId: string): SessionInfo;
}

/** The debug session a tool acts on: the one its input field `sessionId` names. */
export interface SessionNeed<Args> {
  sessions: SessionLookup;
  /** The states the call can work in (any when omitted); a function when they depend on the input. */
  states?: readonly SessionState[] | ((args: Args) => readonly SessionState[] | undefined);
}

/**
 * One tool, independent of how it is reached: the MCP server and the debug endpoint both
 * serve the same definitions. `inputSchema` is a zod raw shape, as the MCP SDK takes it.
 */
export interface ToolDefinition<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title?: string;
  description: string;
  inputSchema: Shape;
  outputSchema?: z.ZodRawShape;
  annotations?: {
    readOnlyHint?: boolean;
    destructiveHint?: boolean;
    idempotentHint?: boolean;
    openWorldHint?: boolean;
  };
  /** What is wrong with a schema-valid input across its fields, said to the agent; undefined when nothing is. */
  checkInput?(args: z.infer<z.ZodObject<Shape>>): string | undefined;
  /** The session the call acts on and the states it needs; checked before the handler runs. */
  session?: SessionNeed<z.infer<z.ZodObject<Shape>>>;
  /** Throws a `DebugError` for whatever the debugger refused; the runner words it for the agent. */
  handler(args: z.infer<z.ZodObject<Shape>>, context: ToolContext): Promise<ToolResult>;
}

/**
 * Keeps the literal shape type of each definition while collecting them in one list, and puts
 * its declared checks (input, then session) in front of its handler, so whatever wraps the
 * handler (the tool policy) still answers first.
 */
export function defineTool<Shape extends z.ZodRawShape>(definition: ToolDefinition<Shape>): ToolDefinition {
  const { checkInput, session, handler } = definition;
  if (!checkInput && !session) return definition as unknown as ToolDefinition;
  const checked: ToolDefinition<Shape> = {
    ...definition,
    async handler(args, context) {
      const problem = checkInput?.(args);
      if (problem !== undefined) return { success: false, error: problem };
      if (session) requireSession(session, args);
      return handler(args, context);
    },
  };
  return checked as unknown as ToolDefinition;
}

/** The states of a session whose program is starting or runs. */
const LIVE_STATES: readonly SessionState[] = ['initializing', 'ready', 'running'];

/** The session the input names, in one of the states the call needs; otherwise a `DebugError`. */
function requireSession<Args>(need: SessionNeed<Args>, args: Args): void {
  const info = need.sessions.getSession(sessionIdOf(args) ?? '');
  const needed = typeof need.states === 'function' ? need.states(args) : need.states;
  if (!needed || needed.includes(info.state)) return;
  // a live run without debugging never reaches the state this needs: waiting or pausing would not help
  if (info.noDebug && LIVE_STATES.includes(info.state)) throw new DebugError({ kind: 'runs_without_debugging', sessionId: info.id, startedBy: info.startedBy });
  throw new DebugError({ kind: 'wrong_state', sessionId: info.id, state: info.state, needed });
}

export function sessionIdOf(args: unknown): string | undefined {
  const sessionId = typeof args === 'object' && args !== null ? (args as { sessionId?: unknown }).sessionId : undefined;
  return typeof sessionId === 'string' ? sessionId : undefined;
}
