// Reading a paused program: threads, stack, scopes, variables, locals in one call, evaluation,
// source around a line, and the program's output.
import { z } from 'zod';
import type { DebugBridge, StackFrameInfo, VariableInfo } from '../../debug/debugBridge';
import { defineTool, type ToolDefinition, type ToolResult } from '../toolDefinition';
import { isInternalVariable, pickLocalScope } from './internalVariables';
import { capValue, capVariables, contextAround, describeStop, MAX_VALUE_CHARS, PAUSED, sessionIdField, truncationOutput } from './toolSupport';

const maxValueCharsField = z
  .number()
  .int()
  .min(16)
  .max(64 * 1024)
  .optional()
  .describe(`Cut each value to this many characters (default ${MAX_VALUE_CHARS}); cut values carry truncated:true.`);
const frameIdField = z.number().int().min(0);

const MAX_LOCAL_FRAMES = 20;

/** The locals of each frame below `fromFrameId` on the current stack, filtered and capped like the top frame's. */
async function callerLocals(bridge: DebugBridge, sessionId: string, language: string, fromFrameId: number, includeSpecial: boolean, maxValueChars: number | undefined): Promise<unknown[]> {
  const stack = await bridge.stackTrace(sessionId, { levels: MAX_LOCAL_FRAMES + 1 });
  const start = stack.frames.findIndex((frame) => frame.id === fromFrameId) + 1;
  const frames: unknown[] = [];
  for (const frame of stack.frames.slice(start, start + MAX_LOCAL_FRAMES)) {
    const scope = pickLocalScope(await bridge.scopes(sessionId, frame.id));
    const view = { id: frame.id, name: frame.name, file: frame.file, line: frame.line };
    if (!scope) {
      frames.push({ frame: view, variables: [] });
      continue;
    }
    const variables = (await bridge.variables(sessionId, scope.variablesReference)).filter((variable) => includeSpecial || !isInternalVariable(language, variable.name));
    const capped = capVariables(variables, maxValueChars);
    frames.push({ frame: view, scopeName: scope.name, variables: capped.variables, ...(capped.truncation ? { truncated: true, truncation: capped.truncation } : {}) });
  }
  return frames;
}

/**
 * The frame (default the top one), its local scope's name and variables: read straight from the
 * program where the bridge can (the top frame, each variable `shown` a plain value), else through
 * scopes and variables; `answer` when there is no such frame.
 */
async function frameLocals(
  bridge: DebugBridge, sessionId: string, frameId: number | undefined, shown: (name: string) => boolean,
): Promise<{ answer: ToolResult } | { frame: StackFrameInfo; scopeName?: string; variables: VariableInfo[] }> {
  if (frameId === undefined) {
    const direct = await bridge.topLocals(sessionId, shown);
    if (direct) return direct;
  }
  let frame: StackFrameInfo | undefined;
  if (frameId === undefined) {
    frame = await bridge.topFrame(sessionId);
    if (!frame) return { answer: { success: true, variables: [], count: 0, message: 'No stack frames available.' } };
  } else {
    const stack = await bridge.stackTrace(sessionId, { levels: 50 });
    frame = stack.frames.find((candidate) => candidate.id === frameId);
    if (!frame) {
      return { answer: { success: false, error: `No frame with id ${frameId} in the current stack (ids: ${stack.frames.map((candidate) => candidate.id).join(', ')}). Call get_stack_trace for the current frame ids.` } };
    }
  }
  const scope = pickLocalScope(await bridge.scopes(sessionId, frame.id));
  if (!scope) return { frame, variables: [] };
  return { frame, scopeName: scope.name, variables: await bridge.variables(sessionId, scope.variablesReference) };
}

