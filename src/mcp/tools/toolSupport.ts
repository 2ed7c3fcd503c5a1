// What every debugger tool shares: the common input fields and session states, the wording of
// an execution outcome, and the caps that keep one result small.
import { z } from 'zod';
import type { DebugBridge, ExecutionOutcome, SessionState, StopInfo, TestResult, VariableInfo } from '../../debug/debugBridge';
import type { ToolResult } from '../toolDefinition';

export const DEFAULT_WAIT_MS = 10_000;
/** Below MCP clients' usual 60 s request timeout, so a waiting tool always answers first. */
export const MAX_WAIT_MS = 55_000;
export const MAX_VALUE_CHARS = 1024;
export const MAX_VARIABLES_PER_CALL = 300;
export const MAX_TOTAL_VALUE_CHARS = 256 * 1024;

export const sessionIdField = z.string().min(1).describe('Debug session id from create_debug_session or list_debug_sessions.');
export const timeoutField = z
  .number()
  .int()
  .min(1)
  .max(MAX_WAIT_MS)
  .optional()
  .describe(`How long (ms) to wait for the program to stop or end before answering state "running" (default ${DEFAULT_WAIT_MS}).`);

export function waitOptions(timeoutMs: number | undefined, signal: AbortSignal): { timeoutMs: number; signal: AbortSignal } {
  return { timeoutMs: timeoutMs ?? DEFAULT_WAIT_MS, signal };
}

/** The states a call that reads or drives a paused program needs. */
export const PAUSED: readonly SessionState[] = ['paused'];
/** The states a session can (re)start its program from. */
export const STARTABLE: readonly SessionState[] = ['created', 'stopped', 'error'];

export interface CappedValue {
  value: string;
  truncated?: true;
}

export function capValue(value: string, maxChars = MAX_VALUE_CHARS): CappedValue {
  return value.length > maxChars ? { value: value.slice(0, maxChars), truncated: true } : { value };
}

export interface VariableView {
  name: string;
  value: string;
  type: string;
  variablesReference: number;
  expandable: boolean;
  evaluateName?: string;
  namedVariables?: number;
  indexedVariables?: number;
  truncated?: true;
}

export interface Truncation {
  omittedCount: number;
  valueTruncatedCount: number;
  notice: string;
}

/** Shapes DAP variables as the reference does and caps their count, each value and the total size. */
export function capVariables(variables: readonly VariableInfo[], maxValueChars = MAX_VALUE_CHARS): { variables: VariableView[]; truncation?: Truncation } {
  const kept: VariableView[] = [];
  let omittedCount = 0;
  let valueTruncatedCount = 0;
  let total = 0;
  for (const variable of variables) {
    if (kept.length >= MAX_VARIABLES_PER_CALL || total >= MAX_TOTAL_VALUE_CHARS) {
      omittedCount++;
      continue;
    }
    const capped = capValue(variable.value, maxValueChars);
    if (capped.truncated) valueTruncatedCount++;
    total += capped.value.length;
    const view: VariableView = {
      name: variable.name,
      value: capped.value,
      type: variable.type ?? '<unknown_type>',
      variablesReference: variable.variablesReference,
      expandable: variable.variablesReference > 0,
    };
    if (variable.evaluateName !== undefined) view.evaluateName = variable.evaluateName;
    if (variable.namedVariables !== undefined) view.namedVariables = variable.namedVariables;
    if (variable.indexedVariables !== undefined) view.indexedVariables = variable.indexedVariables;
    if (capped.truncated) view.truncated = true;
    kept.push(view);
  }
  if (omittedCount === 0 && valueTruncatedCount === 0) return { variables: kept };
  const parts: string[] = [];
  if (omittedCount > 0) parts.push(`${omittedCount} variable(s) omitted (page with start/count, or filter with names)`);
  if (valueTruncatedCount > 0) parts.push(`${valueTruncatedCount} value(s) cut to ${maxValueChars} characters (expand them with get_variables on their variablesReference, or evaluate_expression)`);
  return { variables: kept, truncation: { omittedCount, valueTruncatedCount, notice: `Response size-guarded: ${parts.join('; ')}.` } };
}

