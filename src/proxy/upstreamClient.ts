import { EventEmitter } from 'node:events';
import type * as http from 'node:http';
import { Pool, type Dispatcher } from 'undici';

/** What the proxy reads of an upstream's answer: node's IncomingMessage has the same shape. */
export interface UpstreamResponse {
  readonly statusCode?: number;
  readonly headers: http.IncomingHttpHeaders;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'end', listener: () => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  pause(): this;
  resume(): this;
}

/**
 * One request on its way to the upstream: `response` once the head arrives, or `error`. As with
 * node's client, a response's listeners go on inside the `response` handler (its body follows at once).
 */
export interface UpstreamRequest {
  on(event: 'response', listener: (response: UpstreamResponse) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  /** Abandons the request (the client went away); no event follows. */
  destroy(): void;
}

export type UpstreamRequestHeaders = Record<string, string | string[]>;

export interface UpstreamClient {
  /** Sends the whole request at once; `headers` has lower-case names and no Host. */
  request(method: string, headers: UpstreamRequestHeaders, body: Buffer | undefined): UpstreamRequest;
  dispose(): void;
}

/** The client for an upstream URL (http: or https:): one kept-alive undici pool for its origin. */
export function createUpstreamClient(url: URL): UpstreamClient {
  return new PooledUpstreamClient(url);
}

/** Idle connections are kept this long, or shorter when the upstream's Keep-Alive header says so. */
const KEEP_ALIVE_MS = 60_000;

class PooledUpstreamClient implements UpstreamClient {
  private readonly pool: Pool;
  /** Answers ended whose connection undici has not taken back yet, and the requests waiting for it. */
  private releasing = 0;
  private readonly waiting: PooledExchange[] = [];
  private readonly path: string;
  /** `http://user:password@host/` in the URL means Basic auth, as node's client reads it. */
  private readonly basicAuth: string | undefined;

  constructor(url: URL) {
    // no time limits: a tool call may run for minutes and an SSE stream stays open for as long as its client
    this.pool = new Pool(url.origin, { keepAliveTimeout: KEEP_ALIVE_MS, headersTimeout: 0, bodyTimeout: 0 });
    this.path = `${url.pathname}${url.search}`;
    this.basicAuth = url.username || url.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
      : undefined;
  }

  request(method: string, headers: UpstreamRequestHeaders, body: Buffer | undefined): UpstreamRequest {
    const withAuth = this.basicAuth && headers.authorization === undefined ? { ...headers, authorization: this.basicAuth } : headers;
    const exchange = new PooledExchange(this.pool, { path: this.path, method: method as Dispatcher.HttpMethod, headers: withAuth, body }, () => this.noteReleasing());
    if (this.releasing > 0) this.waiting.push(exchange);
    else exchange.send();
    return exchange;
  }

  /**
   * undici takes a connection back one event-loop turn after its answer ended (setImmediate), and a
   * request sent before that opens another connection: one sent from an `end` handler (the next
   * call of a sequential client) waits for that turn instead and goes out on the same connection.
   */
  private noteReleasing(): void {
    this.releasing++;
    // queued after undici's own setImmediate, which the pool schedules once this callback returns
    process.nextTick(() => setImmediate(() => {
      if (--this.releasing > 0) return;
      for (const exchange of this.waiting.splice(0)) exchange.send();
    }));
  }

  dispose(): void {
    this.pool.destroy().catch(() => undefined);
  }
}

/**
 * A kept-alive connection that the upstream closed just as the request went out fails before any
 * answer: such a request gets one more try, on a fresh connection.
 */
const STALE_CONNECTION_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

class PooledExchange extends EventEmitter implements UpstreamRequest, Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private response: PooledResponse | undefined;
  private retried = false;
  private settled = false;
  private abandoned = false;
  /** Errors found while dispatching come before the caller could listen: they wait a tick. */
  private dispatching = false;

  constructor(private readonly pool: Pool, private readonly options: Dispatcher.DispatchOptions, private readonly onEnded: () => void) {
    super();
  }

  send(): void {
    if (this.abandoned) return;
    this.dispatching = true;
    try {
      this.pool.dispatch(this.options, this);
    } finally {
      this.dispatching = false;
    }
  }

  destroy(): void {
    // once the answer ended, the connection may already serve another request: leave it alone
    if (this.abandoned || this.settled) return;
    this.abandoned = true;
    this.controller?.abort(new Error('the client went away'));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.abandoned) controller.abort(new Error('the client went away'));
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: http.IncomingHttpHeaders): void {
    // informational answers (100 Continue, 103 Early Hints) are not the response
    if (statusCode < 200 || this.abandoned) return;
    this.response = new PooledResponse(statusCode, headers, controller);
    this.emit('response', this.response);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.abandoned) this.response?.emit('data', chunk);
  }

  onResponseEnd(): void {
    this.settled = true;
    this.onEnded();
    if (!this.abandoned) this.response?.emit('end');
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.abandoned || this.settled) return;
    if (!this.response && !this.retried && STALE_CONNECTION_CODES.has((error as NodeJS.ErrnoException).code ?? '')) {
      this.retried = true;
      this.controller = undefined;
      // not from inside undici's own handling of the closed connection
      process.nextTick(() => this.send());
      return;
    }
    this.settled = true;
    const target: EventEmitter = this.response ?? this;
    if (this.dispatching) process.nextTick(() => target.emit('error', error));
    else target.emit('error', error);
  }
}

class PooledResponse extends EventEmitter implements UpstreamResponse {
  constructor(readonly statusCode: number, readonly headers: http.IncomingHttpHeaders, private readonly controller: Dispatcher.DispatchController) {
    super();
  }

  pause(): this {
    this.controller.pause();
    return this;
  }

  resume(): this {
    this.controller.resume();
    return this;
  }
}
