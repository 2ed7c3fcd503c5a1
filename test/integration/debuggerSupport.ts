// What the debugger's integration tests share: one way to call a tool through either real MCP
// client, a suite's agent with the debug sessions it creates (closed after each test), waits with a
// bound for VS Code's own debug events, and timed runs to a breakpoint reported as a median.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { activateExtension, callTool, connectSdkClient, invokeViaVscode, report, until } from './support';

export type ToolResult = Record<string, unknown> & { success: boolean; error?: string };
export type Caller = (tool: string, args?: Record<string, unknown>) => Promise<ToolResult>;

/** The requests the last call of `tool` made, as its trace shows them: `dap:<command>`, `cdp:<method>`. */
export async function requestsOfLastCall(tool: string): Promise<string[]> {
  const root = (await activateExtension()).traceStore.query({ tool }).at(-1)?.trace;
  return (root?.children ?? []).filter((child) => child.name === 'dap.request' || child.name === 'cdp.request').map((child) => `${child.name === 'cdp.request' ? 'cdp' : 'dap'}:${child.command ?? ''}`);
}

/** The value of the variable `name` in a get_local_variables or get_variables answer. */
export function localValue(answer: ToolResult, name: string): string | undefined {
  return (answer.variables as { name: string; value: string }[] | undefined)?.find((variable) => variable.name === name)?.value;
}

export function sdkCaller(client: Client): Caller {
  return (tool, args = {}) => callTool(client, tool, args) as Promise<ToolResult>;
}

export const vscodeCaller: Caller = async (tool, args = {}) => (await invokeViaVscode(tool, args)) as ToolResult;

/** Fails the test with the tool's own answer when a call did not succeed. */
export async function ok(caller: Caller, tool: string, args: Record<string, unknown> = {}): Promise<ToolResult> {
  const result = await caller(tool, args);
  if (!result.success) throw new Error(`${tool}(${JSON.stringify(args)}) failed: ${JSON.stringify(result)}`);
  return result;
}

export function waitForDebugSession(predicate: (session: vscode.DebugSession) => boolean, timeoutMs = 10_000): Promise<vscode.DebugSession> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no matching debug session started within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = vscode.debug.onDidStartDebugSession((session) => {
      if (!predicate(session)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(session);
    });
  });
}

/** Removes every breakpoint, so one test's breakpoints never make another wait for a stop. */
export function removeAllBreakpoints(): void {
  if (vscode.debug.breakpoints.length > 0) vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
}

export async function stopAllDebugSessions(): Promise<void> {
  await vscode.debug.stopDebugging();
}

export function timed<T>(times: number[], promise: Promise<T>): Promise<T> {
  const started = performance.now();
  return promise.finally(() => times.push(performance.now() - started));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
}

/** A suite's MCP client and the debug sessions its tests create. */
export interface SuiteAgent {
  /** Calls a tool through the suite's client (connected in the suite's `before`). */
  readonly call: Caller;
  /** A new debug session for `language`, closed after the test. */
  session(language: string): Promise<string>;
  /** Sessions made otherwise (a compound's parts), to be closed after the test too. */
  track(...sessionIds: string[]): void;
  /** Closes one of the test's sessions now (a test that runs several in turn), failing the test if that fails. */
  close(sessionId: string): Promise<void>;
}

/**
 * Registers the suite's hooks, so call it in a `describe`: before all, the extension active and an
 * SDK client named `clientName` connected; after each test, no breakpoints, the test's sessions
 * closed and VS Code's debug sessions stopped; after all, the client closed.
 */
export function suiteAgent(clientName: string): SuiteAgent {
  let client: Client | undefined;
  const created: string[] = [];
  const call: Caller = (tool, args = {}) => {
    if (!client) throw new Error(`${tool} called before the suite's client connected`);
    return callTool(client, tool, args) as Promise<ToolResult>;
  };
  before(async () => {
    await activateExtension();
    client = await connectSdkClient(clientName);
  });
  afterEach(async () => {
    removeAllBreakpoints();
    for (const sessionId of created.splice(0)) await call('close_debug_session', { sessionId });
    await stopAllDebugSessions();
  });
  after(async () => {
    await client?.close();
  });
  return {
    call,
    async session(language) {
      const sessionId = String((await ok(call, 'create_debug_session', { language })).sessionId);
      created.push(sessionId);
      return sessionId;
    },
    track(...sessionIds) {
      created.push(...sessionIds);
    },
    async close(sessionId) {
      const index = created.indexOf(sessionId);
      if (index >= 0) created.splice(index, 1);
      await ok(call, 'close_debug_session', { sessionId });
    },
  };
}

export interface TestResultView {
  status: string;
  passed: number;
  failed: number;
  failures: Array<{ name: string; message: string; file?: string; line?: number }>;
}

/** The runner's result a debug_test answer (or the end of its run) carries. */
export function testResultOf(answer: ToolResult): TestResultView {
  return answer.testResult as TestResultView;
}

/** Where a stop answer says the program stopped: its file and line. */
export function stopLocation(answer: ToolResult): { file: string; line: number } {
  const { file, line } = answer.location as { file: string; line: number };
  return { file, line };
}

export interface TimedStart {
  language: string;
  breakpoint: { file: string; line: number };
  /** The tool that starts the program (start_debugging, debug_test) and its arguments but the session. */
  tool: string;
  args: Record<string, unknown>;
}

/**
 * Times `runs` starts from the call to its answer paused at the breakpoint, each in a new session
 * closed after its run, and reports `what` with their median.
 */
export async function reportTimeToPause(agent: SuiteAgent, what: string, start: TimedStart, runs = 5): Promise<void> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const sessionId = await agent.session(start.language);
    await ok(agent.call, 'set_breakpoint', { sessionId, ...start.breakpoint });
    const started = performance.now();
    const paused = await ok(agent.call, start.tool, { sessionId, ...start.args });
    times.push(performance.now() - started);
    assert.equal(paused.state, 'paused', JSON.stringify(paused));
    await agent.close(sessionId);
    removeAllBreakpoints();
  }
  report(`${what}: median ${Math.round(median(times))} ms of ${times.length} (${times.map(Math.round).join(', ')})`);
}

/** The frame VS Code focuses once it shows a stop other than `previousFrameId`'s. */
export async function focusedNewStop(previousFrameId: number | undefined): Promise<vscode.DebugStackFrame> {
  return (await until(
    () => vscode.debug.activeStackItem,
    (item) => item instanceof vscode.DebugStackFrame && item.frameId !== previousFrameId,
    'VS Code focuses the frame of the new stop',
    15_000,
  )) as vscode.DebugStackFrame;
}
