// Everything known about one debug session, fed by the DAP tracker and read by the bridge.
// No vscode import: the VS Code session it is bound to is held as an opaque handle.
import { Emitter } from '../common/emitter';
import type { AdapterFeatures, PreLaunchTaskRun, SessionInfo, SessionOrigin, SessionState, StackFrameInfo, StackTraceInfo, StopInfo, WaitOptions } from './debugBridge';
import { OutputBuffer } from './outputBuffer';
import type { TestResult } from './testRunners/testRunner';

export interface RecordInit {
  id: string;
  name: string;
  language: string;
  startedBy: SessionOrigin;
  executablePath?: string;
  debugType?: string;
  now?: number;
}

/** What the adapter answered about one source breakpoint (DAP `Breakpoint`). */
export interface BreakpointAnswer {
  id?: number;
  verified: boolean;
  line?: number;
  /** Where the adapter placed it, for a function breakpoint. */
  path?: string;
  message?: string;
}

/** A DAP request someone else (the workbench) made, as the tracker saw it. */
export interface ObservedRequest {
  command: string;
  request: unknown;
  response: unknown;
  /** Epoch ms. */
  start: number;
  durationMs: number;
}

/** What changed, so waiters only re-check their condition when it can have changed. */
export type RecordChange = 'state' | 'breakpoints' | 'output' | 'handle' | 'stack';

export class DebugRecordOf<Handle = unknown> {
  readonly id: string;
  readonly startedBy: SessionOrigin;
  readonly createdAt: number;
  readonly output = new OutputBuffer();
  /** VS Code breakpoint ids set through this session. */
  readonly ownedBreakpoints = new Set<string>();
  name: string;
  language: string;
  executablePath?: string;
  debugType?: string;
  mode?: 'launch' | 'attach';
  state: SessionState = 'created';
  updatedAt: number;
  lastStop?: StopInfo;
  exitCode?: number;
  error?: string;
  /** The VS Code session the requests go to (for js-debug, the child that owns the threads). */
  handle?: Handle;
  handleId?: string;
  /** The session VS Code started for us (a parent, for js-debug): the one to stop. */
  rootHandle?: Handle;
  /** Counts stops and ends, so a waiter knows a new one arrived after it began. */
  stopCount = 0;
  endCount = 0;
  /** Set once the adapter answered configurationDone (the program runs from then on). */
  configured = false;
  /** Whether the adapter honours `terminateDebuggee: false` on disconnect (its `supportTerminateDebuggee` capability). */
  supportsTerminateDebuggee = false;
  /** The program runs without debugging (its configuration, or the one it was started from, says noDebug): no debugger is attached to it. */
  noDebug = false;
  /** Shown to the human (brought forward in VS Code), until that is undone or the program ends. */
  exposed = false;
  /** How many configurationDone answers this launch had (js-debug: the parent's, then the child's). */
  configurations = 0;
  /** The stack of the current stop, read once per stop. */
  stackCache?: { stopCount: number; threadId: number; trace: Promise<StackTraceInfo> };
  /** The top frame of the current stop, as soon as any stackTrace answer (ours or the workbench's) told it. */
  topFrame?: { stopCount: number; threadId: number; frame: StackFrameInfo; observed?: ObservedRequest };
  /** The launch or attach configuration last started, for a restart. */
  lastConfiguration?: Record<string, unknown>;
  /** Reruns the preLaunchTask the tools ran before the last named start (taken out of lastConfiguration), for a restart. */
  rerunPreLaunchTask?: (wait: WaitOptions) => Promise<PreLaunchTaskRun>;
  /** A test run's configuration, and how its result is read once it ends (again after a restart of it). */
  testRun?: { configuration: Record<string, unknown>; result(): Promise<TestResult | undefined> };
  /** The adapter's answers to setBreakpoints, by source path and requested line. */
  readonly breakpointAnswers = new Map<string, Map<number, BreakpointAnswer>>();
  /** Epoch ms of the adapter's last setBreakpoints answer. */
  breakpointsAnsweredAt = 0;
  /** The adapter's answers to setFunctionBreakpoints, by function name. */
  readonly functionBreakpointAnswers = new Map<string, BreakpointAnswer>();
  /** What the adapter of the current launch answered to `initialize`. */
  features?: AdapterFeatures;
  /** Exception filters the agent chose for this session; they outlive a restart. */
  exceptionFilters?: readonly string[];
  private readonly changes = new Emitter<RecordChange>();
  readonly onDidChange = this.changes.event;