/** The reference's step/stop answer: state, reason, location with its source context, or why there is none. */
export async function describeExecutionOutcome(bridge: DebugBridge, outcome: ExecutionOutcome, message: string): Promise<ToolResult> {
  const result: ToolResult = { success: true, state: outcome.state, message };
  if (outcome.reason !== undefined) result.reason = outcome.reason;
  if (outcome.threadId !== undefined) result.threadId = outcome.threadId;
  if (outcome.description !== undefined) result.description = outcome.description;
  if (outcome.location) {
    result.location = outcome.location;
    const context = await sourceContext(bridge, outcome.location.file, outcome.location.line, 2);
    if (context) result.context = context;
  }
  if (outcome.exception) {
    result.exception = outcome.exception;
    const where = outcome.location ? ` at ${outcome.location.file}:${outcome.location.line}` : '';
    result.message = `${message}. Paused on exception ${outcome.exception.id}${outcome.exception.message && outcome.exception.message !== outcome.exception.id ? `: ${outcome.exception.message}` : ''}${where}`;
  }
  if (outcome.noDebug) result.noDebug = true;
  if (outcome.pending) {
    result.pending = true;
    result.message = outcome.noDebug
      ? `${message}; the program runs without debugging (noDebug), so it pauses at no breakpoint and cannot be paused. Read its output with get_output.`
      : outcome.state === 'initializing'
      ? `${message}; the debugger was still starting the program when the wait ended, and goes on starting it. Check list_debug_sessions: it pauses at a breakpoint once started.`
      : `${message}; the program was still running when the wait ended. It pauses at the next breakpoint: check list_debug_sessions, or call pause_execution.`;
  }
  if (outcome.state === 'stopped') {
    if (outcome.exitCode !== undefined) result.exitCode = outcome.exitCode;
    if (outcome.lastOutput) result.lastOutput = outcome.lastOutput;
    result.message = `${message}; the program ended${outcome.exitCode !== undefined ? ` with exit code ${outcome.exitCode}` : ''}. Read its output with get_output, or run it again with restart_debugging.`;
    if (outcome.testResult) {
      result.testResult = outcome.testResult;
      result.message = `${result.message} ${describeTestResult(outcome.testResult)}`;
    }
  }
  return result;
}

/** A test run's result in one sentence: the counts and the first failure with its place. */
export function describeTestResult(testResult: TestResult): string {
  const counts = `${testResult.passed} passed, ${testResult.failed} failed`;
  const first = testResult.failures[0];
  if (!first) return `Tests ${testResult.status}: ${counts}.`;
  const where = first.file !== undefined ? ` at ${first.file}${first.line !== undefined ? `:${first.line}` : ''}` : '';
  const more = testResult.failures.length > 1 ? ` (and ${testResult.failures.length - 1} more in testResult.failures)` : '';
  return `Tests ${testResult.status}: ${counts}. ${first.name}${where}: ${first.message.split('\n')[0]}${more}. Set a breakpoint there and run it again to stop in it.`;
}

/** A stop as the reference words it: `timestamp` (epoch ms) beside our `at`. */
export function describeStop(stop: StopInfo): Record<string, unknown> {
  return { ...stop, timestamp: stop.at };
}

export interface SourceContext {
  lineContent: string;
  surrounding: Array<{ line: number; content: string }>;
}

export async function sourceContext(bridge: DebugBridge, file: string, line: number, contextLines: number): Promise<SourceContext | undefined> {
  try {
    const { lines } = await bridge.readSource(file);
    return contextAround(lines, line, contextLines);
  } catch {
    return undefined;
  }
}

export function contextAround(lines: readonly string[], line: number, contextLines: number): SourceContext | undefined {
  if (line < 1 || line > lines.length) return undefined;
  const surrounding: SourceContext['surrounding'] = [];
  for (let current = Math.max(1, line - contextLines); current <= Math.min(lines.length, line + contextLines); current++) {
    surrounding.push({ line: current, content: capValue(lines[current - 1] ?? '', 2000).value });
  }
  return { lineContent: capValue(lines[line - 1] ?? '', 2000).value, surrounding };
}

export const passthroughObject = z.record(z.string(), z.unknown());

/** Source lines around a line, as `sourceContext` answers them. */
export const sourceContextOutput = z.object({ lineContent: z.string(), surrounding: z.array(z.object({ line: z.number(), content: z.string() })) });

/** What a size guard cut from an answer (`capVariables`). */
export const truncationOutput = { truncated: z.boolean().optional(), truncation: z.object({ omittedCount: z.number(), valueTruncatedCount: z.number(), notice: z.string() }).optional() };

/** Every field `describeExecutionOutcome` answers: the answer of each call that runs the program and waits. */
export const executionOutput = {
  success: z.boolean(),
  state: z.string().optional(),
  message: z.string().optional(),
  reason: z.string().optional(),
  threadId: z.number().optional(),
  description: z.string().optional(),
  location: z.object({ file: z.string(), line: z.number() }).passthrough().optional(),
  context: sourceContextOutput.optional().describe('The source around location.'),
  exception: z.object({ id: z.string() }).passthrough().optional().describe('The exception it paused on.'),
  pending: z.boolean().optional().describe('The program was still running when the wait ended.'),
  noDebug: z.boolean().optional().describe('true when the program runs without debugging (noDebug in its configuration): it will not pause.'),
  exitCode: z.number().optional(),
  lastOutput: z.array(z.string()).optional().describe('The last lines of the program\'s output, when it ended.'),
  data: z.object({}).passthrough().optional(),
};
