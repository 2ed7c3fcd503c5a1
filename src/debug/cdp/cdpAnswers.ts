// Answers for js-debug sessions read over the CDP channel instead of asked through the workbench,
// only where they are sure to be js-debug's own answer:
// - where a stop is: the target's top call frame, in a script without a source map whose file
//   js-debug showed (V8 names scripts by id only), in a function js-debug already showed under
//   the name it gives it (after the frame's `this`, which only it knows how to describe): file
//   and names are learned from js-debug's stack traces, per script and per function and `this`;
// - an evaluation in the top frame of such a function that V8 can run without side effects and
//   that gives a value js-debug shows the same way (numbers, booleans, undefined, null, plain
//   short strings). Anything else (a side effect, an error, an object with children to expand)
//   runs through the DAP path instead: running it there is the first and only time it runs.
import { recordChildSpan } from '../../trace/spanRecorder';
import type { EvaluateInfo, StackFrameInfo, StopLocation } from '../debugBridge';
import type { DebugRecord } from '../sessionRegistry';
import type { CdpCallFrame, JsDebugChannel, JsDebugChannels } from './jsDebugChannel';

interface RemoteObject {
  type: string;
  subtype?: string;
  value?: unknown;
  unserializableValue?: string;
  description?: string;
  objectId?: string;
}

interface EvaluateOnCallFrameResult {
  result: RemoteObject;
  exceptionDetails?: unknown;
}

const OBJECT_GROUP = 'mcp-live-debugger';
/** js-debug's smallest preview budget (hover and watch); a longer string may be cut there. */
const MAX_PLAIN_STRING = 900;

export class CdpAnswers {
  constructor(private readonly channels: JsDebugChannels) {}

  /**
   * js-debug's top frame of the current stop: when it shows the target's own script at the
   * target's own position (the script has no source map), remembers the script's file and the
   * name js-debug gives that function's frames.
   */
  async learnTopFrame(record: DebugRecord, frame: StackFrameInfo): Promise<void> {
    const channel = this.channelOf(record);
    const pause = await channel?.currentPause();
    const top = pause?.callFrames[0];
    if (!channel || !top || top.location.lineNumber + 1 !== frame.line || (top.location.columnNumber ?? 0) + 1 !== frame.column) return;
    if (!channel.scriptFiles.has(top.location.scriptId)) {
      if (await hasSourceMap(channel, top.location.scriptId)) return;
      channel.scriptFiles.set(top.location.scriptId, frame.file);
    }
    if (channel.scriptFiles.get(top.location.scriptId) === frame.file) channel.names.set(functionKey(top), frame.name);
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

/** A function, and what js-debug's name for its frame depends on besides it: the frame's `this`. */
function functionKey(frame: CdpCallFrame): string {
  const start = frame.functionLocation ?? { scriptId: frame.location.scriptId, lineNumber: -1, columnNumber: -1 };
  const self = frame.this;
  return JSON.stringify([start.scriptId, start.lineNumber, start.columnNumber ?? 0, frame.functionName, self.type, self.subtype ?? '', self.className ?? '', self.description ?? '']);
}

/** Whether V8 found a source map reference in the script (js-debug then shows the mapped source): read once per script. */
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
