import { randomBytes } from 'node:crypto';
import { Disposable, type IDisposable } from '../common/disposable';
import type { TraceStore } from '../trace/traceStore';
import { removeStaleDiscoveryFiles, writeDiscoveryFile } from './discoveryFile';
import { LoopbackServer, type HttpRoute } from './loopbackServer';
import type { AgentGuidance } from './agentGuidanceServer';
import { McpEndpoint } from './mcpEndpoint';
import type { ServerIdentity } from './mcpServerFactory';
import type { ToolDefinition } from './toolDefinition';

export interface McpHostOptions {
  identity: ServerIdentity;
  store: TraceStore;
  tools: () => readonly ToolDefinition[];
  port: number;
  workspaceFolders: () => string[];
  instructions?: string;
  /** Prompts and resources served to every connection. */
  guidance?: AgentGuidance;
  /** Where the discovery file goes; undefined = the default home. */
  discoveryHome?: string;
}

export interface McpHostEndpoint {
  url: string;
  port: number;
  token: string;
  discoveryFile: string;
}

/**
 * The extension's MCP front door: one loopback listener, a per-instance random token, the
 * `/mcp` endpoint, and the discovery file for clients outside VS Code.
 */
export class McpHost extends Disposable {
  readonly token = randomBytes(32).toString('base64url');
  private readonly server = this.register(new LoopbackServer());
  private readonly mcp: McpEndpoint;
  private endpointInfo: McpHostEndpoint | undefined;

  constructor(private readonly options: McpHostOptions) {
    super();
    this.mcp = this.register(new McpEndpoint({
      identity: options.identity,
      token: this.token,
      store: options.store,
      tools: options.tools,
      instructions: options.instructions,
      guidance: options.guidance,
    }));
    this.register(this.server.addRoute(this.mcp));
  }

  get endpoint(): McpHostEndpoint | undefined {
    return this.endpointInfo;
  }

  get connectionCount(): number {
    return this.mcp.connectionCount;
  }

  /** Other parts (debug endpoint, proxy) serve their paths on the same listener. */
  addRoute(route: HttpRoute): IDisposable {
    return this.server.addRoute(route);
  }

  async start(): Promise<McpHostEndpoint> {
    const port = await this.server.listen(this.options.port);
    const url = `http://127.0.0.1:${port}/mcp`;
    removeStaleDiscoveryFiles(this.options.discoveryHome);
    const discovery = this.register(writeDiscoveryFile({
      url,
      token: this.token,
      pid: process.pid,
      workspaceFolders: this.options.workspaceFolders(),
      version: this.options.identity.version,
      startedAt: new Date().toISOString(),
    }, this.options.discoveryHome));
    this.endpointInfo = { url, port, token: this.token, discoveryFile: discovery.path };
    return this.endpointInfo;
  }
}
