// Reading what JavaScript runners report: their JSON files, and error texts that carry their stack.

/** The report's object, or undefined when the text is missing or not a JSON object (a run cut short). */
export function parseJsonReport<T>(text: string | undefined): T | undefined {
  if (!text?.trim()) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as T) : undefined;
  } catch {
    return undefined;
  }
}

/** An error's text without its stack frames and without a bare `Error: ` prefix. */
export function errorMessage(stack: string): string {
  const lines = stack.split('\n');
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  return (firstFrame < 0 ? lines : lines.slice(0, firstFrame)).join('\n').replace(/^Error: /, '').trim();
}

/** The number before `word` in a runner's closing count (`1 failed, 1 passed, 2 total`), 0 when the count names none. */
export function summaryCount(summary: string, word: string): number {
  return Number(new RegExp(`(\\d+) ${word}`).exec(summary)?.[1] ?? 0);
}
