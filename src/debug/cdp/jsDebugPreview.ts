// How js-debug v1.117 shows a value among the variables of a scope, ported from its source
// (src/adapter/objectPreview/index.ts, the REPL preview context its `variables` answer uses for a
// scope's children, and src/adapter/variableStore.ts, createVariableByType and each kind's toDap):
// the value string rendered from the RemoteObject and the preview V8 gives with it, the type, and
// whether js-debug gives the value children (a reference), with its indexed/named counts. Only the
// kinds below are answered; any other (a DOM node, a proxy, buffers, a WebAssembly value...) is
// left to js-debug (undefined).
import type { RemoteObject } from './jsDebugChannel';

/** V8's `Runtime.PropertyPreview`. */
export interface PropertyPreview {
  name: string;
  type: string;
  subtype?: string;
  value?: string;
}

/** V8's `Runtime.ObjectPreview` (a Map's or a Set's entries are previews too, primitives included). */
export interface ObjectPreview {
  type: string;
  subtype?: string;
  description?: string;
  overflow?: boolean;
  properties?: PropertyPreview[];
  entries?: { key?: ObjectPreview; value: ObjectPreview }[];
  /** An entry's primitive value, when V8 gives one. */
  value?: unknown;
  unserializableValue?: string;
}

/** A RemoteObject read with `generatePreview` (a scope's properties): objects carry their preview. */
export type PreviewedObject = RemoteObject & { preview?: ObjectPreview };

/** A scope variable's value as js-debug's `variables` answer gives it. */
export interface ShownValue {
  value: string;
  type: string;
  /** js-debug gives the value a variablesReference (its children can be listed). */
  hasChildren: boolean;
  indexedVariables?: number;
  namedVariables?: number;
}

/** js-debug's REPL preview context: strings up to this many characters, quoted, are shown whole. */
const REPL_BUDGET = 100_000;
const MAX_ARROW_FUNCTION_LENGTH = 30;
const MAX_PROPERTY_PREVIEW_LENGTH = 100;
const MAX_ENTRY_PREVIEW_LENGTH = 20;
/** js-debug counts the children of arrays, maps and sets longer than this (indexedVariables). */
const COUNTED_LENGTH = 100;
const ELLIPSIS = '\u2026';
/** Object subtypes js-debug renders without a preview, as plain variables without children. */
const SUBTYPES_WITHOUT_PREVIEW: ReadonlySet<string | undefined> = new Set(['null', 'regexp', 'date']);
/** Object subtypes js-debug shows by their preview alone (ArrayVariable, SetOrMapVariable, NodeVariable, plain Variable). */
const WITHOUT_CUSTOM_TEXT: ReadonlySet<string | undefined> = new Set(['array', 'typedarray', 'map', 'set', 'node', ...SUBTYPES_WITHOUT_PREVIEW]);
/**
 * Object subtypes answered here: plain objects and class instances (no subtype), arrays, typed
 * arrays, maps, sets, errors, promises, weak collections, generators, iterators, dates, regexps.
 */
const ANSWERED_SUBTYPES: ReadonlySet<string | undefined> = new Set([
  undefined, 'null', 'array', 'typedarray', 'map', 'set', 'weakmap', 'weakset', 'error', 'promise', 'generator', 'iterator', 'regexp', 'date',
]);

/**
 * The value of a scope variable `name` as js-debug shows it; `customText` is what its
 * getStringyProps found for the name (a custom toString or description symbol), which only plain
 * objects show. Undefined for a kind js-debug shows in a way not ported here.
 */