  constructor(init: RecordInit) {
    this.id = init.id;
    this.name = init.name;
    this.language = init.language;
    this.startedBy = init.startedBy;
    this.executablePath = init.executablePath;
    this.debugType = init.debugType;
    this.createdAt = init.now ?? Date.now();
    this.updatedAt = this.createdAt;
  }

  get ended(): boolean {
    return this.state === 'stopped' || this.state === 'error';
  }

  setState(state: SessionState): void {
    if (this.state === state) return;
    this.state = state;
    this.updatedAt = Date.now();
    if (state !== 'paused') this.stackCache = undefined;
    if (state === 'running') this.lastStop = undefined;
    this.changes.fire('state');
  }

  /** Requests go to this VS Code session from now on (a new launch, or js-debug's child session). */
  bindHandle(handle: Handle, handleId: string): void {
    this.handle = handle;
    this.handleId = handleId;
    this.changes.fire('handle');
  }

  /** A new launch: fresh output, no exit code, no stop. */
  beginLaunch(mode: 'launch' | 'attach'): void {
    this.mode = mode;
    this.exitCode = undefined;
    this.error = undefined;
    this.lastStop = undefined;
    this.configured = false;
    this.noDebug = false;
    this.exposed = false;
    this.configurations = 0;
    this.breakpointAnswers.clear();
    this.functionBreakpointAnswers.clear();
    this.features = undefined;
    this.output.clear();
    this.setState('initializing');
  }

  /** The adapter answered configurationDone: the program runs from now on. */
  markConfigured(): void {
    this.configured = true;
    this.configurations++;
    if (this.state === 'initializing' || this.state === 'ready') this.setState('running');
    else this.changes.fire('state');
  }

  stopped(stop: StopInfo): void {
    this.lastStop = stop;
    this.stopCount++;
    this.stackCache = undefined;
    this.updatedAt = Date.now();
    this.state = 'paused';
    this.changes.fire('state');
  }

  resumed(): void {
    if (this.state === 'paused' || this.state === 'ready' || this.state === 'initializing') this.setState('running');
  }

  /**
   * The adapter reported the program's exit: the session is `stopped` from now on (waiters answer
   * at once), though VS Code ends the debug session itself a little later.
   */
  programExited(exitCode: number): void {
    this.exitCode = exitCode;
    if (this.ended) return;
    this.endCount++;
    this.exposed = false;
    this.stackCache = undefined;
    this.state = 'stopped';
    this.updatedAt = Date.now();
    this.changes.fire('state');
  }

  /** VS Code ended the debug session after the program had exited. */
  releaseHandles(): void {
    this.handle = undefined;
    this.handleId = undefined;
    this.rootHandle = undefined;
  }

  /** The program or session ended; a launch the adapter refused ends in `error`. */
  end(error?: string): void {
    this.endCount++;
    this.exposed = false;
    if (error) this.error = error;
    const failed = Boolean(this.error) && !this.configured;
    this.handle = undefined;
    this.handleId = undefined;
    this.rootHandle = undefined;
    this.stackCache = undefined;
    this.state = failed ? 'error' : 'stopped';
    this.updatedAt = Date.now();
    this.changes.fire('state');
  }

  appendOutput(category: string, text: string): void {
    this.output.push(category, text);
    this.changes.fire('output');
  }

