// A scripted DebugBridge for the tools' unit tests: sessions in memory, answers set per test,
// and a log of the calls the tools made. Only the tool layer is under test here.
import type {
  AdapterFeatures, AttachSpec, BreakpointInfo, BreakpointSpec, CheckedLaunchPlan, CloseOutcome, DebugBridge, DetachOutcome, EvaluateInfo, ExceptionBreakpointsOutcome,
  ExecutionOutcome, FunctionBreakpointInfo, FunctionBreakpointSpec, HotCodeReplaceOutcome, LanguageInfo, LaunchConfigurationInfo, LaunchPlan, LaunchSpec,
  NamedLaunchOutcome, NamedLaunchSpec, OutputPage, RevealOutcome, ScopeInfo, SessionChange, SessionInfo, StackTraceInfo,
  TestOutcome, TestSpec, ThreadInfo, TopLocals, VariableInfo, VariablesPage, WaitOptions,
} from '../../src/debug/debugBridge';
import { DebugError } from '../../src/debug/debugErrors';
import { Emitter } from '../../src/common/emitter';

export class FakeDebugBridge implements DebugBridge {
  readonly calls: string[] = [];
  readonly sessions = new Map<string, SessionInfo>();
  sources = new Map<string, string[]>();
  stepOutcome: ExecutionOutcome = { state: 'paused', reason: 'step', location: { file: '/w/a.py', line: 2, column: 1, function: 'f' } };
  launchOutcome: ExecutionOutcome = { state: 'paused', reason: 'breakpoint', location: { file: '/w/a.py', line: 1, column: 1, function: 'f' } };
  stack: StackTraceInfo = { threadId: 1, frames: [{ id: 11, name: 'f', file: '/w/a.py', line: 2, column: 1 }, { id: 12, name: '<module>', file: '/w/a.py', line: 9, column: 1, presentationHint: 'subtle' }] };
  scopeList: ScopeInfo[] = [{ name: 'Locals', variablesReference: 100, expensive: false }, { name: 'Globals', variablesReference: 200, expensive: false }];
  variableMap = new Map<number, VariableInfo[]>();
  evaluation: EvaluateInfo = { result: '3', type: 'int', variablesReference: 0 };
  private nextId = 1;
  private readonly changes = new Emitter<SessionChange>();
  readonly onDidChangeSession = this.changes.event;
  /** Lines `output` answers, in order (seq = index + 1). */
  outputLines = Array.from({ length: 5 }, (_, index) => `line ${index + 1}\n`);

  /** Lets a test say the program wrote more output. */
  appendOutput(id: string, text: string): void {
    this.outputLines.push(text);
    this.changes.fire({ sessionId: id, what: 'output' });
  }

  async listLanguages(): Promise<LanguageInfo[]> {
    return [
      { id: 'python', displayName: 'Python', debugType: 'mcp-live-debugger-python', installed: true, defaultExecutable: 'python3' },
      { id: 'go', displayName: 'Go', debugType: 'go', installed: false, requiredExtension: 'golang.go' },
    ];
  }

  createSession(input: { language: string; name?: string }): SessionInfo {
    if (input.language !== 'python') throw new DebugError({ kind: 'unknown_language', language: input.language, installed: ['python'] });
    const id = `s${this.nextId++}`;
    const now = new Date(0).toISOString();
    const session: SessionInfo = { id, name: input.name ?? id, language: input.language, state: 'created', createdAt: now, updatedAt: now, startedBy: 'agent' };
    this.sessions.set(id, session);
    this.changes.fire({ sessionId: id, what: 'created' });
    return { ...session };
  }

  setState(id: string, state: SessionInfo['state'], reason?: string): void {
    const session = this.getSessionRecord(id);
    session.state = state;
    session.lastStop = reason ? { reason, threadId: 1, at: 0 } : undefined;
    this.changes.fire({ sessionId: id, what: 'state' });
  }

  private getSessionRecord(id: string): SessionInfo {
    const session = this.sessions.get(id);
    if (!session) throw new DebugError({ kind: 'unknown_session', sessionId: id, known: [] });
    return session;
  }

  listSessions(): SessionInfo[] { return [...this.sessions.values()]; }
  getSession(id: string): SessionInfo { return { ...this.getSessionRecord(id) }; }
  async closeSession(id: string): Promise<CloseOutcome> { this.getSessionRecord(id); this.sessions.delete(id); this.calls.push('close'); this.changes.fire({ sessionId: id, what: 'closed' }); return { vscodeSessionsEnded: true, waitedMs: 0 }; }

