// Runs one of the tools by name as the MCP server does (runTool: schema, policy, session state),
// for the tool-layer tests against the fake bridge.
import * as assert from 'node:assert/strict';
import type { ToolDefinition } from '../../src/mcp/toolDefinition';
import { runTool } from '../../src/mcp/toolRunner';
import { createTools } from '../../src/mcp/tools';
import { FakeDebugBridge } from './toolsFakeBridge';

/** The tool's answer; fails the test when no tool has that name. */
export async function callNamedTool(tools: readonly ToolDefinition[], name: string, input: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const tool = tools.find((candidate) => candidate.name === name);
  assert.ok(tool, `tool ${name} exists`);
  return (await runTool(tool, input, { signal: new AbortController().signal, source: 'debugger' })).result;
}

/** A fresh fake bridge (with `/w/a.py`) and the tools over it, for each test of the suite that calls this. */
export interface FakeBridgeTools {
  readonly bridge: FakeDebugBridge;
  call(name: string, input?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** A Python session created through the tool, its id. */
  createdSession(): Promise<string>;
}

/** Registers the suite's beforeEach; read `bridge` inside tests, after it ran. */
export function fakeBridgeTools(): FakeBridgeTools {
  let bridge: FakeDebugBridge | undefined;
  let tools: ToolDefinition[] = [];
  beforeEach(() => {
    bridge = new FakeDebugBridge();
    bridge.sources.set('/w/a.py', ['def f():', '    x = 1', '    return x', '', 'f()']);
    tools = createTools(bridge);
  });
  const call = (name: string, input: Record<string, unknown> = {}): Promise<Record<string, unknown>> => callNamedTool(tools, name, input);
  return {
    get bridge(): FakeDebugBridge {
      assert.ok(bridge, 'the suite\'s beforeEach has run');
      return bridge;
    },
    call,
    createdSession: async () => String((await call('create_debug_session', { language: 'python' })).sessionId),
  };
}
