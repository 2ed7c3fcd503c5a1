// The local scope of a paused frame, read from the target and shaped as js-debug's own `scopes`
// and `variables` answers give it (js-debug v1.117, src/adapter/stackTrace.ts and
// variableStore.ts): the scope the tools pick is the first one js-debug marks `locals` (a
// function's, a block's or a catch clause's); its variables are the scope object's own data
// properties plus, for the innermost scope, `this` and the return value, each shown as
// jsDebugPreview.ts renders it, sorted as js-debug sorts them. A plain object's value may be a
// custom text (its own toString, a description symbol), which js-debug's getStringyProps finds by
// running code in the target: that same code is run here, only when the scope holds such an
// object. A value js-debug gives children gets a reference from the caller (`hasChildren`). A
// value of a kind not ported is `known: false`, without a value: the caller decides whether the
// DAP path must answer. Anything else js-debug would show differently (accessors, a prototype,
// private or internal properties, a `with` scope, a source map's renames) is not answered here
// (undefined).
import type { VariableInfo } from '../debugBridge';
import type { CdpCallFrame, RemoteObject } from './jsDebugChannel';
import { shownValue, usesCustomText, type PreviewedObject } from './jsDebugPreview';

export { replPreview } from './jsDebugPreview';

/** A variable of the scope as js-debug's `variables` answer has it, but for its reference. */
export interface LocalVariable extends VariableInfo {
  /** Shown as js-debug shows it; false: only js-debug can say (no value here). */
  known: boolean;
  /** js-debug gives it children: the caller hands out a reference for it (0 here). */
  hasChildren: boolean;
}

export interface LocalScopeRead {
  scopeName: string;
  /** In js-debug's order. */
  variables: LocalVariable[];
}

interface PropertyDescriptor {
  name: string;
  value?: PreviewedObject;
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

/** Reads an object's own properties (CDP `Runtime.getProperties` with `ownProperties` and `generatePreview`, as js-debug reads a scope). */
export type PropertyReader = (objectId: string) => Promise<GetPropertiesResult>;

/**
 * What js-debug's getStringyProps finds on the object: a custom text by property name (none for
 * most); undefined when it could not be told (the code failed or stopped at a side effect).
 */
export type CustomTextReader = (objectId: string) => Promise<Readonly<Record<string, string>> | undefined>;

/** js-debug's sort groups (SortOrder): plain properties first, non-enumerable ones after. */
const DEFAULT_ORDER = 0;
const PRIVATE_ORDER = 1;
/** Scope types js-debug presents as `locals`, and how it names them (its English strings). */
const LOCAL_SCOPE_NAMES: Readonly<Record<string, string>> = { local: 'Local', block: 'Block', catch: 'Catch Block' };

/**
 * The tools' local scope of `frame` as js-debug would answer it, or undefined when js-debug's own
 * answer is needed. `customTexts` is asked only when a variable is a plain object.
 */
export async function readLocalScope(frame: CdpCallFrame, read: PropertyReader, customTexts?: CustomTextReader): Promise<LocalScopeRead | undefined> {
  const chain = frame.scopeChain ?? [];
  // the scope pickLocalScope chooses among js-debug's: the first one with the `locals` hint (a `with` scope has it too)
  const index = chain.findIndex((scope) => scope.type in LOCAL_SCOPE_NAMES || scope.type === 'with');
  const scope = chain[index];
  const baseName = scope ? LOCAL_SCOPE_NAMES[scope.type] : undefined;
  const scopeId = scope?.object.objectId;
  if (!scopeId || baseName === undefined) return undefined;
  // js-debug also reads the accessors along the object's prototype chain; V8 reports a prototype
  // as the internal property [[Prototype]], which sends the read to js-debug, so without one the
  // own properties are all there is (and a second read sent at once waits behind the first:
  // ~40 ms for the inspector socket's delayed acknowledgement)
  const own = await read(scopeId);
  if (own.exceptionDetails) return undefined;
  if ((own.privateProperties?.length ?? 0) > 0 || (own.internalProperties ?? []).some((property) => property.name !== '[[StableObjectId]]')) return undefined;
  if (own.result.some((property) => property.symbol || property.get || property.set || !property.value)) return undefined;
  // js-debug's getStringyProps runs on every scope; its texts only show for plain objects, so only then is it run here
  let texts: Readonly<Record<string, string>> | undefined = {};
  if (own.result.some((property) => property.value && usesCustomText(property.value))) texts = customTexts ? await customTexts(scopeId) : undefined;
  if (!texts) return undefined;
  const entries: { order: number; variable: LocalVariable }[] = [];
  for (const property of own.result) {
    if (!property.value) continue;
    const presentationHint: NonNullable<VariableInfo['presentationHint']> = {};
    let order = DEFAULT_ORDER;
    if (!property.enumerable) {
      presentationHint.visibility = 'internal';
      order = PRIVATE_ORDER;
    }
    if (property.writable === false) presentationHint.attributes = ['readOnly'];
    const text = Object.hasOwn(texts, property.name) ? texts[property.name] : undefined;
    entries.push({ order, variable: { ...shown(property.name, property.value, text), presentationHint } });
  }
  if (index === 0) {
    const extras: [string, RemoteObject | undefined][] = [['this', frame.this], ['Return value', frame.returnValue]];
    for (const [name, value] of extras) {
      if (value && !entries.some((entry) => entry.variable.name === name)) entries.push({ order: DEFAULT_ORDER, variable: shown(name, value, undefined) });
    }
  }
  entries.sort((a, b) => a.order - b.order || +a.variable.name - +b.variable.name || a.variable.name.localeCompare(b.variable.name));
  return { scopeName: scope.name ? `${baseName}: ${scope.name}` : baseName, variables: entries.map((entry) => entry.variable) };
}

/** One variable as js-debug's `variables` answer has it (a reference aside); `known: false` when its value is js-debug's to show. */
function shown(name: string, object: PreviewedObject, customText: string | undefined): LocalVariable {
  const value = shownValue(name, object, customText);
  if (!value) return { name, value: '', type: object.type, variablesReference: 0, evaluateName: name, known: false, hasChildren: object.objectId !== undefined };
  const variable: LocalVariable = { name, value: value.value, type: value.type, variablesReference: 0, evaluateName: name, known: true, hasChildren: value.hasChildren };
  if (value.indexedVariables !== undefined) variable.indexedVariables = value.indexedVariables;
  if (value.namedVariables !== undefined) variable.namedVariables = value.namedVariables;
  return variable;
}
