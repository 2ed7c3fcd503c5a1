// The DebugBridge over VS Code's own debugger: sessions start through vscode.debug, requests go
// straight to the adapters we relay and through DebugSession.customRequest to the others (each
// one a `dap.request` span of the calling tool), and every answer about stops and ends comes from
// the DAP tracker's events. This class looks sessions up and hands each call to the part that
// does it: launch configurations, execution and waits, inspection, breakpoints, sources.
import * as vscode from 'vscode';
import { BreakpointManager } from './breakpointManager';
import { CdpAnswers } from './cdp/cdpAnswers';
import { CdpResume } from './cdp/cdpResume';
import { JsDebugChannels } from './cdp/jsDebugChannels';
import { ConfigurationLaunch } from './configurationLaunch';
import type {
  AdapterFeatures, AttachSpec, BreakpointInfo, BreakpointSpec, CheckedLaunchPlan, CloseOutcome, DebugBridge, DetachOutcome, EvaluateInfo, ExceptionBreakpointsOutcome,
  ExecutionOutcome, FunctionBreakpointInfo, FunctionBreakpointSpec, HotCodeReplaceOutcome, LanguageInfo, LaunchConfigurationInfo, LaunchPlan, LaunchSpec,
  NamedLaunchOutcome, NamedLaunchSpec, OutputPage, PreLaunchTaskRun, RevealOutcome, ScopeInfo, SessionChange, SessionInfo, StackFrameInfo, StackTraceInfo,
  TestOutcome, TestSpec, ThreadInfo, TopLocals, VariableInfo, VariablesPage, WaitOptions,
} from './debugBridge';
import { DebugError } from './debugErrors';
import { touch } from './dapRequests';
import { registerDapTracker } from './dapTracker';
import { ExceptionBreakpoints } from './exceptionBreakpoints';
import { redefineClasses } from './hotCodeReplace';
import { LaunchConfigurations } from './launchConfigurations';
import type { LanguageRegistry } from './languageRegistry';
import { ProgramExecution, type BreakpointKindsChanged } from './programExecution';
import { ProgramInspection, type EvaluateContext } from './programInspection';
import { runToLine } from './runToLine';
import { revealSession } from './sessionReveal';
import { SessionRegistry } from './sessionRegistry';
import { SourceCache } from './sourceFiles';
import { TestLaunch } from './testLaunch';

const STEP_COMMANDS = { over: 'next', into: 'stepIn', out: 'stepOut' } as const;
/** How long a close waits, after the program's end, for VS Code to end the session's debug sessions. */
const SESSION_END_WAIT_MS = 5000;

