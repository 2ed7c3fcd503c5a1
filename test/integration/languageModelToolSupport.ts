// How the integration tests reach our language model tools: the way Copilot's agent mode calls
// them without MCP (vscode.lm.invokeTool), and whether they are offered at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Caller, ToolResult } from './debuggerSupport';
import { EXTENSION_ID } from './support';

export const LANGUAGE_MODEL_TOOL_PREFIX = 'mcpLiveDebugger_';
const PREFIX = LANGUAGE_MODEL_TOOL_PREFIX;

export function contributedTools(): { name: string; inputSchema: unknown }[] {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  return (JSON.parse(readFileSync(join(extension.extensionPath, 'package.json'), 'utf8')) as { contributes: { languageModelTools: { name: string; inputSchema: unknown }[] } }).contributes.languageModelTools;
}

/**
 * Whether our tools are offered to chat. `vscode.lm.tools` lists every contributed tool, also
 * those chat hides (VS Code's getAllToolsIncludingDisabled); what tells is whether a call finds
 * an implementation, which exists exactly while the `when` context key shows the tools to chat.
 */
export async function offered(): Promise<boolean> {
  try {
    await vscode.lm.invokeTool(`${PREFIX}list_debug_sessions`, { input: {}, toolInvocationToken: undefined });
    return true;
  } catch (error) {
    if (/implementation/i.test(String(error))) return false;
    throw error;
  }
}

/** Calls one of our language model tools the way Copilot's agent mode does without MCP. */
export const languageModelCaller: Caller = async (tool, input = {}) => {
  const result = await vscode.lm.invokeTool(`${PREFIX}${tool}`, { input, toolInvocationToken: undefined });
  const text = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
  return JSON.parse(text) as ToolResult;
};
