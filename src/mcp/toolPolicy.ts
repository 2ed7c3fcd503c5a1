import { CODE_RUNNING_EFFECTS, EFFECT_DESCRIPTIONS, EFFECT_TOOLS, effectsOf, type ToolArguments, type ToolEffect } from './toolEffects';
import type { ToolDefinition, ToolResult } from './toolDefinition';

export interface ToolPolicySource {
  /** VS Code's workspace trust: calls with a code-running effect are refused while it is false. */
  isTrusted(): boolean;
  /**
   * Setting `mcpLiveDebugger.tools.deny` (`*` matches any run of characters): a tool-name pattern
   * refuses that tool and every call with the effect of a tool it names; `effect:<pattern>` refuses
   * calls by effect.
   */
  deniedPatterns(): readonly string[];
}

const EFFECT_PATTERN_PREFIX = 'effect:';

/** Why a call of `toolName` with these (validated) arguments is refused, or undefined when it may run. */
export function refusalReason(toolName: string, policy: ToolPolicySource, args: ToolArguments = {}): string | undefined {
  const effects = effectsOf(toolName, args);
  const patterns = policy.deniedPatterns();
  const byName = patterns.find((candidate) => !isEffectPattern(candidate) && patternMatches(candidate, toolName));
  if (byName !== undefined) {
    return `Denied: ${toolName} is refused for all clients by the setting mcpLiveDebugger.tools.deny ("${byName}"). Ask the user to change that setting if this tool is needed.`;
  }
  for (const effect of effects ?? []) {
    const byEffect = patterns.find((candidate) => deniesEffect(candidate, effect));
    if (byEffect !== undefined) {
      return `Denied: ${describeCall(toolName, effect)}, which the setting mcpLiveDebugger.tools.deny ("${byEffect}") refuses for all clients. Ask the user to change that setting if this is needed.`;
    }
  }
  if (policy.isTrusted()) return undefined;
  if (effects === undefined) {
    return `Denied: ${toolName} does not declare what it does, so it is refused while this workspace is not trusted. Ask the user to trust the workspace (Workspaces: Manage Workspace Trust) and call again.`;
  }
  const running = effects.find((effect) => CODE_RUNNING_EFFECTS.has(effect));
  if (running !== undefined) {
    return `Denied: ${describeCall(toolName, running)}, which is refused while this workspace is not trusted. Ask the user to trust the workspace (Workspaces: Manage Workspace Trust) and call again.`;
  }
  return undefined;
}

function isEffectPattern(pattern: string): boolean {
  return pattern.trim().startsWith(EFFECT_PATTERN_PREFIX);
}

/** `effect:<pattern>` against the effect's name, or a tool-name pattern against the tool whose purpose the effect is. */
function deniesEffect(pattern: string, effect: ToolEffect): boolean {
  if (isEffectPattern(pattern)) return patternMatches(pattern.trim().slice(EFFECT_PATTERN_PREFIX.length), effect);
  const tool = EFFECT_TOOLS[effect];
  return tool !== undefined && patternMatches(pattern, tool);
}

/** "start_debugging starts a program", or, when only these arguments give the call its effect, "create_debug_session with these arguments attaches ... (as attach_to_process does)". */
function describeCall(toolName: string, effect: ToolEffect): string {
  const byArguments = !(effectsOf(toolName, {}) ?? []).includes(effect);
  const tool = EFFECT_TOOLS[effect];
  const likeTool = tool !== undefined && tool !== toolName ? ` (as ${tool} does)` : '';
  return `${toolName}${byArguments ? ' with these arguments' : ''} ${EFFECT_DESCRIPTIONS[effect]}${likeTool}`;
}

export function patternMatches(pattern: string, name: string): boolean {
  const source = pattern.trim().split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return source.length > 0 && new RegExp(`^${source}$`).test(name);
}

/**
 * Wraps every tool so the policy is checked before its handler, on the validated arguments the
 * handler gets, whichever way it is reached (MCP server, debug endpoint, language model tools).
 * A refusal is `success: false, denied: true`, recorded as denied.
 */
export function applyToolPolicy(tools: readonly ToolDefinition[], policy: ToolPolicySource): ToolDefinition[] {
  return tools.map((tool) => ({
    ...tool,
    handler: async (args, context): Promise<ToolResult> => {
      const reason = refusalReason(tool.name, policy, args);
      return reason ? { success: false, denied: true, error: reason } : tool.handler(args, context);
    },
  }));
}
