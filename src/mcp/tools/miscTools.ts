// Tools of the reference that map onto VS Code's own UI (expose/unexpose) or one debugger (Java).
import { z } from 'zod';
import type { DebugBridge } from '../../debug/debugBridge';
import { defineTool, type ToolDefinition } from '../toolDefinition';
import { sessionIdField } from './toolSupport';

export function createMiscTools(bridge: DebugBridge): ToolDefinition[] {
  return [
    defineTool({
      name: 'expose_session',
      description: 'Show a debug session to the human. In VS Code every session is already visible in the debug toolbar, call stack and variables views; this brings it forward there.',
      inputSchema: { sessionId: sessionIdField },
      outputSchema: { success: z.boolean(), state: z.string().optional(), message: z.string().optional(), error: z.string().optional() },
      session: { sessions: bridge },
      async handler(args) {
        const session = bridge.getSession(args.sessionId);
        if (!session.vscodeSessionId) {
          return { success: false, state: session.state, error: `Session ${args.sessionId} is ${session.state} and has no running VS Code debug session to show. Call start_debugging or attach_to_process first.` };
        }
        await bridge.reveal(args.sessionId);
        return {
          success: true,
          state: session.state,
          exposed: true,
          message: 'The session is VS Code\'s own debug session: it is shown in VS Code\'s debug toolbar, Call Stack and Variables views, and the user can step it too. No separate mirror endpoint is needed.',
        };
      },
    }),
    defineTool({
      name: 'unexpose_session',
      description: 'The counterpart of expose_session. VS Code sessions stay visible in VS Code\'s debug UI for as long as they run, so there is no endpoint to close; this answers success as a no-op.',
      inputSchema: { sessionId: sessionIdField },
      outputSchema: { success: z.boolean(), state: z.string().optional(), wasExposed: z.boolean().optional(), message: z.string().optional(), error: z.string().optional() },
      session: { sessions: bridge },
      async handler(args) {
        const session = bridge.getSession(args.sessionId);
        return { success: true, state: session.state, wasExposed: false, message: 'Session was not exposed through a separate endpoint (VS Code shows it in its own debug UI) - nothing to close.' };
      },
    }),
    defineTool({
      name: 'redefine_classes',
      description: 'Hot-swap changed Java classes into the running JVM through the Java debugger\'s hot code replace. Only for Java sessions with the Java Debugger extension installed.',
      inputSchema: {
        sessionId: sessionIdField,
        classesDir: z.string().min(1).describe('Absolute path of the compiled classes directory (e.g. build/classes/java/main/).'),
        sinceTimestamp: z.number().min(0).optional().describe('Only classes modified after this epoch ms (0 = all).'),
      },
      outputSchema: { success: z.boolean(), message: z.string().optional(), error: z.string().optional() },
      session: { sessions: bridge },
      async handler(args) {
        const result = await bridge.redefineClasses(args.sessionId, { classesDir: args.classesDir, sinceTimestamp: args.sinceTimestamp });
        return { success: true, ...result };
      },
    }),
  ];
}