  async setBreakpoint(id: string, spec: BreakpointSpec): Promise<BreakpointInfo> {
    this.getSessionRecord(id);
    this.calls.push(`setBreakpoint ${spec.file}:${spec.line}`);
    return { id: 'bp1', file: spec.file, line: spec.line + 1, requestedLine: spec.line, verified: true, enabled: true };
  }
  features: AdapterFeatures | undefined = undefined;
  async setFunctionBreakpoint(id: string, spec: FunctionBreakpointSpec): Promise<BreakpointInfo> {
    this.getSessionRecord(id);
    this.calls.push(`setFunctionBreakpoint ${spec.functionName}`);
    return { id: 'fbp1', functionName: spec.functionName, file: spec.file, line: 0, requestedLine: 0, verified: true, enabled: true };
  }
  adapterFeatures(id: string): AdapterFeatures | undefined { this.getSessionRecord(id); return this.features; }
  async setExceptionBreakpoints(id: string, filters: readonly string[]): Promise<ExceptionBreakpointsOutcome> {
    this.getSessionRecord(id);
    this.calls.push(`setExceptionBreakpoints ${filters.join(',')}`);
    return { applied: [...filters], available: this.features?.exceptionFilters ?? [] };
  }
  async runToLine(id: string, target: { file: string; line: number }, wait: WaitOptions): Promise<ExecutionOutcome & { reached: boolean }> {
    this.calls.push(`runToLine ${target.file}:${target.line} wait=${wait.timeoutMs}`);
    this.setState(id, this.stepOutcome.state);
    return { ...this.stepOutcome, reached: this.stepOutcome.location?.line === target.line };
  }
  async listBreakpoints(id: string): Promise<BreakpointInfo[]> { this.getSessionRecord(id); return []; }
  listFunctionBreakpoints(id: string): FunctionBreakpointInfo[] { this.getSessionRecord(id); return []; }
  async removeBreakpoints(id: string): Promise<BreakpointInfo[]> { this.getSessionRecord(id); return []; }
  async clearBreakpoints(id: string): Promise<BreakpointInfo[]> { this.getSessionRecord(id); return []; }

