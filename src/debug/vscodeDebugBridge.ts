// The DebugBridge over VS Code's own debugger: sessions start through vscode.debug, requests go
// straight to the adapters we relay and through DebugSession.customRequest to the others (each
// one a `dap.request` span of the calling tool), and
// every answer about stops and ends comes from the DAP tracker's events, without polling and
// without waiting for the workbench to focus a frame.
import * as vscode from 'vscode';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { capDapBody } from './dapTrace';
import { currentSpanCollector, recordChildSpan } from '../trace/spanRecorder';
import { isRelayed, sendDapRequest } from './relay/directDap';
import { BreakpointManager } from './breakpointManager';
import type {
  AttachSpec, BreakpointInfo, BreakpointSpec, DebugBridge, EvaluateInfo, ExecutionOutcome, LanguageInfo, LaunchPlan, LaunchSpec,
  OutputPage, ScopeInfo, SessionInfo, StackFrameInfo, StackTraceInfo, ThreadInfo, VariableInfo, VariablesPage, WaitOptions,
} from './debugBridge';
import { DebugBridgeError } from './debugBridgeError';
import { frameInfo, registerDapTracker } from './dapTracker';
import type { LanguageRegistry } from './languageRegistry';
import { SESSION_MARKER, SessionRegistry, type DebugRecord } from './sessionRegistry';
import { resolveSourcePath, SourceCache, workspaceRoot } from './sourceFiles';

const STACK_LEVELS = 50;
const STOP_WAIT_MS = 5000;
const LAST_OUTPUT_LINES = 10;
const CHILD_SESSION_WAIT_MS = 3000;
const OBSERVED_STACK_WAIT_MS = 300;
const REQUEST_SETTLE_MS = 1000;
const BREAKPOINT_SYNC_WAIT_MS = 1000;
const STEP_COMMANDS = { over: 'next', into: 'stepIn', out: 'stepOut' } as const;

export class VscodeDebugBridge implements DebugBridge, vscode.Disposable {
  private readonly registry: SessionRegistry;
  private readonly sources = new SourceCache();
  private readonly breakpoints = new BreakpointManager(this.sources);
  private readonly disposables: vscode.Disposable[] = [];
  /** Epoch ms of the last change to VS Code's breakpoints (by the user or by us). */
  private breakpointsChangedAt = 0;

