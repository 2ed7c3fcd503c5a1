// The mock debugger's DAP side (after microsoft/vscode-mock-debug): translates DAP requests to
// the pure MockRuntime and its events back to DAP. No vscode import: VS Code runs it inline
// through DebugAdapterInlineImplementation, and unit tests can drive it with handleMessage.
import { readFile } from 'node:fs/promises';
import { basename, normalize } from 'node:path';
import {
  Breakpoint,
  DebugSession,
  ExitedEvent,
  InitializedEvent,
  OutputEvent,
  Scope,
  Source,
  StackFrame,
  StoppedEvent,
  TerminatedEvent,
  Thread,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { MockError } from './mockExpression';
import { MockRuntime } from './mockRuntime';

export const MOCK_THREAD_ID = 1;
const CONFIGURATION_DONE_TIMEOUT_MS = 5000;

export interface MockLaunchArguments extends DebugProtocol.LaunchRequestArguments {
  /** Absolute path of the `.mock` program. */
  program: string;
  args?: string[];
  stopOnEntry?: boolean;
  /** Answer `launch` this much later, as debugpy does while its launcher and the program start (slow under load). */
  launchAnswerDelayMs?: number;
}

export type SourceReader = (path: string) => Promise<string>;

// DebugSession, not LoggingDebugSession: run inline, nothing ever calls the library's logger.setup(),
// so its global logger queued every DAP message of every mock session for the life of the extension
// host (the soak's 0.5 KB per call).
export class MockDebugSession extends DebugSession {
  private runtime: MockRuntime | undefined;
  private programPath: string | undefined;
  private readonly configurationDone: Promise<void>;
  private markConfigurationDone!: () => void;
  private breakOnExceptions = true;

  constructor(private readonly readSource: SourceReader = (path) => readFile(path, 'utf8')) {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
    this.configurationDone = new Promise((resolve) => {
      this.markConfigurationDone = resolve;
    });
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      ...response.body,
      supportsConfigurationDoneRequest: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsEvaluateForHovers: true,
      supportsSetVariable: true,
      supportsExceptionInfoRequest: true,
      supportsBreakpointLocationsRequest: true,
      supportsTerminateRequest: true,
      exceptionBreakpointFilters: [{ filter: 'uncaught', label: 'Uncaught Exceptions', default: true }],
    };
    // `initialized` comes from launch, once the program is compiled, so breakpoints bind at once
    this.sendResponse(response);
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.markConfigurationDone();
    this.sendResponse(response);
  }

  protected override async launchRequest(response: DebugProtocol.LaunchResponse, args: MockLaunchArguments): Promise<void> {
    if (typeof args.program !== 'string' || args.program.length === 0) {
      this.sendErrorResponse(response, 3001, 'The launch configuration needs "program": the absolute path of a .mock file.');
      return;
    }
    let source: string;
    try {
      source = await this.readSource(args.program);
    } catch (error) {
      this.sendErrorResponse(response, 3002, `Cannot read the program ${args.program}: ${(error as Error).message}`);
      return;
    }
    let runtime: MockRuntime;
    try {
      runtime = new MockRuntime(source, { args: args.args });
    } catch (error) {
      if (!(error instanceof MockError)) throw error;
      this.sendErrorResponse(response, 3003, `${basename(args.program)} ${error.message}`);
      return;
    }
    this.runtime = runtime;
    this.programPath = normalize(args.program);
    this.wireRuntime(runtime);
    runtime.setBreakOnExceptions(this.breakOnExceptions);
    this.sendEvent(new InitializedEvent());
    // VS Code sends breakpoints between `initialized` and `configurationDone`; start after them
    await Promise.race([this.configurationDone, new Promise((resolve) => setTimeout(resolve, CONFIGURATION_DONE_TIMEOUT_MS))]);
    if (typeof args.launchAnswerDelayMs === 'number' && args.launchAnswerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, args.launchAnswerDelayMs));
    this.sendResponse(response);
    runtime.start(args.stopOnEntry === true && args.noDebug !== true);
  }

  private wireRuntime(runtime: MockRuntime): void {
    runtime.onStop((stop) => {
      const event = new StoppedEvent(stop.reason, MOCK_THREAD_ID, stop.text) as DebugProtocol.StoppedEvent;
      if (stop.breakpointIds.length > 0) event.body.hitBreakpointIds = stop.breakpointIds;
      if (stop.reason === 'exception') event.body.description = `Exception: ${stop.text ?? ''}`;
      this.sendEvent(event);
    });
    runtime.onOutput((output) => {
      const event = new OutputEvent(output.text, output.category) as DebugProtocol.OutputEvent;
      if (output.line !== undefined && this.programPath) {
        event.body.source = this.source();
        event.body.line = this.convertDebuggerLineToClient(output.line);
      }
      this.sendEvent(event);
    });
    runtime.onExit((code) => {
      this.sendEvent(new ExitedEvent(code));
      this.sendEvent(new TerminatedEvent());
    });
  }

  protected override async setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): Promise<void> {
    const path = args.source.path;
    const requested = args.breakpoints ?? (args.lines ?? []).map((line) => ({ line }));
    if (!path) {
      response.body = { breakpoints: requested.map(() => ({ verified: false, message: 'the mock debugger only knows files on disk' })) };
      this.sendResponse(response);
      return;
    }
    if (!this.runtime || normalize(path) !== this.programPath) {
      response.body = { breakpoints: await this.previewBreakpoints(path, requested) };
      this.sendResponse(response);
      return;
    }
    const results = this.runtime.setBreakpoints(requested.map(toBreakpointRequest));
    response.body = {
      breakpoints: results.map((result) => {
        const breakpoint = new Breakpoint(result.verified, this.convertDebuggerLineToClient(result.line), undefined, this.source()) as DebugProtocol.Breakpoint;
        breakpoint.id = result.id;
        if (result.message) breakpoint.message = result.message;
        return breakpoint;
      }),
    };
    this.sendResponse(response);
  }

  /** A file that is not the running program: say where the breakpoint would bind, unverified. */
  private async previewBreakpoints(path: string, requested: DebugProtocol.SourceBreakpoint[]): Promise<DebugProtocol.Breakpoint[]> {
    let preview: MockRuntime | undefined;
    try {
      preview = new MockRuntime(await this.readSource(path));
    } catch {
      preview = undefined;
    }
    return requested.map((breakpoint) => {
      const line = preview?.executableLineAtOrAfter(breakpoint.line);
      return line === undefined
        ? { verified: false, line: breakpoint.line, message: preview ? `no executable line at or after line ${breakpoint.line}` : 'not a readable .mock program' }
        : { verified: false, line: this.convertDebuggerLineToClient(line), message: 'this file is not the program being debugged' };
    });
  }

  protected override breakpointLocationsRequest(response: DebugProtocol.BreakpointLocationsResponse, args: DebugProtocol.BreakpointLocationsArguments): void {
    const endLine = args.endLine ?? args.line;
    const lines = this.runtime && args.source.path !== undefined && normalize(args.source.path) === this.programPath
      ? this.runtime.program.executableLines.filter((line) => line >= args.line && line <= endLine)
      : [];
    response.body = { breakpoints: lines.map((line) => ({ line: this.convertDebuggerLineToClient(line) })) };
    this.sendResponse(response);
  }

  protected override setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse, args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    this.breakOnExceptions = args.filters.includes('uncaught');
    this.runtime?.setBreakOnExceptions(this.breakOnExceptions);
    response.body = { breakpoints: args.filters.map(() => ({ verified: true })) };
    this.sendResponse(response);
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: [new Thread(MOCK_THREAD_ID, 'main')] };
    this.sendResponse(response);
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    const runtime = this.runtime;
    if (!runtime || runtime.state !== 'paused') {
      this.sendErrorResponse(response, 3010, 'The program is not paused, so it has no stack to show.');
      return;
    }
    const all = runtime.stack();
    const start = args.startFrame ?? 0;
    const end = args.levels ? start + args.levels : all.length;
    response.body = {
      stackFrames: all.slice(start, end).map((frame) => new StackFrame(frame.id, frame.name, this.source(), this.convertDebuggerLineToClient(frame.line), 1)),
      totalFrames: all.length,
    };
    this.sendResponse(response);
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    const scopes = this.runtime?.state === 'paused' ? this.runtime.scopes(args.frameId) : undefined;
    if (!scopes) {
      this.sendErrorResponse(response, 3011, `No frame ${args.frameId} in the paused program; ask for a fresh stack trace.`);
      return;
    }
    response.body = {
      scopes: scopes.map((scope) => {
        const result = new Scope(scope.name, scope.variablesReference, false) as DebugProtocol.Scope;
        result.presentationHint = scope.presentationHint === 'locals' ? 'locals' : undefined;
        result.namedVariables = scope.namedVariables;
        return result;
      }),
    };
    this.sendResponse(response);
  }

  protected override variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): void {
    const variables = this.runtime?.variables(args.variablesReference, { filter: args.filter, start: args.start, count: args.count });
    if (!variables) {
      this.sendErrorResponse(response, 3012, `Variables reference ${args.variablesReference} is not valid (references expire when the program resumes).`);
      return;
    }
    response.body = { variables };
    this.sendResponse(response);
  }

  protected override setVariableRequest(response: DebugProtocol.SetVariableResponse, args: DebugProtocol.SetVariableArguments): void {
    this.answer(response, 3013, () => {
      const variable = this.requireRuntime().setVariable(args.variablesReference, args.name, args.value);
      response.body = { value: variable.value, type: variable.type, variablesReference: variable.variablesReference };
    });
  }

  protected override evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): void {
    this.answer(response, 3014, () => {
      const result = this.requireRuntime().evaluate(args.expression, args.frameId);
      response.body = {
        result: result.value,
        type: result.type,
        variablesReference: result.variablesReference,
        indexedVariables: result.indexedVariables,
        namedVariables: result.namedVariables,
      };
    });
  }

  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse): void {
    const message = this.runtime?.exceptionMessage;
    if (message === undefined) {
      this.sendErrorResponse(response, 3015, 'The program is not stopped on an exception.');
      return;
    }
    response.body = { exceptionId: 'MockError', description: message, breakMode: 'unhandled' };
    this.sendResponse(response);
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    this.answer(response, 3020, () => {
      this.requirePaused().continue();
      response.body = { allThreadsContinued: true };
    });
  }

  protected override nextRequest(response: DebugProtocol.NextResponse): void {
    this.answer(response, 3021, () => this.requirePaused().stepOver());
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse): void {
    this.answer(response, 3022, () => this.requirePaused().stepIn());
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse): void {
    this.answer(response, 3023, () => this.requirePaused().stepOut());
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.answer(response, 3024, () => this.requireRuntime().pause());
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.stopProgram();
    this.sendResponse(response);
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    this.stopProgram();
    this.sendResponse(response);
  }

  private stopProgram(): void {
    const runtime = this.runtime;
    if (runtime && runtime.state !== 'exited') {
      runtime.terminate();
      this.sendEvent(new TerminatedEvent());
    }
  }

  private answer(response: DebugProtocol.Response, code: number, work: () => void): void {
    try {
      work();
    } catch (error) {
      if (!(error instanceof MockError)) throw error;
      this.sendErrorResponse(response, code, error.message);
      return;
    }
    this.sendResponse(response);
  }

  private requireRuntime(): MockRuntime {
    if (!this.runtime) throw new MockError('The program has not been launched yet.');
    return this.runtime;
  }

  private requirePaused(): MockRuntime {
    const runtime = this.requireRuntime();
    if (runtime.state !== 'paused') throw new MockError(`The program is ${runtime.state}, not paused.`);
    return runtime;
  }

  private source(): Source {
    const path = this.programPath ?? '';
    return new Source(basename(path), this.convertDebuggerPathToClient(path));
  }
}

function toBreakpointRequest(breakpoint: DebugProtocol.SourceBreakpoint): { line: number; condition?: string; hitCondition?: string; logMessage?: string } {
  return { line: breakpoint.line, condition: breakpoint.condition, hitCondition: breakpoint.hitCondition, logMessage: breakpoint.logMessage };
}
