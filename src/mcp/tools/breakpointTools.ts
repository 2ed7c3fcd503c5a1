// Breakpoint tools over VS Code's own source breakpoints (they show in the editor gutter).
import { z } from 'zod';
import type { BreakpointInfo, DebugBridge, SessionInfo } from '../../debug/debugBridge';
import { defineTool, type ToolDefinition } from '../toolDefinition';
import { placeBreakpoint } from './breakpointTargets';
import { sessionIdField, sourceContext, sourceContextOutput } from './toolSupport';

const breakpointView = z.object({ id: z.string(), file: z.string(), line: z.number(), verified: z.boolean() }).passthrough();
const fileField = z.string().min(1).describe('Source file: absolute path, or relative to the first workspace folder.');

export function describeBreakpoint(breakpoint: BreakpointInfo): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: breakpoint.id,
    file: breakpoint.file,
    line: breakpoint.line,
    requestedLine: breakpoint.requestedLine,
    verified: breakpoint.verified,
    enabled: breakpoint.enabled,
  };
  if (breakpoint.functionName !== undefined) view.functionName = breakpoint.functionName;
  if (breakpoint.condition !== undefined) view.condition = breakpoint.condition;
  if (breakpoint.hitCondition !== undefined) view.hitCondition = breakpoint.hitCondition;
  if (breakpoint.logMessage !== undefined) view.logMessage = breakpoint.logMessage;
  if (breakpoint.message !== undefined) view.message = breakpoint.message;
  return view;
}

/** Why a breakpoint of a run without debugging stays unbound, and when it binds. */
export function unboundWithoutDebugging(session: SessionInfo): string {
  const start = session.startedBy === 'user' ? 'the user starts the program with Start Debugging (F5)' : 'start_debugging starts this session\'s program again without noDebug';
  return `session ${session.id} runs its program without debugging (noDebug), so no debugger binds it in this run. It stays set and binds when ${start}; close_debug_session on this session removes it.`;
}

