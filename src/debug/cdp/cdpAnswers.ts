// Answers for js-debug sessions read over the CDP channel instead of asked through the workbench,
// only where they are sure to be js-debug's own answer:
// - where a stop is: the target's top call frame, in a script without a source map whose file
//   js-debug showed (V8 names scripts by id only), in a function js-debug already showed under
//   the name it gives it (after the frame's `this`, which only it knows how to describe): file
//   and names are learned from every js-debug stack trace the DAP tracker sees (the workbench's
//   own reads after each stop among them), per script and per function and `this`;
// - the local scope of the top frame, when js-debug shows that frame at the target's position in
//   a script without a source map (localScope.ts: shaped and sorted as js-debug's own variables
//   answer), values with children given references of our own (localReferences.ts);
// - an evaluation in the top frame of such a function that V8 can run without side effects and
//   that gives a value js-debug shows the same way (numbers, booleans, undefined, null, plain
//   short strings). Anything else (a side effect, an error, an object with children to expand)
//   runs through the DAP path instead: running it there is the first and only time it runs.
import { recordChildSpan } from '../../trace/spanRecorder';
import type { EvaluateInfo, StackFrameInfo, StopLocation } from '../debugBridge';
import type { DebugRecord } from '../sessionRegistry';
import type { CdpCallFrame, CdpPause, JsDebugChannel, RemoteObject } from './jsDebugChannel';
import type { JsDebugChannels } from './jsDebugChannels';
import { LocalReferences, type LocalReference } from './localReferences';
import { readLocalScope, type CustomTextReader, type GetPropertiesResult, type LocalScopeRead, type PropertyReader } from './localScope';

interface EvaluateOnCallFrameResult {
  result: RemoteObject;
  exceptionDetails?: unknown;
}

type CallFunctionOnResult = EvaluateOnCallFrameResult;

const OBJECT_GROUP = 'mcp-live-debugger';
/**
 * How deep stack traces teach names: the top frame and the two below it (where a step out of or
 * over the end of a function lands); deeper ones are learned when they come up, saving each
 * new script's source read (node internals...) on the channel the answers share.
 */
const LEARNED_DEPTH = 3;
/** js-debug's smallest preview budget (hover and watch); a longer string may be cut there. */
const MAX_PLAIN_STRING = 900;

/**
 * What js-debug shows instead of a plain object's preview, by property name of the scope object:
 * the text of the value's own description symbol or `toString` (the behaviour of js-debug v1.117's
 * getStringyProps for a scope without a customDescriptionGenerator, written here in our words). It
 * makes the same reads in the same order, so V8's side-effect check stops it where it stops
 * js-debug's, and `String()` of a null-prototype value throws here as there (js-debug then shows
 * no custom text at all). The source URL's `.cdp` suffix makes js-debug skip the script V8 reports.
 */
const CUSTOM_TEXTS_FUNCTION = `function (descriptionSymbols) {
  const maxText = 1024;
  const texts = {};
  if (typeof this !== 'object' || !this) return texts;
  for (const name of Object.keys(this)) {
    let value;
    try { value = this[name]; } catch { continue; }
    if (typeof value !== 'object' || !value) continue;
    let text;
    for (const symbol of descriptionSymbols.slice(0, 2)) {
      if (typeof value[symbol] !== 'function') continue;
      try { text = value[symbol](2); break; } catch {}
    }
    if (!text && !String(value.toString).includes('[native code]')) text = String(value);
    if (text && !text.startsWith('[object ')) texts[name] = text.length >= maxText ? text.slice(0, maxText) + '\u2026' : text;
  }
  let customProps = false;
  try { customProps = typeof this[descriptionSymbols[2]] === 'function'; } catch {}
  return { out: texts, customProps };
}
//# sourceURL=eval-mcp-live-debugger.cdp
`;
/** js-debug's getDescriptionSymbols, the argument of the above (Symbol.for is a side effect V8 refuses there). */
const DESCRIPTION_SYMBOLS_FUNCTION = 'function(){return[Symbol.for("debug.description"),Symbol.for("nodejs.util.inspect.custom"),Symbol.for("debug.properties")]\n//# sourceURL=eval-mcp-live-debugger.cdp\n}';
/** The group the symbols live in, for the channel's life (the objects of a pause are released when it resumes). */
const SYMBOLS_GROUP = 'mcp-live-debugger-symbols';

export class CdpAnswers {
  /** References of our own for the locals read here that have children. */
  private readonly references = new LocalReferences();
  /** Per channel, the target's array of js-debug's description symbols (its object id). */
  private readonly descriptionSymbols = new WeakMap<JsDebugChannel, Promise<string | undefined>>();

  constructor(private readonly channels: JsDebugChannels) {}

