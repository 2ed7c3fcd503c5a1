// A structural diff of two JSON values: what a replayed call answers against what was recorded.
// Pure, so the webview draws it (and flips the volatile toggle) without asking the host.

export type JsonChangeKind = 'added' | 'removed' | 'changed';

export interface JsonChange {
  kind: JsonChangeKind;
  /** Where, as `a.b[2].c`; an array item matched by its `name` shows as `[name]` in quotes: `variables["x"]`. */
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface JsonDiff {
  changes: JsonChange[];
  /** Changes left out because they only touched ids or times (when those are ignored). */
  ignored: number;
}

export interface JsonDiffOptions {
  /** Leave out changes of ids, references and times, which differ from one run to the next. */
  ignoreVolatile?: boolean;
}

/**
 * Keys whose values name one run rather than describe the answer: ids (`id`, `threadId`,
 * `request_id`), DAP references (`variablesReference`, new numbers each stop) and times
 * (`timestamp`, `startedAt`, `duration_ms`, `latencyMs`).
 */
const VOLATILE_KEY = /^(id|ids|uuid|timestamp|time|date|duration|duration_ms)$|(Id|Ids|_id|Uuid|Reference|At|Time|Timestamp|Ms|_ms)$/;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/;

export function isVolatileKey(key: string): boolean {
  return VOLATILE_KEY.test(key);
}

export function diffJson(before: unknown, after: unknown, options: JsonDiffOptions = {}): JsonDiff {
  const diff: JsonDiff = { changes: [], ignored: 0 };
  walk(before, after, '', undefined, options.ignoreVolatile === true, diff);
  return diff;
}

function walk(before: unknown, after: unknown, path: string, key: string | undefined, ignoreVolatile: boolean, diff: JsonDiff): void {
  if (Object.is(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const name of unionKeys(before, after)) {
      const childPath = objectPath(path, name);
      if (!Object.hasOwn(after, name)) record(diff, { kind: 'removed', path: childPath, before: before[name] }, name, ignoreVolatile);
      else if (!Object.hasOwn(before, name)) record(diff, { kind: 'added', path: childPath, after: after[name] }, name, ignoreVolatile);
      else walk(before[name], after[name], childPath, name, ignoreVolatile, diff);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const named = namesOf(before) && namesOf(after);
    if (named) walkNamed(before as Array<{ name: string }>, after as Array<{ name: string }>, path, ignoreVolatile, diff);
    else walkIndexed(before, after, path, key, ignoreVolatile, diff);
    return;
  }
  if (typeof before === 'string' && typeof after === 'string' && ISO_TIME.test(before) && ISO_TIME.test(after)) {
    record(diff, { kind: 'changed', path, before, after }, 'time', ignoreVolatile);
    return;
  }
  record(diff, { kind: 'changed', path, before, after }, key, ignoreVolatile);
}

function walkIndexed(before: unknown[], after: unknown[], path: string, key: string | undefined, ignoreVolatile: boolean, diff: JsonDiff): void {
  const shared = Math.min(before.length, after.length);
  for (let index = 0; index < shared; index++) walk(before[index], after[index], `${path}[${index}]`, key, ignoreVolatile, diff);
  for (let index = shared; index < before.length; index++) record(diff, { kind: 'removed', path: `${path}[${index}]`, before: before[index] }, key, ignoreVolatile);
  for (let index = shared; index < after.length; index++) record(diff, { kind: 'added', path: `${path}[${index}]`, after: after[index] }, key, ignoreVolatile);
}

/** Lists of named things (variables, scopes, tools) are matched by name, so one new entry is one change. */
function walkNamed(before: Array<{ name: string }>, after: Array<{ name: string }>, path: string, ignoreVolatile: boolean, diff: JsonDiff): void {
  const afterByName = new Map(after.map((item) => [item.name, item]));
  const beforeNames = new Set(before.map((item) => item.name));
  for (const item of before) {
    const itemPath = `${path}[${JSON.stringify(item.name)}]`;
    const counterpart = afterByName.get(item.name);
    if (counterpart === undefined) record(diff, { kind: 'removed', path: itemPath, before: item }, undefined, ignoreVolatile);
    else walk(item, counterpart, itemPath, undefined, ignoreVolatile, diff);
  }
  for (const item of after) {
    if (!beforeNames.has(item.name)) record(diff, { kind: 'added', path: `${path}[${JSON.stringify(item.name)}]`, after: item }, undefined, ignoreVolatile);
  }
}

function record(diff: JsonDiff, change: JsonChange, key: string | undefined, ignoreVolatile: boolean): void {
  if (ignoreVolatile && key !== undefined && (key === 'time' || isVolatileKey(key))) diff.ignored++;
  else diff.changes.push(change);
}

/** Every item an object with a string `name`, no name twice: matching by name is then sound. */
function namesOf(items: unknown[]): boolean {
  if (items.length === 0) return false;
  const names = new Set<string>();
  for (const item of items) {
    if (!isPlainObject(item) || typeof item.name !== 'string' || names.has(item.name)) return false;
    names.add(item.name);
  }
  return true;
}

function unionKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = Object.keys(before);
  for (const key of Object.keys(after)) if (!Object.hasOwn(before, key)) keys.push(key);
  return keys;
}

function objectPath(path: string, key: string): string {
  const plain = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  if (path === '') return plain === key ? key : `[${plain}]`;
  return plain === key ? `${path}.${key}` : `${path}[${plain}]`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The same value with object keys sorted, as text: equal for equal JSON whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'undefined';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}
