// Sees every DAP message of every debug session (ours and the user's) and turns it into session
// state: stops, resumes, ends, output, breakpoint answers. Each event also lands in the trace of
// any tool call that is waiting on that session.
import * as vscode from 'vscode';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { collectorsWatching } from '../trace/spanRecorder';
import type { CdpAnswers } from './cdp/cdpAnswers';
import type { JsDebugChannels } from './cdp/jsDebugChannels';
import { RESUMING_COMMANDS } from './dapCommands';
import { observedAnswers } from './relay/directDap';
import { capDapBody } from './dapTrace';
import type { StackFrameInfo } from './debugBridge';
import type { ExceptionBreakpoints } from './exceptionBreakpoints';
import type { BreakpointAnswer } from './debugRecord';
import type { DebugRecord, SessionRegistry } from './sessionRegistry';
import { uriToPath } from './sourceFiles';


/** `cdp` learns js-debug's frame names and files from every stack trace it answers (the workbench's and ours). */
export function registerDapTracker(registry: SessionRegistry, exceptions: ExceptionBreakpoints, channels: JsDebugChannels, cdp?: CdpAnswers): vscode.Disposable {
  return vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker(vscodeSession) {
      registry.bind(vscodeSession);
      return new SessionTracker(vscodeSession, registry, exceptions, channels, cdp);
    },
  });
}

class SessionTracker implements vscode.DebugAdapterTracker {
  /** setBreakpoints requests awaiting their answer, by request seq. */
  private readonly pendingBreakpoints = new Map<number, { path: string; lines: number[] }>();
  /** stackTrace requests awaiting their answer, by request seq, with the stop they were asked at. */
  private readonly pendingStacks = new Map<number, { threadId: number; request: DebugProtocol.StackTraceArguments; start: number; stopCount?: number }>();
  /** setFunctionBreakpoints requests awaiting their answer, by request seq: the names asked for. */
  private readonly pendingFunctionBreakpoints = new Map<number, string[]>();
  /** setExceptionBreakpoints requests VS Code sent while configuring this session, by request seq. */
  private readonly pendingExceptionFilters = new Map<number, DebugProtocol.SetExceptionBreakpointsArguments>();
  /** Set when VS Code sent configurationDone: filters it sends later are the user's own changes. */
  private configurationDone = false;

  constructor(
    private readonly vscodeSession: vscode.DebugSession,
    private readonly registry: SessionRegistry,
    private readonly exceptions: ExceptionBreakpoints,
    private readonly channels: JsDebugChannels,
    private readonly cdp?: CdpAnswers,
  ) {}

  private current(): DebugRecord | undefined {
    return this.registry.ofVscodeSession(this.vscodeSession);
  }

  /** Whether this VS Code session is the one the record follows (not an old or parent one). */
  private drives(record: DebugRecord): boolean {
    return record.handleId === this.vscodeSession.id;
  }

  onWillReceiveMessage(message: DebugProtocol.ProtocolMessage): void {
    if (message.type !== 'request') return;
    const request = message as DebugProtocol.Request;
    observedAnswers.sawRequest(this.vscodeSession.id, request);
    // whoever asked (the workbench or a tool), the target's pause before this one is over
    if (RESUMING_COMMANDS.has(request.command)) this.channels.sawResume(this.vscodeSession.id);
    if (request.command === 'continue') this.channels.sawContinue(this.vscodeSession.id);
    this.channels.sawRequest(this.vscodeSession.id, request.seq);
    if (request.command === 'setBreakpoints') {
      const args = request.arguments as DebugProtocol.SetBreakpointsArguments;
      if (args.source.path) this.pendingBreakpoints.set(request.seq, { path: localPath(args.source.path), lines: (args.breakpoints ?? []).map((breakpoint) => breakpoint.line) });
      return;
    }
    if (request.command === 'setFunctionBreakpoints') {
      this.pendingFunctionBreakpoints.set(request.seq, ((request.arguments as DebugProtocol.SetFunctionBreakpointsArguments).breakpoints ?? []).map((breakpoint) => breakpoint.name));
      return;
    }
    if (request.command === 'setExceptionBreakpoints') {
      if (!this.configurationDone) this.pendingExceptionFilters.set(request.seq, request.arguments as DebugProtocol.SetExceptionBreakpointsArguments);
      return;
    }
    if (request.command === 'configurationDone') this.configurationDone = true;
    if (request.command === 'stackTrace') {
      const args = request.arguments as DebugProtocol.StackTraceArguments;
      this.pendingStacks.set(request.seq, { threadId: args.threadId, request: args, start: Date.now(), stopCount: this.current()?.stopCount });
      return;
    }
    const record = this.current();
    if (!record || !this.drives(record)) return;
    if (RESUMING_COMMANDS.has(request.command)) record.resumed();
  }

