// The local scope of a paused frame, read from the target and shaped as js-debug's own `scopes`
// and `variables` answers give it (js-debug v1.117, src/adapter/stackTrace.ts and
// variableStore.ts): the scope the tools pick is the first one js-debug marks `locals` (a
// function's, a block's or a catch clause's); its variables are the scope object's own data
// properties plus, for the innermost scope, `this` and the return value, each a primitive shown
// as js-debug's REPL preview shows it, sorted as js-debug sorts them. A value with an object id (an
// object, a function, a symbol...) gets a reference only js-debug can hand out: it is marked
// `expandable`, without a value, and the caller decides whether the DAP path must answer.
// Anything else js-debug would show differently (accessors, a prototype, private or internal
// properties, a `with` scope, a source map's renames) is not answered here (undefined).
import type { VariableInfo } from '../debugBridge';
import type { CdpCallFrame, RemoteObject } from './jsDebugChannel';

export interface LocalScopeRead {
  scopeName: string;
  /** In js-debug's order; `expandable` ones have no value here (js-debug gives them a reference). */
  variables: (VariableInfo & { expandable: boolean })[];
}

interface PropertyDescriptor {
  name: string;
  value?: RemoteObject;
  writable?: boolean;
  get?: RemoteObject;
  set?: RemoteObject;
  enumerable: boolean;
  symbol?: RemoteObject;
}

export interface GetPropertiesResult {
  result: PropertyDescriptor[];
  internalProperties?: { name: string }[];
  privateProperties?: unknown[];
  exceptionDetails?: unknown;
}

/** Reads an object's own properties (CDP `Runtime.getProperties` with `ownProperties`). */
export type PropertyReader = (objectId: string) => Promise<GetPropertiesResult>;

/** js-debug's sort groups (SortOrder): plain properties first, non-enumerable ones after. */
const DEFAULT_ORDER = 0;
const PRIVATE_ORDER = 1;
/** js-debug's REPL preview: strings up to this many characters, quoted, are shown whole. */
const REPL_BUDGET = 100_000;
/** Scope types js-debug presents as `locals`, and how it names them (its English strings). */
const LOCAL_SCOPE_NAMES: Readonly<Record<string, string>> = { local: 'Local', block: 'Block', catch: 'Catch Block' };

/** The tools' local scope of `frame` as js-debug would answer it, or undefined when js-debug's own answer is needed. */
export async function readLocalScope(frame: CdpCallFrame, read: PropertyReader): Promise<LocalScopeRead | undefined> {
  const chain = frame.scopeChain ?? [];
  // the scope pickLocalScope chooses among js-debug's: the first one with the `locals` hint (a `with` scope has it too)
  const index = chain.findIndex((scope) => scope.type in LOCAL_SCOPE_NAMES || scope.type === 'with');
  const scope = chain[index];
  const baseName = scope ? LOCAL_SCOPE_NAMES[scope.type] : undefined;
  if (!scope?.object.objectId || baseName === undefined) return undefined;
  // js-debug also reads the accessors along the object's prototype chain; V8 reports a prototype
  // as the internal property [[Prototype]], which sends the read to js-debug, so without one the
  // own properties are all there is (and a second read sent at once waits behind the first:
  // ~40 ms for the inspector socket's delayed acknowledgement)
  const own = await read(scope.object.objectId);
  if (own.exceptionDetails) return undefined;
  if ((own.privateProperties?.length ?? 0) > 0 || (own.internalProperties ?? []).some((property) => property.name !== '[[StableObjectId]]')) return undefined;
  const entries: { order: number; variable: VariableInfo & { expandable: boolean } }[] = [];
  for (const property of own.result) {
    if (property.symbol || property.get || property.set || !property.value) return undefined;
    const presentationHint: NonNullable<VariableInfo['presentationHint']> = {};
    let order = DEFAULT_ORDER;
    if (!property.enumerable) {
      presentationHint.visibility = 'internal';
      order = PRIVATE_ORDER;
    }
    if (property.writable === false) presentationHint.attributes = ['readOnly'];
    entries.push({ order, variable: { ...shown(property.name, property.value), presentationHint } });
  }
  if (index === 0) {
    const extras: [string, RemoteObject | undefined][] = [['this', frame.this], ['Return value', frame.returnValue]];
    for (const [name, value] of extras) {
      if (value && !entries.some((entry) => entry.variable.name === name)) entries.push({ order: DEFAULT_ORDER, variable: shown(name, value) });
    }
  }
  entries.sort((a, b) => a.order - b.order || +a.variable.name - +b.variable.name || a.variable.name.localeCompare(b.variable.name));
  return { scopeName: scope.name ? `${baseName}: ${scope.name}` : baseName, variables: entries.map((entry) => entry.variable) };
}

/** One variable as js-debug's `variables` answer has it; a value it would give a reference is `expandable`. */
function shown(name: string, object: RemoteObject): VariableInfo & { expandable: boolean } {
  const value = object.objectId === undefined ? replPreview(object) : undefined;
  if (value === undefined) return { name, value: '', type: object.type, variablesReference: 0, evaluateName: name, expandable: true };
  return { name, value, type: object.type, variablesReference: 0, evaluateName: name, expandable: false };
}

/** A primitive as js-debug's REPL preview renders it; undefined for anything it would render otherwise. */
export function replPreview(object: RemoteObject): string | undefined {
  switch (object.type) {
    case 'string': {
      const text = typeof object.value === 'string' ? object.value : '';
      return text.length <= REPL_BUDGET - 2 ? quoted(text).replaceAll('\x1b', '\\x1b') : undefined;
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

/** js-debug's quoting: the first of ' " ` the text does not contain (else '), that quote and backslashes escaped. */
function quoted(text: string): string {
  const quote = !text.includes("'") ? "'" : !text.includes('"') ? '"' : !text.includes('`') ? '`' : "'";
  let body = '';
  for (const char of text) body += char === quote || char === '\\' ? `\\${char}` : char;
  return `${quote}${body}${quote}`;
}
