import type { ToolDefinition, ToolResult } from './toolDefinition';

/** Tools that make the debuggee (or a new program) run code an agent chose. */
export const CODE_RUNNING_TOOLS: ReadonlySet<string> = new Set([
  'start_debugging',
  'restart_debugging',
  'attach_to_process',
  'evaluate_expression',
  'redefine_classes',
]);

export interface ToolPolicySource {
  /** VS Code's workspace trust: code-running tools are refused while it is false. */
  isTrusted(): boolean;
  /** Setting `mcpLiveDebugger.tools.deny`: tool-name patterns (`*` matches any run of characters). */
  deniedPatterns(): readonly string[];
}

/** Why a call is refused, or undefined when it may run. */
export function refusalReason(toolName: string, policy: ToolPolicySource): string | undefined {
  const pattern = policy.deniedPatterns().find((candidate) => patternMatches(candidate, toolName));
  if (pattern !== undefined) {
    return `Denied: ${toolName} is refused for all clients by the setting mcpLiveDebugger.tools.deny ("${pattern}"). Ask the user to change that setting if this tool is needed.`;
  }
  if (CODE_RUNNING_TOOLS.has(toolName) && !policy.isTrusted()) {
    return `Denied: ${toolName} runs code, and this workspace is not trusted. Ask the user to trust the workspace (Workspaces: Manage Workspace Trust) and call again.`;
  }
  return undefined;
}

export function patternMatches(pattern: string, name: string): boolean {
  const source = pattern.trim().split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return source.length > 0 && new RegExp(`^${source}$`).test(name);
}

/**
 * Wraps every tool so the policy is checked before its handler, whichever way it is reached
 * (MCP server or debug endpoint). A refusal is `success: false, denied: true`, recorded as denied.
 */
export function applyToolPolicy(tools: readonly ToolDefinition[], policy: ToolPolicySource): ToolDefinition[] {
  return tools.map((tool) => ({
    ...tool,
    handler: async (args, context): Promise<ToolResult> => {
      const reason = refusalReason(tool.name, policy);
      return reason ? { success: false, denied: true, error: reason } : tool.handler(args, context);
    },
  }));
}
