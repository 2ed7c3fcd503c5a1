// Running the program and waiting for what it does: start a configuration, resume (step or
// continue), pause, detach and stop, each bounded and event-driven (the DAP tracker's stops and
// ends, never polling), answered as where the program is now.
import * as vscode from 'vscode';
import { recordChildSpan } from '../trace/spanRecorder';
import type { CdpResume } from './cdp/cdpResume';
import type { DetachOutcome, ExecutionOutcome, WaitOptions } from './debugBridge';
import { DebugError, adapterMessageOf } from './debugErrors';
import { dapRequest, touch } from './dapRequests';
import { toDebugConfiguration } from './launchConfigurations';
import { exceptionOfStop } from './exceptionStops';
import type { ProgramInspection } from './programInspection';
import { isRelayed } from './relay/directDap';
import type { DebugRecord } from './sessionRegistry';

const STOP_WAIT_MS = 5000;
const DETACH_WAIT_MS = 3000;
/** How long a refused detach waits to see whether the session ended anyway (its answer cancelled by the end). */
const ENDED_AFTER_REFUSAL_MS = 1000;
const LAST_OUTPUT_LINES = 10;
const REQUEST_SETTLE_MS = 1000;
const BREAKPOINT_SYNC_WAIT_MS = 1000;
/**
 * With no breakpoint to wait for, how long a start still waits after the program began (or a
 * child session of it did) for an exception to stop it: a crash at start answers as a stop.
 */
const EXCEPTION_GRACE_MS = 1500;

/** What a change to VS Code's breakpoints touched: its source (and other) breakpoints, its function breakpoints. */
export interface BreakpointKindsChanged {
  source: boolean;
  function: boolean;
}

export class ProgramExecution {
  /** Epoch ms of the last change to VS Code's breakpoints other than function breakpoints (by the user or by us). */
  private breakpointsChangedAt = 0;
  /** Epoch ms of the last change to VS Code's function breakpoints. */
  private functionBreakpointsChangedAt = 0;

  /** `cdpResume` sends a js-debug session's continue to its target where that is js-debug's own continue. */
  constructor(private readonly inspection: ProgramInspection, private readonly exceptionsMayStop: (record: DebugRecord) => boolean, private readonly cdpResume?: CdpResume) {}

  breakpointsChanged(kinds: BreakpointKindsChanged): void {
    if (kinds.source) this.breakpointsChangedAt = Date.now();
    if (kinds.function) this.functionBreakpointsChangedAt = Date.now();
  }

  /** Starts the configuration in VS Code and waits for the first stop, the end, or (with nothing to stop at) the program running. */
  async start(record: DebugRecord, configuration: Record<string, unknown>, wait: WaitOptions, stopOnEntry: boolean, workspaceFolder?: vscode.WorkspaceFolder): Promise<ExecutionOutcome> {
    touch(record);
    const stopsBefore = record.stopCount;
    const endsBefore = record.endCount;
    const expectsStop = stopOnEntry || vscode.debug.breakpoints.some((breakpoint) => breakpoint.enabled);
    const program = typeof configuration.program === 'string' ? configuration.program : undefined;
    const folder = workspaceFolder ?? ((program && vscode.workspace.getWorkspaceFolder(vscode.Uri.file(program))) || vscode.workspace.workspaceFolders?.[0]);
    // the wait's bound counts from the call: startDebugging resolves only once the adapter answered
    // launch, which for debugpy means its launcher and the program started (over 50 s seen under load)
    const deadline = Date.now() + wait.timeoutMs;
    const starting = recordChildSpan(
      'vscode.startDebugging',
      { request: configuration },
      () => Promise.resolve(vscode.debug.startDebugging(folder, toDebugConfiguration(configuration, record.id), { suppressSaveBeforeStart: true })),
      (ok) => ({ response: { started: ok } }),
    ).then((ok) => {
      if (!ok && !record.ended) record.end(record.error ?? 'VS Code did not start the debug session.');
      return ok;
    });
    const started = await Promise.race([starting, record.waitFor(() => false, wait.timeoutMs, wait.signal).then(() => undefined)]);
    // still starting when the wait ended: answered with the state reached, and the start goes on
    if (started === undefined) return this.outcome(record);
    if (!started) throw new DebugError({ kind: 'launch_failed', language: record.language, ...(record.error ? { reason: record.error } : {}) });
    const stoppedOrEnded = () => record.stopCount > stopsBefore || record.endCount > endsBefore;
    // a run without debugging (known once VS Code started its session) stops at no breakpoint or exception
    await record.waitFor(() => stoppedOrEnded() || ((!expectsStop || record.noDebug) && record.configured), Math.max(0, deadline - Date.now()), wait.signal);
    if (!expectsStop && !record.noDebug && !stoppedOrEnded() && this.exceptionsMayStop(record)) {
      // each configurationDone (js-debug's child comes after its parent) starts the grace again
      let configurations = record.configurations;
      while (!wait.signal?.aborted && Date.now() < deadline) {
        await record.waitFor(() => stoppedOrEnded() || record.configurations !== configurations, Math.min(EXCEPTION_GRACE_MS, deadline - Date.now()), wait.signal);
        if (stoppedOrEnded() || record.configurations === configurations) break;
        configurations = record.configurations;
      }
    }
    return this.outcome(record);
  }

