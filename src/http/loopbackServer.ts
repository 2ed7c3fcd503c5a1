import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Disposable, IDisposable, toDisposable } from '../common/disposable';
import type { HttpRoute, HttpRoutes } from './httpRoute';
import { sendJson } from './jsonResponse';
import { HttpError } from './requestBody';
import { checkHostAndOrigin } from './requestGuard';

/**
 * The extension's one HTTP listener, on 127.0.0.1 only. Host and Origin are checked here for
 * every route (DNS rebinding); tokens are checked by the routes, which know their scheme.
 */
export class LoopbackServer extends Disposable implements HttpRoutes {
  private readonly server: Server;
  private readonly routes: HttpRoute[] = [];
  private boundPort = 0;

  constructor() {
    super();
    this.server = createServer((request, response) => void this.dispatch(request, response));
    this.server.keepAliveTimeout = 65_000;
    this.register(toDisposable(() => {
      this.server.closeAllConnections();
      this.server.close();
    }));
  }

  get port(): number {
    return this.boundPort;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.boundPort}`;
  }

  addRoute(route: HttpRoute): IDisposable {
    this.routes.push(route);
    this.routes.sort((a, b) => b.prefix.length - a.prefix.length);
    return toDisposable(() => {
      const index = this.routes.indexOf(route);
      if (index >= 0) this.routes.splice(index, 1);
    });
  }

  /** Listens on the given port, or any free one when it is 0 or taken. Resolves the bound port. */
  async listen(preferredPort: number): Promise<number> {
    try {
      this.boundPort = await this.listenOn(preferredPort);
    } catch (error) {
      if (preferredPort === 0) throw error;
      console.warn(`[mcp-live-debugger] port ${preferredPort} is not free (${String(error)}); using any free port`);
      this.boundPort = await this.listenOn(0);
    }
    return this.boundPort;
  }

  private listenOn(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', onError);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  private async dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const guard = checkHostAndOrigin(request, this.boundPort);
      if (!guard.ok) {
        sendJson(response, guard.status, { error: guard.message });
        return;
      }
      const url = new URL(request.url ?? '/', this.origin);
      const route = this.routes.find((candidate) => url.pathname === candidate.prefix || url.pathname.startsWith(candidate.prefix.endsWith('/') ? candidate.prefix : `${candidate.prefix}/`));
      if (!route) {
        sendJson(response, 404, { error: `Not found: ${url.pathname}. This listener serves ${this.routes.map((candidate) => candidate.prefix).sort().join(', ')}.` });
        return;
      }
      await route.handle(request, response, url);
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status === 500) console.error('[mcp-live-debugger] request failed', error);
      sendJson(response, status, { error: message });
    }
  }
}
