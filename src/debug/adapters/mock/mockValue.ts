// Values of the mock language: JSON-like, so they display and compare without surprises.

export type MockValue = number | string | boolean | null | MockValue[] | MockObject;
export interface MockObject {
  [key: string]: MockValue;
}

export function isMockObject(value: MockValue): value is MockObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStructured(value: MockValue): value is MockValue[] | MockObject {
  return typeof value === 'object' && value !== null;
}

export function typeName(value: MockValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const PREVIEW_ITEMS = 5;

/** How the debugger shows a value: strings quoted, collections as a short preview. */
export function formatValue(value: MockValue, depth = 0): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (depth > 0) return Array.isArray(value) ? `array(${value.length})` : '{…}';
  if (Array.isArray(value)) {
    const shown = value.slice(0, PREVIEW_ITEMS).map((item) => formatValue(item, depth + 1));
    return `array(${value.length}) [${shown.join(', ')}${value.length > PREVIEW_ITEMS ? ', …' : ''}]`;
  }
  const entries = Object.entries(value);
  const shown = entries.slice(0, PREVIEW_ITEMS).map(([key, item]) => `${key}: ${formatValue(item, depth + 1)}`);
  return `{${shown.join(', ')}${entries.length > PREVIEW_ITEMS ? ', …' : ''}}`;
}

/** What `print` and `str()` write: strings raw, collections in full (`[1, "a"]`, `{k: 1}`). */
export function printValue(value: MockValue, nested = false): string {
  if (typeof value === 'string') return nested ? JSON.stringify(value) : value;
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map((item) => printValue(item, true)).join(', ')}]`;
  return `{${Object.entries(value).map(([key, item]) => `${key}: ${printValue(item, true)}`).join(', ')}}`;
}

export function isTruthy(value: MockValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

export function valuesEqual(left: MockValue, right: MockValue): boolean {
  if (isStructured(left) || isStructured(right)) return JSON.stringify(left) === JSON.stringify(right);
  return left === right;
}
