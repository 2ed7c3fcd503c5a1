import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IDisposable } from '../common/disposable';

/** A path prefix served by the loopback listener; each route does its own authorization. */
export interface HttpRoute {
  /** e.g. `/mcp`, `/debug/`, `/proxy/` */
  prefix: string;
  handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void>;
}

/** Where a part mounts its routes: all that `/mcp`, `/debug/<tool>` and `/proxy/<name>/mcp` need of the listener. */
export interface HttpRoutes {
  addRoute(route: HttpRoute): IDisposable;
}
