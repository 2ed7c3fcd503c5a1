// The webview's side of the protocol: VS Code's webview API when present, typed envelopes either way.
import {
  asHostEnvelope, dispatchMessage, MessageNumbering,
  type Envelope, type HostMessage, type MessageHandlers, type WebviewMessage,
} from '../src/shared/protocol';
import { decodeSummaries, eventsToFill, isPackedEnvelope, readPackedEnvelope } from '../src/shared/packedEnvelope';
import { ARRIVAL_STEP_EVENTS, arrivalBudget, handleRangeInTimeSlices } from './arrivalQueue';

interface VsCodeWebviewApi {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeWebviewApi;

export class HostBridge {
  private readonly api: VsCodeWebviewApi;
  private readonly numbering = new MessageNumbering();
  private readonly replies = new Map<number, (message: HostMessage) => void>();

  /** Messages waiting behind a sliced decode, in arrival order. */
  private waiting = 0;
  private inbox: Promise<void> = Promise.resolve();

  constructor(private readonly handlers: MessageHandlers<HostMessage>) {
    this.api = acquireVsCodeApi();
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      // a task of its own: the parse below, the decode and the handling after it share its budget
      arrivalBudget.begin();
      const packed = isPackedEnvelope(event.data) ? readPackedEnvelope(event.data) : { envelope: event.data, table: undefined };
      const { envelope, table } = packed;
      if (this.waiting === 0 && (!table || table.count <= ARRIVAL_STEP_EVENTS)) {
        if (table) decodeSummaries(table, 0, table.count, eventsToFill(envelope));
        this.dispatch(envelope);
        return;
      }
      // a batch's 5,000 events are parsed and decoded in time slices, a chunk of rows at a time (one
      // task allocating them all was a long frame, and the scavenges after it; the one parse of all
      // the rows in this listener was another, up to 170 ms with the scavenge in it at load 4);
      // what arrives meanwhile waits, so the order holds
      this.waiting++;
      this.inbox = this.inbox.then(async () => {
        try {
          if (table) {
            const events = eventsToFill(envelope);
            await handleRangeInTimeSlices(table.count, (start, end) => decodeSummaries(table, start, end, events));
          }
        } finally {
          this.waiting--;
        }
        this.dispatch(envelope);
      }).catch((error: unknown) => console.error('[mcp-live-debugger] decoding a host message failed', error));
    });
  }

  private dispatch(data: unknown): void {
    const envelope = asHostEnvelope(data);
    if (!envelope) return;
    const reply = envelope.inReplyTo !== undefined ? this.replies.get(envelope.inReplyTo) : undefined;
    if (reply) {
      this.replies.delete(envelope.inReplyTo as number);
      reply(envelope.body);
    }
    void dispatchMessage(this.handlers, envelope);
  }

  /** `transfer`: buffers handed over rather than copied (a dropped file's bytes). */
  post(message: WebviewMessage, inReplyTo?: number, transfer?: Transferable[]): Envelope<WebviewMessage> {
    const envelope = this.numbering.wrap(message, inReplyTo);
    if (transfer) this.api.postMessage(envelope, transfer);
    else this.api.postMessage(envelope);
    return envelope;
  }

  /** Posts and resolves with the host's answer (a `result`). */
  request(message: WebviewMessage): Promise<HostMessage> {
    return this.send(message).answer;
  }

  /** Posts; answers the message's id and the host's answer to come. */
  send(message: WebviewMessage, transfer?: Transferable[]): { messageId: number; answer: Promise<HostMessage> } {
    let resolveAnswer: (message: HostMessage) => void = () => undefined;
    const answer = new Promise<HostMessage>((resolve) => {
      resolveAnswer = resolve;
    });
    const { messageId } = this.post(message, undefined, transfer);
    this.replies.set(messageId, resolveAnswer);
    return { messageId, answer };
  }

  /** Stops waiting for the answer to `messageId` (the host will not send one). */
  forget(messageId: number): void {
    this.replies.delete(messageId);
  }

  getState(): unknown {
    return this.api.getState();
  }

  setState(state: unknown): void {
    this.api.setState(state);
  }
}