export function shownValue(name: string, object: PreviewedObject, customText: string | undefined): ShownValue | undefined {
  if (object.type === 'object' ? !ANSWERED_SUBTYPES.has(object.subtype) : object.objectId !== undefined && object.type !== 'function' && object.type !== 'symbol') return undefined;
  if (object.type === 'object' && (object.subtype === 'array' || object.subtype === 'typedarray')) {
    // ArrayVariable: no custom text; the length read from the description
    const length = Number(/\(([0-9]+)\)/.exec(String(object.description))?.[1] ?? 0);
    return { ...objectShape(object, previewRemoteObject(object)), ...(length > COUNTED_LENGTH ? { indexedVariables: length, namedVariables: 1 } : {}) };
  }
  if (object.objectId !== undefined && object.type === 'function') return objectShape(object, previewRemoteObject(object));
  if (object.objectId !== undefined && (object.subtype === 'map' || object.subtype === 'set')) {
    // SetOrMapVariable: no custom text; the size read from the preview
    const size = Number(object.preview?.properties?.find((property) => property.name === 'size')?.value);
    return { ...objectShape(object, previewRemoteObject(object)), ...(size > COUNTED_LENGTH ? { indexedVariables: size } : {}) };
  }
  if (object.objectId !== undefined && !SUBTYPES_WITHOUT_PREVIEW.has(object.subtype)) {
    // ObjectVariable (a symbol too: it has an object id): getStringyProps' text first (js-debug
    // localizes text it marks indescribable: not ported)
    if (customText?.startsWith('<<indescribable>>')) return undefined;
    const value = customText ?? ((name === '__proto__' && object.description) || previewRemoteObject(object));
    return objectShape(object, value);
  }
  // a plain Variable: primitives, null, dates, regexps
  const value = object.objectId === undefined ? replPreview(object) : previewRemoteObject(object);
  return value === undefined ? undefined : { value, type: object.type, hasChildren: false };
}

/** Whether js-debug shows a scope variable holding `object` by its getStringyProps text, when there is one (a plain object's ObjectVariable). */
export function usesCustomText(object: RemoteObject): boolean {
  return object.type === 'object' && object.objectId !== undefined && !WITHOUT_CUSTOM_TEXT.has(object.subtype);
}

function objectShape(object: PreviewedObject, value: string): ShownValue {
  return { value, type: object.className || object.subtype || object.type, hasChildren: true };
}

/** A primitive as js-debug's REPL preview renders it; undefined for anything it would render otherwise. */
export function replPreview(object: RemoteObject): string | undefined {
  switch (object.type) {
    case 'string': {
      const text = typeof object.value === 'string' ? object.value : '';
      return text.length <= REPL_BUDGET - 2 ? escapeAnsi(quoteString(text)) : undefined;
    }
    case 'undefined':
      return 'undefined';
    case 'number':
      return object.unserializableValue ?? (typeof object.value === 'number' ? String(object.value) : undefined);
    case 'bigint':
      return object.unserializableValue ?? object.description;
    case 'boolean':
      return object.description ?? (typeof object.value === 'boolean' ? String(object.value) : undefined);
    case 'object':
      return object.subtype === 'null' ? 'null' : undefined;
    default:
      return undefined;
  }
}

/** js-debug's previewRemoteObject in the REPL context (no post-processing there). */
export function previewRemoteObject(object: PreviewedObject): string {
  if (object.type === 'function') return object.description ? formatFunctionDescription(object.description, REPL_BUDGET) : '<function>';
  if (object.preview) return renderPreview(object.preview, REPL_BUDGET);
  return renderValue(object);
}

/** js-debug's renderValue for an object without a preview (as V8 gives `this` and the return value of a pause). */
function renderValue(object: RemoteObject): string {
  if (object.type === 'string') return escapeAnsi(quoteString(trimMiddle(String(object.value || object.description || ''), REPL_BUDGET - 2)));
  if (object.type === 'undefined') return 'undefined';
  if (object.subtype === 'null') return 'null';
  if (object.type === 'number' || object.type === 'bigint') return formatAsNumber(object);
  if (object.description) return trimEnd(object.description, REPL_BUDGET);
  return trimEnd(String('value' in object ? object.value : object.description), REPL_BUDGET);
}