  onDidSendMessage(message: DebugProtocol.ProtocolMessage): void {
    // js-debug's adapter for a child session exists from here on: its target's channel opens before the target runs
    if (message.type === 'response' && (message as DebugProtocol.Response).command === 'initialize' && (message as DebugProtocol.Response).success) this.channels.prepare(this.vscodeSession, true);
    const record = this.current();
    if (record) {
      if (message.type === 'event') this.onEvent(record, message as DebugProtocol.Event);
      else if (message.type === 'response') this.onResponse(record, message as DebugProtocol.Response);
    }
    // after the record took in what the message tells, so a tool resuming on it sees the new state
    if (message.type === 'response') {
      this.channels.sawResponse(this.vscodeSession.id, (message as DebugProtocol.Response).request_seq);
      observedAnswers.sawResponse(this.vscodeSession.id, message as DebugProtocol.Response);
    } else if (message.type === 'event') observedAnswers.sawEvent(this.vscodeSession.id, message as DebugProtocol.Event);
  }

  onExit(): void {
    observedAnswers.sessionEnded(this.vscodeSession.id);
    this.channels.ended(this.vscodeSession.id);
  }

  private onEvent(record: DebugRecord, event: DebugProtocol.Event): void {
    // a direct line to a js-debug session's target, if the one opened at its start did not
    if (event.event === 'stopped') {
      this.channels.prepare(this.vscodeSession);
      this.channels.sawStop(this.vscodeSession.id);
    }
    for (const collector of collectorsWatching(record.id)) {
      collector.addChild({
        name: 'dap.event', start: Date.now(), duration_ms: 0, status: 'ok',
        attributes: { event: event.event, body: capDapBody(event.body), vscodeSessionId: this.vscodeSession.id },
        children: [],
      });
    }
    switch (event.event) {
      case 'output': {
        const body = (event as DebugProtocol.OutputEvent).body;
        if (body.category !== 'telemetry') record.appendOutput(body.category ?? 'console', body.output);
        return;
      }
      case 'breakpoint':
        if (this.drives(record)) record.updateBreakpoint(answerOf((event as DebugProtocol.BreakpointEvent).body.breakpoint));
        return;
    }
    if (!this.drives(record)) return;
    switch (event.event) {
      case 'initialized':
        if (record.state === 'initializing') record.setState('ready');
        return;
      case 'stopped': {
        const body = (event as DebugProtocol.StoppedEvent).body;
        record.stopped({
          reason: body.reason, threadId: body.threadId, description: body.description, text: body.text,
          hitBreakpointIds: body.hitBreakpointIds, at: Date.now(),
        });
        return;
      }
      case 'continued':
        record.resumed();
        return;
      case 'exited':
        record.programExited((event as DebugProtocol.ExitedEvent).body.exitCode);
        return;
      case 'terminated':
        if (!record.ended) record.end();
        else record.releaseHandles();
        return;
    }
  }

