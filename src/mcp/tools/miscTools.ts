// Tools of the reference that map onto VS Code's own UI (expose/unexpose) or one debugger (Java).
import { z } from 'zod';
import type { DebugBridge, HotCodeReplaceOutcome } from '../../debug/debugBridge';
import { defineTool, type ToolDefinition, type ToolResult } from '../toolDefinition';
import { sessionIdField } from './toolSupport';

export function createMiscTools(bridge: DebugBridge): ToolDefinition[] {
  return [
    defineTool({
      name: 'expose_session',
      description: 'Show a debug session to the human in VS Code: opens Run and Debug with its Call Stack and, when the session is paused, shows the paused line in an editor. The answer says what was shown and whether VS Code\'s active debug session (the toolbar\'s) is this one; extensions cannot switch it, the user picks it in the Call Stack. No mirror endpoint is needed: the session is VS Code\'s own.',
      inputSchema: { sessionId: sessionIdField },
      outputSchema: {
        success: z.boolean(), state: z.string().optional(), exposed: z.boolean().optional(), message: z.string().optional(), error: z.string().optional(),
        shownViews: z.array(z.string()).optional(), editor: z.object({ file: z.string(), line: z.number() }).optional(),
        activeDebugSessionId: z.string().optional(), isActiveDebugSession: z.boolean().optional(),
      },
      session: { sessions: bridge },
      async handler(args) {
        const session = bridge.getSession(args.sessionId);
        if (!session.vscodeSessionId) {
          return { success: false, state: session.state, error: `Session ${args.sessionId} is ${session.state} and has no running VS Code debug session to show. Call start_debugging or attach_to_process first.` };
        }
        const shown = await bridge.reveal(args.sessionId);
        const parts = [shown.views.length > 0 ? 'Opened the Run and Debug view with its Call Stack' : 'Could not open the Run and Debug view (its commands are missing)'];
        if (shown.editor) parts.push(`showed ${shown.editor.file}:${shown.editor.line}, where it is paused, in an editor`);
        else parts.push(session.state === 'paused' ? 'could not show its paused line (no file on disk)' : `showed no line (the session is ${session.state}, not paused)`);
        const active = shown.isActiveSession
          ? 'It is VS Code\'s active debug session: the toolbar and Variables view follow it.'
          : shown.activeSessionId
            ? `VS Code's active debug session is another one (${shown.activeSessionId}): extensions cannot switch it, so the toolbar and Variables view follow that one until the user selects this session in the Call Stack.`
            : 'VS Code has no active debug session.';
        return {
          success: true,
          state: session.state,
          exposed: true,
          shownViews: shown.views,
          ...(shown.editor ? { editor: shown.editor } : {}),
          ...(shown.activeSessionId ? { activeDebugSessionId: shown.activeSessionId } : {}),
          isActiveDebugSession: shown.isActiveSession,
          message: `${parts.join('; ')}. ${active}`,
        };
      },
    }),
    defineTool({
      name: 'unexpose_session',
      description: 'The counterpart of expose_session: forgets that the session was shown (wasExposed says whether it was). VS Code keeps showing every running session in its debug views, so nothing closes there.',
      inputSchema: { sessionId: sessionIdField },
      outputSchema: { success: z.boolean(), state: z.string().optional(), wasExposed: z.boolean().optional(), message: z.string().optional(), error: z.string().optional() },
      session: { sessions: bridge },
      async handler(args) {
        const session = bridge.getSession(args.sessionId);
        const { wasExposed } = bridge.conceal(args.sessionId);
        return {
          success: true,
          state: session.state,
          wasExposed,
          message: wasExposed
            ? 'No longer exposed. VS Code still lists the session in its debug views while it runs (there is no separate endpoint to close).'
            : 'Session was not exposed (expose_session was not called since it last started) - nothing to close.',
        };
      },
    }),
    defineTool({
      name: 'redefine_classes',
      description: 'Hot-swap changed Java classes into the running JVM through the Java debugger\'s hot code replace. Lists the .class files under classesDir modified after sinceTimestamp (and asks for nothing when there are none); the Java debugger then finds and replaces the changed classes itself (it takes no list), and reports in VS Code what it replaced. Only for Java sessions with the Java Debugger extension installed.',
      inputSchema: {
        sessionId: sessionIdField,
        classesDir: z.string().min(1).describe('Absolute path of the compiled classes directory (e.g. build/classes/java/main/).'),
        sinceTimestamp: z.number().min(0).optional().describe('Only .class files modified after this epoch ms are listed (0 = all); newestTimestamp of the answer is the next call\'s value.'),
      },
      outputSchema: {
        success: z.boolean(), message: z.string().optional(), error: z.string().optional(),
        classesDir: z.string().optional(), sinceTimestamp: z.number().optional(), changedClassFiles: z.array(z.string()).optional(), scannedFiles: z.number().optional(), newestTimestamp: z.number().optional(), hotCodeReplaceAsked: z.boolean().optional(),
      },
      session: { sessions: bridge },
      async handler(args) {
        return describeHotCodeReplace(await bridge.redefineClasses(args.sessionId, { classesDir: args.classesDir, sinceTimestamp: args.sinceTimestamp }));
      },
    }),
  ];
}

/** The answer says what was found and what was asked, never which classes were replaced: the Java debugger alone knows. */
export function describeHotCodeReplace(outcome: HotCodeReplaceOutcome): ToolResult {
  const count = outcome.changedClassFiles.length;
  const found = `${count} of ${outcome.scannedFiles} .class file(s) under ${outcome.classesDir} changed since ${outcome.sinceTimestamp}`;
  const message = outcome.asked
    ? `${found}. Asked the Java debugger's hot code replace (${outcome.command ?? 'its command'}), which finds the changed classes on its own (it takes no list of files) and shows in VS Code what it replaced or could not.`
    : `${found}: nothing to replace, the Java debugger was not asked.`;
  return {
    success: true,
    message,
    classesDir: outcome.classesDir,
    sinceTimestamp: outcome.sinceTimestamp,
    changedClassFiles: outcome.changedClassFiles,
    scannedFiles: outcome.scannedFiles,
    newestTimestamp: outcome.newestTimestamp,
    hotCodeReplaceAsked: outcome.asked,
  };
}
