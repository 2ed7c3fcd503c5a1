import { z } from 'zod';

type AnyZodType = z.core.$ZodType;

export interface QueryInputProblem {
  field: string;
  message: string;
}

export type QueryInputs =
  | { ok: true; inputs: Record<string, unknown> }
  | { ok: false; problem: QueryInputProblem };

/** Wrappers that do not change what a value looks like on the wire. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);
const TEXT_KINDS = new Set(['string', 'enum', 'template_literal']);
const JSON_KINDS = new Set(['object', 'array', 'record', 'tuple', 'map', 'set']);
const SCALAR_KINDS = new Set(['number', 'int', 'bigint', 'boolean', 'null']);

/**
 * Turns `?name=value` pairs into tool inputs, reading each field's zod type: text fields keep
 * the text, numbers and booleans are parsed, objects and arrays are JSON. Fields the schema
 * does not know stay text so the schema check names them; a repeated name fills an array field.
 */
export function inputsFromQuery(shape: z.ZodRawShape, query: URLSearchParams): QueryInputs {
  // entries, not assignment, so a `__proto__` name stays a plain (and rejected) field
  const entries: [string, unknown][] = [];
  for (const name of new Set(query.keys())) {
    const values = query.getAll(name);
    const schema = Object.prototype.hasOwnProperty.call(shape, name) ? shape[name] : undefined;
    if (!schema) {
      entries.push([name, values.length === 1 ? values[0] : values]);
      continue;
    }
    const kind = baseKind(schema);
    if (values.length > 1) {
      if (kind.type !== 'array') {
        return { ok: false, problem: { field: name, message: `given ${values.length} times; it takes one value` } };
      }
      const items: unknown[] = [];
      for (const value of values) {
        const item = kind.element ? convert(name, kind.element, value) : { ok: true as const, value };
        if (!item.ok) return item;
        items.push(item.value);
      }
      entries.push([name, items]);
      continue;
    }
    const converted = convert(name, schema, values[0]);
    if (!converted.ok) return converted;
    entries.push([name, converted.value]);
  }
  return { ok: true, inputs: Object.fromEntries(entries) };
}

type Converted = { ok: true; value: unknown } | { ok: false; problem: QueryInputProblem };

function convert(field: string, schema: AnyZodType, text: string): Converted {
  const { type, literal } = baseKind(schema);
  if (TEXT_KINDS.has(type) || (type === 'literal' && typeof literal === 'string')) return { ok: true, value: text };
  if (type === 'boolean') {
    const lowered = text.trim().toLowerCase();
    if (lowered === 'true' || lowered === '1') return { ok: true, value: true };
    if (lowered === 'false' || lowered === '0') return { ok: true, value: false };
    return { ok: false, problem: { field, message: `expected true or false, got "${preview(text)}"` } };
  }
  if (type === 'number' || type === 'int' || (type === 'literal' && typeof literal === 'number')) {
    const value = text.trim() === '' ? Number.NaN : Number(text);
    if (Number.isNaN(value)) return { ok: false, problem: { field, message: `expected a number, got "${preview(text)}"` } };
    return { ok: true, value };
  }
  if (JSON_KINDS.has(type) || SCALAR_KINDS.has(type) || type === 'literal') {
    const parsed = parseJson(text);
    if (!parsed.ok) {
      return { ok: false, problem: { field, message: `expected JSON (${describeKind(type)}) in the query value, but it does not parse: ${parsed.error}` } };
    }
    return { ok: true, value: parsed.value };
  }
  // unions, unknown and the like: the text itself when the schema takes it, else its JSON reading
  if (z.safeParse(schema, text).success) return { ok: true, value: text };
  const parsed = parseJson(text);
  return { ok: true, value: parsed.ok ? parsed.value : text };
}

interface BaseKind {
  type: string;
  literal?: unknown;
  element?: AnyZodType;
}

/** The zod type under optional/default/nullable/pipe wrappers, as zod 4 names it (`def.type`). */
export function baseKind(schema: AnyZodType): BaseKind {
  let current: AnyZodType = schema;
  for (let depth = 0; depth < 32; depth++) {
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if (WRAPPERS.has(def.type) && isZodType(def.innerType)) {
      current = def.innerType;
      continue;
    }
    if (def.type === 'lazy' && typeof def.getter === 'function') {
      current = (def.getter as () => AnyZodType)();
      continue;
    }
    if (def.type === 'pipe' && isZodType(def.in)) {
      current = def.in;
      continue;
    }
    if (def.type === 'literal' && Array.isArray(def.values)) return { type: 'literal', literal: def.values[0] };
    if (def.type === 'array' && isZodType(def.element)) return { type: 'array', element: def.element };
    return { type: def.type };
  }
  return { type: 'unknown' };
}

function isZodType(value: unknown): value is AnyZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function describeKind(type: string): string {
  return JSON_KINDS.has(type) ? `an ${type === 'array' || type === 'tuple' || type === 'set' ? 'array' : 'object'}, e.g. ${type === 'array' || type === 'tuple' || type === 'set' ? '[1,2]' : '{"key":"value"}'}` : type;
}

function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