  private onResponse(record: DebugRecord, response: DebugProtocol.Response): void {
    switch (response.command) {
      case 'initialize': {
        if (!this.drives(record) || !response.success) return;
        const capabilities = (response as DebugProtocol.InitializeResponse).body;
        record.supportsTerminateDebuggee = capabilities?.supportTerminateDebuggee === true;
        this.exceptions.initialized(record, capabilities);
        return;
      }
      case 'setExceptionBreakpoints': {
        const sent = this.pendingExceptionFilters.get(response.request_seq);
        this.pendingExceptionFilters.delete(response.request_seq);
        if (sent && response.success && this.drives(record)) this.exceptions.workbenchSent(record, this.vscodeSession, sent);
        return;
      }
      case 'setFunctionBreakpoints': {
        const names = this.pendingFunctionBreakpoints.get(response.request_seq);
        this.pendingFunctionBreakpoints.delete(response.request_seq);
        if (!names || !this.drives(record)) return;
        record.answerFunctionBreakpoints(names, response.success ? ((response as DebugProtocol.SetFunctionBreakpointsResponse).body?.breakpoints ?? []).map(answerOf) : []);
        return;
      }
      case 'setBreakpoints': {
        const pending = this.pendingBreakpoints.get(response.request_seq);
        this.pendingBreakpoints.delete(response.request_seq);
        if (!pending || !this.drives(record)) return;
        const answers = response.success ? ((response as DebugProtocol.SetBreakpointsResponse).body?.breakpoints ?? []).map(answerOf) : [];
        record.answerBreakpoints(pending.path, pending.lines, answers);
        return;
      }
      case 'stackTrace': {
        // whoever asked (usually the workbench, right after a stop), the answer tells where the program is
        const pending = this.pendingStacks.get(response.request_seq);
        this.pendingStacks.delete(response.request_seq);
        const body = (response as DebugProtocol.StackTraceResponse).body;
        const frames = (body?.stackFrames ?? []).map(frameInfo);
        if (!pending || frames.length === 0 || !response.success || !this.drives(record)) return;
        const startFrame = pending.request.startFrame ?? 0;
        const askedAtStop = pending.stopCount ?? record.stopCount;
        // a formatted answer names frames with extras (module, line): nothing to learn from it
        if (!pending.request.format) void this.cdp?.learnFrames(record, frames, startFrame, askedAtStop).catch(() => undefined);
        if (startFrame !== 0) return;
        record.observeTopFrame(pending.threadId, frames[0], askedAtStop, {
          command: 'stackTrace', request: pending.request, response: capDapBody(body), start: pending.start, durationMs: Date.now() - pending.start,
        });
        return;
      }
      case 'configurationDone':
        if (!this.drives(record) || !response.success) return;
        record.markConfigured();
        return;
      case 'launch':
      case 'attach':
        if (!response.success && this.drives(record)) record.error = response.message ?? `${response.command} failed`;
        // a run without debugging may have no configuration phase (debugpy sends no initialized event): once launched, it runs
        else if (response.success && record.noDebug && this.drives(record) && !record.configured) record.markConfigured();
        return;
    }
  }
}

export function frameInfo(frame: DebugProtocol.StackFrame): StackFrameInfo {
  const info: StackFrameInfo = {
    id: frame.id,
    name: frame.name,
    file: frame.source?.path ? localPath(frame.source.path) : frame.source?.name ?? '<unknown_source>',
    line: frame.line,
    column: frame.column,
  };
  if (frame.presentationHint) info.presentationHint = frame.presentationHint;
  return info;
}

function answerOf(breakpoint: DebugProtocol.Breakpoint): BreakpointAnswer {
  const answer: BreakpointAnswer = { verified: breakpoint.verified };
  if (breakpoint.id !== undefined) answer.id = breakpoint.id;
  if (breakpoint.line !== undefined) answer.line = breakpoint.line;
  if (breakpoint.source?.path) answer.path = localPath(breakpoint.source.path);
  if (breakpoint.message !== undefined) answer.message = breakpoint.message;
  return answer;
}

/** Source paths as the adapter sees them may be vscode-remote:// URIs in the server build. */
export function localPath(path: string): string {
  if (!/^[a-z][a-z0-9+.-]+:\/\//i.test(path)) return path;
  const uri = vscode.Uri.parse(path);
  return uri.scheme === 'file' || uri.scheme === 'vscode-remote' ? uriToPath(uri) : path;
}
