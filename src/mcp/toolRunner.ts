import { z } from 'zod';
import { DebugError } from '../debug/debugErrors';
import type { Span } from '../shared/trace';
import { runWithSpanCollector, SpanCollector } from '../trace/spanRecorder';
import { wordDebugError } from './debugErrorWording';
import { sessionIdOf, type ToolContext, type ToolDefinition, type ToolResult } from './toolDefinition';

export interface ToolRun {
  result: ToolResult;
  trace: Span;
}

/** Describes zod issues as one sentence an agent can act on. */
export function describeInputError(toolName: string, error: z.ZodError): string {
  const parts = error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(input)';
    return `${field}: ${issue.message}`;
  });
  return `Invalid input for ${toolName}: ${parts.join('; ')}. Check the tool's input schema and call again.`;
}

/**
 * Runs one tool with validated input inside a span collector, so the DAP traffic it causes
 * becomes the children of its root span. Never throws: failures come back as `success: false`.
 * The root span holds the call's inputs and result as they are: whoever records or hands out the
 * trace masks and caps it (`recordedSpan`), so none of that runs before the call is answered.
 */
export async function runTool(definition: ToolDefinition, rawInput: unknown, context: ToolContext): Promise<ToolRun> {
  const collector = new SpanCollector('tool.run', { tool: definition.name, inputs: rawInput });
  const parsed = strictInputSchemaOf(definition).safeParse(rawInput ?? {});
  if (!parsed.success) {
    const result: ToolResult = { success: false, error: describeInputError(definition.name, parsed.error) };
    return { result, trace: collector.finish('error', result, result.error) };
  }
  // a call on a session records that session's DAP events from its start, not from its first request:
  // a call answered from what was seen already (debugpy's module events after the workbench's own
  // stackTrace, say) would otherwise miss the events that arrived before it asked anything
  const sessionId = definition.session ? sessionIdOf(parsed.data) : undefined;
  if (sessionId !== undefined) collector.touchDebugSession(sessionId);
  let result: ToolResult;
  try {
    result = await runWithSpanCollector(collector, () => definition.handler(parsed.data, context));
  } catch (error) {
    result = failureOf(definition, error, parsed.data);
  }
  const trace = result.success ? collector.finish('ok', result) : collector.finish('error', result, result.error);
  return { result, trace };
}

/**
 * Each tool's strict input schema, built once: building it (and zod's compiled fast path with
 * it, on its first parse) cost more than the parse itself, on every call.
 */
const inputParsers = new WeakMap<z.ZodRawShape, z.ZodObject<z.ZodRawShape>>();
export function strictInputSchemaOf(definition: ToolDefinition): z.ZodObject<z.ZodRawShape> {
  let parser = inputParsers.get(definition.inputSchema);
  if (!parser) {
    parser = z.object(definition.inputSchema).strict();
    inputParsers.set(definition.inputSchema, parser);
  }
  return parser;
}

/** A thrown error as the tool's failure: a debugger fact in the agent's words with its code, and the session's state when known. */
function failureOf(definition: ToolDefinition, error: unknown, args: unknown): ToolResult {
  const result: ToolResult = error instanceof DebugError
    ? { success: false, error: wordDebugError(error.fact, definition.name), code: error.code }
    : { success: false, error: `${definition.name} failed: ${error instanceof Error ? error.message : String(error)}` };
  const sessionId = definition.session ? sessionIdOf(args) : undefined;
  if (definition.session && sessionId !== undefined) {
    try {
      result.state = definition.session.sessions.getSession(sessionId).state;
    } catch {
      // an unknown session: the error says so
    }
  }
  return result;
}
