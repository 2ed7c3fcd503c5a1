// What the MCP tools need from a debugger, with no vscode import: the tools depend on this
// interface only, so they run against a fake bridge in unit tests and against
// `VscodeDebugBridge` (VS Code's own debug sessions) in the extension.
import type { LanguageAvailability } from './languageAvailability';
import type { SupportedLanguage } from './languageCatalog';
import type { RunnerInvocation, TestFramework, TestResult } from './testRunners/testRunner';

export type { RunnerInvocation, TestFailure, TestFramework, TestResult } from './testRunners/testRunner';

/** Life cycle of one debug session, as the `mcp-debugger` reference names it. */
export type SessionState = 'created' | 'initializing' | 'ready' | 'running' | 'paused' | 'stopped' | 'error';

/** Who started the session: an agent through the tools, or the user from VS Code's Run and Debug view. */
export type SessionOrigin = 'agent' | 'user';

export interface StopInfo {
  /** DAP stop reason: breakpoint, step, entry, pause, exception, ... */
  reason: string;
  threadId?: number;
  description?: string;
  text?: string;
  hitBreakpointIds?: number[];
  /** Epoch ms. */
  at: number;
}

export interface SessionInfo {
  id: string;
  name: string;
  language: string;
  state: SessionState;
  /** ISO timestamps, as in the reference. */
  createdAt: string;
  updatedAt: string;
  startedBy: SessionOrigin;
  mode?: 'launch' | 'attach';
  /** Set when the program runs without debugging (VS Code's Run Without Debugging, configuration `noDebug`): it cannot be paused or inspected, and breakpoints do not bind. */
  noDebug?: true;
  debugType?: string;
  /** VS Code's id of the debug session that currently backs this one. */
  vscodeSessionId?: string;
  lastStop?: StopInfo;
  exitCode?: number;
  /** Why the session is in state `error`. */
  error?: string;
}

/** A language as the catalog describes it, with what it can do here now when that was checked. */
export type LanguageInfo = SupportedLanguage & Partial<Pick<LanguageAvailability, 'package' | 'description' | 'version' | 'requiresExecutable' | 'modes'>>;

/** Where a paused program is: the top frame's file, line, column and function. */
export interface StopLocation {
  file: string;
  line: number;
  column?: number;
  function?: string;
}

export interface BreakpointSpec {
  /** Absolute or workspace-relative path. */
  file: string;
  line: number;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
}

export interface BreakpointInfo {
  id: string;
  /** Set for a DAP function breakpoint; `file` and `line` are then where the adapter placed it, when it said. */
  functionName?: string;
  file: string;
  /** Where the adapter placed it (the requested line until an adapter answers). */
  line: number;
  requestedLine: number;
  verified: boolean;
  enabled: boolean;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
  /** The adapter's explanation when it did not verify the breakpoint. */
  message?: string;
}

/** A VS Code function breakpoint (break when a named function is called). */
export interface FunctionBreakpointInfo {
  id: string;
  functionName: string;
  enabled: boolean;
  verified: boolean;
  condition?: string;
}

export interface OutputEntry {
  seq: number;
  category: string;
  output: string;
  timestamp: number;
  truncated?: boolean;
}

export interface OutputPage {
  entries: OutputEntry[];
  nextSince: number;
  hasMore: boolean;
  dropped: number;
}

/** A function breakpoint (DAP `setFunctionBreakpoints`), where the adapter supports them. */
export interface FunctionBreakpointSpec {
  functionName: string;
  /** The file the caller named: where the breakpoint is reported until the adapter places it. */
  file: string;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
}

/** An exception filter the adapter offers (DAP `ExceptionBreakpointsFilter`). */
export interface ExceptionFilterInfo {
  id: string;
  label: string;
  description?: string;
  /** Whether VS Code turns it on unless the user changed it. */
  default?: boolean;
}

export interface ExceptionBreakpointsOutcome {
  applied: string[];
  /** The adapter's filters; empty while no adapter of this kind has answered `initialize` yet. */
  available: ExceptionFilterInfo[];
  /** True when no program runs: the filters are sent when it starts. */
  pending?: boolean;
}

/** The exception a program stopped on (DAP `exceptionInfo`, or the stop event's text where the adapter has no such request). */
export interface ExceptionStop {
  id: string;
  description?: string;
  message: string;
  stackTrace?: string;
  /** DAP break mode: always, unhandled, userUnhandled, never. */
  breakMode?: string;
}

/** What the adapter said it can do (DAP `initialize` capabilities), as far as the tools use it. */
export interface AdapterFeatures {
  supportsFunctionBreakpoints: boolean;
  supportsExceptionInfoRequest: boolean;
  exceptionFilters: ExceptionFilterInfo[];
}