  constructor(private readonly languages: LanguageRegistry) {
    this.registry = new SessionRegistry((debugType) => this.languageOfDebugType(debugType));
    this.disposables.push(
      this.registry,
      registerDapTracker(this.registry),
      vscode.debug.onDidStartDebugSession((session) => this.registry.bind(session)),
      vscode.debug.onDidTerminateDebugSession((session) => this.registry.ended(session)),
      vscode.debug.onDidChangeBreakpoints(() => {
        this.breakpointsChangedAt = Date.now();
      }),
    );
    for (const session of activeSessions()) this.registry.bind(session);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0).reverse()) disposable.dispose();
  }

  // ---- languages and sessions

  listLanguages(): LanguageInfo[] {
    return this.languages.list().map((language) => ({ ...language }));
  }

  createSession(input: { language: string; name?: string; executablePath?: string }): SessionInfo {
    const language = this.languages.resolve(input.language);
    if (!language) {
      const known = this.languages.list().filter((candidate) => candidate.installed).map((candidate) => candidate.id);
      throw new DebugBridgeError('unknown_language', `Unknown language "${input.language}". Installed languages: ${known.join(', ')}. Call list_supported_languages for details.`);
    }
    if (!language.installed) {
      throw new DebugBridgeError(
        'unknown_language',
        `${language.displayName} has no debugger installed in this VS Code${language.requiredExtension ? `: install the extension ${language.requiredExtension}` : ''}, then try again.`,
      );
    }
    return this.registry.create({ language: language.id, name: input.name, executablePath: input.executablePath, debugType: language.debugType }).info();
  }

  listSessions(): SessionInfo[] {
    return this.registry.all().map((record) => record.info());
  }

  getSession(sessionId: string): SessionInfo {
    return this.record(sessionId).info();
  }

  async closeSession(sessionId: string): Promise<void> {
    const record = this.record(sessionId);
    await this.stopProgram(record);
    this.breakpoints.removeOwned(record);
    this.registry.delete(sessionId);
  }

  // ---- breakpoints

  setBreakpoint(sessionId: string, spec: BreakpointSpec): Promise<BreakpointInfo> {
    const record = this.record(sessionId);
    touch(record);
    return this.breakpoints.add(record, spec);
  }

  listBreakpoints(sessionId: string, file?: string): Promise<BreakpointInfo[]> {
    return this.breakpoints.list(this.record(sessionId), file);
  }

  removeBreakpoints(sessionId: string, target: { breakpointId?: string; file?: string; line?: number }): Promise<BreakpointInfo[]> {
    return this.breakpoints.remove(this.record(sessionId), target);
  }

  clearBreakpoints(sessionId: string, file?: string): Promise<BreakpointInfo[]> {
    return this.breakpoints.clear(this.record(sessionId), file);
  }

  // ---- launch, attach, restart, detach

  async planLaunch(sessionId: string, spec: LaunchSpec): Promise<LaunchPlan> {
    return { configuration: await this.launchConfiguration(this.record(sessionId), spec) };
  }

  async launch(sessionId: string, spec: LaunchSpec, wait: WaitOptions): Promise<ExecutionOutcome & LaunchPlan> {
    const record = this.record(sessionId);
    const configuration = await this.launchConfiguration(record, spec);
    record.beginLaunch('launch');
    record.lastConfiguration = configuration;
    const outcome = await this.startAndWait(record, configuration, wait, spec.stopOnEntry === true);
    return { ...outcome, configuration };
  }

  async restart(sessionId: string, wait: WaitOptions): Promise<ExecutionOutcome> {
    const record = this.record(sessionId);
    const configuration = record.lastConfiguration;
    if (!configuration || record.mode !== 'launch') {
      throw new DebugBridgeError('wrong_state', `Session ${sessionId} was never launched by start_debugging${record.mode === 'attach' ? ' (it is an attach session)' : ''}, so there is nothing to restart. Call start_debugging.`);
    }
    touch(record);
    await this.stopProgram(record);
    record.beginLaunch('launch');
    return this.startAndWait(record, configuration, wait, configuration.stopOnEntry === true);
  }

  async attach(sessionId: string, spec: AttachSpec, wait: WaitOptions): Promise<ExecutionOutcome & LaunchPlan> {
    const record = this.record(sessionId);
    const configuration = {
      ...this.languages.attachConfiguration(
        record.language,
        { host: spec.host, port: spec.port, processId: spec.processId, extra: { ...(spec.justMyCode === undefined ? {} : { justMyCode: spec.justMyCode }), ...(spec.stopOnEntry === undefined ? {} : { stopOnEntry: spec.stopOnEntry }), ...spec.adapterConfig } },
        record.name,
      ),
    } as Record<string, unknown>;
    record.beginLaunch('attach');
    record.lastConfiguration = configuration;
    const outcome = await this.startAndWait(record, configuration, wait, spec.stopOnEntry === true);
    return { ...outcome, configuration };
  }

  async detach(sessionId: string, terminate: boolean): Promise<ExecutionOutcome> {
    const record = this.record(sessionId);
    touch(record);
    const endsBefore = record.endCount;
    if (record.handle) {
      await this.request(record, 'disconnect', { terminateDebuggee: terminate, restart: false }).catch(() => undefined);
    }
    if (!(await record.waitFor(() => record.endCount > endsBefore, 1000))) await this.stopProgram(record);
    return { state: record.state };
  }

  // ---- execution

  async step(sessionId: string, kind: 'over' | 'into' | 'out', wait: WaitOptions): Promise<ExecutionOutcome> {
    return this.resume(this.pausedRecord(sessionId, `step ${kind}`), STEP_COMMANDS[kind], wait);
  }

  async continue(sessionId: string, wait: WaitOptions | undefined): Promise<ExecutionOutcome> {
    return this.resume(this.pausedRecord(sessionId, 'continue'), 'continue', wait);
  }

  async pause(sessionId: string, threadId: number | undefined, wait: WaitOptions): Promise<ExecutionOutcome & { alreadyPaused?: boolean }> {
    const record = this.liveRecord(sessionId, 'pause');
    if (record.state === 'paused') return { ...(await this.outcome(record)), alreadyPaused: true };
    const stopsBefore = record.stopCount;
    const endsBefore = record.endCount;
    const thread = threadId ?? (await this.firstThread(record));
    await this.request(record, 'pause', { threadId: thread });
    await record.waitFor(() => record.stopCount > stopsBefore || record.endCount > endsBefore, wait.timeoutMs, wait.signal);
    return this.outcome(record);
  }

  // ---- inspection

  async threads(sessionId: string): Promise<ThreadInfo[]> {
    const record = this.liveRecord(sessionId, 'list threads');
    const body = await this.request<DebugProtocol.ThreadsResponse['body']>(record, 'threads', undefined);
    return (body?.threads ?? []).map((thread) => ({ id: thread.id, name: thread.name }));
  }

  async stackTrace(sessionId: string, options: { threadId?: number; startFrame?: number; levels?: number } = {}): Promise<StackTraceInfo> {
    const record = this.pausedRecord(sessionId, 'get the stack trace');
    const levels = options.levels ?? STACK_LEVELS;
    if ((options.startFrame ?? 0) === 0 && levels <= STACK_LEVELS) {
      const stack = await this.currentStack(record, options.threadId);
      return { ...stack, frames: stack.frames.slice(0, levels) };
    }
    const threadId = options.threadId ?? (await this.stopThread(record));
    return this.fetchStack(record, threadId, options.startFrame ?? 0, levels);
  }

  async scopes(sessionId: string, frameId: number): Promise<ScopeInfo[]> {
    const record = this.pausedRecord(sessionId, 'get scopes');
    const body = await this.request<DebugProtocol.ScopesResponse['body']>(record, 'scopes', { frameId }).catch((error: unknown) => {
      throw new DebugBridgeError('bad_reference', `No scopes for frameId ${frameId}: ${message(error)}. Frame ids come from get_stack_trace at the current stop and change after every step.`);
    });
    return (body?.scopes ?? []).map((scope) => {
      const info: ScopeInfo = { name: scope.name, variablesReference: scope.variablesReference, expensive: scope.expensive };
      if (scope.namedVariables !== undefined) info.namedVariables = scope.namedVariables;
      if (scope.indexedVariables !== undefined) info.indexedVariables = scope.indexedVariables;
      if (scope.presentationHint !== undefined) info.presentationHint = scope.presentationHint;
      return info;
    });
  }

  async variables(sessionId: string, variablesReference: number, page: VariablesPage = {}): Promise<VariableInfo[]> {
    const record = this.pausedRecord(sessionId, 'get variables');
    const args: DebugProtocol.VariablesArguments = { variablesReference };
    if (page.filter) args.filter = page.filter;
    if (page.start !== undefined) args.start = page.start;
    if (page.count !== undefined) args.count = page.count;
    const body = await this.request<DebugProtocol.VariablesResponse['body']>(record, 'variables', args).catch((error: unknown) => {
      throw new DebugBridgeError('bad_reference', `No variables for variablesReference ${variablesReference}: ${message(error)}. References come from get_scopes, get_variables or evaluate_expression at the current stop and expire when the program resumes.`);
    });
    let variables = body?.variables ?? [];
    // adapters may ignore paging of named children; page them here then
    if (page.count !== undefined && variables.length > page.count) variables = variables.slice(page.start ?? 0, (page.start ?? 0) + page.count);
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

  async evaluate(sessionId: string, expression: string, frameId: number | undefined, context: 'repl' | 'watch' | 'hover' | 'variables' = 'repl'): Promise<EvaluateInfo> {
    const record = this.pausedRecord(sessionId, 'evaluate');
    const frame = frameId ?? (await this.topFrameOf(record))?.id;
    const body = await this.request<DebugProtocol.EvaluateResponse['body']>(record, 'evaluate', { expression, frameId: frame, context }).catch((error: unknown) => {
      throw new DebugBridgeError('adapter_error', `Evaluating ${JSON.stringify(expression)} failed: ${message(error)}${frameId !== undefined ? ` (frameId ${frameId}: frame ids come from get_stack_trace at the current stop)` : ''}.`);
    });
    const info: EvaluateInfo = { result: body?.result ?? '', variablesReference: body?.variablesReference ?? 0 };
    if (body?.type !== undefined) info.type = body.type;
    if (body?.namedVariables !== undefined) info.namedVariables = body.namedVariables;
    if (body?.indexedVariables !== undefined) info.indexedVariables = body.indexedVariables;
    if (frame !== undefined) info.frameId = frame;
    return info;
  }

  output(sessionId: string, since: number, limit: number): OutputPage {
    return this.record(sessionId).output.read(since, limit);
  }

  readSource(file: string): Promise<{ path: string; lines: string[] }> {
    return this.sources.read(file);
  }

  async reveal(sessionId: string): Promise<void> {
    const record = this.record(sessionId);
    if (!record.handle) return;
    await vscode.commands.executeCommand('workbench.view.debug');
  }

  async redefineClasses(sessionId: string, input: { classesDir: string; sinceTimestamp?: number }): Promise<Record<string, unknown>> {
    const record = this.record(sessionId);
    if (record.debugType !== 'java') {
      throw new DebugBridgeError('unsupported', `redefine_classes hot-swaps Java classes through the Java Debugger extension's hot code replace; session ${sessionId} is a ${record.language} session. Nothing was changed.`);
    }
    if (!record.handle) throw new DebugBridgeError('wrong_state', `Session ${sessionId} is ${record.state}: start the Java program first.`);
    const commands = await vscode.commands.getCommands(true);
    if (!commands.includes('java.debug.hotCodeReplace')) {
      throw new DebugBridgeError('unsupported', 'The Java Debugger extension (vscjava.vscode-java-debug) with hot code replace is not available in this VS Code. Install it and try again.');
    }
    touch(record);
    await recordChildSpan('vscode.command', { command: 'java.debug.hotCodeReplace', request: input }, () => Promise.resolve(vscode.commands.executeCommand('java.debug.hotCodeReplace')));
    return { message: `Asked the Java debugger to hot-replace the classes changed under ${input.classesDir}.`, classesDir: input.classesDir };
  }

  // ---- internals

  private record(sessionId: string): DebugRecord {
    const record = this.registry.get(sessionId);
    if (record) return record;
    const known = this.registry.all().map((candidate) => `${candidate.id} (${candidate.name}, ${candidate.state})`);
    throw new DebugBridgeError(
      'unknown_session',
      `Unknown session "${sessionId}". ${known.length > 0 ? `Known sessions: ${known.join('; ')}.` : 'There are no sessions.'} Call list_debug_sessions, or create_debug_session to make one.`,
    );
  }

  private liveRecord(sessionId: string, action: string): DebugRecord {
    const record = this.record(sessionId);
    if (!record.handle || record.ended) {
      throw new DebugBridgeError('wrong_state', `Cannot ${action}: session ${sessionId} is ${record.state} and has no running program. ${record.state === 'created' ? 'Call start_debugging first.' : 'Call restart_debugging or start_debugging to run it again.'}`);
    }
    touch(record);
    return record;
  }

  private pausedRecord(sessionId: string, action: string): DebugRecord {
    const record = this.liveRecord(sessionId, action);
    if (record.state !== 'paused') {
      throw new DebugBridgeError('wrong_state', `Cannot ${action}: session ${sessionId} is ${record.state}, not paused. Wait for a breakpoint, or call pause_execution.`);
    }
    return record;
  }

  private languageOfDebugType(debugType: string): string {
    return this.languages.list().find((language) => language.debugType === debugType)?.id ?? debugType;
  }

  private async launchConfiguration(record: DebugRecord, spec: LaunchSpec): Promise<Record<string, unknown>> {
    const script = await this.sources.read(spec.scriptPath).catch((error: unknown) => {
      throw error instanceof DebugBridgeError ? new DebugBridgeError('file_not_found', `Script not found: ${resolveSourcePath(spec.scriptPath)}. Give an absolute path or one relative to the workspace folder ${workspaceRoot() ?? ''}.`) : error;
    });
    const configuration = this.languages.launchConfiguration(
      record.language,
      {
        scriptPath: script.path,
        args: spec.args,
        cwd: spec.cwd === undefined ? undefined : resolveSourcePath(spec.cwd),
        env: spec.env,
        executablePath: record.executablePath,
        stopOnEntry: spec.stopOnEntry,
        justMyCode: spec.justMyCode,
        extra: spec.dapLaunchArgs,
      },
      record.name,
    );
    return { ...configuration, ...spec.adapterLaunchConfig };
  }

  /** Starts the configuration in VS Code and waits for the first stop, the end, or (with nothing to stop at) the program running. */
  private async startAndWait(record: DebugRecord, configuration: Record<string, unknown>, wait: WaitOptions, stopOnEntry: boolean): Promise<ExecutionOutcome> {
    touch(record);
    const stopsBefore = record.stopCount;
    const endsBefore = record.endCount;
    const expectsStop = stopOnEntry || vscode.debug.breakpoints.some((breakpoint) => breakpoint.enabled);
    const program = typeof configuration.program === 'string' ? configuration.program : undefined;
    const folder = (program && vscode.workspace.getWorkspaceFolder(vscode.Uri.file(program))) || vscode.workspace.workspaceFolders?.[0];
    const started = await recordChildSpan(
      'vscode.startDebugging',
      { request: configuration },
      () => Promise.resolve(vscode.debug.startDebugging(folder, toDebugConfiguration(configuration, record.id), { suppressSaveBeforeStart: true })),
      (ok) => ({ response: { started: ok } }),
    );
    if (!started) {
      if (!record.ended) record.end(record.error ?? 'VS Code did not start the debug session.');
      throw new DebugBridgeError('launch_failed', `The ${record.language} debugger did not start: ${record.error ?? 'VS Code refused the configuration (see its notification)'}. Check scriptPath, executablePath and adapterLaunchConfig (dryRunSpawn shows the configuration).`);
    }
    await record.waitFor(
      () => record.stopCount > stopsBefore || record.endCount > endsBefore || (!expectsStop && record.configured),
      wait.timeoutMs,
      wait.signal,
    );
    return this.outcome(record);
  }

  private async resume(record: DebugRecord, command: string, wait: WaitOptions | undefined): Promise<ExecutionOutcome> {
    const threadId = await this.stopThread(record);
    const stopsBefore = record.stopCount;
    const endsBefore = record.endCount;
    const stop = record.lastStop;
    await this.breakpointsDelivered(record, wait?.signal);
    record.resumed();
    // the adapter often reports the stop before it answers the request: wait for whichever decides first
    const answered = this.request(record, command, { threadId }).then(
      () => undefined,
      (error: unknown) => {
        if (record.stopCount === stopsBefore && !record.ended && stop) record.stopped(stop);
        return new DebugBridgeError('adapter_error', `The debug adapter refused ${command}: ${message(error)}.`);
      },
    );
    if (!wait) {
      const refused = await answered;
      if (refused) throw refused;
      return { state: record.state };
    }
    let refused: DebugBridgeError | undefined;
    const settledRequest = answered.then((error) => {
      refused = error;
    });
    const stoppedOrEnded = () => record.stopCount > stopsBefore || record.endCount > endsBefore || refused !== undefined;
    await Promise.race([record.waitFor(stoppedOrEnded, wait.timeoutMs, wait.signal), settledRequest.then(() => (refused ? undefined : new Promise<void>(() => undefined)))]);
    if (refused) throw refused;
    const outcome = await this.outcome(record);
    // the request is answered by now in practice; its span belongs to this call's trace
    await Promise.race([settledRequest, record.waitFor(() => false, REQUEST_SETTLE_MS)]);
    if (refused) throw refused;
    return outcome;
  }

  /**
   * A request straight to a relayed adapter overtakes the workbench, which sends breakpoint
   * changes a browser round trip later: resuming right after a breakpoint was removed would stop
   * on it again. So a resume first waits (bounded, event-driven) for the adapter's answer to the
   * latest change.
   */
  private async breakpointsDelivered(record: DebugRecord, signal: AbortSignal | undefined): Promise<void> {
    if (!record.handle || !isRelayed(record.handle)) return;
    const changedAt = this.breakpointsChangedAt;
    if (changedAt === 0 || record.breakpointsAnsweredAt >= changedAt) return;
    await record.waitFor(() => record.breakpointsAnsweredAt >= changedAt, BREAKPOINT_SYNC_WAIT_MS, signal, 'breakpoints');
  }

  /** Where the program is now: the stop with its top frame (one stackTrace per stop), the end, or still running. */
  private async outcome(record: DebugRecord): Promise<ExecutionOutcome> {
    if (record.state === 'paused' && record.lastStop) {
      const stop = record.lastStop;
      const outcome: ExecutionOutcome = { state: 'paused', reason: stop.reason, threadId: stop.threadId };
      if (stop.description) outcome.description = stop.description;
      const top = await this.topFrameOf(record).catch(() => undefined);
      if (top) outcome.location = { file: top.file, line: top.line, column: top.column, function: top.name };
      return outcome;
    }
    if (record.ended) {
      const outcome: ExecutionOutcome = { state: record.state, lastOutput: record.output.lastLines(LAST_OUTPUT_LINES) };
      if (record.exitCode !== undefined) outcome.exitCode = record.exitCode;
      if (record.error) outcome.description = record.error;
      return outcome;
    }
    return { state: record.state, pending: true };
  }

  async topFrame(sessionId: string): Promise<StackFrameInfo | undefined> {
    return this.topFrameOf(this.pausedRecord(sessionId, 'get the top frame'));
  }

  /**
   * The top frame of the current stop. For adapters we relay, our own stackTrace goes straight to
   * the adapter. For others (js-debug...) a request crosses the workbench twice, while the
   * workbench asks for the top frame right after every stop and the tracker sees its answer
   * first: a short event-driven wait for that answer comes first, our own request is the fallback.
   */
  private async topFrameOf(record: DebugRecord): Promise<StackFrameInfo | undefined> {
    const stopCount = record.stopCount;
    // an adapter we relay answers our own request at once; only others are worth waiting on the workbench for
    if (!record.handle || !isRelayed(record.handle)) await record.waitFor(() => record.currentTopFrame() !== undefined || record.stopCount !== stopCount || record.state !== 'paused', OBSERVED_STACK_WAIT_MS, undefined, 'stack');
    const known = record.currentTopFrame();
    if (!known) return (await this.currentStack(record)).frames[0];
    const collector = currentSpanCollector();
    // the answer this call used, when the workbench asked for it during the call, is part of its trace
    if (known.observed && collector && known.observed.start >= collector.root.start) {
      const { command, request, response, start, durationMs } = known.observed;
      collector.addChild({ name: 'dap.request', command, request, response, start, duration_ms: durationMs, status: 'ok', attributes: { requestedBy: 'workbench' }, children: [] });
    }
    return known.frame;
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
    const body = await this.request<DebugProtocol.StackTraceResponse['body']>(record, 'stackTrace', { threadId, startFrame, levels }).catch((error: unknown) => {
      throw new DebugBridgeError('bad_reference', `No stack for thread ${threadId}: ${message(error)}. Call list_threads for the thread ids.`);
    });
    const frames = (body?.stackFrames ?? []).map(frameInfo);
    if (startFrame === 0 && frames[0]) record.observeTopFrame(threadId, frames[0]);
    return { frames, threadId, ...(body?.totalFrames !== undefined ? { totalFrames: body.totalFrames } : {}) };
  }

  /** The thread of the last stop, else the first thread. */
  private async stopThread(record: DebugRecord): Promise<number> {
    return record.lastStop?.threadId ?? this.firstThread(record);
  }

  private async firstThread(record: DebugRecord): Promise<number> {
    const handleBefore = record.handleId;
    let first = (await this.request<DebugProtocol.ThreadsResponse['body']>(record, 'threads', undefined))?.threads?.[0];
    // js-debug's attach answers from a parent session first; the threads live in the child it starts next
    if (!first && (await record.waitFor(() => record.handleId !== handleBefore, CHILD_SESSION_WAIT_MS, undefined, 'handle')) && record.handle) {
      first = (await this.request<DebugProtocol.ThreadsResponse['body']>(record, 'threads', undefined))?.threads?.[0];
    }
    if (!first) throw new DebugBridgeError('wrong_state', `Session ${record.id} has no threads yet. Wait for the program to start, then try again.`);
    return first.id;
  }

  /** One DAP request to the session's adapter, recorded as a `dap.request` child span of the running tool call. */
  private request<T>(record: DebugRecord, command: string, args: object | undefined): Promise<T> {
    const session = record.handle;
    if (!session) return Promise.reject(new DebugBridgeError('wrong_state', `Session ${record.id} is ${record.state} and has no running program.`));
    touch(record);
    // `via` tells readers of the trace whether a tracker could have seen the request too
    return recordChildSpan(
      'dap.request',
      { command, request: args, attributes: { via: isRelayed(session) ? 'relay' : 'customRequest' } },
      () => sendDapRequest<T>(session, command, args),
      // requests like `next` answer with no body: recorded as an empty one
      (response) => ({ response: response === undefined ? {} : capDapBody(response) }),
    );
  }

  /** Stops the program (if it runs) and waits, bounded, for VS Code to end the session. */
  private async stopProgram(record: DebugRecord): Promise<void> {
    const root = record.rootHandle ?? record.handle;
    if (!root || record.ended) return;
    const endsBefore = record.endCount;
    await Promise.resolve(vscode.debug.stopDebugging(root)).catch(() => undefined);
    await record.waitFor(() => record.endCount > endsBefore, STOP_WAIT_MS);
    if (!record.ended) record.end();
  }
}

function touch(record: DebugRecord): void {
  currentSpanCollector()?.touchDebugSession(record.id);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toDebugConfiguration(configuration: Record<string, unknown>, recordId: string): vscode.DebugConfiguration {
  return { ...configuration, type: String(configuration.type), name: String(configuration.name), request: String(configuration.request), [SESSION_MARKER]: recordId };
}

function activeSessions(): vscode.DebugSession[] {
  return vscode.debug.activeDebugSession ? [vscode.debug.activeDebugSession] : [];
}
