// When the debugger's tools are offered to Copilot as language model tools: the setting
// `mcpLiveDebugger.languageModelTools`, and VS Code's MCP access, so Copilot never sees a tool twice.

export type LanguageModelToolsSetting = 'auto' | 'always' | 'never';

/**
 * `auto` offers them exactly when VS Code's MCP client is switched off (`chat.mcp.access`
 * "none", or `false` in older VS Code): then the MCP server's tools cannot reach Copilot.
 */
export function offersLanguageModelTools(setting: unknown, mcpAccess: unknown): boolean {
  if (setting === 'always') return true;
  if (setting === 'never') return false;
  return mcpAccess === 'none' || mcpAccess === false;
}
