// The program's output of one launch, from the adapter's `output` events: a bounded ring with
// sequence numbers so readers page with `since` and never receive megabytes.
import type { OutputEntry, OutputPage } from './debugBridge';

export const OUTPUT_BUFFER_ENTRIES = 1000;
export const MAX_OUTPUT_ENTRY_CHARS = 8192;

export class OutputBuffer {
  private entries: OutputEntry[] = [];
  private nextSeq = 1;
  private dropped = 0;

  constructor(private readonly capacity = OUTPUT_BUFFER_ENTRIES) {}

  push(category: string, output: string, timestamp = Date.now()): void {
    const entry: OutputEntry = { seq: this.nextSeq++, category, output, timestamp };
    if (output.length > MAX_OUTPUT_ENTRY_CHARS) {
      entry.output = output.slice(0, MAX_OUTPUT_ENTRY_CHARS);
      entry.truncated = true;
    }
    this.entries.push(entry);
    if (this.entries.length > this.capacity) {
      this.entries.shift();
      this.dropped++;
    }
  }

  read(since: number, limit: number): OutputPage {
    const matched = this.entries.filter((entry) => entry.seq > since);
    const page = matched.slice(0, limit);
    return { entries: page, nextSince: page.length > 0 ? page[page.length - 1].seq : since, hasMore: matched.length > page.length, dropped: this.dropped };
  }

  /** The last lines the program printed to stdout/stderr, for the answer when it ends. */
  lastLines(count: number): string[] {
    const text = this.entries
      .filter((entry) => entry.category === 'stdout' || entry.category === 'stderr' || entry.category === 'console')
      .map((entry) => entry.output)
      .join('');
    return text.split(/\r?\n/).filter((line) => line.length > 0).slice(-count);
  }

  /** Everything the program printed (stdout and stderr) that the ring still holds, in order. */
  programText(): string {
    return this.entries.filter((entry) => entry.category === 'stdout' || entry.category === 'stderr').map((entry) => entry.output).join('');
  }

  clear(): void {
    this.entries = [];
    this.dropped = 0;
  }
}
