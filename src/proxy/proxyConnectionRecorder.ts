import { performance } from 'node:perf_hooks';
import type { EventStatus, TraceConnection } from '../shared/trace';
import { ExchangeRecorder, type JsonRpcMessage } from '../trace/exchangeRecorder';
import { jsonSize } from '../trace/redact';
import type { TraceStore } from '../trace/traceStore';
import type { RecordingQueue } from './recordingQueue';

/** Epoch milliseconds with sub-millisecond resolution (overheads of a proxy are fractions of a ms). */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/** What crossed the wire: raw bytes (parsed later, off the forwarding path) or a parsed message. */
export type WirePayload = Buffer | string | JsonRpcMessage | JsonRpcMessage[];

export interface ProxyConnectionRecorderOptions {
  id: string;
  upstreamName: string;
  /** Values that must never appear in a recorded body (our token, upstream auth header values). */
  secrets: readonly string[];
}

/**
 * One proxied client connection's recorder. The forwarding code calls it with timestamps taken
 * on the wire; every call only enqueues, and the queue feeds an ExchangeRecorder later, so
 * parsing, redaction and the store's listeners never sit between a client and its upstream.
 */
export class ProxyConnectionRecorder {
  private recorder: ExchangeRecorder | undefined;
  /** The wire time of the message being recorded, handed to ExchangeRecorder as its clock. */
  private clock = 0;
  private ended = false;

  constructor(store: TraceStore, private readonly queue: RecordingQueue, private readonly options: ProxyConnectionRecorderOptions, startedAt = preciseNow()) {
    this.enqueue(startedAt, () => {
      this.recorder = new ExchangeRecorder(store, {
        id: options.id,
        source: `proxy:${options.upstreamName}`,
        transport: 'streamable-http',
        secrets: options.secrets,
        now: () => this.clock,
      });
    });
  }

  get id(): string {
    return this.options.id;
  }

  clientMessages(at: number, payload: WirePayload): void {
    this.enqueue(at, () => {
      for (const { message, bytes } of messagesOf(payload)) this.recorder?.clientMessage(message, bytes);
    });
  }

  /** `upstreamMs`: from forwarding the request to the upstream's first byte / SSE frame of this answer. */
  serverMessages(at: number, payload: WirePayload, upstreamMs?: number): void {
    this.enqueue(at, () => {
      for (const { message, bytes } of messagesOf(payload)) this.recorder?.serverMessage(message, bytes, { upstreamMs });
    });
  }

  localAnswer(at: number, requestId: string | number, response: JsonRpcMessage, status: EventStatus): void {
    this.enqueue(at, () => this.recorder?.recordLocalAnswer(requestId, response, status));
  }

  setAttributes(patch: Partial<Pick<TraceConnection, 'mcpSessionId' | 'upstreamSessionId'>>): void {
    this.enqueue(preciseNow(), () => this.recorder?.setConnectionAttributes(patch));
  }

  end(at = preciseNow()): void {
    if (this.ended) return;
    this.ended = true;
    // a connection boundary is not optional: if the queue is full, write it now rather than lose it
    if (!this.queue.push(() => this.finish(at))) this.finish(at);
  }

  private finish(at: number): void {
    this.clock = at;
    this.recorder?.end();
  }

  private enqueue(at: number, task: () => void): void {
    if (this.ended) return;
    this.queue.push(() => {
      this.clock = at;
      task();
    });
  }
}

function messagesOf(payload: WirePayload): { message: JsonRpcMessage; bytes: number }[] {
  if (Buffer.isBuffer(payload) || typeof payload === 'string') {
    const bytes = Buffer.isBuffer(payload) ? payload.length : Buffer.byteLength(payload);
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload.toString());
    } catch {
      return [];
    }
    if (Array.isArray(parsed)) return parsed.filter(isMessage).map((message) => ({ message, bytes: jsonSize(message) }));
    return isMessage(parsed) ? [{ message: parsed, bytes }] : [];
  }
  if (Array.isArray(payload)) return payload.map((message) => ({ message, bytes: jsonSize(message) }));
  return [{ message: payload, bytes: jsonSize(payload) }];
}

function isMessage(value: unknown): value is JsonRpcMessage {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
