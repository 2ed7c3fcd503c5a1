// Debugging a test with the project's own runner: run it under the debugger, stop at a
// breakpoint in it, or answer its result when it ends.
import { z } from 'zod';
import type { DebugBridge, TestFramework } from '../../debug/debugBridge';
import { DebugError } from '../../debug/debugErrors';
import { wordDebugError } from '../debugErrorWording';
import { defineTool, type ToolDefinition, type ToolResult } from '../toolDefinition';
import { describeExecutionOutcome, executionOutput, MAX_WAIT_MS, sessionIdField, STARTABLE, waitOptions } from './toolSupport';

const FRAMEWORKS = ['pytest', 'unittest', 'jest', 'vitest', 'mocha', 'node:test'] as const satisfies readonly TestFramework[];
/** A test run starts a runner (pytest collects, jest transforms) before the first test: longer than a script's start. */
const DEFAULT_TEST_WAIT_MS = 30_000;

const testResultSchema = z.object({
  status: z.enum(['passed', 'failed', 'error']),
  passed: z.number(),
  failed: z.number(),
  failures: z.array(z.object({ name: z.string(), message: z.string(), file: z.string().optional(), line: z.number().optional() })),
});

export function createTestTools(bridge: DebugBridge): ToolDefinition[] {
  return [
    defineTool({
      name: 'debug_test',
      description:
        `Run one test (testName) or all tests of a test file under the debugger with the project's own runner (pytest, unittest, Jest, Vitest, Mocha, node:test), detected from the project's config files, package.json and the file's imports unless framework names it. Set breakpoints first (set_breakpoint) to stop inside the test or the code it calls. Waits like start_debugging (up to timeoutMs, default ${DEFAULT_TEST_WAIT_MS / 1000} s): paused at a breakpoint with the location and its source, or, when the run ends, state "stopped" with testResult { status, passed, failed, failures: [{ name, message, file, line }] } from the runner's report or output. A run that ends later (after continue_execution) answers testResult there. An unknown testName answers the file's tests.`,
      inputSchema: {
        sessionId: sessionIdField,
        file: z.string().min(1).describe('The test file: absolute path, or relative to the first workspace folder.'),
        testName: z.string().min(1).optional().describe("One test to run, as the runner names it within the file: pytest test_swap or TestSwap::test_swap, unittest SwapTest.test_swap, Jest/Vitest/Mocha/node:test the test's full title. Omit to run the file's tests."),
        framework: z.enum(FRAMEWORKS).optional().describe('The runner to use instead of the detected one.'),
        timeoutMs: z.number().int().min(1).max(MAX_WAIT_MS).optional().describe(`How long (ms) to wait for a stop or the end of the run before answering state "running" (default ${DEFAULT_TEST_WAIT_MS}).`),
      },
      outputSchema: {
        ...executionOutput,
        framework: z.string().optional(),
        file: z.string().optional().describe('The test file run.'),
        root: z.string().optional().describe('The directory the runner ran in.'),
        language: z.string().optional(),
        testResult: testResultSchema.optional(),
        tests: z.array(z.string()).optional(),
        lookedFor: z.array(z.string()).optional(),
        error: z.string().optional(),
        data: z.object({}).passthrough().optional(),
      },
      session: { sessions: bridge, states: STARTABLE },
      async handler(args, context) {
        try {
          const outcome = await bridge.debugTest(
            args.sessionId,
            { file: args.file, testName: args.testName, framework: args.framework },
            waitOptions(args.timeoutMs ?? DEFAULT_TEST_WAIT_MS, context.signal),
          );
          const what = args.testName !== undefined ? `test ${args.testName} of ${outcome.file}` : `the tests of ${outcome.file}`;
          const described = await describeExecutionOutcome(bridge, outcome, `Debugging ${what} with ${outcome.framework}. Current state: ${outcome.state}`);
          const session = bridge.getSession(args.sessionId);
          return {
            ...described,
            framework: outcome.framework,
            file: outcome.file,
            root: outcome.root,
            language: session.language,
            data: { invocation: outcome.invocation, launchConfiguration: outcome.configuration },
          };
        } catch (error) {
          if (!(error instanceof DebugError)) throw error;
          return answerOfRefusal(error, bridge, args.sessionId);
        }
      },
    }),
  ];
}

/** The refusals that carry what the agent picks from next: the file's tests, or the runners looked for. */
function answerOfRefusal(error: DebugError, bridge: DebugBridge, sessionId: string): ToolResult {
  const fact = error.fact;
  if (fact.kind === 'unknown_test') {
    return { success: false, error: wordDebugError(fact, 'debug_test'), code: error.code, state: bridge.getSession(sessionId).state, framework: fact.framework, tests: [...fact.known] };
  }
  if (fact.kind === 'no_test_runner') {
    return { success: false, error: wordDebugError(fact, 'debug_test'), code: error.code, state: bridge.getSession(sessionId).state, lookedFor: [...fact.lookedFor] };
  }
  throw error;
}