export function createBreakpointTools(bridge: DebugBridge): ToolDefinition[] {
  return [
    defineTool({
      name: 'set_breakpoint',
      description:
        'Set a breakpoint (a VS Code source breakpoint, visible in the editor gutter) by line, by lineContent (text that occurs on one line of the file; with line too, the match nearest to it) or by functionName (the debugger\'s own function breakpoint where it has them, else a line breakpoint on the first line of the function\'s body in file). The answer says which line was chosen and why (chosenBy, why). Works before start_debugging (verified becomes true once the adapter accepts it) and while the program runs or is paused; in a session that runs without debugging (noDebug) it is kept, unbound, until a program is started with debugging. When the adapter moves it (e.g. from a blank or structural line), line is where it was placed and requestedLine what was asked.',
      inputSchema: {
        sessionId: sessionIdField,
        file: fileField,
        line: z.number().int().min(1).optional().describe('1-based line number; executable statements work best. With lineContent: choose the match nearest to this line.'),
        lineContent: z.string().min(1).optional().describe('Instead of line: text that occurs on exactly one line of the file, e.g. "a = b". Several matches answer the candidate lines.'),
        functionName: z.string().min(1).optional().describe('Instead of line: break when this function is called (e.g. "swap", "Cart.total").'),
        condition: z.string().optional().describe('Only break when this expression is truthy.'),
        hitCondition: z.string().optional().describe('Only break when the hit count satisfies this, e.g. ">= 3".'),
        logMessage: z.string().optional().describe('Make it a logpoint: log this message (with {expressions}) instead of pausing; read it with get_output.'),
      },
      outputSchema: {
        success: z.boolean(), breakpointId: z.string().optional(), file: z.string().optional(), line: z.number().optional(), verified: z.boolean().optional(),
        chosenBy: z.enum(['line', 'lineContent', 'functionName']).optional(), why: z.string().optional(), error: z.string().optional(),
        requestedLine: z.number().optional(), enabled: z.boolean().optional(), functionName: z.string().optional(), condition: z.string().optional(),
        hitCondition: z.string().optional(), logMessage: z.string().optional(), message: z.string().optional(),
        content: z.string().optional().describe('The text of the line it is on.'), context: sourceContextOutput.optional(), warning: z.string().optional().describe('What the debugger said about it.'),
      },
      checkInput: (args) => {
        if (args.functionName !== undefined && (args.line !== undefined || args.lineContent !== undefined)) return 'Give functionName alone, or line and/or lineContent: not both.';
        if (args.functionName === undefined && args.line === undefined && args.lineContent === undefined) return 'Give line, lineContent (text of the line) or functionName.';
        if (args.lineContent !== undefined && (args.lineContent.trim() === '' || /[\r\n]/.test(args.lineContent))) return 'lineContent must be non-blank text of a single line.';
        return undefined;
      },
      session: { sessions: bridge },
      async handler(args) {
        const placed = await placeBreakpoint(bridge, args);
        if ('failure' in placed) return placed.failure;
        const { breakpoint } = placed;
        const session = bridge.getSession(args.sessionId);
        const context = placed.functionBreakpoint ? undefined : await sourceContext(bridge, breakpoint.file, breakpoint.line, 2);
        const moved = breakpoint.line !== breakpoint.requestedLine && !placed.functionBreakpoint;
        const kind = breakpoint.logMessage !== undefined ? 'Logpoint' : 'Breakpoint';
        const where = placed.functionBreakpoint ? `on function ${breakpoint.functionName}` : `at ${breakpoint.file}:${breakpoint.line}`;
        const result: Record<string, unknown> = {
          success: true,
          breakpointId: breakpoint.id,
          ...describeBreakpoint(breakpoint),
          chosenBy: placed.chosenBy,
          why: placed.why,
          message: moved
            ? `Breakpoint moved by the debugger: requested line ${breakpoint.requestedLine}, placed at line ${breakpoint.line}${context ? `: \`${context.lineContent.trim()}\`` : ''}`
            : `${kind} set ${where}${breakpoint.verified ? '' : session.noDebug ? `, not bound: ${unboundWithoutDebugging(session)}` : ' (not verified yet: the adapter verifies it when the program runs)'}`,
        };
        if (placed.chosenBy !== 'line') result.message = `${String(result.message)}. Chosen by ${placed.chosenBy}: ${placed.why}.`;
        delete result.id;
        if (context) {
          result.content = context.lineContent;
          result.context = context;
        }
        if (breakpoint.message) result.warning = breakpoint.message;
        return { success: true, ...result };
      },
    }),
    defineTool({
      name: 'list_breakpoints',
      description: 'List the breakpoints of a session with their verified state and the line the adapter placed them on; without file, also its function breakpoints (functionBreakpoints: VS Code\'s, for a session the user started). Works before launch, while running or paused, and after the program ends.',
      inputSchema: { sessionId: sessionIdField, file: z.string().optional().describe('Only list breakpoints in this file.') },
      annotations: { readOnlyHint: true },
      outputSchema: { success: z.boolean(), breakpoints: z.array(breakpointView).optional(), count: z.number().optional(), functionBreakpoints: z.array(z.object({ id: z.string(), functionName: z.string() }).passthrough()).optional(), functionCount: z.number().optional(), error: z.string().optional() },
      session: { sessions: bridge },
      async handler(args) {
        const breakpoints = (await bridge.listBreakpoints(args.sessionId, args.file)).map(describeBreakpoint);
        if (args.file !== undefined) return { success: true, breakpoints, count: breakpoints.length };
        // function breakpoints belong to no file: listed only without a file filter, as the reference does
        const functionBreakpoints = bridge.listFunctionBreakpoints(args.sessionId);
        return { success: true, breakpoints, count: breakpoints.length, functionBreakpoints, functionCount: functionBreakpoints.length };
      },
    }),
    defineTool({
      name: 'remove_breakpoint',
      description: 'Remove a breakpoint by breakpointId (from set_breakpoint or list_breakpoints), or every breakpoint at file + line. Takes effect at once, also while the program runs.',
      inputSchema: {
        sessionId: sessionIdField,
        breakpointId: z.string().optional().describe('Breakpoint id; takes precedence over file + line.'),
        file: z.string().optional().describe('With line: remove the breakpoints at this location.'),
        line: z.number().int().min(1).optional().describe('With file: the line of the breakpoints to remove.'),
      },
      outputSchema: { success: z.boolean(), removed: z.array(breakpointView).optional(), message: z.string().optional(), error: z.string().optional() },
      checkInput: (args) => (!args.breakpointId && (args.file === undefined || args.line === undefined) ? 'Provide breakpointId, or file and line together. list_breakpoints shows the ids.' : undefined),
      session: { sessions: bridge },
      async handler(args) {
        const removed = await bridge.removeBreakpoints(args.sessionId, { breakpointId: args.breakpointId, file: args.file, line: args.line });
        if (removed.length === 0) {
          const where = args.breakpointId ? `with id ${args.breakpointId}` : `at ${args.file}:${args.line}`;
          return { success: false, error: `No breakpoint found ${where} in session ${args.sessionId}. list_breakpoints shows the session's breakpoints.` };
        }
        return { success: true, removed: removed.map(describeBreakpoint), message: `Removed ${removed.length} breakpoint(s)` };
      },
    }),
    defineTool({
      name: 'clear_breakpoints',
      description: 'Remove all breakpoints of a session, or all of them in one file. Clearing zero breakpoints is success.',
      inputSchema: { sessionId: sessionIdField, file: z.string().optional().describe('Only clear breakpoints in this file.') },
      outputSchema: { success: z.boolean(), cleared: z.number().optional(), files: z.array(z.string()).optional(), message: z.string().optional(), error: z.string().optional() },
      session: { sessions: bridge },
      async handler(args) {
        const cleared = await bridge.clearBreakpoints(args.sessionId, args.file);
        const files = [...new Set(cleared.map((breakpoint) => breakpoint.file))];
        return { success: true, cleared: cleared.length, files, message: `Cleared ${cleared.length} breakpoint(s)` };
      },
    }),
  ];
}
