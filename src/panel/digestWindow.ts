import type { BatchTimer } from './updateBatcher';

export interface DigestWindowOptions {
  /** Messages that may wait for the webview's `digested` at once. */
  messagesAhead: number;
  /** A message the webview never confirms (it should not happen) holds its place this long at most. */
  digestTimeoutMs: number;
  timers: BatchTimer;
}

/**
 * The messages a feed posted that the webview has not said `digested` for yet. A feed posts while
 * there is room; `onRoom` runs when a place frees up (digested, or timed out), so it posts the next.
 */
export class DigestWindow {
  private readonly undigested = new Map<number, unknown>();

  constructor(private readonly options: DigestWindowOptions, private readonly onRoom: () => void) {}

  get size(): number {
    return this.undigested.size;
  }

  get hasRoom(): boolean {
    return this.undigested.size < this.options.messagesAhead;
  }

  track(messageId: number): void {
    this.undigested.set(messageId, this.options.timers.set(() => {
      this.undigested.delete(messageId);
      this.onRoom();
    }, this.options.digestTimeoutMs));
  }

  /** The webview handled the message with this id (one of another feed's is ignored). */
  digested(messageId: number): void {
    const timer = this.undigested.get(messageId);
    if (timer === undefined) return;
    this.options.timers.clear(timer);
    this.undigested.delete(messageId);
    this.onRoom();
  }

  clear(): void {
    for (const timer of this.undigested.values()) this.options.timers.clear(timer);
    this.undigested.clear();
  }
}
