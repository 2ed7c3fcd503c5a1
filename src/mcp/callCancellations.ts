type RequestId = string | number;

/**
 * In-flight tool calls of one connection, so that a client that goes away mid-call (its HTTP
 * request closes without an answer, and no `notifications/cancelled` ever comes) stops the
 * waiting tool instead of leaving it to run to its bound.
 */
export class CallCancellations {
  private readonly controllers = new Map<RequestId, AbortController>();

  /** A signal that aborts with the SDK's own (cancel notification) or when the client leaves. */
  open(requestId: RequestId, sdkSignal: AbortSignal): { signal: AbortSignal; close(): void } {
    const controller = new AbortController();
    const forward = () => controller.abort(sdkSignal.reason);
    if (sdkSignal.aborted) forward();
    else sdkSignal.addEventListener('abort', forward, { once: true });
    this.controllers.set(requestId, controller);
    return {
      signal: controller.signal,
      close: () => {
        sdkSignal.removeEventListener('abort', forward);
        if (this.controllers.get(requestId) === controller) this.controllers.delete(requestId);
      },
    };
  }

  cancel(requestIds: Iterable<RequestId>, reason = 'the client disconnected'): void {
    for (const id of requestIds) this.controllers.get(id)?.abort(new Error(reason));
  }

  cancelAll(reason = 'the connection closed'): void {
    this.cancel([...this.controllers.keys()], reason);
  }
}

/** The ids of the requests in a JSON-RPC body (one message or a batch). */
export function requestIdsIn(body: unknown): RequestId[] {
  const messages = Array.isArray(body) ? body : [body];
  const ids: RequestId[] = [];
  for (const message of messages) {
    if (typeof message !== 'object' || message === null) continue;
    const { id, method } = message as { id?: unknown; method?: unknown };
    if (typeof method === 'string' && (typeof id === 'string' || typeof id === 'number')) ids.push(id);
  }
  return ids;
}
