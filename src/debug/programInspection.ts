// Reading a paused program through its adapter: threads, the stack (its top frame usually known
// from the stop already), scopes, variables and evaluation, shaped as the DebugBridge answers.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { currentSpanCollector } from '../trace/spanRecorder';
import type { CdpAnswers } from './cdp/cdpAnswers';
import type { LocalReference } from './cdp/localReferences';
import type { EvaluateInfo, ScopeInfo, StackFrameInfo, StackTraceInfo, StopLocation, ThreadInfo, TopLocals, VariableInfo, VariablesPage } from './debugBridge';
import { DebugError, adapterMessageOf, type DebugFact } from './debugErrors';
import { dapRequest, touch } from './dapRequests';
import { frameInfo } from './dapTracker';
import { isRelayed } from './relay/directDap';
import type { DebugRecord } from './sessionRegistry';

const STACK_LEVELS = 50;
const EXPIRED_REFERENCE = 'it was given at an earlier stop (the program has resumed since)';
const CHILD_SESSION_WAIT_MS = 3000;
/** Bounds the wait for the workbench's answer; our own request, sent at the same time, usually ends it. */
const OBSERVED_STACK_WAIT_MS = 15_000;

export type EvaluateContext = 'repl' | 'watch' | 'hover' | 'variables';

export class ProgramInspection {
  /** `cdp` answers js-debug sessions over js-debug's CDP proxy where that gives js-debug's own answer. */
  constructor(private readonly cdp?: CdpAnswers) {}

  async threads(record: DebugRecord): Promise<ThreadInfo[]> {
    const body = await dapRequest<DebugProtocol.ThreadsResponse['body']>(record, 'threads', undefined);
    return (body?.threads ?? []).map((thread) => ({ id: thread.id, name: thread.name }));
  }

  async stackTrace(record: DebugRecord, options: { threadId?: number; startFrame?: number; levels?: number }): Promise<StackTraceInfo> {
    touch(record);
    const levels = options.levels ?? STACK_LEVELS;
    if ((options.startFrame ?? 0) === 0 && levels <= STACK_LEVELS) {
      const stack = await this.currentStack(record, options.threadId);
      return { ...stack, frames: stack.frames.slice(0, levels) };
    }
    const threadId = options.threadId ?? (await this.stopThread(record));
    return this.fetchStack(record, threadId, options.startFrame ?? 0, levels);
  }

  async scopes(record: DebugRecord, frameId: number): Promise<ScopeInfo[]> {
    const body = await dapRequest<DebugProtocol.ScopesResponse['body']>(record, 'scopes', { frameId }).catch((error: unknown) => {
      throw refusal(error, { kind: 'bad_frame', frameId, adapterMessage: adapterMessageOf(error) });
    });
    return (body?.scopes ?? []).map((scope) => {
      const info: ScopeInfo = { name: scope.name, variablesReference: scope.variablesReference, expensive: scope.expensive };
      if (scope.namedVariables !== undefined) info.namedVariables = scope.namedVariables;
      if (scope.indexedVariables !== undefined) info.indexedVariables = scope.indexedVariables;
      if (scope.presentationHint !== undefined) info.presentationHint = scope.presentationHint;
      if (scope.source !== undefined) info.source = { ...(scope.source.name !== undefined ? { name: scope.source.name } : {}), ...(scope.source.path !== undefined ? { path: scope.source.path } : {}) };
      return info;
    });
  }

  async variables(record: DebugRecord, variablesReference: number, page: VariablesPage): Promise<VariableInfo[]> {
    const local = this.cdp?.localReference(record, variablesReference);
    if (local === 'expired') throw new DebugError({ kind: 'bad_variables_reference', variablesReference, adapterMessage: EXPIRED_REFERENCE });
    if (local) {
      // one of ours for a local read from the target: js-debug's reference for the same variable answers
      if (!local.jsDebugReference) {
        const asked = this.jsDebugReference(record, local);
        local.jsDebugReference = asked;
        asked.catch(() => {
          if (local.jsDebugReference === asked) local.jsDebugReference = undefined;
        });
      }
      return this.variables(record, await local.jsDebugReference, page);
    }
    const args: DebugProtocol.VariablesArguments = { variablesReference };
    if (page.filter) args.filter = page.filter;
    if (page.start !== undefined) args.start = page.start;
    if (page.count !== undefined) args.count = page.count;
    const body = await dapRequest<DebugProtocol.VariablesResponse['body']>(record, 'variables', args).catch((error: unknown) => {
      throw refusal(error, { kind: 'bad_variables_reference', variablesReference, adapterMessage: adapterMessageOf(error) });
    });
    let variables = body?.variables ?? [];
    // adapters may ignore paging of named children; page them here then (an indexed page that
    // starts where asked was paged by the adapter, which may add a few named ones: js-debug's [[Prototype]])
    const paged = page.filter === 'indexed' && variables[0]?.name === String(page.start ?? 0);
    if (!paged && page.count !== undefined && variables.length > page.count) variables = variables.slice(page.start ?? 0, (page.start ?? 0) + page.count);
    return variables.map((variable) => {
      const info: VariableInfo = { name: variable.name, value: variable.value, variablesReference: variable.variablesReference };
      if (variable.type !== undefined) info.type = variable.type;
      if (variable.evaluateName !== undefined) info.evaluateName = variable.evaluateName;
      if (variable.namedVariables !== undefined) info.namedVariables = variable.namedVariables;
      if (variable.indexedVariables !== undefined) info.indexedVariables = variable.indexedVariables;
      if (variable.presentationHint !== undefined) info.presentationHint = variable.presentationHint;
      return info;
    });
  }