  /**
   * js-debug's frames of stop `stopCount` from `startFrame` on (a stackTrace answer, ours or the
   * workbench's): for each that shows the target's frame at the same depth as it is (no source
   * map, the target's own position), remembers the script's file and, when js-debug named it by
   * its own rule, the name it gives that function's frames (the first LEARNED_DEPTH frames of the
   * stack). Stops at the first frame that does not match (an inlined or async frame: the depths
   * no longer pair), and learns nothing when the session moved on meanwhile (the pause read
   * would be another stop's).
   */
  async learnFrames(record: DebugRecord, frames: readonly StackFrameInfo[], startFrame: number, stopCount: number): Promise<void> {
    const channel = this.channelOf(record);
    if (!channel || record.stopCount !== stopCount) return;
    const pause = await channel.currentPause();
    if (!pause || record.stopCount !== stopCount || record.state !== 'paused') return;
    await learnFromPause(channel, pause, frames, startFrame);
  }

  /**
   * learnFrames for the current stop's top frames, just before the stop is resumed. When the
   * channel holds the target's pause already (settledPause), that is read now and the rest goes on
   * beside the resume: a script's source map check it sends goes out before the resume's command,
   * and the target answers in order. Answers the promise to wait for before resuming otherwise.
   */
  learnBeforeResume(record: DebugRecord, frames: readonly StackFrameInfo[]): Promise<void> | undefined {
    const channel = this.channelOf(record);
    if (!channel || record.state !== 'paused') return undefined;
    const pause = channel.settledPause();
    if (!pause) return this.learnFrames(record, frames, 0, record.stopCount);
    void learnFromPause(channel, pause, frames, 0).catch(() => undefined);
    return undefined;
  }

  /**
   * The local scope of the current stop's top frame read from the target, shaped as js-debug
   * answers it (localScope.ts), when `frame` (js-debug's top frame of this stop, which may come
   * meanwhile) shows the target's top frame as it is; undefined when js-debug must answer.
   */
  async localScope(record: DebugRecord, frame: Promise<StackFrameInfo | undefined>): Promise<LocalScopeRead | undefined> {
    const channel = this.channelOf(record);
    if (!channel?.showsPlainValues) return undefined;
    const stopCount = record.stopCount;
    const top = (await channel.currentPause())?.callFrames[0];
    // a script js-debug shows through its source map: nothing to read
    if (!top || record.stopCount !== stopCount || record.state !== 'paused' || !(await isUnmapped(channel, top.location.scriptId))) return undefined;
    const read: PropertyReader = (objectId) => {
      // js-debug's own read of a scope: the previews are what it renders objects from
      const params = { objectId, ownProperties: true, generatePreview: true };
      return recordChildSpan(
        'cdp.request',
        { command: 'Runtime.getProperties', request: params, attributes: { via: 'cdp' } },
        () => channel.send<GetPropertiesResult>('Runtime.getProperties', params),
        (result) => ({ response: { properties: result.result.length } }),
      );
    };
    const customTexts: CustomTextReader = (objectId) => this.customTexts(channel, objectId);
    // the reads and js-debug's frame (usually known already, else on its way through the workbench) at the same time
    const [scope, shown] = await Promise.all([readLocalScope(top, read, customTexts).catch(() => undefined), frame]);
    if (!scope || !shown || !(await showsAsIs(channel, top, shown))) return undefined;
    // a step or a resume meanwhile: what was read may be of a pause that is over
    if (record.stopCount !== stopCount || record.state !== 'paused' || !channel.isPausedAt(top)) return undefined;
    for (const variable of scope.variables) {
      if (variable.known && variable.hasChildren) variable.variablesReference = this.references.issue(record, stopCount, shown.id, scope.scopeName, variable.name);
    }
    return scope;
  }

  /**
   * What a variables reference is on this session: one of ours for a local read here (to be
   * mapped to js-debug's own), `expired` when it is one of ours from a stop that is over,
   * undefined when it is js-debug's.
   */
  localReference(record: DebugRecord, reference: number): LocalReference | 'expired' | undefined {
    return this.references.lookup(record, reference);
  }

