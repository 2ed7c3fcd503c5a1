// Runs one of the tools by name as the MCP server does (runTool: schema, policy, session state),
// for the tool-layer tests against the fake bridge.
import * as assert from 'node:assert/strict';
import type { ToolDefinition } from '../../src/mcp/toolDefinition';
import { runTool } from '../../src/mcp/toolRunner';

/** The tool's answer; fails the test when no tool has that name. */
export async function callNamedTool(tools: readonly ToolDefinition[], name: string, input: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const tool = tools.find((candidate) => candidate.name === name);
  assert.ok(tool, `tool ${name} exists`);
  return (await runTool(tool, input, { signal: new AbortController().signal, source: 'debugger' })).result;
}