  async evaluate(record: DebugRecord, expression: string, frameId: number | undefined, context: EvaluateContext): Promise<EvaluateInfo> {
    const frame = frameId ?? (await this.topFrame(record))?.id;
    const direct = frame !== undefined ? await this.cdp?.evaluate(record, expression, frame, context) : undefined;
    if (direct) return direct;
    const body = await dapRequest<DebugProtocol.EvaluateResponse['body']>(record, 'evaluate', { expression, frameId: frame, context }).catch((error: unknown) => {
      throw refusal(error, { kind: 'evaluation_failed', expression, frameId, adapterMessage: adapterMessageOf(error) });
    });
    const info: EvaluateInfo = { result: body?.result ?? '', variablesReference: body?.variablesReference ?? 0 };
    if (body?.type !== undefined) info.type = body.type;
    if (body?.presentationHint !== undefined) info.presentationHint = body.presentationHint;
    if (body?.namedVariables !== undefined) info.namedVariables = body.namedVariables;
    if (body?.indexedVariables !== undefined) info.indexedVariables = body.indexedVariables;
    if (frame !== undefined) info.frameId = frame;
    return info;
  }

  /**
   * The top frame and its local scope, read from the target for js-debug sessions where that is
   * js-debug's own answer and every variable `wanted` is one whose value is shown as js-debug
   * shows it (values with children get references of ours, which `variables` maps to js-debug's);
   * undefined when scopes and variables must be asked of the adapter.
   */
  async topLocals(record: DebugRecord, wanted: (name: string) => boolean): Promise<TopLocals | undefined> {
    if (!this.cdp) return undefined;
    const stopCount = record.stopCount;
    // a failure here is the fallback's to report
    const frame = this.topFrame(record).catch(() => undefined);
    const scope = await this.cdp.localScope(record, frame);
    const top = await frame;
    if (!scope || !top || record.stopCount !== stopCount || scope.variables.some((variable) => !variable.known && wanted(variable.name))) return undefined;
    return { frame: top, scopeName: scope.scopeName, variables: scope.variables.map(({ known: _known, hasChildren: _hasChildren, ...variable }) => variable) };
  }

  /** js-debug's reference for the variable one of ours stands for: found in its scopes and variables of the same frame and stop. */
  private async jsDebugReference(record: DebugRecord, local: LocalReference): Promise<number> {
    const scope = (await this.scopes(record, local.frameId)).find((candidate) => candidate.name === local.scopeName);
    const variable = scope ? (await this.variables(record, scope.variablesReference, {})).find((candidate) => candidate.name === local.name) : undefined;
    if (record.stopCount !== local.stopCount || record.state !== 'paused') throw new DebugError({ kind: 'bad_variables_reference', variablesReference: local.reference, adapterMessage: EXPIRED_REFERENCE });
    if (!variable || variable.variablesReference <= 0) {
      throw new DebugError({ kind: 'bad_variables_reference', variablesReference: local.reference, adapterMessage: `js-debug shows no children for ${local.name} in ${local.scopeName}` });
    }
    return variable.variablesReference;
  }

  /** Where the current stop is: read from the target when js-debug would answer the same, else its top frame. */
  async stopLocation(record: DebugRecord): Promise<StopLocation | undefined> {
    touch(record);
    if (!record.currentTopFrame()) {
      const direct = await this.cdp?.stopLocation(record);
      if (direct) return direct;
    }
    const top = await this.topFrame(record);
    return top ? { file: top.file, line: top.line, column: top.column, function: top.name } : undefined;
  }