  /** The custom texts of the scope object's values (CUSTOM_TEXTS_FUNCTION), read as js-debug reads its own; undefined when they could not be asked. */
  private async customTexts(channel: JsDebugChannel, objectId: string): Promise<Readonly<Record<string, string>> | undefined> {
    const symbols = await this.symbolsOf(channel, objectId);
    if (!symbols) return undefined;
    const params = { functionDeclaration: CUSTOM_TEXTS_FUNCTION, arguments: [{ objectId: symbols }], objectId, throwOnSideEffect: true, returnByValue: true };
    const answer = await recordChildSpan(
      'cdp.request',
      { command: 'Runtime.callFunctionOn', request: { function: 'getStringyProps', objectId }, attributes: { via: 'cdp' } },
      () => channel.send<CallFunctionOnResult>('Runtime.callFunctionOn', params),
      (result) => ({ response: { type: result.result.type, ...(result.exceptionDetails ? { exception: true } : {}) } }),
    ).catch(() => {
      // the symbols may be gone (a new execution context): asked again next time
      this.descriptionSymbols.delete(channel);
      return undefined;
    });
    if (!answer) return undefined;
    // as js-debug reads the answer (`result.value || {}`, then its `out`): when the code threw or
    // stopped at a side effect (a null-prototype object among the values makes String() throw),
    // there is no value, and js-debug shows no custom text for any variable
    const texts = ((answer.result.value || {}) as { out?: unknown }).out;
    if (texts === undefined) return {};
    if (typeof texts !== 'object' || texts === null || Object.values(texts).some((text) => typeof text !== 'string')) return undefined;
    return texts as Record<string, string>;
  }

  /** The target's array of js-debug's description symbols, made once per channel. */
  private symbolsOf(channel: JsDebugChannel, objectId: string): Promise<string | undefined> {
    let symbols = this.descriptionSymbols.get(channel);
    if (!symbols) {
      const params = { functionDeclaration: DESCRIPTION_SYMBOLS_FUNCTION, objectId, objectGroup: SYMBOLS_GROUP };
      symbols = recordChildSpan(
        'cdp.request',
        { command: 'Runtime.callFunctionOn', request: { function: 'getDescriptionSymbols', objectId }, attributes: { via: 'cdp' } },
        () => channel.send<CallFunctionOnResult>('Runtime.callFunctionOn', params),
        (result) => ({ response: { type: result.result.type, ...(result.exceptionDetails ? { exception: true } : {}) } }),
      ).then((answer) => (answer.exceptionDetails ? undefined : answer.result.objectId), () => undefined);
      this.descriptionSymbols.set(channel, symbols);
      void symbols.then((id) => {
        if (id === undefined && this.descriptionSymbols.get(channel) === symbols) this.descriptionSymbols.delete(channel);
      });
    }
    return symbols;
  }

  /** Where the program stopped, read from the target, when js-debug would answer the same; else undefined. */
  async stopLocation(record: DebugRecord): Promise<StopLocation | undefined> {
    const known = await this.knownTop(record);
    if (!known) return undefined;
    const { top, name, file } = known;
    const location: StopLocation = { file, line: top.location.lineNumber + 1, column: (top.location.columnNumber ?? 0) + 1, function: name };
    return location;
  }

  /**
   * Evaluates in the top frame (`frameId`, js-debug's id of it) over CDP, when the answer is sure
   * to be js-debug's; undefined when the DAP path must answer.
   */
  async evaluate(record: DebugRecord, expression: string, frameId: number, context: string): Promise<EvaluateInfo | undefined> {
    if (record.currentTopFrame()?.frame.id !== frameId || !mayEvaluateDirectly(expression)) return undefined;
    const known = await this.knownTop(record);
    const channel = this.channelOf(record);
    if (!known || !channel) return undefined;
    const params = { callFrameId: known.top.callFrameId, expression, objectGroup: OBJECT_GROUP, includeCommandLineAPI: true, silent: true, throwOnSideEffect: true };
    const answer = await recordChildSpan(
      'cdp.request',
      { command: 'Debugger.evaluateOnCallFrame', request: { expression, context }, attributes: { via: 'cdp' } },
      () => channel.send<EvaluateOnCallFrameResult>('Debugger.evaluateOnCallFrame', params),
      (result) => ({ response: { type: result.result.type, ...(result.exceptionDetails ? { exception: true } : {}) } }),
    ).catch(() => undefined);
    if (answer?.result.objectId) channel.send('Runtime.releaseObjectGroup', { objectGroup: OBJECT_GROUP }).catch(() => undefined);
    if (!answer || answer.exceptionDetails) return undefined;
    const shown = shownValue(answer.result);
    if (shown === undefined) return undefined;
    return { result: shown, type: answer.result.type, variablesReference: 0, frameId };
  }

  /** The target's top frame of the current stop, when its function's name is known from js-debug. */
  private async knownTop(record: DebugRecord): Promise<{ top: CdpCallFrame; name: string; file: string } | undefined> {
    const channel = this.channelOf(record);
    const top = (await channel?.currentPause())?.callFrames[0];
    const name = top ? channel?.names.get(functionKey(top)) : undefined;
    const file = top ? channel?.scriptFiles.get(top.location.scriptId) : undefined;
    if (!top || name === undefined || file === undefined || record.state !== 'paused') return undefined;
    return { top, name, file };
  }

  private channelOf(record: DebugRecord): JsDebugChannel | undefined {
    return record.handle ? this.channels.get(record.handle.id) : undefined;
  }
}

