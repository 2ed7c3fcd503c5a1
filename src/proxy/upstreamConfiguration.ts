import { z } from 'zod';

/** Allow/deny lists of tool-name patterns (`*` matches any run of characters). */
export interface UpstreamToolFilterDefinition {
  allow?: string[];
  deny?: string[];
  /** Leave denied tools out of `tools/list` answers, so clients never see them. */
  hideDenied?: boolean;
}

export interface StdioUpstreamDefinition {
  kind: 'stdio';
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  policy: UpstreamToolFilterDefinition;
}

export interface HttpUpstreamDefinition {
  kind: 'http';
  name: string;
  url: string;
  /** Sent to the upstream (typically its own Authorization); never recorded. */
  headers: Record<string, string>;
  policy: UpstreamToolFilterDefinition;
}

export type UpstreamDefinition = StdioUpstreamDefinition | HttpUpstreamDefinition;

/** URL path segment rules: a name must be usable in `/proxy/<name>/mcp` as it is. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const policyShape = {
  allow: z.array(z.string()).optional(),
  deny: z.array(z.string()).optional(),
  hideDenied: z.boolean().optional(),
};

const stdioEntry = z.object({
  type: z.literal('stdio').optional(),
  command: z.string().min(1),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  cwd: z.string().optional(),
  ...policyShape,
});

const httpEntry = z.object({
  type: z.enum(['http', 'streamable-http', 'streamableHttp']).optional(),
  url: z.url({ protocol: /^https?$/ }),
  headers: z.record(z.string(), z.string()).optional(),
  ...policyShape,
});

export interface ParsedUpstreams {
  upstreams: UpstreamDefinition[];
  /** One line per entry that was left out, saying what is wrong with it. */
  problems: string[];
}

/**
 * Reads the setting `mcpLiveDebugger.proxy.servers` (name → `{command,args,env,cwd}` or
 * `{url,headers}`, each with optional `allow`/`deny`/`hideDenied`). Bad entries are skipped
 * with a message; the good ones still run.
 */
export function parseUpstreams(value: unknown): ParsedUpstreams {
  const upstreams: UpstreamDefinition[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { upstreams, problems };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { upstreams, problems: ['mcpLiveDebugger.proxy.servers must be an object of name → server definition.'] };
  }
  for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
    const parsed = parseUpstream(name, entry);
    if (typeof parsed === 'string') problems.push(parsed);
    else upstreams.push(parsed);
  }
  return { upstreams, problems };
}

/** One entry: an upstream definition, or a message saying what is wrong and how to fix it. */
export function parseUpstream(name: string, entry: unknown): UpstreamDefinition | string {
  if (!NAME.test(name)) {
    return `Proxy server "${name}": the name must be 1-64 letters, digits, ".", "_" or "-" (it becomes the path /proxy/<name>/mcp).`;
  }
  const isRecord = typeof entry === 'object' && entry !== null && !Array.isArray(entry);
  if (isRecord && 'url' in entry) {
    const result = httpEntry.safeParse(entry);
    if (!result.success) return `Proxy server "${name}": ${describeIssues(result.error)}. Expected { "url": "http://host:port/mcp", "headers"?: {...} }.`;
    return { kind: 'http', name, url: result.data.url, headers: result.data.headers ?? {}, policy: policyOf(result.data) };
  }
  if (isRecord && 'command' in entry) {
    const result = stdioEntry.safeParse(entry);
    if (!result.success) return `Proxy server "${name}": ${describeIssues(result.error)}. Expected { "command": "...", "args"?: [...], "env"?: {...}, "cwd"?: "..." }.`;
    const data = result.data;
    return { kind: 'stdio', name, command: data.command, args: data.args ?? [], env: data.env ?? {}, cwd: data.cwd, policy: policyOf(data) };
  }
  return `Proxy server "${name}": give either "command" (a stdio server) or "url" (a Streamable HTTP server).`;
}

/**
 * Entries of a workspace's `.vscode/mcp.json` (`{ servers: { name: {...} } }`) that the proxy can
 * front. `${...}` variables and `inputs` are VS Code's to resolve, so entries using them are
 * reported instead of guessed.
 */
export function upstreamsFromMcpJson(document: unknown): ParsedUpstreams {
  const servers = typeof document === 'object' && document !== null && 'servers' in document ? (document as { servers: unknown }).servers : undefined;
  if (typeof servers !== 'object' || servers === null) return { upstreams: [], problems: ['.vscode/mcp.json has no "servers" object.'] };
  const upstreams: UpstreamDefinition[] = [];
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(servers as Record<string, unknown>)) {
    if (JSON.stringify(entry).includes('${input:')) {
      problems.push(`"${name}" uses \${input:...} variables that only VS Code can prompt for; add it to mcpLiveDebugger.proxy.servers by hand.`);
      continue;
    }
    const parsed = parseUpstream(sanitizeName(name), entry);
    if (typeof parsed === 'string') problems.push(parsed);
    else upstreams.push(parsed);
  }
  return { upstreams, problems };
}

/** The setting value that declares one upstream (policy included). */
export function settingEntryOf(definition: UpstreamDefinition): Record<string, unknown> {
  const base = definition.kind === 'stdio'
    ? { command: definition.command, args: definition.args, ...(Object.keys(definition.env).length ? { env: definition.env } : {}), ...(definition.cwd ? { cwd: definition.cwd } : {}) }
    : { url: definition.url, ...(Object.keys(definition.headers).length ? { headers: definition.headers } : {}) };
  return { ...base, ...definition.policy };
}

export function sanitizeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 64);
  return cleaned || 'server';
}

/** Two definitions that would run the same upstream the same way. */
export function sameUpstream(a: UpstreamDefinition, b: UpstreamDefinition): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function policyOf(data: UpstreamToolFilterDefinition): UpstreamToolFilterDefinition {
  const policy: UpstreamToolFilterDefinition = {};
  if (data.allow) policy.allow = data.allow;
  if (data.deny) policy.deny = data.deny;
  if (data.hideDenied !== undefined) policy.hideDenied = data.hideDenied;
  return policy;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'entry'}: ${issue.message}`).join('; ');
}
