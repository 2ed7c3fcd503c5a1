// Which exceptions stop the program, in the adapter's own filter ids (debugpy: raised, uncaught,
// userUnhandled; js-debug: all, uncaught).
import { z } from 'zod';
import type { DebugBridge } from '../../debug/debugBridge';
import { defineTool, type ToolDefinition } from '../toolDefinition';
import { sessionIdField } from './toolSupport';

const filterView = z.object({ id: z.string(), label: z.string() }).passthrough();

export function createExceptionTools(bridge: DebugBridge): ToolDefinition[] {
  return [
    defineTool({
      name: 'set_exception_breakpoints',
      description:
        'Choose which exceptions pause the program, by the debugger\'s own filter ids (Python/debugpy: raised, uncaught, userUnhandled; JavaScript/js-debug: all, uncaught); an empty list stops on none. Answers applied and the available filters (id, label). Before start_debugging the filters are kept and sent when the program starts. A stop on an exception answers reason "exception" with exception { id, description, message, stackTrace }. Sessions created by the tools stop on uncaught exceptions unless this says otherwise (setting mcpLiveDebugger.exceptions.breakOnUncaught).',
      inputSchema: {
        sessionId: sessionIdField,
        filters: z.array(z.string().min(1)).describe('Exception filter ids of the session\'s debugger, e.g. ["uncaught"] or ["raised", "uncaught"]; [] for none.'),
      },
      outputSchema: { success: z.boolean(), applied: z.array(z.string()).optional(), available: z.array(filterView).optional(), pending: z.boolean().optional(), message: z.string().optional(), error: z.string().optional() },
      session: { sessions: bridge },
      async handler(args) {
        const outcome = await bridge.setExceptionBreakpoints(args.sessionId, args.filters);
        const what = outcome.applied.length > 0 ? `Stops on exceptions of filter(s) ${outcome.applied.join(', ')}` : 'Stops on no exceptions';
        const message = outcome.pending
          ? `${what} once the program starts${outcome.available.length === 0 ? ' (the debugger\'s filters are known once it has started: an id it does not offer is refused then)' : ''}.`
          : `${what}.`;
        return { success: true, applied: outcome.applied, available: outcome.available, ...(outcome.pending ? { pending: true } : {}), message };
      },
    }),
  ];
}