/** learnFrames' pairing of js-debug's frames (from depth `startFrame` on) with `pause`, the target's copy of the same stop. */
async function learnFromPause(channel: JsDebugChannel, pause: CdpPause, frames: readonly StackFrameInfo[], startFrame: number): Promise<void> {
  for (const [index, frame] of frames.slice(0, Math.max(0, LEARNED_DEPTH - startFrame)).entries()) {
    const target = pause.callFrames[startFrame + index];
    if (!target || !(await showsAsIs(channel, target, frame))) return;
    if (frame.name === enhancedName(target)) channel.names.set(functionKey(target), frame.name);
  }
}

/**
 * The name js-debug gives a paused frame when `this` has no custom toString or description
 * symbol (js-debug stackTrace.ts getEnhancedName): learned names are kept only when they are
 * this, so a name never stands for a state-dependent description, and a depth paired with the
 * wrong frame teaches nothing.
 */
function enhancedName(frame: CdpCallFrame): string {
  const name = frame.functionName;
  if (!name) return '<anonymous>';
  if (name.includes('.')) return name;
  let objName = frame.this.description;
  if (!objName) return name;
  const classCtor = /^class\s+(.+) {($|\n)/.exec(objName);
  if (classCtor) objName = classCtor[1];
  const newline = objName.indexOf('\n');
  if (newline !== -1) objName = objName.slice(0, newline).trim();
  if (objName === name) return `${objName}.constructor`;
  return objName ? `${objName}.${name}` : name;
}

/** A function, and what js-debug's name for its frame depends on besides it: the frame's `this`. */
function functionKey(frame: CdpCallFrame): string {
  const start = frame.functionLocation ?? { scriptId: frame.location.scriptId, lineNumber: -1, columnNumber: -1 };
  const self = frame.this;
  return JSON.stringify([start.scriptId, start.lineNumber, start.columnNumber ?? 0, frame.functionName, self.type, self.subtype ?? '', self.className ?? '', self.description ?? '']);
}

/**
 * Whether js-debug's `frame` shows the target's `top` frame as it is: at the target's own
 * position, in a script without a source map (whose file it then remembers, once per script).
 */
async function showsAsIs(channel: JsDebugChannel, top: CdpCallFrame, frame: StackFrameInfo): Promise<boolean> {
  const { scriptId, lineNumber, columnNumber } = top.location;
  if (!(await isUnmapped(channel, scriptId))) return false;
  if (lineNumber + 1 !== frame.line || (columnNumber ?? 0) + 1 !== frame.column) return false;
  if (!channel.scriptFiles.has(scriptId)) channel.scriptFiles.set(scriptId, frame.file);
  return channel.scriptFiles.get(scriptId) === frame.file;
}

/** Whether the script has no source map (js-debug shows it as it is): asked once per script. */
async function isUnmapped(channel: JsDebugChannel, scriptId: string): Promise<boolean> {
  if (channel.mappedScripts.has(scriptId)) return false;
  if (channel.scriptFiles.has(scriptId) || !(await hasSourceMap(channel, scriptId))) return true;
  channel.mappedScripts.add(scriptId);
  return false;
}

/** Whether V8 found a source map reference in the script (js-debug then shows the mapped source). */
async function hasSourceMap(channel: JsDebugChannel, scriptId: string): Promise<boolean> {
  const source = await channel.send<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId }).catch(() => undefined);
  return source === undefined || /[#@]\s*sourceMappingURL\s*=/.test(source.scriptSource);
}

/** js-debug rewrites some REPL input before evaluating it (object literals, top-level await, `cd`, `$` helpers): those go its way. */
function mayEvaluateDirectly(expression: string): boolean {
  const trimmed = expression.trim();
  return trimmed.length > 0 && !trimmed.startsWith('{') && !trimmed.startsWith('cd ') && !/\bawait\b|\$/.test(trimmed);
}

/** The value as js-debug shows a primitive, or undefined for anything it would show otherwise. */
function shownValue(result: RemoteObject): string | undefined {
  switch (result.type) {
    case 'number':
      return result.unserializableValue ?? (typeof result.value === 'number' ? String(result.value) : undefined);
    case 'boolean':
      return typeof result.value === 'boolean' ? String(result.value) : undefined;
    case 'undefined':
      return 'undefined';
    case 'object':
      return result.subtype === 'null' ? 'null' : undefined;
    case 'string':
      return typeof result.value === 'string' && isPlainString(result.value) ? `'${result.value}'` : undefined;
    default:
      return undefined;
  }
}

/** Strings js-debug shows as `'text'` in every context: short, no quote of any kind, no backslash, no control character. */
function isPlainString(value: string): boolean {
  if (value.length > MAX_PLAIN_STRING) return false;
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || char === "'" || char === '"' || char === '`' || char === '\\') return false;
  }
  return true;
}