/** What a call that resumes the program (start, step, continue, pause) ends with. */
export interface ExecutionOutcome {
  state: SessionState;
  /** Stop reason when paused. */
  reason?: string;
  threadId?: number;
  location?: StopLocation;
  exitCode?: number;
  /** True when the bound elapsed while the program was still running. */
  pending?: boolean;
  /** Set when the program runs without debugging (configuration `noDebug`): it will not pause. */
  noDebug?: true;
  /** The last lines of program output, when the program ended. */
  lastOutput?: string[];
  description?: string;
  /** The exception, when the program stopped on one (reason `exception`). */
  exception?: ExceptionStop;
  /** When a test run ended: its result, from the runner's report or output. */
  testResult?: TestResult;
}

/** Running one test (or a file's tests) under the debugger with the project's own runner. */
export interface TestSpec {
  /** Absolute or workspace-relative path of the test file. */
  file: string;
  testName?: string;
  /** The runner to use instead of the detected one. */
  framework?: TestFramework;
}

export interface TestOutcome extends ExecutionOutcome, LaunchPlan {
  framework: TestFramework;
  /** The folder the runner ran in (the project's root). */
  root: string;
  file: string;
  /** How the runner was started: its module or program and arguments. */
  invocation: RunnerInvocation;
}

/** What a hot code replace found under the classes directory, and whether the Java debugger was asked. */
export interface HotCodeReplaceOutcome {
  classesDir: string;
  sinceTimestamp: number;
  /** The .class files modified after sinceTimestamp. */
  changedClassFiles: string[];
  scannedFiles: number;
  /** The newest modification time seen, for the next call's sinceTimestamp. */
  newestTimestamp: number;
  /** Whether the Java debugger's hot code replace ran (it does not when no file changed). */
  asked: boolean;
  command?: string;
}

/** How a detach ended: the adapter let go of the program (or stopped it, when asked to). */
export interface DetachOutcome {
  state: SessionState;
  /** Whether the program was asked to end (terminateProcess) rather than left running. */
  terminated: boolean;
  /** Whether VS Code ended its debug session within the wait; false leaves it in the debug views. */
  sessionEnded: boolean;
}

export interface LaunchSpec {
  scriptPath: string;
  args?: string[];
  cwd?: string;
  env?: Record<string, string>;
  stopOnEntry?: boolean;
  justMyCode?: boolean;
  /** Extra DAP launch arguments (beyond stopOnEntry/justMyCode), merged into the configuration. */
  dapLaunchArgs?: Record<string, unknown>;
  /** Merged last into the launch configuration. */
  adapterLaunchConfig?: Record<string, unknown>;
}

/** A launch configuration or compound of the workspace, as listed. */
export interface LaunchConfigurationInfo {
  name: string;
  type: string;
  request: string;
  /** The workspace folder's path (the `.code-workspace` file's for workspace-level entries, `user settings` for the user's settings.json). */
  folder: string;
  compound: boolean;
}

/** Starting a configuration of launch.json by name; the call's fields override the configuration's. */
export interface NamedLaunchSpec {
  configurationName: string;
  /** A folder's name or path, when several folders have a configuration of that name. */
  folder?: string;
  scriptPath?: string;
  args?: string[];
  cwd?: string;
  env?: Record<string, string>;
  stopOnEntry?: boolean;
}

/** One session a compound started, and where its program is. */
/** A preLaunchTask the tools ran through VS Code's task system, and how it ended. */
export interface PreLaunchTaskRun {
  task: string;
  exitCode: number;
  durationMs: number;
}

export interface CompoundPartOutcome extends ExecutionOutcome {
  sessionId: string;
  configurationName: string;
}

export interface NamedLaunchOutcome extends ExecutionOutcome, LaunchPlan {
  /** The preLaunchTask that ran (and succeeded) before the start. */
  preLaunchTask?: PreLaunchTaskRun;
  /** For a compound: every session it started (the first one is the call's session). */
  sessions?: CompoundPartOutcome[];
}

export interface AttachSpec {
  host?: string;
  port?: number;
  processId?: number;
  stopOnEntry?: boolean;
  justMyCode?: boolean;
  adapterConfig?: Record<string, unknown>;
}

export interface WaitOptions {
  /** Upper bound of the wait for a stop or the end; the outcome says `pending` when it elapsed. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface ThreadInfo {
  id: number;
  name: string;
}

export interface StackFrameInfo {
  id: number;
  name: string;
  file: string;
  line: number;
  column: number;
  presentationHint?: string;
}

export interface StackTraceInfo {
  frames: StackFrameInfo[];
  totalFrames?: number;
  threadId: number;
}

export interface ScopeInfo {
  name: string;
  /** The adapter's source of the scope, when it names one. */
  source?: { name?: string; path?: string };
  variablesReference: number;
  expensive: boolean;
  namedVariables?: number;
  indexedVariables?: number;
  presentationHint?: string;
}

