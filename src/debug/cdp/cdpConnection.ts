// A Chrome DevTools Protocol client over one WebSocket: commands with ids answered by their
// results, events to listeners, one close. Used for js-debug's CDP proxy, which shares js-debug's
// own connection to the Node target. `ws` rather than undici's WebSocket: undici always offers
// permessage-deflate, and compressed frames wait for the thread pool's zlib on both ends, which in
// a busy extension host delayed the target's pause events by hundreds of ms behind js-debug's stop.
import WebSocket from 'ws';
import { Emitter } from '../../common/emitter';

export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
}

interface CdpMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { code?: number; message?: string };
}

interface Pending {
  method: string;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const COMMAND_TIMEOUT_MS = 5000;

export class CdpConnection {
  private readonly events = new Emitter<CdpEvent>();
  private readonly closes = new Emitter<string>();
  /** Every event the target sends (after a `JsDebug.subscribe` to it, for js-debug's proxy). */
  readonly onEvent = this.events.event;
  readonly onClose = this.closes.event;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: WebSocket.RawData) => this.receive(data));
    socket.on('close', () => this.close('the CDP connection closed'));
    socket.on('error', () => this.close('the CDP connection failed'));
  }

  /** Opens the connection; fails when it does not open within `timeoutMs`. */
  static open(url: string, timeoutMs: number): Promise<CdpConnection> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      const timer = setTimeout(() => {
        socket.terminate();
        reject(new Error(`the CDP proxy did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('open', () => {
        clearTimeout(timer);
        resolve(new CdpConnection(socket));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`could not connect to the CDP proxy: ${error.message}`));
      });
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends a command; resolves with its result, rejects with the target's error message. */
  send<T>(method: string, params: object = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the CDP connection is closed'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`'${method}' got no answer within ${COMMAND_TIMEOUT_MS} ms`));
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(id, { method, resolve: resolve as (result: unknown) => void, reject, timer });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  dispose(): void {
    this.close('disposed');
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close();
  }

  private receive(data: WebSocket.RawData): void {
    let message: CdpMessage;
    try {
      message = JSON.parse((Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString('utf8')) as CdpMessage;
    } catch {
      return;
    }
    if (typeof message.id === 'number' && message.method === undefined) {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.error) pending.reject(new Error(message.error.message ?? `'${pending.method}' failed`));
      else pending.resolve(message.result);
      return;
    }
    if (message.method) this.events.fire({ method: message.method, params: message.params ?? {} });
  }

  private close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error(reason));
      this.pending.delete(id);
    }
    this.closes.fire(reason);
    this.closes.dispose();
    this.events.dispose();
  }
}
