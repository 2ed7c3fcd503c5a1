// Everything recorded passes through here: secrets are masked and bodies are size-capped,
// so no token or credential reaches a trace, a log line or an export.
import { MASKED_VALUE } from '../shared/replay';
import type { Span } from '../shared/trace';

const SECRET_KEY = /(token|secret|password|passwd|api[-_]?key|^key$|[-_]key$|authorization|cookie|credential)/i;
/** The panel's Replay looks for it to ask for what was masked. */
export const REDACTED = MASKED_VALUE;
export const DEFAULT_BODY_CAP_BYTES = 32 * 1024;

export function isSecretName(name: string): boolean {
  return SECRET_KEY.test(name);
}

/** Deep copy with secret-named fields masked; `knownSecrets` are masked wherever they appear in strings. */
export function redact(value: unknown, knownSecrets: readonly string[] = []): unknown {
  const secrets = knownSecrets.filter((secret) => secret.length >= 8);
  const walk = (current: unknown, depth: number): unknown => {
    if (typeof current === 'string') return maskKnown(current, secrets);
    if (current === null || typeof current !== 'object') return current;
    if (depth > 64) return '[too deep]';
    if (Array.isArray(current)) return current.map((item) => walk(item, depth + 1));
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(current)) {
      result[key] = isSecretName(key) && item !== undefined && item !== null && typeof item !== 'boolean' && typeof item !== 'number'
        ? REDACTED
        : walk(item, depth + 1);
    }
    return result;
  };
  return walk(value, 0);
}

function maskKnown(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  return result;
}

/**
 * A tool call's trace as it is recorded: secrets masked throughout and the root's inputs and
 * outputs capped as bodies are. The tool runner leaves both as the call had them, so this runs
 * where the trace is recorded, after the answer, not before it.
 */
export function recordedSpan(trace: Span, knownSecrets: readonly string[] = []): Span {
  const copy = redact(trace, knownSecrets) as Span;
  if (copy.inputs !== undefined) copy.inputs = capBody(copy.inputs);
  if (copy.outputs !== undefined) copy.outputs = capBody(copy.outputs);
  return copy;
}

/**
 * Keeps a JSON body whole when it is small and replaces it with a truncated preview otherwise,
 * so one recorded call can never hold megabytes.
 */
export function capBody(value: unknown, maxBytes = DEFAULT_BODY_CAP_BYTES): unknown {
  if (value === undefined) return undefined;
  const text = safeStringify(value);
  if (text.length <= maxBytes) return value;
  return { truncated: true, originalBytes: text.length, preview: text.slice(0, maxBytes) };
}

export function jsonSize(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(safeStringify(value));
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}