export class VscodeDebugBridge implements DebugBridge, vscode.Disposable {
  private readonly registry: SessionRegistry;
  private readonly sources = new SourceCache();
  private readonly breakpoints = new BreakpointManager(this.sources);
  private readonly configurations: LaunchConfigurations;
  /** Direct lines to the targets of js-debug sessions (its CDP proxy), for answers that need not cross the workbench. */
  private readonly jsDebugChannels = new JsDebugChannels();
  private readonly cdpAnswers = new CdpAnswers(this.jsDebugChannels);
  private readonly inspection = new ProgramInspection(this.cdpAnswers);
  private readonly namedLaunches: ConfigurationLaunch;
  private readonly exceptions = new ExceptionBreakpoints();
  private readonly execution = new ProgramExecution(this.inspection, (record) => this.exceptions.mayStop(record), new CdpResume(this.jsDebugChannels));
  private readonly tests: TestLaunch;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly languages: LanguageRegistry) {
    this.configurations = new LaunchConfigurations(languages, this.sources);
    this.tests = new TestLaunch(this.execution, languages);
    this.registry = new SessionRegistry((debugType) => this.languageOfDebugType(debugType));
    this.namedLaunches = new ConfigurationLaunch({
      execution: this.execution,
      createRecord: (input) => this.registry.create(input),
      languageOfDebugType: (debugType) => this.languageOfDebugType(debugType),
    });
    this.disposables.push(
      this.registry,
      this.jsDebugChannels,
      registerDapTracker(this.registry, this.exceptions, this.jsDebugChannels, this.cdpAnswers),
      vscode.debug.onDidStartDebugSession((session) => {
        this.registry.bind(session);
        this.jsDebugChannels.prepare(session);
      }),
      vscode.debug.onDidTerminateDebugSession((session) => this.registry.ended(session)),
      vscode.debug.onDidChangeBreakpoints((event) => this.execution.breakpointsChanged(kindsChanged(event))),
    );
    if (vscode.debug.activeDebugSession) this.registry.bind(vscode.debug.activeDebugSession);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0).reverse()) disposable.dispose();
  }

  onDidChangeSession(listener: (change: SessionChange) => void): vscode.Disposable {
    const subscription = this.registry.onDidChangeSession(listener);
    return new vscode.Disposable(() => subscription.dispose());
  }

  // ---- languages and sessions

  listLanguages(): Promise<LanguageInfo[]> {
    return this.languages.availability();
  }

  createSession(input: { language: string; name?: string; executablePath?: string }): SessionInfo {
    const language = this.languages.resolve(input.language);
    if (!language) {
      const installed = this.languages.list().filter((candidate) => candidate.installed).map((candidate) => candidate.id);
      throw new DebugError({ kind: 'unknown_language', language: input.language, installed });
    }
    if (!language.installed) {
      throw new DebugError({ kind: 'debugger_missing', language: language.id, displayName: language.displayName, ...(language.requiredExtension ? { requiredExtension: language.requiredExtension } : {}) });
    }
    return this.registry.create({ language: language.id, name: input.name, executablePath: input.executablePath, debugType: language.debugType }).info();
  }

  listSessions(): SessionInfo[] {
    return this.registry.all().map((record) => record.info());
  }

  getSession(sessionId: string): SessionInfo {
    return this.registry.require(sessionId).info();
  }

  async closeSession(sessionId: string): Promise<CloseOutcome> {
    const record = this.registry.require(sessionId);
    await this.execution.stop(record);
    // the program's end is not VS Code's: it still disconnects and ends the debug sessions (js-debug's
    // child, then its parent) for up to seconds. Answered once it has, so the agent's next calls do not
    // share the extension host with that teardown, and no breakpoint removal is sent to a session that ends anyway
    const waitStart = Date.now();
    const vscodeSessionsEnded = await this.registry.whenVscodeSessionsEnded(record, SESSION_END_WAIT_MS);
    const waitedMs = Date.now() - waitStart;
    this.breakpoints.removeOwned(record);
    // its test report file is removed beside the answer: no thread-pool round trip on a busy loop before it
    void this.tests.forget(record);
    this.registry.delete(sessionId);
    return { vscodeSessionsEnded, waitedMs };
  }

  // ---- breakpoints

  setBreakpoint(sessionId: string, spec: BreakpointSpec): Promise<BreakpointInfo> {
    const record = this.registry.require(sessionId);
    touch(record);
    return this.breakpoints.add(record, spec);
  }

  listBreakpoints(sessionId: string, file?: string): Promise<BreakpointInfo[]> {
    return this.breakpoints.list(this.registry.require(sessionId), file);
  }

  listFunctionBreakpoints(sessionId: string): FunctionBreakpointInfo[] {
    return this.breakpoints.listFunctions(this.registry.require(sessionId));
  }

  removeBreakpoints(sessionId: string, target: { breakpointId?: string; file?: string; line?: number }): Promise<BreakpointInfo[]> {
    return this.breakpoints.remove(this.registry.require(sessionId), target);
  }

  clearBreakpoints(sessionId: string, file?: string): Promise<BreakpointInfo[]> {
    return this.breakpoints.clear(this.registry.require(sessionId), file);
  }

  setFunctionBreakpoint(sessionId: string, spec: FunctionBreakpointSpec): Promise<BreakpointInfo> {
    const record = this.registry.require(sessionId);
    touch(record);
    return this.breakpoints.addFunction(record, spec);
  }

  adapterFeatures(sessionId: string): AdapterFeatures | undefined {
    return this.exceptions.features(this.registry.require(sessionId));
  }

  setExceptionBreakpoints(sessionId: string, filters: readonly string[]): Promise<ExceptionBreakpointsOutcome> {
    return this.exceptions.set(this.registry.require(sessionId), filters);
  }

  // ---- launch, attach, restart, detach

  async planLaunch(sessionId: string, spec: LaunchSpec): Promise<CheckedLaunchPlan> {
    const record = this.registry.require(sessionId);
    const configuration = await this.configurations.launch(record, spec);
    const language = this.languages.resolve(record.language);
    if (!language?.installed) return { configuration, missing: [`no debugger for ${record.language} is installed${language?.requiredExtension ? `: install the extension ${language.requiredExtension}` : ''}`], notChecked: [] };
    // an interpreter the agent named runs only where the workspace is trusted; the default one is the user's or the system's
    const mayRun = vscode.workspace.isTrusted || record.executablePath === undefined;
    const toolchain = await this.languages.toolchain(record.language, record.executablePath, mayRun);
    return { configuration, missing: toolchain.problems, notChecked: toolchain.notChecked ?? [] };
  }

  async launch(sessionId: string, spec: LaunchSpec, wait: WaitOptions): Promise<ExecutionOutcome & LaunchPlan> {
    const record = this.registry.require(sessionId);
    const configuration = await this.configurations.launch(record, spec);
    record.beginLaunch('launch');
    record.lastConfiguration = configuration;
    record.rerunPreLaunchTask = undefined;
    const outcome = await this.execution.start(record, configuration, wait, spec.stopOnEntry === true);
    return { ...outcome, configuration };
  }

  async restart(sessionId: string, wait: WaitOptions): Promise<ExecutionOutcome & { preLaunchTask?: PreLaunchTaskRun }> {
    const record = this.registry.require(sessionId);
    const configuration = record.lastConfiguration;
    if (!configuration || record.mode !== 'launch') throw new DebugError({ kind: 'never_launched', sessionId, ...(record.mode ? { mode: record.mode } : {}) });
    touch(record);
    // as VS Code's own restart: the build first, so a failing one leaves the program as it was
    const deadline = Date.now() + wait.timeoutMs;
    const preLaunchTask = await record.rerunPreLaunchTask?.(wait);
    await this.execution.stop(record);
    record.beginLaunch('launch');
    const started = await this.execution.start(record, configuration, { timeoutMs: Math.max(1, deadline - Date.now()), signal: wait.signal }, configuration.stopOnEntry === true);
    const outcome = await this.tests.settle(record, started, deadline, wait.signal);
    return preLaunchTask ? { ...outcome, preLaunchTask } : outcome;
  }

  listLaunchConfigurations(): LaunchConfigurationInfo[] {
    return this.namedLaunches.list();
  }

  launchConfiguration(sessionId: string, spec: NamedLaunchSpec, wait: WaitOptions): Promise<NamedLaunchOutcome> {
    const record = this.registry.require(sessionId);
    touch(record);
    return this.namedLaunches.launch(record, spec, wait);
  }

  debugTest(sessionId: string, spec: TestSpec, wait: WaitOptions): Promise<TestOutcome> {
    const record = this.registry.require(sessionId);
    touch(record);
    return this.tests.launch(record, spec, wait);
  }

  async attach(sessionId: string, spec: AttachSpec, wait: WaitOptions): Promise<ExecutionOutcome & LaunchPlan> {
    const record = this.registry.require(sessionId);
    const configuration = this.configurations.attach(record, spec);
    record.beginLaunch('attach');
    record.lastConfiguration = configuration;
    record.rerunPreLaunchTask = undefined;
    const outcome = await this.execution.start(record, configuration, wait, spec.stopOnEntry === true);
    return { ...outcome, configuration };
  }

  detach(sessionId: string, terminate: boolean): Promise<DetachOutcome> {
    return this.execution.detach(this.registry.require(sessionId), terminate);
  }

  // ---- execution

  step(sessionId: string, kind: 'over' | 'into' | 'out', wait: WaitOptions): Promise<ExecutionOutcome> {
    return this.execution.resume(this.registry.require(sessionId), STEP_COMMANDS[kind], wait);
  }

  continue(sessionId: string, wait: WaitOptions | undefined): Promise<ExecutionOutcome> {
    return this.execution.resume(this.registry.require(sessionId), 'continue', wait);
  }

  pause(sessionId: string, threadId: number | undefined, wait: WaitOptions): Promise<ExecutionOutcome & { alreadyPaused?: boolean }> {
    return this.execution.pause(this.registry.require(sessionId), threadId, wait);
  }

  runToLine(sessionId: string, target: { file: string; line: number }, wait: WaitOptions): Promise<ExecutionOutcome & { reached: boolean }> {
    return runToLine(this.registry.require(sessionId), target, wait, { breakpoints: this.breakpoints, execution: this.execution });
  }

  // ---- inspection

  threads(sessionId: string): Promise<ThreadInfo[]> {
    return this.inspection.threads(this.registry.require(sessionId));
  }

  topFrame(sessionId: string): Promise<StackFrameInfo | undefined> {
    return this.inspection.topFrame(this.registry.require(sessionId));
  }

  stackTrace(sessionId: string, options: { threadId?: number; startFrame?: number; levels?: number } = {}): Promise<StackTraceInfo> {
    return this.inspection.stackTrace(this.registry.require(sessionId), options);
  }

  topLocals(sessionId: string, wanted: (name: string) => boolean): Promise<TopLocals | undefined> {
    return this.inspection.topLocals(this.registry.require(sessionId), wanted);
  }

  scopes(sessionId: string, frameId: number): Promise<ScopeInfo[]> {
    return this.inspection.scopes(this.registry.require(sessionId), frameId);
  }

  variables(sessionId: string, variablesReference: number, page: VariablesPage = {}): Promise<VariableInfo[]> {
    return this.inspection.variables(this.registry.require(sessionId), variablesReference, page);
  }

  evaluate(sessionId: string, expression: string, frameId: number | undefined, context: EvaluateContext = 'repl'): Promise<EvaluateInfo> {
    return this.inspection.evaluate(this.registry.require(sessionId), expression, frameId, context);
  }

  output(sessionId: string, since: number, limit: number): OutputPage {
    return this.registry.require(sessionId).output.read(since, limit);
  }

  readSource(file: string): Promise<{ path: string; lines: string[] }> {
    return this.sources.read(file);
  }

  // ---- VS Code's UI and one debugger's extras

  reveal(sessionId: string): Promise<RevealOutcome> {
    return revealSession(this.registry.require(sessionId), this.inspection);
  }

  conceal(sessionId: string): { wasExposed: boolean } {
    const record = this.registry.require(sessionId);
    const wasExposed = record.exposed;
    record.exposed = false;
    return { wasExposed };
  }

  redefineClasses(sessionId: string, input: { classesDir: string; sinceTimestamp?: number }): Promise<HotCodeReplaceOutcome> {
    return redefineClasses(this.registry.require(sessionId), input);
  }

  private languageOfDebugType(debugType: string): string {
    return this.languages.list().find((language) => language.debugType === debugType)?.id ?? debugType;
  }
}

/** Which kinds of breakpoints a change touched (anything but a function breakpoint counts as source, as VS Code sends those with setBreakpoints). */
function kindsChanged(event: vscode.BreakpointsChangeEvent): BreakpointKindsChanged {
  const all = [...event.added, ...event.removed, ...event.changed];
  return { source: all.some((breakpoint) => !(breakpoint instanceof vscode.FunctionBreakpoint)), function: all.some((breakpoint) => breakpoint instanceof vscode.FunctionBreakpoint) };
}
