import { randomBytes } from 'node:crypto';
import { Disposable, type IDisposable } from '../common/disposable';
import { removeStaleDiscoveryFiles, writeDiscoveryFile } from './discoveryFile';
import type { HttpRoute, HttpRoutes } from './httpRoute';
import { LoopbackServer } from './loopbackServer';

export interface LoopbackHostOptions {
  port: number;
  /** The path the discovery file names as the instance's `url` (the MCP endpoint's). */
  advertisedPath: string;
  /** The extension's version, written to the discovery file. */
  version: string;
  workspaceFolders: () => string[];
  /** Where the discovery file goes; undefined = the default home. */
  discoveryHome?: string;
}

export interface LoopbackHostEndpoint {
  /** The advertised route's URL, e.g. `http://127.0.0.1:<port>/mcp`. */
  url: string;
  port: number;
  token: string;
  discoveryFile: string;
}

/**
 * The extension's one listener as clients outside VS Code find it: the loopback server, a
 * per-instance random bearer token for the routes to check, and the discovery file naming both.
 * Routes (`/mcp`, `/debug/<tool>`, `/proxy/<name>/mcp`) mount on it; it knows none of them.
 */
export class LoopbackHost extends Disposable implements HttpRoutes {
  readonly token = randomBytes(32).toString('base64url');
  private readonly server = this.register(new LoopbackServer());
  private endpointInfo: LoopbackHostEndpoint | undefined;

  constructor(private readonly options: LoopbackHostOptions) {
    super();
  }

  get endpoint(): LoopbackHostEndpoint | undefined {
    return this.endpointInfo;
  }

  addRoute(route: HttpRoute): IDisposable {
    return this.server.addRoute(route);
  }

  async start(): Promise<LoopbackHostEndpoint> {
    const port = await this.server.listen(this.options.port);
    const url = `${this.server.origin}${this.options.advertisedPath}`;
    removeStaleDiscoveryFiles(this.options.discoveryHome);
    const discovery = this.register(writeDiscoveryFile({
      url,
      token: this.token,
      pid: process.pid,
      workspaceFolders: this.options.workspaceFolders(),
      version: this.options.version,
      startedAt: new Date().toISOString(),
    }, this.options.discoveryHome));
    this.endpointInfo = { url, port, token: this.token, discoveryFile: discovery.path };
    return this.endpointInfo;
  }
}