function renderPreview(preview: ObjectPreview, budget: number): string {
  if (preview.subtype === 'array' || preview.subtype === 'typedarray') return renderArrayPreview(preview, budget);
  if (preview.subtype === 'internal#entry') return trimEnd(preview.description || '', budget);
  if (preview.type === 'function') return formatFunctionDescription(preview.description ?? '', budget);
  if (preview.type === 'object' && !SUBTYPES_WITHOUT_PREVIEW.has(preview.subtype)) return renderObjectPreview(preview, budget);
  return renderPrimitivePreview(preview, budget);
}

function renderArrayPreview(preview: ObjectPreview, budget: number): string {
  const builder = new BudgetStringBuilder(budget);
  let description = preview.description ?? '';
  const match = /[^(]*\(([\d]+)\)/.exec(description);
  if (!match) return description;
  const arrayLength = parseInt(match[1] ?? '0', 10);
  if (description.startsWith('Array(')) description = description.substring('Array'.length);
  builder.append(trimEnd(description, builder.budget()));
  builder.append(' ');
  const items = new BudgetStringBuilder(builder.budget() - 2, ', ');
  const properties = preview.properties ?? [];
  let lastIndex = -1;
  for (const property of properties) {
    if (!items.checkBudget()) break;
    if (isNaN(property.name as unknown as number)) continue;
    const index = parseInt(property.name, 10);
    if (index > lastIndex + 1) items.appendEllipsis();
    lastIndex = index;
    items.append(renderPropertyPreview(property, items.budget()));
  }
  if (arrayLength > lastIndex + 1) items.appendEllipsis();
  for (const property of properties) {
    if (!items.checkBudget()) break;
    if (!isNaN(property.name as unknown as number)) continue;
    items.append(renderPropertyPreview(property, items.budget(), property.name));
  }
  if (preview.overflow) items.appendEllipsis();
  builder.append(`[${items.build()}]`);
  return builder.build();
}

function renderObjectPreview(preview: ObjectPreview, budget: number): string {
  const builder = new BudgetStringBuilder(budget, ' ');
  if (preview.description !== 'Object' && preview.description != null) builder.append(trimEnd(preview.description, builder.budget()));
  const properties = preview.properties ?? [];
  const byName = new Map(properties.map((property) => [property.name, property]));
  // boxed primitives, promises, generators
  const primitiveValue = byName.get('[[PrimitiveValue]]');
  if (primitiveValue) {
    builder.append(`(${renderPropertyPreview(primitiveValue, builder.budget() - 2)})`);
    return builder.build();
  }
  const promiseStatus = byName.get('[[PromiseStatus]]');
  const promiseValue = byName.get('[[PromiseValue]]');
  if (promiseStatus && promiseValue) {
    if (promiseStatus.value === 'pending') builder.append(`{<${promiseStatus.value}>}`);
    else builder.append(`{${renderPropertyPreview(promiseValue, builder.budget() - 2, `<${promiseStatus.value}>`)}}`);
    return builder.build();
  }
  const generatorStatus = byName.get('[[GeneratorStatus]]');
  if (generatorStatus) {
    builder.append(`{<${generatorStatus.value}>}`);
    return builder.build();
  }
  const items = new BudgetStringBuilder(builder.budget() - 2, ', ');
  for (const property of properties) {
    if (!items.checkBudget()) break;
    items.append(renderPropertyPreview(property, items.budget(), property.name));
  }
  for (const entry of preview.entries ?? []) {
    if (!items.checkBudget()) break;
    if (entry.key) {
      const key = renderPreview(entry.key, Math.min(MAX_ENTRY_PREVIEW_LENGTH, items.budget()));
      const value = renderPreview(entry.value, Math.min(MAX_ENTRY_PREVIEW_LENGTH, items.budget() - key.length - 4));
      items.append(appendKeyValue(key, ' => ', value, items.budget()));
    } else {
      items.append(renderPreview(entry.value, Math.min(MAX_ENTRY_PREVIEW_LENGTH, items.budget())));
    }
  }
  if (preview.overflow) items.appendEllipsis();
  const text = items.build();
  if (text) builder.append(`{${text}}`);
  else if (builder.isEmpty()) builder.append('{}');
  return builder.build();
}

function renderPrimitivePreview(preview: ObjectPreview, budget: number): string {
  if (preview.type === 'object' && preview.subtype === 'null') return valueOrEllipsis('null', budget);
  if (preview.type === 'undefined') return valueOrEllipsis('undefined', budget);
  if (preview.type === 'string') return trimMiddle(String(preview.description ?? preview.value), budget);
  if (preview.type === 'number' || preview.type === 'bigint') return formatAsNumber(preview);
  return truncateValue(preview.description || '', budget);
}

function renderPropertyPreview(property: PropertyPreview, characterBudget: number, name?: string): string {
  const budget = Math.min(characterBudget, MAX_PROPERTY_PREVIEW_LENGTH);
  if (property.type === 'function') return appendKeyValue(name, ': ', 'ƒ', budget);
  if (property.type === 'object' && property.value === 'Object') return appendKeyValue(name, ': ', `{${ELLIPSIS}}`, budget);
  if (property.value === undefined) return appendKeyValue(name, ': ', `<${property.type}>`, budget);
  if (property.type === 'string') return appendKeyValue(name, ': ', quoteString(property.value), budget);
  return appendKeyValue(name, ': ', property.value, budget);
}

function appendKeyValue(key: string | undefined, separator: string, value: string, budget: number): string {
  if (key === undefined) return trimMiddle(value, budget);
  if (key.length + separator.length > budget) return trimEnd(key, budget);
  return escapeAnsi(`${key}${separator}${trimMiddle(value, budget - key.length - separator.length)}`);
}

/** js-debug's formatAsNumber (not rounded, no hex format). */
function formatAsNumber(object: { type: string; value?: unknown; unserializableValue?: string; description?: string }): string {
  if (object.type === 'bigint') return object.unserializableValue || String(object.description);
  if ('unserializableValue' in object && object.unserializableValue !== undefined) return object.unserializableValue;
  return String(object.value !== undefined ? object.value : +String(object.description));
}

/** js-debug's short form of a function's source text (`ƒ name(args)`, `class Name`, `(a) => {…}`...). */
function formatFunctionDescription(description: string, budget: number): string {
  const builder = new BudgetStringBuilder(budget);
  const text = description.replace(/^function [gs]et /, 'function ').replace(/^function [gs]et\(/, 'function(').replace(/^[gs]et /, '');
  const asyncMatch = /^(async\s+function)/.exec(text);
  const isGenerator = text.startsWith('function*');
  const isGeneratorShorthand = text.startsWith('*');
  const isBasic = !isGenerator && text.startsWith('function');
  const isClass = text.startsWith('class ') || text.startsWith('class{');
  const firstArrowIndex = text.indexOf('=>');
  const isArrow = !asyncMatch && !isGenerator && !isBasic && !isClass && firstArrowIndex > 0;
  if (isClass) {
    const afterPrefix = text.substring('class'.length);
    addToken('class', afterPrefix, /^[^{\s]+/.exec(afterPrefix.trim())?.[0].trim() || '');
  } else if (asyncMatch) {
    const afterPrefix = text.substring((asyncMatch[1] ?? '').length);
    addToken('async ƒ', afterPrefix, nameAndArguments(afterPrefix));
  } else if (isGenerator) {
    const afterPrefix = text.substring('function*'.length);
    addToken('ƒ*', afterPrefix, nameAndArguments(afterPrefix));
  } else if (isGeneratorShorthand) {
    const afterPrefix = text.substring('*'.length);
    addToken('ƒ*', afterPrefix, nameAndArguments(afterPrefix));
  } else if (isBasic) {
    const afterPrefix = text.substring('function'.length);
    addToken('ƒ', afterPrefix, nameAndArguments(afterPrefix));
  } else if (isArrow) {
    addToken('', text, text.length > MAX_ARROW_FUNCTION_LENGTH ? `${text.substring(0, firstArrowIndex + 2)} {${ELLIPSIS}}` : text);
  } else {
    addToken('ƒ', text, nameAndArguments(text));
  }
  return builder.build();

  function nameAndArguments(contents: string): string {
    const startOfArguments = contents.indexOf('(');
    const endOfArguments = /\)\s*{/.exec(contents);
    const endIndex = endOfArguments?.index || 0;
    if (startOfArguments !== -1 && endOfArguments && endIndex > startOfArguments) {
      return (contents.substring(0, startOfArguments).trim() || '') + contents.substring(startOfArguments, endIndex + 1);
    }
    return '()';
  }

  function addToken(prefix: string, body: string, abbreviation: string): void {
    if (!builder.checkBudget()) return;
    if (prefix.length) builder.append(`${prefix} `);
    let trimmed = body.trim();
    if (trimmed.endsWith(' { [native code] }')) trimmed = trimmed.substring(0, trimmed.length - ' { [native code] }'.length);
    if (builder.budget() >= trimmed.length) builder.append(trimmed);
    else builder.append(abbreviation.replace(/\n/g, ' '));
  }
}

/** js-debug's quoting: the first of ' " ` the text does not contain (else '), that quote and backslashes escaped. */
function quoteString(text: string): string {
  const quote = !text.includes("'") ? "'" : !text.includes('"') ? '"' : !text.includes('`') ? '`' : "'";
  let body = '';
  for (const char of text) body += char === quote || char === '\\' ? `\\${char}` : char;
  return `${quote}${body}${quote}`;
}

function escapeAnsi(text: string): string {
  return text.replaceAll('\x1b', '\\x1b');
}

function valueOrEllipsis(value: string, budget: number): string {
  return value.length <= budget ? value : ELLIPSIS;
}

function truncateValue(value: string, budget: number): string {
  return value.length >= budget ? `${value.slice(0, budget - 1)}${ELLIPSIS}` : value;
}

function trimEnd(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.substring(0, maxLength - 1)}${ELLIPSIS}`;
}

function trimMiddle(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let leftHalf = maxLength >> 1;
  let rightHalf = maxLength - leftHalf - 1;
  const rightPoint = text.codePointAt(text.length - rightHalf - 1);
  if (rightPoint && rightPoint >= 0x10000) {
    --rightHalf;
    ++leftHalf;
  }
  const leftPoint = text.codePointAt(leftHalf - 1);
  if (leftHalf > 0 && leftPoint && leftPoint >= 0x10000) --leftHalf;
  return `${text.substring(0, leftHalf)}${ELLIPSIS}${text.substring(text.length - rightHalf)}`;
}

/** js-debug's BudgetStringBuilder: tokens joined by a separator until the budget runs out, then one ellipsis. */
class BudgetStringBuilder {
  private readonly tokens: string[] = [];
  private remaining: number;

  constructor(budget: number, private readonly separator = '') {
    this.remaining = budget - 1 - separator.length;
  }

  append(text: string): void {
    if (text.length > this.budget()) {
      this.appendEllipsis();
      return;
    }
    this.push(text);
  }

  appendEllipsis(): void {
    if (this.tokens[this.tokens.length - 1] !== ELLIPSIS) this.push(ELLIPSIS);
  }

  checkBudget(): boolean {
    if (this.remaining <= 0) this.appendEllipsis();
    return this.remaining > 0;
  }

  budget(): number {
    return this.remaining - (this.tokens.length ? this.separator.length : 0);
  }

  build(): string {
    return this.tokens.join(this.separator);
  }

  isEmpty(): boolean {
    return this.tokens.length === 0;
  }

  private push(text: string): void {
    if (this.tokens.length) this.remaining -= this.separator.length;
    this.tokens.push(text);
    this.remaining -= text.length;
  }
}
