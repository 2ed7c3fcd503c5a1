// Continue to a line without leaving a breakpoint behind.
import { z } from 'zod';
import type { DebugBridge } from '../../debug/debugBridge';
import { defineTool, type ToolDefinition } from '../toolDefinition';
import { resolveLineTarget } from './lineTargets';
import { describeExecutionOutcome, executionOutput, PAUSED, sessionIdField, timeoutField, waitOptions } from './toolSupport';

export function createRunToLineTools(bridge: DebugBridge): ToolDefinition[] {
  return [
    defineTool({
      name: 'run_to_line',
      description:
        'Continue a paused program to a line (given as line, or lineContent: text that occurs on one line of the file) through a temporary breakpoint that is removed afterwards, also when the program stops elsewhere first or ends. Waits like continue_execution (up to timeoutMs, default 10 s) and answers the location with its source; reached says whether it stopped at that line.',
      inputSchema: {
        sessionId: sessionIdField,
        file: z.string().min(1).describe('Source file: absolute path, or relative to the first workspace folder.'),
        line: z.number().int().min(1).optional().describe('1-based line to run to. With lineContent: choose the match nearest to this line.'),
        lineContent: z.string().min(1).optional().describe('Instead of line: text that occurs on exactly one line of the file.'),
        timeoutMs: timeoutField,
      },
      outputSchema: { ...executionOutput, reached: z.boolean().optional(), targetLine: z.number().optional(), why: z.string().optional() },
      checkInput: (args) => (args.line === undefined && args.lineContent === undefined ? 'Give line, or lineContent (text of the line).' : undefined),
      session: { sessions: bridge, states: PAUSED },
      async handler(args, context) {
        const target = await resolveLineTarget(bridge, args.file, args);
        if ('failure' in target) return target.failure;
        const outcome = await bridge.runToLine(args.sessionId, { file: args.file, line: target.line }, waitOptions(args.timeoutMs, context.signal));
        const elsewhere = outcome.location ? `${outcome.location.file}:${outcome.location.line}` : 'another line';
        const message = outcome.reached
          ? `Ran to line ${target.line}`
          : outcome.state === 'paused'
            ? `Stopped (${outcome.reason ?? 'paused'}) at ${elsewhere} before reaching line ${target.line}; the temporary breakpoint at line ${target.line} is removed (call run_to_line again to go on there)`
            : `Line ${target.line} was not reached and its temporary breakpoint is removed`;
        const described = await describeExecutionOutcome(bridge, outcome, message);
        return { ...described, reached: outcome.reached, targetLine: target.line, ...(target.chosenBy === 'lineContent' ? { why: target.why } : {}) };
      },
    }),
  ];
}
