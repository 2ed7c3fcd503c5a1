// The debugger's tools as VS Code language model tools, described for package.json: VS Code reads
// `contributes.languageModelTools` before the extension runs, so that part is static and
// generated from the same zod definitions (`npm run generate:lm-tools`); a unit test fails when
// package.json is out of date.
// No `languageModelToolSets`: VS Code 1.139 accepts that contribution only from extensions with
// the `contribLanguageModelToolSets` API proposal, and for an extension that contributes none it
// groups all of its tools into one tool set named for the extension ("MCP Live Debugger").
import type { DebugBridge } from '../debug/debugBridge';
import { debuggingGuideTool } from './agentGuidance';
import { describeTool } from './mcpServerFactory';
import type { ToolDefinition } from './toolDefinition';
import { toolTitle } from './toolPresentation';
import { createTools } from './tools';

/** Prefix of every language model tool id, so ours cannot clash with another extension's. */
export const LANGUAGE_MODEL_TOOL_PREFIX = 'mcpLiveDebugger_';
/** Context key that shows the tools to chat (`when` of each contribution); set by the extension. */
export const LANGUAGE_MODEL_TOOLS_CONTEXT_KEY = 'mcpLiveDebugger.languageModelToolsOffered';

export interface LanguageModelToolContribution {
  name: string;
  displayName: string;
  toolReferenceName: string;
  canBeReferencedInPrompt: true;
  userDescription: string;
  modelDescription: string;
  icon: string;
  tags: string[];
  when: string;
  inputSchema: Record<string, unknown>;
}

export function languageModelToolId(toolName: string): string {
  return `${LANGUAGE_MODEL_TOOL_PREFIX}${toolName}`;
}

/** The tool's own name for a language model tool id; undefined for ids that are not ours. */
export function toolNameOfLanguageModelTool(id: string): string | undefined {
  return id.startsWith(LANGUAGE_MODEL_TOOL_PREFIX) ? id.slice(LANGUAGE_MODEL_TOOL_PREFIX.length) : undefined;
}

/** What package.json must contribute: every debugger tool, then the guide. */
export function languageModelToolManifest(): LanguageModelToolContribution[] {
  const unusedBridge = new Proxy({}, { get: () => { throw new Error('the manifest only describes tools; it never runs them'); } }) as DebugBridge;
  return languageModelToolContributions([...createTools(unusedBridge), debuggingGuideTool]);
}

export function languageModelToolContributions(definitions: readonly ToolDefinition[]): LanguageModelToolContribution[] {
  return definitions.map((definition) => {
    const described = describeTool(definition);
    return {
      name: languageModelToolId(definition.name),
      displayName: toolTitle(definition),
      // `#start_debugging` in chat; the id above carries the prefix that keeps it unique
      toolReferenceName: definition.name,
      canBeReferencedInPrompt: true,
      userDescription: firstSentence(definition.description),
      modelDescription: definition.description,
      icon: '$(debug)',
      tags: ['debug', 'mcp-live-debugger'],
      when: LANGUAGE_MODEL_TOOLS_CONTEXT_KEY,
      inputSchema: described.inputSchema as Record<string, unknown>,
    };
  });
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}