  /**
   * A stackTrace answer from the top of a paused thread's stack, asked at stop `askedAtStop`. An
   * answer to a question of an earlier stop (a step can outrun the workbench's reads) names frames
   * the adapter has dropped since, so it is not this stop's.
   */
  observeTopFrame(threadId: number, frame: StackFrameInfo, askedAtStop: number, observed?: ObservedRequest): void {
    if (askedAtStop !== this.stopCount) return;
    if (this.state !== 'paused' || (this.lastStop?.threadId !== undefined && this.lastStop.threadId !== threadId)) return;
    if (this.topFrame?.stopCount === this.stopCount) return;
    this.topFrame = { stopCount: this.stopCount, threadId, frame, observed };
    this.changes.fire('stack');
  }

  /** The top frame of the current stop, if known. */
  currentTopFrame(): { frame: StackFrameInfo; observed?: ObservedRequest } | undefined {
    return this.state === 'paused' && this.topFrame?.stopCount === this.stopCount ? this.topFrame : undefined;
  }

  /** A setBreakpoints answer: one DAP breakpoint per requested line, in request order. */
  answerBreakpoints(path: string, requestedLines: readonly number[], answers: readonly BreakpointAnswer[]): void {
    const byLine = new Map<number, BreakpointAnswer>();
    requestedLines.forEach((line, index) => {
      const answer = answers[index];
      if (answer) byLine.set(line, answer);
    });
    this.breakpointAnswers.set(path, byLine);
    this.breakpointsAnsweredAt = Date.now();
    this.changes.fire('breakpoints');
  }

  /** A setFunctionBreakpoints answer: one DAP breakpoint per requested name, in request order. */
  answerFunctionBreakpoints(names: readonly string[], answers: readonly BreakpointAnswer[]): void {
    this.functionBreakpointAnswers.clear();
    names.forEach((name, index) => {
      const answer = answers[index];
      if (answer) this.functionBreakpointAnswers.set(name, answer);
    });
    this.breakpointsAnsweredAt = Date.now();
    this.changes.fire('breakpoints');
  }

  /** A `breakpoint` event: the adapter changed one it answered before (e.g. verified it later). */
  updateBreakpoint(answer: BreakpointAnswer): void {
    if (answer.id === undefined) return;
    for (const byLine of this.breakpointAnswers.values()) {
      for (const [line, known] of byLine) {
        if (known.id === answer.id) byLine.set(line, { ...known, ...answer });
      }
    }
    for (const [name, known] of this.functionBreakpointAnswers) {
      if (known.id === answer.id) this.functionBreakpointAnswers.set(name, { ...known, ...answer });
    }
    this.changes.fire('breakpoints');
  }

  /**
   * Resolves once `condition` holds (checked now and on every change), when the bound elapses,
   * or when the signal aborts; answers whether the condition held. Event-driven: no polling.
   */
  waitFor(condition: () => boolean, timeoutMs: number, signal?: AbortSignal, on: RecordChange = 'state'): Promise<boolean> {
    if (condition()) return Promise.resolve(true);
    return new Promise((resolve) => {
      let settled = false;
      const finish = (held: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        subscription.dispose();
        signal?.removeEventListener('abort', onAbort);
        resolve(held);
      };
      const onAbort = () => finish(condition());
      const subscription = this.changes.event((change) => {
        if (change === on && condition()) finish(true);
      });
      const timer = setTimeout(() => finish(condition()), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) onAbort();
    });
  }

  info(): SessionInfo {
    const info: SessionInfo = {
      id: this.id,
      name: this.name,
      language: this.language,
      state: this.state,
      createdAt: new Date(this.createdAt).toISOString(),
      updatedAt: new Date(this.updatedAt).toISOString(),
      startedBy: this.startedBy,
    };
    if (this.mode) info.mode = this.mode;
    if (this.noDebug) info.noDebug = true;
    if (this.debugType) info.debugType = this.debugType;
    if (this.handleId) info.vscodeSessionId = this.handleId;
    if (this.lastStop && this.state === 'paused') info.lastStop = this.lastStop;
    if (this.exitCode !== undefined) info.exitCode = this.exitCode;
    if (this.error) info.error = this.error;
    return info;
  }

  dispose(): void {
    this.changes.dispose();
  }
}