  async planLaunch(id: string, spec: LaunchSpec): Promise<CheckedLaunchPlan> {
    this.getSessionRecord(id);
    this.calls.push('planLaunch');
    return { configuration: { type: 'debugpy', request: 'launch', program: spec.scriptPath }, missing: [], notChecked: [] };
  }
  async launch(id: string, spec: LaunchSpec, wait: WaitOptions): Promise<ExecutionOutcome & LaunchPlan> {
    this.calls.push(`launch wait=${wait.timeoutMs}`);
    this.setState(id, this.launchOutcome.state, this.launchOutcome.reason);
    return { ...this.launchOutcome, configuration: { program: spec.scriptPath } };
  }
  launchConfigurations: LaunchConfigurationInfo[] = [{ name: 'Run app', type: 'debugpy', request: 'launch', folder: '/w', compound: false }];
  listLaunchConfigurations(): LaunchConfigurationInfo[] {
    return this.launchConfigurations;
  }
  async launchConfiguration(id: string, spec: NamedLaunchSpec, wait: WaitOptions): Promise<NamedLaunchOutcome> {
    this.getSessionRecord(id);
    this.calls.push(`launchConfiguration ${spec.configurationName} wait=${wait.timeoutMs}`);
    this.setState(id, this.launchOutcome.state, this.launchOutcome.reason);
    return { ...this.launchOutcome, configuration: { name: spec.configurationName } };
  }
  testOutcome: TestOutcome = {
    state: 'paused', reason: 'breakpoint', location: { file: '/w/a.py', line: 2, column: 1, function: 'f' },
    framework: 'pytest', root: '/w', file: '/w/test_a.py', invocation: { module: 'pytest', args: ['/w/test_a.py'], cwd: '/w' }, configuration: { module: 'pytest' },
  };
  /** When set, debugTest fails with it. */
  testError: DebugError | undefined;
  async debugTest(id: string, spec: TestSpec, wait: WaitOptions): Promise<TestOutcome> {
    this.getSessionRecord(id);
    this.calls.push(`debugTest ${spec.file}${spec.testName !== undefined ? ` ${spec.testName}` : ''}${spec.framework !== undefined ? ` framework=${spec.framework}` : ''} wait=${wait.timeoutMs}`);
    if (this.testError) throw this.testError;
    this.setState(id, this.testOutcome.state, this.testOutcome.reason);
    return this.testOutcome;
  }
  async restart(id: string): Promise<ExecutionOutcome> { this.getSessionRecord(id); return this.launchOutcome; }
  async attach(id: string, _spec: AttachSpec): Promise<ExecutionOutcome & LaunchPlan> { this.getSessionRecord(id); return { state: 'running', configuration: {} }; }
  async detach(id: string, terminate: boolean): Promise<DetachOutcome> { this.setState(id, 'stopped'); return { state: 'stopped', terminated: terminate, sessionEnded: true }; }
  async step(id: string, kind: string, wait: WaitOptions): Promise<ExecutionOutcome> {
    this.calls.push(`step ${kind} wait=${wait.timeoutMs}`);
    this.setState(id, this.stepOutcome.state, this.stepOutcome.reason);
    return this.stepOutcome;
  }
  async continue(id: string, wait: WaitOptions | undefined): Promise<ExecutionOutcome> {
    this.calls.push(`continue wait=${wait?.timeoutMs}`);
    this.setState(id, this.stepOutcome.state);
    return wait ? this.stepOutcome : { state: 'running' };
  }
  async pause(id: string): Promise<ExecutionOutcome> { this.calls.push('pause'); this.setState(id, 'paused', 'pause'); return { state: 'paused', reason: 'pause' }; }
  async threads(): Promise<ThreadInfo[]> { return [{ id: 1, name: 'MainThread' }]; }
  async topFrame(): Promise<StackTraceInfo['frames'][number] | undefined> { this.calls.push('topFrame'); return this.stack.frames[0]; }
  async stackTrace(): Promise<StackTraceInfo> { this.calls.push('stackTrace'); return this.stack; }
  /** What topLocals answers (a direct read of the top frame's locals), undefined by default; the names of objects in it. */
  directLocals: TopLocals | undefined;
  directObjects = new Set<string>();
  async topLocals(_id: string, wanted: (name: string) => boolean): Promise<TopLocals | undefined> {
    return this.directLocals && ![...this.directObjects].some(wanted) ? this.directLocals : undefined;
  }
  async scopes(_id: string, frameId: number): Promise<ScopeInfo[]> {
    if (!this.stack.frames.some((frame) => frame.id === frameId)) throw new DebugError({ kind: 'bad_frame', frameId, adapterMessage: 'no such frame' });
    return this.scopeList;
  }
  async variables(_id: string, reference: number, page?: VariablesPage): Promise<VariableInfo[]> {
    this.calls.push(`variables ${reference} ${JSON.stringify(page ?? {})}`);
    const variables = this.variableMap.get(reference);
    if (!variables) throw new DebugError({ kind: 'bad_variables_reference', variablesReference: reference, adapterMessage: 'no such reference' });
    return variables;
  }
  async evaluate(_id: string, expression: string): Promise<EvaluateInfo> { this.calls.push(`evaluate ${expression}`); return this.evaluation; }
  output(id: string, since: number, limit: number): OutputPage {
    this.getSessionRecord(id);
    const entries = this.outputLines.map((output, index) => ({ seq: index + 1, category: 'stdout', output, timestamp: 0 })).filter((entry) => entry.seq > since);
    const page = entries.slice(0, limit);
    return { entries: page, nextSince: page.at(-1)?.seq ?? since, hasMore: entries.length > page.length, dropped: 0 };
  }
  async readSource(file: string): Promise<{ path: string; lines: string[] }> {
    const lines = this.sources.get(file);
    if (!lines) throw new DebugError({ kind: 'file_not_found', path: file, problem: 'missing' });
    return { path: file, lines };
  }
  async reveal(): Promise<RevealOutcome> { this.calls.push('reveal'); return { views: ['workbench.view.debug'], isActiveSession: true }; }
  conceal(): { wasExposed: boolean } { return { wasExposed: this.calls.includes('reveal') }; }
  async redefineClasses(id: string): Promise<HotCodeReplaceOutcome> { throw new DebugError({ kind: 'not_java', sessionId: id, language: this.getSessionRecord(id).language }); }
}
