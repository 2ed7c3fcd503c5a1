import type { JsonRpcMessage } from '../trace/exchangeRecorder';
import type { UpstreamToolFilterDefinition } from './upstreamConfiguration';

export type FilterVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * What the recording proxy lets through to one upstream: its allow/deny lists of tool-name
 * patterns (the `policy` of its entry in mcpLiveDebugger.proxy.servers). Deny wins over allow;
 * with an allow list, tools matching none of it are denied. `*` matches any run of characters.
 * Not the MCP server's own tool policy (src/mcp/toolPolicy.ts), which decides which of our tools exist.
 */
export class UpstreamToolFilter {
  private readonly allow: readonly { pattern: string; test: RegExp }[];
  private readonly deny: readonly { pattern: string; test: RegExp }[];

  constructor(private readonly upstreamName: string, definition: UpstreamToolFilterDefinition) {
    this.allow = (definition.allow ?? []).map(compile);
    this.deny = (definition.deny ?? []).map(compile);
    this.hideDenied = definition.hideDenied === true;
  }

  readonly hideDenied: boolean;

  /** False when every tool is allowed, so the forwarder can skip looking into bodies. */
  get restricts(): boolean {
    return this.allow.length > 0 || this.deny.length > 0;
  }

  check(toolName: string): FilterVerdict {
    const denied = this.deny.find((rule) => rule.test.test(toolName));
    if (denied) {
      return { allowed: false, reason: `Tool "${toolName}" is denied by the recording proxy's policy for upstream "${this.upstreamName}" (deny pattern "${denied.pattern}"). The call did not reach the server; change mcpLiveDebugger.proxy.servers.${this.upstreamName}.deny to allow it.` };
    }
    if (this.allow.length > 0 && !this.allow.some((rule) => rule.test.test(toolName))) {
      return { allowed: false, reason: `Tool "${toolName}" is denied by the recording proxy's policy for upstream "${this.upstreamName}" (not in its allow list: ${this.allow.map((rule) => `"${rule.pattern}"`).join(', ')}). The call did not reach the server; add it to mcpLiveDebugger.proxy.servers.${this.upstreamName}.allow to allow it.` };
    }
    return { allowed: true };
  }

  /** The verdict on a `tools/call` request by the tool it names; other messages are allowed. */
  checkCall(message: JsonRpcMessage): FilterVerdict {
    if (message.method !== 'tools/call') return { allowed: true };
    const name = typeof message.params === 'object' && message.params !== null ? (message.params as { name?: unknown }).name : undefined;
    return this.check(typeof name === 'string' ? name : '');
  }

  /** The proxy's own answer to a request it does not send on (a denied call, or a batch holding one). */
  denialAnswer(id: string | number, reason: string): JsonRpcMessage & { jsonrpc: '2.0'; id: string | number } {
    return { jsonrpc: '2.0', id, error: { code: POLICY_DENIED_CODE, message: reason, data: { policy: 'mcpLiveDebugger.proxy', upstream: this.upstreamName } } };
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
