// A file dropped on the panel from outside VS Code, on its way to the host in chunks. Read whole and
// posted as one string, a 127 MB export held the webview's thread while it was read and posted, and
// the file three times over in memory on each side. Here the webview reads a chunk (Blob.slice) only
// when fewer than DROP_CHUNKS_AHEAD wait for the host's answer, and hands its bytes over (transferred,
// not copied), so it holds a few chunks at most; the host decodes each as it comes (src/panel/droppedFile.ts).
import { DROP_CHUNK_BYTES, DROP_CHUNKS_AHEAD, type Envelope, type HostMessage, type WebviewMessage } from '../src/shared/protocol';

/** The part of the host bridge an upload posts through. */
export interface UploadChannel {
  send(message: WebviewMessage, transfer?: Transferable[]): { messageId: number; answer: Promise<HostMessage> };
  post(message: WebviewMessage): Envelope<WebviewMessage>;
  forget(messageId: number): void;
}

export interface UploadProgress {
  /** Bytes the host said it has taken. */
  received: number;
  /** Bytes posted (the host may not have taken them yet). */
  sent: number;
  size: number;
}

export interface UploadOptions {
  chunkBytes: number;
  chunksAhead: number;
}

export class DroppedFileUpload {
  private cancelled = false;
  private upload: number | undefined;
  private readonly unanswered: Array<{ messageId: number; answer: Promise<HostMessage> }> = [];
  private readonly options: UploadOptions;
  private received = 0;

  constructor(
    private readonly file: File,
    private readonly channel: UploadChannel,
    private readonly onProgress: (progress: UploadProgress) => void,
    options: Partial<UploadOptions> = {},
  ) {
    this.options = { chunkBytes: DROP_CHUNK_BYTES, chunksAhead: DROP_CHUNKS_AHEAD, ...options };
  }

  /** Chunks posted that the host has not answered yet (for tests and diagnostics). */
  get chunksAhead(): number {
    return this.unanswered.length;
  }

  /**
   * Sends the file; resolves with the host's last answer (a `result`: refused, failed, or imported),
   * or undefined when cancelled.
   */
  async run(): Promise<HostMessage | undefined> {
    const { file, channel } = this;
    const begun = channel.send({ type: 'dropFile', name: file.name, size: file.size });
    this.upload = begun.messageId;
    const first = await begun.answer;
    if (this.cancelled) return undefined;
    if (first.type !== 'dropReceived') return first;
    let offset = 0;
    for (;;) {
      while (offset < file.size && this.unanswered.length < this.options.chunksAhead) {
        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(await file.slice(offset, offset + this.options.chunkBytes).arrayBuffer());
        } catch (error) {
          this.cancel();
          return { type: 'result', ok: false, message: `Import of ${file.name} failed: it could not be read (${error instanceof Error ? error.message : String(error)}).` };
        }
        if (this.cancelled) return undefined;
        this.unanswered.push(channel.send({ type: 'dropChunk', upload: this.upload, offset, bytes }, [bytes.buffer]));
        offset += bytes.byteLength;
        this.onProgress({ received: this.received, sent: offset, size: file.size });
      }
      const next = this.unanswered.shift();
      // (only a host that took every byte and did not answer with the import's outcome leaves none)
      if (!next) return { type: 'result', ok: false, message: `Import of ${file.name} failed: the host took its ${file.size} bytes and did not say what came of them.` };
      const answer = await next.answer;
      if (this.cancelled) return undefined;
      if (answer.type !== 'dropReceived') {
        // refused or imported: chunks still on their way are not answered
        for (const left of this.unanswered.splice(0)) channel.forget(left.messageId);
        return answer;
      }
      this.received = answer.received;
      this.onProgress({ received: answer.received, sent: offset, size: file.size });
    }
  }

  /** Stops sending (another file was dropped): the host lets the bytes it has go. */
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    for (const left of this.unanswered.splice(0)) this.channel.forget(left.messageId);
    if (this.upload !== undefined) this.channel.post({ type: 'dropCancel', upload: this.upload });
  }
}

/** What the notice says while a dropped file travels: how much went, then that the host opens it. */
export function uploadProgressText(name: string, { sent, size }: UploadProgress): string {
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0);
  return sent < size ? `Reading ${name}: ${mb(sent)} of ${mb(size)} MB…` : `Opening ${name} (${mb(size)} MB)…`;
}