export interface VariableInfo {
  name: string;
  value: string;
  type?: string;
  variablesReference: number;
  evaluateName?: string;
  namedVariables?: number;
  indexedVariables?: number;
  presentationHint?: { kind?: string; attributes?: string[]; visibility?: string };
}

/** The top frame's local scope as the adapter would answer scopes and variables for it. */
export interface TopLocals {
  frame: StackFrameInfo;
  scopeName: string;
  /** Every variable of the scope; one not wanted may be of a kind only the adapter shows (variablesReference 0, no value). */
  variables: VariableInfo[];
}

export interface VariablesPage {
  start?: number;
  count?: number;
  filter?: 'indexed' | 'named';
}

export interface EvaluateInfo {
  result: string;
  /** The adapter's hints on how to show the result (kind, attributes, visibility). */
  presentationHint?: { kind?: string; attributes?: string[]; visibility?: string; lazy?: boolean };
  type?: string;
  variablesReference: number;
  namedVariables?: number;
  indexedVariables?: number;
  frameId?: number;
}

/** What bringing a session forward did in VS Code's UI. */
export interface RevealOutcome {
  /** The workbench commands that ran (the Run and Debug view, its Call Stack). */
  views: string[];
  /** Where an editor now shows the paused line, when the session is paused in a file. */
  editor?: { file: string; line: number };
  /** VS Code's active debug session (the one its toolbar and Variables view follow). */
  activeSessionId?: string;
  isActiveSession: boolean;
}

export interface LaunchPlan {
  /** The VS Code debug configuration that would be (or was) started. */
  configuration: Record<string, unknown>;
}

/** A launch plan with what the launch needs checked: the script, the debugger, the interpreter or runtime. */
export interface CheckedLaunchPlan extends LaunchPlan {
  /** What the launch would lack; empty when nothing was found missing. */
  missing: string[];
  /** What was left unchecked, and why. */
  notChecked: string[];
}

/** What closing a session did. */
export interface CloseOutcome {
  /** VS Code had ended every debug session of it (the program's and, for js-debug, its parent) when the close answered. */
  vscodeSessionsEnded: boolean;
  /** How long the close waited for that, at most SESSION_END_WAIT_MS (ms). */
  waitedMs: number;
}

/** What changed in one session: a new one, its state or stop, its output, or that it is gone. */
export interface SessionChange {
  sessionId: string;
  what: 'created' | 'state' | 'output' | 'closed';
}

/**
 * Every method fails with a `DebugError` (debugErrors.ts) for an unknown session or anything else
 * that went wrong. Methods do not check the session's state first: callers do (each tool declares
 * the states it needs), and a request the program cannot serve fails with the adapter's answer.
 */
export interface DebugBridge {
  /** Every language, its toolchain checked (cheap: the checks are cached). */
  listLanguages(): Promise<LanguageInfo[]>;
  /** Fires on every session change, so views of a session (MCP resources) update without polling. */
  onDidChangeSession(listener: (change: SessionChange) => void): { dispose(): void };

  createSession(input: { language: string; name?: string; executablePath?: string }): SessionInfo;
  listSessions(): SessionInfo[];
  /** Fails with a `DebugError` (`unknown_session`) naming the known sessions when there is none. */
  getSession(sessionId: string): SessionInfo;
  /** Stops the program, waits (bounded) until VS Code has ended the session's debug sessions, then forgets the session. */
  closeSession(sessionId: string): Promise<CloseOutcome>;

  setBreakpoint(sessionId: string, spec: BreakpointSpec): Promise<BreakpointInfo>;
  listBreakpoints(sessionId: string, file?: string): Promise<BreakpointInfo[]>;
  /** The session's function breakpoints: those it set (the tools set none), and for a user's session all of VS Code's. */
  listFunctionBreakpoints(sessionId: string): FunctionBreakpointInfo[];
  removeBreakpoints(sessionId: string, target: { breakpointId?: string; file?: string; line?: number }): Promise<BreakpointInfo[]>;
  clearBreakpoints(sessionId: string, file?: string): Promise<BreakpointInfo[]>;
  setFunctionBreakpoint(sessionId: string, spec: FunctionBreakpointSpec): Promise<BreakpointInfo>;
  /** What the session's adapter can do: known once it (or an earlier one of its debug type) answered `initialize`. */
  adapterFeatures(sessionId: string): AdapterFeatures | undefined;
  /** Fails with `unknown_exception_filter` naming the adapter's filters when one id is not among them. */
  setExceptionBreakpoints(sessionId: string, filters: readonly string[]): Promise<ExceptionBreakpointsOutcome>;