export function createInspectionTools(bridge: DebugBridge): ToolDefinition[] {
  return [
    defineTool({
      name: 'list_threads',
      description: 'List the threads of the debugged program.',
      inputSchema: { sessionId: sessionIdField },
      annotations: { readOnlyHint: true },
      outputSchema: { success: z.boolean(), threads: z.array(z.object({ id: z.number(), name: z.string() })).optional(), count: z.number().optional(), error: z.string().optional() },
      session: { sessions: bridge, states: ['running', 'paused', 'ready'] },
      async handler(args) {
        const threads = await bridge.threads(args.sessionId);
        return { success: true, threads, count: threads.length };
      },
    }),
    defineTool({
      name: 'get_stack_trace',
      description: 'Get the stack of the paused thread, innermost frame first, with stopReason (why the session is paused). Frame ids feed get_scopes and evaluate_expression.',
      inputSchema: {
        sessionId: sessionIdField,
        threadId: z.number().int().optional().describe('Thread (default: the one that stopped).'),
        includeInternals: z.boolean().optional().describe('Keep frames the adapter marks as internal/runtime (subtle) frames (default false).'),
        levels: z.number().int().min(1).max(1000).optional().describe('Maximum number of frames (default 50).'),
      },
      annotations: { readOnlyHint: true },
      outputSchema: { success: z.boolean(), stackFrames: z.array(z.object({ id: z.number(), name: z.string(), file: z.string(), line: z.number() }).passthrough()).optional(), count: z.number().optional(), totalFrames: z.number().optional(), threadId: z.number().optional(), includeInternals: z.boolean().optional(), stopReason: z.string().optional(), lastStop: z.object({ reason: z.string() }).passthrough().optional(), hiddenFrames: z.number().optional(), note: z.string().optional(), error: z.string().optional() },
      session: { sessions: bridge, states: PAUSED },
      async handler(args) {
        const session = bridge.getSession(args.sessionId);
        const stack = await bridge.stackTrace(args.sessionId, { threadId: args.threadId, levels: args.levels ?? 50 });
        const includeInternals = args.includeInternals ?? false;
        const visible = includeInternals ? stack.frames : stack.frames.filter((frame, index) => index === 0 || frame.presentationHint !== 'subtle');
        const stackFrames = visible.map((frame) => ({ id: frame.id, name: frame.name, file: frame.file, line: frame.line, column: frame.column }));
        const result: Record<string, unknown> = {
          success: true, stackFrames, count: stackFrames.length, threadId: stack.threadId, includeInternals,
          stopReason: session.lastStop?.reason, lastStop: session.lastStop ? describeStop(session.lastStop) : undefined,
        };
        if (stack.totalFrames !== undefined) result.totalFrames = stack.totalFrames;
        if (visible.length < stack.frames.length) {
          result.hiddenFrames = stack.frames.length - visible.length;
          result.note = `${result.hiddenFrames} internal frame(s) hidden; pass includeInternals: true to see them.`;
        }
        return { success: true, ...result };
      },
    }),
    defineTool({
      name: 'get_scopes',
      description: 'Get the scopes (locals, globals, closures...) of a stack frame; their variablesReference feeds get_variables.',
      inputSchema: { sessionId: sessionIdField, frameId: frameIdField.describe('Frame id from get_stack_trace.') },
      annotations: { readOnlyHint: true },
      outputSchema: { success: z.boolean(), scopes: z.array(z.object({ name: z.string(), variablesReference: z.number() }).passthrough()).optional(), frameId: z.number().optional(), error: z.string().optional() },
      session: { sessions: bridge, states: PAUSED },
      async handler(args) {
        const scopes = await bridge.scopes(args.sessionId, args.frameId);
        return { success: true, scopes, frameId: args.frameId };
      },
    }),
    defineTool({
      name: 'get_variables',
      description: 'Get the variables of a scope or of a structured value (scope is a variablesReference). Large collections page with start/count; values are capped (truncated:true).',
      inputSchema: {
        sessionId: sessionIdField,
        scope: z.number().int().min(1).describe('variablesReference from get_scopes, a variable, or evaluate_expression.'),
        start: z.number().int().min(0).optional().describe('First child to return (paging; default 0).'),
        count: z.number().int().min(1).max(1000).optional().describe('How many children to return (paging; default all, at most 300 per call).'),
        filter: z.enum(['indexed', 'named']).optional().describe('Only indexed (array elements) or named children.'),
        names: z.array(z.string()).optional().describe('Only return variables with these exact names; missing ones are listed in notFound.'),
        maxValueChars: maxValueCharsField,
      },
      annotations: { readOnlyHint: true },
      outputSchema: { success: z.boolean(), variables: z.array(z.object({ name: z.string(), value: z.string() }).passthrough()).optional(), count: z.number().optional(), variablesReference: z.number().optional(), start: z.number().optional(), notFound: z.array(z.string()).optional(), ...truncationOutput, error: z.string().optional() },
      session: { sessions: bridge, states: PAUSED },
      async handler(args) {
        let variables = await bridge.variables(args.sessionId, args.scope, { start: args.start, count: args.count, filter: args.filter });
        if (args.names) variables = variables.filter((variable) => args.names?.includes(variable.name));
        const capped = capVariables(variables, args.maxValueChars);
        const result: Record<string, unknown> = { success: true, variables: capped.variables, count: capped.variables.length, variablesReference: args.scope };
        if (args.start !== undefined) result.start = args.start;
        if (args.names) result.notFound = args.names.filter((name) => !variables.some((variable) => variable.name === name));
        if (capped.truncation) {
          result.truncated = true;
          result.truncation = capped.truncation;
        }
        return { success: true, ...result };
      },
    }),
    defineTool({
      name: 'get_local_variables',
      description: 'Get the local variables of the current (top) stack frame in one call, without traversing stack -> scopes -> variables; allFrames:true adds the locals of the callers too (frames). Runtime internals (this, __proto__, __builtins__, special variables...) are left out unless includeSpecial is true. Values are capped (truncated:true).',
      inputSchema: {
        sessionId: sessionIdField,
        includeSpecial: z.boolean().optional().describe('Include special/internal variables like this, __proto__, __builtins__ (default false).'),
        frameId: frameIdField.optional().describe('Another frame than the top one (id from get_stack_trace).'),
        allFrames: z.boolean().optional().describe(`Also return the locals of every calling frame (up to ${MAX_LOCAL_FRAMES}) in frames[] (default false: the top frame only, fastest).`),
        names: z.array(z.string()).optional().describe('Only return variables with these exact names; missing ones are listed in notFound.'),
        maxValueChars: maxValueCharsField,
      },
      annotations: { readOnlyHint: true },
      outputSchema: { success: z.boolean(), variables: z.array(z.object({ name: z.string(), value: z.string() }).passthrough()).optional(), count: z.number().optional(), frame: z.object({}).passthrough().optional(), scopeName: z.string().optional(), hiddenSpecial: z.number().optional(), notFound: z.array(z.string()).optional(), ...truncationOutput, message: z.string().optional(), frames: z.array(z.object({}).passthrough()).optional().describe('allFrames: the locals of each caller frame.'), error: z.string().optional() },
      session: { sessions: bridge, states: PAUSED },
      async handler(args) {
        const session = bridge.getSession(args.sessionId);
        const shown = (name: string) => (args.includeSpecial === true || !isInternalVariable(session.language, name)) && (!args.names || args.names.includes(name));
        const read = await frameLocals(bridge, args.sessionId, args.frameId, shown);
        if ('answer' in read) return read.answer;
        const { frame, scopeName } = read;
        const frameView = { id: frame.id, name: frame.name, file: frame.file, line: frame.line };
        if (scopeName === undefined) return { success: true, variables: [], count: 0, frame: frameView, message: 'No local scope found in the current frame.' };
        let variables = read.variables;
        const all = variables.length;
        if (!args.includeSpecial) variables = variables.filter((variable) => !isInternalVariable(session.language, variable.name));
        if (args.names) variables = variables.filter((variable) => args.names?.includes(variable.name));
        const capped = capVariables(variables, args.maxValueChars);
        const result: Record<string, unknown> = { success: true, variables: capped.variables, count: capped.variables.length, frame: frameView, scopeName };
        if (all > variables.length && !args.names) result.hiddenSpecial = all - variables.length;
        if (args.names) result.notFound = args.names.filter((name) => !variables.some((variable) => variable.name === name));
        if (capped.truncation) {
          result.truncated = true;
          result.truncation = capped.truncation;
        }
        if (capped.variables.length === 0) result.message = `The ${scopeName} scope is empty.`;
        if (args.allFrames) result.frames = await callerLocals(bridge, args.sessionId, session.language, frame.id, args.includeSpecial ?? false, args.maxValueChars);
        return { success: true, ...result };
      },
    }),
    defineTool({
      name: 'evaluate_expression',
      description: 'Evaluate an expression in the paused program (top frame by default). Expressions can read and modify program state. Long results are capped (truncated:true).',
      inputSchema: {
        sessionId: sessionIdField,
        expression: z.string().min(1).max(10_240).describe('Expression in the program\'s language.'),
        frameId: frameIdField.optional().describe('Frame to evaluate in (id from get_stack_trace; default the top frame).'),
        context: z.enum(['repl', 'watch', 'hover', 'variables']).optional().describe('DAP evaluate context (default "repl", which allows statements and side effects).'),
        maxValueChars: maxValueCharsField,
      },
      outputSchema: { success: z.boolean(), result: z.string().optional(), type: z.string().optional(), variablesReference: z.number().optional(), presentationHint: z.object({}).passthrough().optional(), namedVariables: z.number().optional(), indexedVariables: z.number().optional(), frameId: z.number().optional(), truncated: z.boolean().optional(), error: z.string().optional() },
      session: { sessions: bridge, states: PAUSED },
      async handler(args) {
        const evaluation = await bridge.evaluate(args.sessionId, args.expression, args.frameId, args.context ?? 'repl');
        const capped = capValue(evaluation.result, args.maxValueChars);
        const result: Record<string, unknown> = { success: true, result: capped.value, variablesReference: evaluation.variablesReference };
        if (evaluation.type !== undefined) result.type = evaluation.type;
        if (evaluation.presentationHint !== undefined) result.presentationHint = evaluation.presentationHint;
        if (evaluation.namedVariables !== undefined) result.namedVariables = evaluation.namedVariables;
        if (evaluation.indexedVariables !== undefined) result.indexedVariables = evaluation.indexedVariables;
        if (evaluation.frameId !== undefined) result.frameId = evaluation.frameId;
        if (capped.truncated) result.truncated = true;
        return { success: true, ...result };
      },
    }),
    defineTool({
      name: 'get_source_context',
      description: 'Get the source lines around a line of a file (cached until the file changes).',
      inputSchema: {
        sessionId: sessionIdField,
        file: z.string().min(1).describe('Source file: absolute path, or relative to the first workspace folder.'),
        line: z.number().int().min(1).describe('1-based line to center on.'),
        linesContext: z.number().int().min(0).max(200).optional().describe('Lines before and after to include (default 5).'),
      },
      annotations: { readOnlyHint: true },
      outputSchema: { success: z.boolean(), file: z.string().optional(), line: z.number().optional(), lineContent: z.string().optional(), surrounding: z.array(z.object({ line: z.number(), content: z.string() })).optional(), contextLines: z.number().optional(), error: z.string().optional() },
      session: { sessions: bridge },
      async handler(args) {
        const source = await bridge.readSource(args.file);
        const contextLines = args.linesContext ?? 5;
        const context = contextAround(source.lines, args.line, contextLines);
        if (!context) {
          return { success: false, error: `Line ${args.line} is outside ${source.path}, which has ${source.lines.length} line(s). Pick a line between 1 and ${source.lines.length}.`, file: args.file, line: args.line };
        }
        return { success: true, file: source.path, line: args.line, lineContent: context.lineContent, surrounding: context.surrounding, contextLines };
      },
    }),
    defineTool({
      name: 'get_output',
      description: 'Get the program\'s output (stdout, stderr, debug console) captured from the debug adapter, while it runs and after it ends. Pass since=nextSince from the previous answer to page through new output.',
      inputSchema: {
        sessionId: sessionIdField,
        since: z.number().int().min(0).optional().describe('Only entries with seq greater than this (nextSince of the previous answer; default 0).'),
        limit: z.number().int().min(1).max(1000).optional().describe('Maximum entries (default 100); hasMore:true means more are available.'),
      },
      annotations: { readOnlyHint: true },
      outputSchema: { success: z.boolean(), entries: z.array(z.object({ seq: z.number(), category: z.string(), output: z.string() }).passthrough()).optional(), nextSince: z.number().optional(), hasMore: z.boolean().optional(), sessionId: z.string().optional(), dropped: z.number().optional().describe('Output entries dropped from the bounded buffer before since.'), error: z.string().optional() },
      session: { sessions: bridge },
      async handler(args) {
        const page = bridge.output(args.sessionId, args.since ?? 0, args.limit ?? 100);
        return { success: true, sessionId: args.sessionId, ...page };
      },
    }),
  ];
}
