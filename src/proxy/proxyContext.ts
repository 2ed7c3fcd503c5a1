import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IDisposable } from '../common/disposable';
import type { TraceStore } from '../trace/traceStore';
import type { RecordingQueue } from './recordingQueue';
import type { UpstreamDefinition } from './upstreamConfiguration';

/** What every upstream handler shares: where recordings go and what must never be recorded. */
export interface ProxyContext {
  store: TraceStore;
  queue: RecordingQueue;
  /** Our own bearer token: masked wherever it would appear in a body. */
  token: string;
  /** Recorded sessions (and stdio upstream processes) idle this long are closed. */
  idleTimeoutMs: number;
}

/** Serves `/proxy/<name>/mcp` for one upstream, after the bearer token was checked. */
export interface UpstreamHandler extends IDisposable {
  readonly definition: UpstreamDefinition;
  readonly connectionCount: number;
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

/** A short connection id for the trace (the upstream's Mcp-Session-Id is kept as an attribute). */
export function newConnectionId(upstreamName: string): string {
  return `p-${upstreamName}-${Math.random().toString(36).slice(2, 10)}`;
}
