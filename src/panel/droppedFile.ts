import { TRACE_FILE_MAX_BYTES, traceFileTooLarge } from '../shared/trace';

/**
 * A file dropped on the panel, as its chunks arrive from the webview, in order. Each chunk is
 * decoded as it comes (a streaming UTF-8 decoder, so a character cut between chunks is whole) and
 * its bytes let go: the host holds the file's text, as Import does once it has read a file, and
 * never its bytes and its text at once. The text is parsed only when the last byte came, so a cut
 * or malformed file changes nothing shown.
 */
export class DroppedFile {
  private readonly decoder = new TextDecoder();
  private readonly parts: string[] = [];
  private received = 0;

  /** Throws (with what Import says) when the file is too large to be read. */
  constructor(readonly upload: number, readonly name: string, readonly size: number) {
    if (size > TRACE_FILE_MAX_BYTES) throw new Error(traceFileTooLarge(name, size));
  }

  get receivedBytes(): number {
    return this.received;
  }

  get complete(): boolean {
    return this.received === this.size;
  }

  /** Takes the bytes at `offset`; throws when they are not the next ones or go past the size the webview announced. */
  take(offset: number, bytes: Uint8Array): void {
    if (offset !== this.received) throw new Error(`bytes ${offset}… arrived where ${this.received} was expected.`);
    if (this.received + bytes.byteLength > this.size) throw new Error(`more than the ${this.size} bytes it was said to have arrived.`);
    this.received += bytes.byteLength;
    this.parts.push(this.decoder.decode(bytes, { stream: !this.complete }));
  }

  /** The whole file's text, once `complete`; the parts go with it. */
  text(): string {
    if (!this.complete) throw new Error(`only ${this.received} of its ${this.size} bytes arrived.`);
    return this.parts.splice(0).join('');
  }
}
