// Recognises file locations inside recorded JSON so the panel can turn each into a link:
// DAP shapes (`{ source: { path }, line }` in stack frames, breakpoints and stop locations,
// `{ source: { path }, breakpoints: [{ line }] }` in setBreakpoints arguments) and the plain
// `{ path | file, line }` shapes tools answer with.
import { isRecord } from '../common/isRecord';
import type { SourceLocation } from './protocol';

/** The location an object stands for, if it is one. */
export function locationOf(value: unknown): SourceLocation | undefined {
  if (!isRecord(value)) return undefined;
  const line = value.line;
  if (typeof line !== 'number' || !Number.isFinite(line) || line < 0) return undefined;
  const path = pathOf(value.source) ?? stringField(value, 'path') ?? stringField(value, 'file') ?? stringField(value, 'uri');
  if (!path) return undefined;
  const column = typeof value.column === 'number' ? value.column : undefined;
  return column === undefined ? { path, line } : { path, line, column };
}

/** For `setBreakpoints`-like arguments: each requested line of the source. */
export function breakpointLocations(value: unknown): SourceLocation[] {
  if (!isRecord(value)) return [];
  const path = pathOf(value.source);
  if (!path || !Array.isArray(value.breakpoints)) return [];
  return value.breakpoints
    .map((breakpoint) => (isRecord(breakpoint) && typeof breakpoint.line === 'number' ? { path, line: breakpoint.line } : undefined))
    .filter((location): location is SourceLocation => location !== undefined);
}

/** Every location anywhere in a JSON value (bounded depth and count), for summaries. */
export function findLocations(value: unknown, limit = 50): SourceLocation[] {
  const found: SourceLocation[] = [];
  const seen = new Set<string>();
  const walk = (current: unknown, depth: number): void => {
    if (found.length >= limit || depth > 12 || current === null || typeof current !== 'object') return;
    const candidates = [locationOf(current), ...breakpointLocations(current)];
    for (const location of candidates) {
      if (!location) continue;
      const key = `${location.path}:${location.line}`;
      if (!seen.has(key)) {
        seen.add(key);
        found.push(location);
      }
    }
    for (const child of Array.isArray(current) ? current : Object.values(current)) walk(child, depth + 1);
  };
  walk(value, 0);
  return found.slice(0, limit);
}

export function formatLocation(location: SourceLocation): string {
  const base = location.path.split(/[\\/]/).pop() || location.path;
  return `${base}:${location.line}`;
}

function pathOf(source: unknown): string | undefined {
  if (!isRecord(source)) return undefined;
  return stringField(source, 'path');
}

function stringField(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
