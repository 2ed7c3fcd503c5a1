import { EventEmitter } from 'node:events';
import type * as http from 'node:http';
import * as https from 'node:https';
import { connect, type Socket } from 'node:net';
import { Http1ResponseParser, type Http1ResponseHead } from './http1ResponseParser';

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

export interface UpstreamClient {
  /** Sends the whole request at once; `headers` has lower-case names and no Host. */
  request(method: string, headers: http.OutgoingHttpHeaders, body: Buffer | undefined): UpstreamRequest;
  dispose(): void;
}

/** The client for an upstream URL: our own HTTP/1.1 connection pool for http:, node's https for https:. */
export function createUpstreamClient(url: URL): UpstreamClient {
  return url.protocol === 'https:' ? new HttpsUpstreamClient(url) : new PooledHttpUpstreamClient(url);
}

const MAX_IDLE_CONNECTIONS = 64;

/**
 * Plain-HTTP upstreams through a pool of kept-alive sockets, with a request written in one piece
 * and the response parsed as it comes. This is the proxy's hot path: node's http client costs
 * tens of microseconds per request in agent bookkeeping and stream objects, which is the same
 * order as everything else the proxy adds.
 */
class PooledHttpUpstreamClient implements UpstreamClient {
  private readonly idle: Socket[] = [];
  private readonly busy = new Set<Socket>();
  private readonly hostHeader: string;
  private readonly path: string;
  /** `http://user:password@host/` in the URL means Basic auth, as node's client reads it. */
  private readonly basicAuth: string | undefined;
  private disposed = false;

  constructor(private readonly url: URL) {
    this.hostHeader = url.host;
    this.path = `${url.pathname}${url.search}`;
    this.basicAuth = url.username || url.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
      : undefined;
  }

  request(method: string, headers: http.OutgoingHttpHeaders, body: Buffer | undefined): UpstreamRequest {
    const withAuth = this.basicAuth && headers.authorization === undefined ? { ...headers, authorization: this.basicAuth } : headers;
    const payload = serializeRequest(method, this.path, this.hostHeader, withAuth, body);
    const exchange = new PooledExchange();
    this.attempt(exchange, method, payload, false);
    return exchange;
  }

  dispose(): void {
    this.disposed = true;
    for (const socket of [...this.idle, ...this.busy]) socket.destroy();
    this.idle.length = 0;
    this.busy.clear();
  }

  /** A kept-alive socket that the upstream closed before answering gets one try on a new connection. */
  private attempt(exchange: PooledExchange, method: string, payload: Buffer, isRetry: boolean): void {
    const reused = isRetry ? undefined : this.idle.pop();
    const socket = reused ?? this.connect();
    if (reused) reused.removeAllListeners();
    this.busy.add(socket);
    let response: PooledResponse | undefined;
    let received = false;
    let failure: Error | undefined;
    const release = (reusable: boolean) => {
      // once released, the socket may serve another request: a late destroy() must not reach it
      exchange.onAbandon = undefined;
      socket.removeAllListeners();
      this.busy.delete(socket);
      if (reusable && !this.disposed && this.idle.length < MAX_IDLE_CONNECTIONS) {
        this.park(socket);
        return;
      }
      socket.on('error', () => undefined);
      socket.destroy();
    };
    const parser = new Http1ResponseParser({
      head: (head) => {
        response = new PooledResponse(head, socket);
        exchange.deliver(response);
      },
      body: (chunk) => response?.emit('data', chunk),
      complete: (rest) => {
        release(response !== undefined && response.keepAlive && rest === undefined && !exchange.abandoned);
        response?.emit('end');
      },
    }, method === 'HEAD');
    exchange.onAbandon = () => release(false);
    socket.on('data', (chunk: Buffer) => {
      received = true;
      try {
        parser.push(chunk);
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        socket.destroy();
      }
    });
    socket.on('error', (error) => { failure = error; });
    socket.on('close', () => {
      if (parser.done || exchange.abandoned) return;
      this.busy.delete(socket);
      if (!failure && parser.endsWithConnection) {
        parser.end();
        return;
      }
      if (reused && !received) {
        this.attempt(exchange, method, payload, true);
        return;
      }
      const error = failure ?? new Error('the upstream closed the connection before its response was complete');
      if (response) response.emit('error', error);
      else exchange.fail(error);
    });
    socket.write(payload);
  }

  private connect(): Socket {
    const socket = connect({ host: this.url.hostname.replace(/^\[|\]$/g, ''), port: Number(this.url.port || 80) });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    return socket;
  }

  /** An idle socket that the upstream closes, or that speaks unasked, leaves the pool. */
  private park(socket: Socket): void {
    const drop = () => {
      const index = this.idle.indexOf(socket);
      if (index >= 0) this.idle.splice(index, 1);
      socket.destroy();
    };
    socket.on('close', drop);
    socket.on('error', drop);
    socket.on('data', drop);
    this.idle.push(socket);
  }
}

class PooledExchange extends EventEmitter implements UpstreamRequest {
  abandoned = false;
  onAbandon: (() => void) | undefined;

  deliver(response: PooledResponse): void {
    if (!this.abandoned) this.emit('response', response);
  }

  fail(error: Error): void {
    if (!this.abandoned) this.emit('error', error);
  }

  destroy(): void {
    if (this.abandoned) return;
    this.abandoned = true;
    this.onAbandon?.();
  }
}

class PooledResponse extends EventEmitter implements UpstreamResponse {
  readonly statusCode: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly keepAlive: boolean;

  constructor(head: Http1ResponseHead, private readonly socket: Socket) {
    super();
    this.statusCode = head.statusCode;
    this.headers = head.headers;
    this.keepAlive = head.keepAlive;
  }

  pause(): this {
    this.socket.pause();
    return this;
  }

  resume(): this {
    this.socket.resume();
    return this;
  }
}

/** https: upstreams keep node's client (TLS is the cost there, not the client). */
class HttpsUpstreamClient implements UpstreamClient {
  private readonly agent = new https.Agent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 10_000 });

  constructor(private readonly url: URL) {}

  request(method: string, headers: http.OutgoingHttpHeaders, body: Buffer | undefined): UpstreamRequest {
    const request = https.request(this.url, { method, headers, agent: this.agent });
    request.end(body);
    return request;
  }

  dispose(): void {
    this.agent.destroy();
  }
}

/** The request line and headers as one latin1 block, with the body; refuses header injection. */
export function serializeRequest(method: string, path: string, host: string, headers: http.OutgoingHttpHeaders, body: Buffer | undefined): Buffer {
  let head = `${method} ${path} HTTP/1.1\r\nhost: ${host}\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === 'host' || name === 'connection') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = String(item);
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[^\t\x20-\x7e\x80-\xff]/.test(text)) throw new Error(`The header ${JSON.stringify(name)} has a name or value that cannot be sent over HTTP.`);
      head += `${name}: ${text}\r\n`;
    }
  }
  head += 'connection: keep-alive\r\n\r\n';
  const start = Buffer.from(head, 'latin1');
  return body && body.length > 0 ? Buffer.concat([start, body]) : start;
}
