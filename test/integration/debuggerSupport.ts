// What the debugger's integration tests share: one way to call a tool through either real MCP
// client, and waits with a bound for VS Code's own debug events.
import * as vscode from 'vscode';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { callTool, invokeViaVscode } from './support';

export type ToolResult = Record<string, unknown> & { success: boolean; error?: string };
export type Caller = (tool: string, args?: Record<string, unknown>) => Promise<ToolResult>;

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
