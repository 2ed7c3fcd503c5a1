import type { IncomingHttpHeaders } from 'node:http';

export interface Http1ResponseHead {
  statusCode: number;
  /** Lower-case names; a name sent more than once holds every value, in order. */
  headers: IncomingHttpHeaders;
  /** The upstream keeps the connection open for the next request. */
  keepAlive: boolean;
}

export interface Http1ResponseHandlers {
  head(head: Http1ResponseHead): void;
  body(chunk: Buffer): void;
  /** The response is complete; `rest` holds bytes that arrived after it (none expected). */
  complete(rest: Buffer | undefined): void;
}

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD_BYTES = 64 * 1024;

type State =
  | { kind: 'head' }
  | { kind: 'length'; left: number }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; left: number }
  | { kind: 'chunk-data-end' }
  | { kind: 'trailers' }
  | { kind: 'until-close' }
  | { kind: 'done' };

/**
 * An HTTP/1.1 response parser for one request at a time, fed the socket's bytes as they come:
 * the status line and headers, then the body by Content-Length, chunked transfer coding (decoded)
 * or, without either, up to the end of the connection. Informational (1xx) responses are skipped.
 * Throws on input that is not HTTP/1.x; the caller then drops the connection.
 */
export class Http1ResponseParser {
  private state: State = { kind: 'head' };
  private pending: Buffer | undefined;
  private reported = false;

  /** `noBody`: the request was HEAD, so no response carries a body. */
  constructor(private readonly handlers: Http1ResponseHandlers, private readonly noBody = false) {}

  get done(): boolean {
    return this.state.kind === 'done';
  }

  /** Whether the end of the connection now completes the response (a body read to the close). */
  get endsWithConnection(): boolean {
    return this.state.kind === 'until-close';
  }

  push(chunk: Buffer): void {
    let data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    while (data.length > 0 && this.state.kind !== 'done') {
      const used = this.step(data);
      if (used < 0) {
        this.pending = data;
        if (this.state.kind === 'head' && data.length > MAX_HEAD_BYTES) throw new Error(`response head over ${MAX_HEAD_BYTES} bytes`);
        return;
      }
      data = data.subarray(used);
    }
    if (this.state.kind === 'done') this.report(data.length > 0 ? data : undefined);
  }

  /** The connection ended: completes a body read to the close, else the response was cut short. */
  end(): void {
    if (this.state.kind === 'until-close') {
      this.state = { kind: 'done' };
      this.report(undefined);
      return;
    }
    if (this.state.kind !== 'done') throw new Error('the upstream closed the connection before its response was complete');
  }

  /** Consumes the start of `data`; returns how many bytes, or -1 when more are needed. */
  private step(data: Buffer): number {
    const state = this.state;
    switch (state.kind) {
      case 'head': {
        const end = data.indexOf(HEAD_END);
        if (end < 0) return -1;
        this.readHead(data.subarray(0, end).toString('latin1'));
        return end + 4;
      }
      case 'length': {
        const take = Math.min(state.left, data.length);
        this.handlers.body(data.subarray(0, take));
        state.left -= take;
        if (state.left === 0) this.finish();
        return take;
      }
      case 'chunk-size': {
        const end = data.indexOf(CRLF);
        if (end < 0) return -1;
        const size = Number.parseInt(data.subarray(0, end).toString('latin1').split(';')[0].trim(), 16);
        if (!Number.isFinite(size) || size < 0) throw new Error('malformed chunk size');
        this.state = size === 0 ? { kind: 'trailers' } : { kind: 'chunk-data', left: size };
        return end + 2;
      }
      case 'chunk-data': {
        const take = Math.min(state.left, data.length);
        this.handlers.body(data.subarray(0, take));
        state.left -= take;
        if (state.left === 0) this.state = { kind: 'chunk-data-end' };
        return take;
      }
      case 'chunk-data-end': {
        if (data.length < 2) return -1;
        if (data[0] !== 13 || data[1] !== 10) throw new Error('chunk not followed by CRLF');
        this.state = { kind: 'chunk-size' };
        return 2;
      }
      case 'trailers': {
        // trailer fields are dropped; an empty line ends them and the body
        const end = data.indexOf(CRLF);
        if (end < 0) return -1;
        if (end === 0) this.finish();
        return end + 2;
      }
      case 'until-close':
        this.handlers.body(data);
        return data.length;
      case 'done':
        return data.length;
    }
  }

  private readHead(text: string): void {
    let lineEnd = text.indexOf('\r\n');
    if (lineEnd < 0) lineEnd = text.length;
    const status = /^HTTP\/1\.([01]) (\d{3})(?: |$)/.exec(text.slice(0, lineEnd));
    if (!status) throw new Error(`not an HTTP/1.x status line: ${JSON.stringify(text.slice(0, Math.min(lineEnd, 80)))}`);
    const statusCode = Number(status[2]);
    const headers: IncomingHttpHeaders = {};
    // a hand-written loop: this runs for every proxied answer
    while (lineEnd < text.length) {
      const start = lineEnd + 2;
      lineEnd = text.indexOf('\r\n', start);
      if (lineEnd < 0) lineEnd = text.length;
      const colon = text.indexOf(':', start);
      if (colon <= start || colon > lineEnd) throw new Error(`malformed header line: ${JSON.stringify(text.slice(start, Math.min(lineEnd, start + 80)))}`);
      const name = text.slice(start, colon).trim().toLowerCase();
      const value = text.slice(colon + 1, lineEnd).trim();
      const previous = headers[name];
      headers[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
    }
    if (statusCode < 200) return; // 1xx: the real response follows
    const connection = String(headers.connection ?? '').toLowerCase();
    const http10 = status[1] === '0';
    let keepAlive = http10 ? connection.includes('keep-alive') : !connection.includes('close');
    const chunked = /\bchunked\b/i.test(String(headers['transfer-encoding'] ?? ''));
    const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
    if (this.noBody || statusCode === 204 || statusCode === 304) this.state = { kind: 'done' };
    else if (chunked) this.state = { kind: 'chunk-size' };
    else if (length !== undefined && Number.isInteger(length) && length >= 0) this.state = length === 0 ? { kind: 'done' } : { kind: 'length', left: length };
    else {
      this.state = { kind: 'until-close' };
      keepAlive = false;
    }
    this.handlers.head({ statusCode, headers, keepAlive });
  }

  private finish(): void {
    this.state = { kind: 'done' };
  }

  private report(rest: Buffer | undefined): void {
    if (this.reported) return;
    this.reported = true;
    this.handlers.complete(rest);
  }
}
