// Which exceptions stop the program: the adapter's own filters (DAP `exceptionBreakpointFilters`),
// as the agent chose them, and for sessions the tools created, uncaught exceptions by default
// (mcpLiveDebugger.exceptions.breakOnUncaught). VS Code sends its Breakpoints view's filters while
// it configures a session; ours follow right after its answer, before its configurationDone, so
// even a program that throws at once stops.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type * as vscode from 'vscode';
import { Setting } from '../common/contributions';
import { collectorsWatching } from '../trace/spanRecorder';
import { readSetting } from '../vscodeContributions';
import { capDapBody } from './dapTrace';
import type { AdapterFeatures, ExceptionBreakpointsOutcome, ExceptionFilterInfo } from './debugBridge';
import { DebugError } from './debugErrors';
import { dapRequest, touch } from './dapRequests';
import { sendDapRequest } from './relay/directDap';
import type { DebugRecord } from './sessionRegistry';

/** The filter id both debugpy and js-debug give uncaught exceptions. */
const UNCAUGHT_FILTER = 'uncaught';

export function featuresOf(capabilities: DebugProtocol.Capabilities | undefined): AdapterFeatures {
  return {
    supportsFunctionBreakpoints: capabilities?.supportsFunctionBreakpoints === true,
    supportsExceptionInfoRequest: capabilities?.supportsExceptionInfoRequest === true,
    exceptionFilters: (capabilities?.exceptionBreakpointFilters ?? []).map((filter) => {
      const info: ExceptionFilterInfo = { id: filter.filter, label: filter.label };
      if (filter.description !== undefined) info.description = filter.description;
      if (filter.default !== undefined) info.default = filter.default;
      return info;
    }),
  };
}

/** The filter ids a setExceptionBreakpoints request turns on, whichever of its two fields it uses. */
export function filterIdsOf(args: DebugProtocol.SetExceptionBreakpointsArguments): string[] {
  return [...new Set([...(args.filters ?? []), ...(args.filterOptions ?? []).map((option) => option.filterId)])];
}

export class ExceptionBreakpoints {
  /** The features of the last adapter of each debug type, so a session knows them before its first launch. */
  private readonly featuresByDebugType = new Map<string, AdapterFeatures>();

  /** The adapter answered `initialize`. */
  initialized(record: DebugRecord, capabilities: DebugProtocol.Capabilities | undefined): void {
    const features = featuresOf(capabilities);
    record.features = features;
    if (record.debugType) this.featuresByDebugType.set(record.debugType, features);
  }

  features(record: DebugRecord): AdapterFeatures | undefined {
    return record.features ?? (record.debugType ? this.featuresByDebugType.get(record.debugType) : undefined);
  }

  /**
   * VS Code sent a session it is configuring the filters of its Breakpoints view: an agent's
   * session then gets the agent's filters, or those plus uncaught exceptions. Sent synchronously,
   * so the request reaches the adapter before VS Code's configurationDone.
   */
  workbenchSent(record: DebugRecord, vscodeSession: vscode.DebugSession, args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    if (record.startedBy !== 'agent') return;
    const sent = filterIdsOf(args);
    const available = new Set((this.features(record)?.exceptionFilters ?? []).map((filter) => filter.id));
    const wanted = record.exceptionFilters
      ? [...record.exceptionFilters]
      : [...new Set([...sent, ...(readSetting(Setting.ExceptionsBreakOnUncaught) && available.has(UNCAUGHT_FILTER) ? [UNCAUGHT_FILTER] : [])])];
    if (wanted.length === sent.length && wanted.every((id) => sent.includes(id))) return;
    const request: DebugProtocol.SetExceptionBreakpointsArguments = { filters: wanted };
    const start = Date.now();
    const answered = sendDapRequest<unknown>(vscodeSession, 'setExceptionBreakpoints', request);
    void answered.then(
      (response) => this.traced(record, start, request, { response: capDapBody(response ?? {}), status: 'ok' }),
      (error: unknown) => this.traced(record, start, request, { error: error instanceof Error ? error.message : String(error), status: 'error' }),
    );
  }

  /** Whether an exception can stop this session's program: an agent's session, with filters its debugger has. */
  mayStop(record: DebugRecord): boolean {
    if (record.startedBy !== 'agent') return false;
    if (record.exceptionFilters) return record.exceptionFilters.length > 0;
    return readSetting(Setting.ExceptionsBreakOnUncaught) && (this.features(record)?.exceptionFilters ?? []).some((filter) => filter.id === UNCAUGHT_FILTER);
  }

  /** Sends the agent's filters now when a program runs, else keeps them for its start. */
  async set(record: DebugRecord, filters: readonly string[]): Promise<ExceptionBreakpointsOutcome> {
    touch(record);
    const available = this.features(record)?.exceptionFilters;
    if (available) {
      const unknown = filters.filter((id) => !available.some((filter) => filter.id === id));
      if (unknown.length > 0) throw new DebugError({ kind: 'unknown_exception_filter', sessionId: record.id, unknown, available });
    }
    const applied = [...new Set(filters)];
    record.exceptionFilters = applied;
    if (!record.handle || record.ended) return { applied, available: available ?? [], pending: true };
    await dapRequest(record, 'setExceptionBreakpoints', { filters: applied });
    return { applied, available: available ?? [] };
  }

  private traced(record: DebugRecord, start: number, request: unknown, outcome: { response?: unknown; error?: string; status: 'ok' | 'error' }): void {
    for (const collector of collectorsWatching(record.id)) {
      collector.addChild({
        name: 'dap.request', command: 'setExceptionBreakpoints', request, start, duration_ms: Date.now() - start,
        attributes: { requestedBy: 'mcpLiveDebugger.exceptions' }, children: [], ...outcome,
      });
    }
  }
}
