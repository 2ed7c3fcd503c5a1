import type { IncomingMessage, ServerResponse } from 'node:http';
import { Disposable, toDisposable } from '../common/disposable';
import type { IDisposable } from '../common/disposable';
import type { HttpRoute } from '../http/httpRoute';
import { sendJsonRpcError } from '../http/jsonResponse';
import { checkBearer } from '../http/requestGuard';
import type { TraceStore } from '../trace/traceStore';
import { HttpUpstreamHandler } from './httpUpstream';
import type { ProxyContext, UpstreamHandler } from './proxyContext';
import { RecordingQueue, type RecordingStats } from './recordingQueue';
import { StdioUpstreamHandler } from './stdioUpstream';
import { sameUpstream, type UpstreamDefinition } from './upstreamConfiguration';

export interface RecordingProxyOptions {
  store: TraceStore;
  /** The extension's bearer token (the same one `/mcp` takes). */
  token: string;
  /** Default 30 minutes. */
  idleTimeoutMs?: number;
  /** Recordings allowed to wait before new ones are dropped; default 10,000. */
  recordingQueueLimit?: number;
}

const PATH = /^\/proxy\/([^/]+)\/mcp\/?$/;

/**
 * The recording proxy: `/proxy/<name>/mcp` on the extension's loopback server for every
 * configured upstream, behind the same bearer token as `/mcp` (Host and Origin are checked by
 * the loopback server). Traffic is forwarded first and recorded afterwards through one bounded
 * queue whose drops are counted in `recordingStats`.
 */
export class RecordingProxy extends Disposable implements HttpRoute {
  readonly prefix = '/proxy';
  private readonly handlers = new Map<string, UpstreamHandler>();
  private readonly queue: RecordingQueue;
  private readonly context: ProxyContext;
  /** Fires when recordings were dropped because the queue was full. */
  readonly onDidDropRecordings: (listener: (stats: RecordingStats) => void) => IDisposable;

  constructor(options: RecordingProxyOptions) {
    super();
    this.queue = new RecordingQueue(options.recordingQueueLimit);
    this.onDidDropRecordings = this.queue.onDidDrop;
    let reportedDrops = 0;
    this.register(this.queue.onDidDrop((stats) => {
      options.store.noteUnrecorded(stats.dropped - reportedDrops);
      reportedDrops = stats.dropped;
    }));
    this.context = { store: options.store, queue: this.queue, token: options.token, idleTimeoutMs: options.idleTimeoutMs ?? 30 * 60 * 1000 };
    this.register(toDisposable(() => {
      for (const handler of this.handlers.values()) handler.dispose();
      this.handlers.clear();
      this.queue.dispose();
    }));
  }

  /** Recordings queued, written and dropped since start (the panel shows `dropped`). */
  get recordingStats(): RecordingStats {
    return this.queue.stats;
  }

  get upstreamNames(): string[] {
    return [...this.handlers.keys()];
  }

  /** Writes every queued recording now (tests; the queue drains by itself otherwise). */
  flushRecordings(): void {
    this.queue.flush();
  }

  /** Process ids of a stdio upstream's running processes (one per client session). */
  upstreamProcessIds(name: string): number[] {
    const handler = this.handlers.get(name);
    return handler instanceof StdioUpstreamHandler ? handler.processIds : [];
  }

  /** Replaces the set of upstreams; unchanged ones keep their sessions and processes. */
  setUpstreams(definitions: readonly UpstreamDefinition[]): void {
    const wanted = new Map(definitions.map((definition) => [definition.name, definition]));
    for (const [name, handler] of [...this.handlers]) {
      const next = wanted.get(name);
      if (!next || !sameUpstream(next, handler.definition)) {
        handler.dispose();
        this.handlers.delete(name);
      }
    }
    for (const definition of definitions) {
      if (this.handlers.has(definition.name)) continue;
      this.handlers.set(definition.name, definition.kind === 'stdio'
        ? new StdioUpstreamHandler(definition, this.context)
        : new HttpUpstreamHandler(definition, this.context));
    }
  }

  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const auth = checkBearer(request, this.context.token);
    if (!auth.ok) {
      response.setHeader('www-authenticate', 'Bearer realm="mcp-live-debugger"');
      sendJsonRpcError(response, auth.status, -32001, auth.message);
      return;
    }
    const match = PATH.exec(url.pathname);
    const handler = match ? this.handlers.get(decodeURIComponent(match[1])) : undefined;
    if (!handler) {
      const names = this.upstreamNames;
      const known = names.length ? `Configured upstreams: ${names.map((name) => `/proxy/${name}/mcp`).join(', ')}.` : 'No upstream is configured: add one to the setting mcpLiveDebugger.proxy.servers or run "MCP Live Debugger: Record an MCP Server…".';
      sendJsonRpcError(response, 404, -32001, `No recording proxy at ${url.pathname}. ${known}`);
      return;
    }
    await handler.handle(request, response);
  }
}
