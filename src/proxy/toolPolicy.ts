import type { ToolPolicyDefinition } from './upstreamConfiguration';

export type PolicyVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * An upstream's allow/deny lists of tool-name patterns. Deny wins over allow; with an allow
 * list, tools matching none of it are denied. `*` matches any run of characters.
 */
export class ToolPolicy {
  private readonly allow: readonly { pattern: string; test: RegExp }[];
  private readonly deny: readonly { pattern: string; test: RegExp }[];

  constructor(private readonly upstreamName: string, definition: ToolPolicyDefinition) {
    this.allow = (definition.allow ?? []).map(compile);
    this.deny = (definition.deny ?? []).map(compile);
    this.hideDenied = definition.hideDenied === true;
  }

  readonly hideDenied: boolean;

  /** False when every tool is allowed, so the forwarder can skip looking into bodies. */
  get restricts(): boolean {
    return this.allow.length > 0 || this.deny.length > 0;
  }

  check(toolName: string): PolicyVerdict {
    const denied = this.deny.find((rule) => rule.test.test(toolName));
    if (denied) {
      return { allowed: false, reason: `Tool "${toolName}" is denied by the recording proxy's policy for upstream "${this.upstreamName}" (deny pattern "${denied.pattern}"). The call did not reach the server; change mcpLiveDebugger.proxy.servers.${this.upstreamName}.deny to allow it.` };
    }
    if (this.allow.length > 0 && !this.allow.some((rule) => rule.test.test(toolName))) {
      return { allowed: false, reason: `Tool "${toolName}" is denied by the recording proxy's policy for upstream "${this.upstreamName}" (not in its allow list: ${this.allow.map((rule) => `"${rule.pattern}"`).join(', ')}). The call did not reach the server; add it to mcpLiveDebugger.proxy.servers.${this.upstreamName}.allow to allow it.` };
    }
    return { allowed: true };
  }

  /** A `tools/list` result without the tools this policy denies. */
  filterToolsListResult(result: unknown): unknown {
    if (typeof result !== 'object' || result === null || !Array.isArray((result as { tools?: unknown }).tools)) return result;
    const typed = result as { tools: unknown[] };
    return {
      ...typed,
      tools: typed.tools.filter((tool) => {
        const name = typeof tool === 'object' && tool !== null ? (tool as { name?: unknown }).name : undefined;
        return typeof name !== 'string' || this.check(name).allowed;
      }),
    };
  }
}

/** JSON-RPC error code the proxy answers denied calls with (implementation-defined server error range). */
export const POLICY_DENIED_CODE = -32003;

function compile(pattern: string): { pattern: string; test: RegExp } {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return { pattern, test: new RegExp(`^${source}$`) };
}