  /**
   * The configuration `launch` would start and what it would lack, without starting anything:
   * the script must be readable (else `program_not_found`), the debugger installed, the
   * interpreter or runtime found, and Python's able to import debugpy (this runs the interpreter,
   * never the script; skipped in an untrusted workspace for an interpreter the session named).
   */
  planLaunch(sessionId: string, spec: LaunchSpec): Promise<CheckedLaunchPlan>;
  launch(sessionId: string, spec: LaunchSpec, wait: WaitOptions): Promise<ExecutionOutcome & LaunchPlan>;
  /** Relaunches the last launch; a preLaunchTask the tools ran for a named start runs again first, as on VS Code's own restart. */
  restart(sessionId: string, wait: WaitOptions): Promise<ExecutionOutcome & { preLaunchTask?: PreLaunchTaskRun }>;
  /** The launch configurations and compounds of every workspace folder (and of a .code-workspace file). */
  listLaunchConfigurations(): LaunchConfigurationInfo[];
  /** Starts a configuration (or compound) of launch.json through VS Code's own resolution, after its preLaunchTask. */
  launchConfiguration(sessionId: string, spec: NamedLaunchSpec, wait: WaitOptions): Promise<NamedLaunchOutcome>;
  /**
   * Runs a test file's tests (or one) under the debugger with the runner detected from its project
   * (or the one named): waits for a stop or the end, and answers the result when it ended. Fails with
   * `no_test_runner`, `unknown_test` (naming the file's tests) or `test_listing_failed`.
   */
  debugTest(sessionId: string, spec: TestSpec, wait: WaitOptions): Promise<TestOutcome>;
  attach(sessionId: string, spec: AttachSpec, wait: WaitOptions): Promise<ExecutionOutcome & LaunchPlan>;
  /**
   * Disconnects with `terminateDebuggee: terminate`. Leaving the program running never falls back
   * to stopping it: an adapter that cannot detach fails with `cannot_detach`.
   */
  detach(sessionId: string, terminate: boolean): Promise<DetachOutcome>;

  step(sessionId: string, kind: 'over' | 'into' | 'out', wait: WaitOptions): Promise<ExecutionOutcome>;
  continue(sessionId: string, wait: WaitOptions | undefined): Promise<ExecutionOutcome>;
  pause(sessionId: string, threadId: number | undefined, wait: WaitOptions): Promise<ExecutionOutcome & { alreadyPaused?: boolean }>;
  /** Continues to `line` of `file` through a temporary breakpoint, removed afterwards however the wait ends. */
  runToLine(sessionId: string, target: { file: string; line: number }, wait: WaitOptions): Promise<ExecutionOutcome & { reached: boolean }>;

  threads(sessionId: string): Promise<ThreadInfo[]>;
  /** The innermost frame of the current stop (cheap: usually known from the stop already). */
  topFrame(sessionId: string): Promise<StackFrameInfo | undefined>;
  stackTrace(sessionId: string, options?: { threadId?: number; startFrame?: number; levels?: number }): Promise<StackTraceInfo>;
  /**
   * The top frame's locals without asking the adapter for scopes and variables, where a direct
   * line to the program gives the adapter's own answer and each variable `wanted` has no children;
   * undefined otherwise (then ask topFrame, scopes and variables).
   */
  topLocals(sessionId: string, wanted: (name: string) => boolean): Promise<TopLocals | undefined>;
  scopes(sessionId: string, frameId: number): Promise<ScopeInfo[]>;
  variables(sessionId: string, variablesReference: number, page?: VariablesPage): Promise<VariableInfo[]>;
  evaluate(sessionId: string, expression: string, frameId: number | undefined, context?: 'repl' | 'watch' | 'hover' | 'variables'): Promise<EvaluateInfo>;
  output(sessionId: string, since: number, limit: number): OutputPage;

  /** Lines of a source file (1-based index = line number), cached until the file changes. */
  readSource(file: string): Promise<{ path: string; lines: string[] }>;

  /** Brings the session forward in VS Code's debug UI and marks it exposed; says what it did. */
  reveal(sessionId: string): Promise<RevealOutcome>;
  /** Marks the session no longer exposed; answers whether it was. */
  conceal(sessionId: string): { wasExposed: boolean };
  /**
   * Hot code replace through the Java debugger, where one is present: lists the .class files under
   * classesDir changed since sinceTimestamp and, when there are any, asks the Java debugger, which
   * picks the classes to replace itself.
   */
  redefineClasses(sessionId: string, input: { classesDir: string; sinceTimestamp?: number }): Promise<HotCodeReplaceOutcome>;
}