  /**
   * The top frame of the current stop. For adapters we relay, our own stackTrace goes straight to
   * the adapter. For others (js-debug...) the workbench asks for the top frame right after every
   * stop and the tracker sees its answer; our own request goes out at once too, and whichever
   * answer comes first is the top frame.
   */
  async topFrame(record: DebugRecord): Promise<StackFrameInfo | undefined> {
    touch(record);
    const stopCount = record.stopCount;
    if (!record.currentTopFrame() && record.handle && !isRelayed(record.handle)) {
      const own = this.currentStack(record);
      const seen = () => record.currentTopFrame() !== undefined || record.stopCount !== stopCount || record.state !== 'paused';
      await Promise.race([own.catch(() => undefined), record.waitFor(seen, OBSERVED_STACK_WAIT_MS, undefined, 'stack')]);
      if (!record.currentTopFrame()) return this.learned(record, (await own).frames[0], stopCount);
    }
    const known = record.currentTopFrame();
    if (!known) return this.learned(record, (await this.currentStack(record)).frames[0], stopCount);
    const collector = currentSpanCollector();
    // the answer this call used, when the workbench asked for it during the call, is part of its trace
    if (known.observed && collector && known.observed.start >= collector.root.start) {
      const { command, request, response, start, durationMs } = known.observed;
      collector.addChild({ name: 'dap.request', command, request, response, start, duration_ms: durationMs, status: 'ok', attributes: { requestedBy: 'workbench' }, children: [] });
    }
    return this.learned(record, known.frame, stopCount);
  }

  /**
   * The adapter's top frame of stop `stopCount`, shown to the CDP answers once more (the tracker
   * showed them every stack trace already, but the CDP channel may have opened only since).
   */
  private learned(record: DebugRecord, frame: StackFrameInfo | undefined, stopCount: number): StackFrameInfo | undefined {
    if (frame && this.cdp) void this.cdp.learnFrames(record, [frame], 0, stopCount).catch(() => undefined);
    return frame;
  }

  /**
   * Before a resume: the current stop's top frame, when js-debug's is known (usually from the
   * workbench's own reads), shown to the CDP answers while the target is still in that pause, so
   * the next stop in the same function is located over CDP even when the CDP channel opened only
   * after this stop's stack traces went by. Waits only when the channel must still read that
   * pause (cdpAnswers.ts learnBeforeResume); the learning goes on beside the resume otherwise.
   */
  async learnBeforeResume(record: DebugRecord): Promise<void> {
    const known = record.currentTopFrame();
    if (known && this.cdp) await this.cdp.learnBeforeResume(record, [known.frame])?.catch(() => undefined);
  }

  /** The thread of the last stop, else the first thread. */
  async stopThread(record: DebugRecord): Promise<number> {
    return record.lastStop?.threadId ?? this.firstThread(record);
  }

  async firstThread(record: DebugRecord): Promise<number> {
    const handleBefore = record.handleId;
    let first = (await dapRequest<DebugProtocol.ThreadsResponse['body']>(record, 'threads', undefined))?.threads?.[0];
    // js-debug's attach answers from a parent session first; the threads live in the child it starts next
    if (!first && (await record.waitFor(() => record.handleId !== handleBefore, CHILD_SESSION_WAIT_MS, undefined, 'handle')) && record.handle) {
      first = (await dapRequest<DebugProtocol.ThreadsResponse['body']>(record, 'threads', undefined))?.threads?.[0];
    }
    if (!first) throw new DebugError({ kind: 'no_threads', sessionId: record.id });
    return first.id;
  }

  private currentStack(record: DebugRecord, threadId?: number): Promise<StackTraceInfo> {
    const cache = record.stackCache;
    const wanted = threadId ?? record.lastStop?.threadId;
    if (cache && cache.stopCount === record.stopCount && (wanted === undefined || cache.threadId === wanted)) return cache.trace;
    const trace = (async () => this.fetchStack(record, wanted ?? (await this.stopThread(record)), 0, STACK_LEVELS))();
    const entry = { stopCount: record.stopCount, threadId: wanted ?? -1, trace };
    record.stackCache = entry;
    trace.then((stack) => { entry.threadId = stack.threadId; }, () => { if (record.stackCache === entry) record.stackCache = undefined; });
    return trace;
  }

  private async fetchStack(record: DebugRecord, threadId: number, startFrame: number, levels: number): Promise<StackTraceInfo> {
    const askedAtStop = record.stopCount;
    const body = await dapRequest<DebugProtocol.StackTraceResponse['body']>(record, 'stackTrace', { threadId, startFrame, levels }).catch((error: unknown) => {
      throw refusal(error, { kind: 'bad_thread', threadId, adapterMessage: adapterMessageOf(error) });
    });
    const frames = (body?.stackFrames ?? []).map(frameInfo);
    if (startFrame === 0 && frames[0]) record.observeTopFrame(threadId, frames[0], askedAtStop);
    return { frames, threadId, ...(body?.totalFrames !== undefined ? { totalFrames: body.totalFrames } : {}) };
  }
}

/** What a refused request means for the reference it named; a session without a program stays that fact. */
function refusal(error: unknown, meaning: DebugFact): DebugError {
  return error instanceof DebugError && error.fact.kind !== 'adapter_refused' ? error : new DebugError(meaning);
}
