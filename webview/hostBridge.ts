// The webview's side of the protocol: VS Code's webview API when present, typed envelopes either way.
import {
  asHostEnvelope, dispatchMessage, MessageNumbering,
  type Envelope, type HostMessage, type MessageHandlers, type WebviewMessage,
} from '../src/shared/protocol';
import { isPackedEnvelope, unpackEnvelope } from '../src/shared/packedEnvelope';

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

  constructor(handlers: MessageHandlers<HostMessage>) {
    this.api = acquireVsCodeApi();
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const envelope = asHostEnvelope(isPackedEnvelope(event.data) ? unpackEnvelope(event.data) : event.data);
      if (!envelope) return;
      const reply = envelope.inReplyTo !== undefined ? this.replies.get(envelope.inReplyTo) : undefined;
      if (reply) {
        this.replies.delete(envelope.inReplyTo as number);
        reply(envelope.body);
      }
      void dispatchMessage(handlers, envelope);
    });
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