  /**
   * Sends a resuming request (continue, next, ...) and, with `wait`, waits for the next stop or the
   * end. A js-debug session's continue goes to its target over CDP where that is the same continue
   * (cdpResume.ts), else, and whenever that fails, as the DAP request; the wait is the same either way.
   */
  async resume(record: DebugRecord, command: string, wait: WaitOptions | undefined): Promise<ExecutionOutcome> {
    touch(record);
    const threadId = await this.inspection.stopThread(record);
    const stopsBefore = record.stopCount;
    const endsBefore = record.endCount;
    const stop = record.lastStop;
    let channel = command === 'continue' ? await this.cdpResume?.channelFor(record) : undefined;
    await this.breakpointsDelivered(record, wait?.signal, channel !== undefined);
    await this.inspection.learnBeforeResume(record);
    if (channel && !this.cdpResume?.stillUsable(channel, record, stopsBefore)) channel = undefined;
    record.resumed();
    const cdpResume = channel && this.cdpResume;
    const request = channel && cdpResume
      ? cdpResume.resume(channel).then((resumed) => (resumed ? undefined : dapRequest(record, command, { threadId })))
      : dapRequest(record, command, { threadId });
    // the adapter often reports the stop before it answers the request: wait for whichever decides first
    const answered = request.then(
      () => undefined,
      (error: unknown) => {
        if (record.stopCount === stopsBefore && !record.ended && stop) record.stopped(stop);
        return error instanceof DebugError ? error : new DebugError({ kind: 'adapter_refused', command, adapterMessage: String(error) });
      },
    );
    if (!wait) {
      const refused = await answered;
      if (refused) throw refused;
      return { state: record.state };
    }
    let refused: DebugError | undefined;
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

  async pause(record: DebugRecord, threadId: number | undefined, wait: WaitOptions): Promise<ExecutionOutcome & { alreadyPaused?: boolean }> {
    touch(record);
    if (record.state === 'paused') return { ...(await this.outcome(record)), alreadyPaused: true };
    const stopsBefore = record.stopCount;
    const endsBefore = record.endCount;
    const thread = threadId ?? (await this.inspection.firstThread(record));
    await dapRequest(record, 'pause', { threadId: thread });
    await record.waitFor(() => record.stopCount > stopsBefore || record.endCount > endsBefore, wait.timeoutMs, wait.signal);
    return this.outcome(record);
  }

  /**
   * Detaches: `disconnect` with `terminateDebuggee: false`, and nothing else, so the program
   * keeps running; an adapter that would end a launched program instead is not asked at all.
   * With `terminate`, the program is stopped, by VS Code if the disconnect did not end it.
   */
  async detach(record: DebugRecord, terminate: boolean): Promise<DetachOutcome> {
    touch(record);
    if (!record.handle) throw new DebugError({ kind: 'no_program', sessionId: record.id, state: record.state });
    const endsBefore = record.endCount;
    if (terminate) {
      await dapRequest(record, 'disconnect', { terminateDebuggee: true, restart: false }).catch(() => undefined);
      if (!(await record.waitFor(() => record.endCount > endsBefore, DETACH_WAIT_MS))) await this.stop(record);
      return { state: record.state, terminated: true, sessionEnded: record.ended };
    }
    // DAP: without the capability an adapter ignores terminateDebuggee, and a launched program ends with the disconnect
    if (record.mode !== 'attach' && !record.supportsTerminateDebuggee) throw new DebugError({ kind: 'cannot_detach', sessionId: record.id, reason: 'unsupported' });
    const refusal = await dapRequest(record, 'disconnect', { terminateDebuggee: false, restart: false }).then(() => undefined, (error: unknown) => error);
    // VS Code cancels a request whose session ends before the answer arrives: a detach that ended
    // the session did what was asked, even when its answer was lost that way
    const ended = await record.waitFor(() => record.endCount > endsBefore, refusal === undefined ? DETACH_WAIT_MS : ENDED_AFTER_REFUSAL_MS);
    if (refusal !== undefined && !ended) throw new DebugError({ kind: 'cannot_detach', sessionId: record.id, reason: 'refused', adapterMessage: adapterMessageOf(refusal) });
    return { state: record.state, terminated: false, sessionEnded: ended };
  }

  /** Stops the program (if it runs) and waits, bounded, for VS Code to end the session. */
  async stop(record: DebugRecord): Promise<void> {
    const root = record.rootHandle ?? record.handle;
    if (!root || record.ended) return;
    const endsBefore = record.endCount;
    await Promise.resolve(vscode.debug.stopDebugging(root)).catch(() => undefined);
    await record.waitFor(() => record.endCount > endsBefore, STOP_WAIT_MS);
    if (!record.ended) record.end();
  }

  /** Where the program is now: the stop with its top frame (one stackTrace per stop), the end, or still running. */
  async outcome(record: DebugRecord): Promise<ExecutionOutcome> {
    if (record.state === 'paused' && record.lastStop) {
      const stop = record.lastStop;
      const outcome: ExecutionOutcome = { state: 'paused', reason: stop.reason, threadId: stop.threadId };
      if (stop.description) outcome.description = stop.description;
      const location = await this.inspection.stopLocation(record).catch(() => undefined);
      if (location) outcome.location = location;
      if (stop.reason === 'exception') outcome.exception = await exceptionOfStop(record, stop);
      return outcome;
    }
    if (record.ended) {
      const outcome: ExecutionOutcome = { state: record.state, lastOutput: record.output.lastLines(LAST_OUTPUT_LINES) };
      if (record.exitCode !== undefined) outcome.exitCode = record.exitCode;
      if (record.error) outcome.description = record.error;
      // a test run's result, while the session still runs that test configuration
      if (record.testRun && record.testRun.configuration === record.lastConfiguration) {
        const testResult = await record.testRun.result();
        if (testResult) outcome.testResult = testResult;
      }
      return outcome;
    }
    return { state: record.state, pending: true, ...(record.noDebug ? { noDebug: true as const } : {}) };
  }

  /**
   * A request straight to a relayed adapter, or a resume over CDP, overtakes the workbench, which
   * sends breakpoint changes a browser round trip later: resuming right after a breakpoint was
   * removed would stop on it again. So such a resume first waits (bounded, event-driven) for the
   * adapter's answer to the latest change. VS Code sends function breakpoints only to an adapter
   * that supports them (js-debug does not): a change to those alone is no answer to wait for there.
   */
  private async breakpointsDelivered(record: DebugRecord, signal: AbortSignal | undefined, overCdp: boolean): Promise<void> {
    if (!record.handle || (!overCdp && !isRelayed(record.handle))) return;
    const changedAt = record.features?.supportsFunctionBreakpoints === false ? this.breakpointsChangedAt : Math.max(this.breakpointsChangedAt, this.functionBreakpointsChangedAt);
    if (changedAt === 0 || record.breakpointsAnsweredAt >= changedAt) return;
    await recordChildSpan(
      'wait.breakpoints',
      { attributes: { changedAt, waitingFor: 'the adapter\'s answer to the latest breakpoint change' } },
      () => record.waitFor(() => record.breakpointsAnsweredAt >= changedAt, BREAKPOINT_SYNC_WAIT_MS, signal, 'breakpoints'),
      (answered) => ({ attributes: { changedAt, answered } }),
    );
  }
}
