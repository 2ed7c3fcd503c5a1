// Session tools: create, list, close, and the languages a session can debug.
import { z } from 'zod';
import type { DebugBridge, SessionInfo } from '../../debug/debugBridge';
import { defineTool, type ToolDefinition } from '../toolDefinition';
import { describeExecutionOutcome, describeStop, executionOutput, passthroughObject, sessionIdField, timeoutField, waitOptions } from './toolSupport';

const sessionView = z.object({
  id: z.string(),
  name: z.string(),
  language: z.string(),
  state: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedBy: z.enum(['agent', 'user']),
  noDebug: z.boolean().optional().describe('true when the program runs without debugging (VS Code\'s Run Without Debugging, or noDebug in its configuration): it cannot be paused, stepped or inspected, and breakpoints do not bind in it.'),
}).passthrough();

export function describeSession(session: SessionInfo): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: session.id,
    name: session.name,
    language: session.language,
    state: session.state,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    startedBy: session.startedBy,
  };
  if (session.mode) view.mode = session.mode;
  if (session.noDebug) view.noDebug = true;
  if (session.debugType) view.debugType = session.debugType;
  if (session.vscodeSessionId) view.vscodeSessionId = session.vscodeSessionId;
  if (session.lastStop) view.lastStop = describeStop(session.lastStop);
  if (session.exitCode !== undefined) view.exitCode = session.exitCode;
  if (session.error) view.error = session.error;
  return view;
}

export function createSessionTools(bridge: DebugBridge): ToolDefinition[] {
  return [
    defineTool({
      name: 'create_debug_session',
      description:
        'Create a new debugging session (state "created"). Then set breakpoints and call start_debugging. Provide port (and optionally host) to attach at once to a debug server listening there instead. list_supported_languages tells which languages are available.',
      inputSchema: {
        language: z.string().min(1).describe('Language id from list_supported_languages, e.g. "python", "javascript", "typescript", "mock".'),
        name: z.string().optional().describe('Optional session name shown in VS Code.'),
        executablePath: z.string().optional().describe('Interpreter or runtime to use (e.g. /usr/bin/python3, node); auto-detected when omitted.'),
        host: z.string().optional().describe('Host of a debug server to attach to (attach mode; default 127.0.0.1).'),
        port: z.number().int().min(1).max(65535).optional().describe('Port of a debug server to attach to right away (triggers attach mode).'),
        adapterConfig: passthroughObject.optional().describe('Attach mode only: adapter-specific attach configuration merged into the attach configuration.'),
        timeoutMs: timeoutField,
      },
      outputSchema: { ...executionOutput, sessionId: z.string().optional() },
      async handler(args, context) {
        const session = bridge.createSession({ language: args.language, name: args.name, executablePath: args.executablePath });
        if (args.port === undefined) {
          return { success: true, sessionId: session.id, state: session.state, message: `Created ${session.language} debug session: ${session.name}. Set breakpoints, then call start_debugging.` };
        }
        const outcome = await bridge.attach(session.id, { host: args.host, port: args.port, adapterConfig: args.adapterConfig }, waitOptions(args.timeoutMs, context.signal));
        const described = await describeExecutionOutcome(bridge, outcome, `Created and attached ${session.language} debug session: ${session.name}`);
        return { ...described, sessionId: session.id };
      },
    }),
    defineTool({
      name: 'list_supported_languages',
      description: 'List the languages this VS Code can debug. installed means a session can launch now: the debugger is there and so is what it runs (the Python interpreter with debugpy, node...), checked for real; modes.launch/attach say what is available and, when not, why. Also the display name, VS Code debug type, the extension that provides the debugger (package) or must be installed, and the default executable.',
      inputSchema: {},
      annotations: { readOnlyHint: true },
      outputSchema: { success: z.boolean(), installed: z.array(z.string()), available: z.array(z.object({}).passthrough()), languages: z.array(z.object({}).passthrough()), count: z.number() },
      async handler() {
        const languages = await bridge.listLanguages();
        const installed = languages.filter((language) => language.installed).map((language) => language.id);
        const available = languages.map((language) => ({
          language: language.id,
          displayName: language.displayName,
          debugType: language.debugType,
          installed: language.installed,
          ...(language.package ? { package: language.package } : {}),
          ...(language.description ? { description: language.description } : {}),
          ...(language.modes ? { modes: language.modes } : {}),
          ...(language.defaultExecutable ? { defaultExecutable: language.defaultExecutable } : {}),
          ...(language.requiredExtension ? { requiredExtension: language.requiredExtension } : {}),
        }));
        // the reference's metadata of the languages a session can launch now
        const metadata = languages.filter((language) => language.installed).map((language) => ({
          id: language.id,
          displayName: language.displayName,
          ...(language.version ? { version: language.version } : {}),
          ...(language.requiresExecutable !== undefined ? { requiresExecutable: language.requiresExecutable } : {}),
          ...(language.defaultExecutable ? { defaultExecutable: language.defaultExecutable } : {}),
        }));
        return { success: true, installed, available, languages: metadata, count: installed.length };
      },
    }),
    defineTool({
      name: 'list_debug_sessions',
      description:
        'List every debug session: those created by agents and those the user started from VS Code (startedBy "user"); all of them can be driven by the tools. Paused sessions include lastStop with the reason of the most recent stop; noDebug: true marks a program run without debugging (it cannot be paused or inspected, and its breakpoints do not bind).',
      inputSchema: {},
      annotations: { readOnlyHint: true },
      outputSchema: { success: z.boolean(), sessions: z.array(sessionView), count: z.number() },
      async handler() {
        const sessions = bridge.listSessions().map(describeSession);
        return { success: true, sessions, count: sessions.length };
      },
    }),
    defineTool({
      name: 'close_debug_session',
      description: 'Close a debugging session: stops its program if it runs, waits until VS Code has ended its debug session, and forgets the session (its breakpoints are removed from VS Code).',
      inputSchema: { sessionId: sessionIdField },
      annotations: { destructiveHint: true },
      outputSchema: { success: z.boolean(), message: z.string().optional(), vscodeSessionEnded: z.boolean().optional(), error: z.string().optional() },
      session: { sessions: bridge },
      async handler(args) {
        const closed = await bridge.closeSession(args.sessionId);
        const vscodeSide = closed.vscodeSessionsEnded
          ? 'VS Code has no debug session of it left'
          : `its program was stopped, but VS Code had not ended its debug session ${closed.waitedMs} ms later (it goes on ending it)`;
        return { success: true, message: `Closed debug session ${args.sessionId}: ${vscodeSide}.`, vscodeSessionEnded: closed.vscodeSessionsEnded };
      },
    }),
  ];
}
