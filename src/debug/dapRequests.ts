// One DAP request to a session's adapter, as a `dap.request` child span of the running tool
// call: straight to the adapters we relay, through DebugSession.customRequest to the others.
import { currentSpanCollector, recordChildSpan } from '../trace/spanRecorder';
import { DEBUGGER_COMMANDS } from './dapCommands';
import { capDapBody } from './dapTrace';
import { DebugError, adapterMessageOf } from './debugErrors';
import { isRelayed, observedAnswers, sendDapRequest } from './relay/directDap';
import type { DebugRecord } from './sessionRegistry';

/** Marks the session as one the running tool call acts on, so its DAP events join the call's trace. */
export function touch(record: DebugRecord): void {
  currentSpanCollector()?.touchDebugSession(record.id);
}

/**
 * Resolves with the response body; fails as `no_program` without an adapter, `adapter_refused` when
 * it answers with a failure, and `runs_without_debugging` when it refuses what only a debugger does
 * in a run without one.
 */
export async function dapRequest<T>(record: DebugRecord, command: string, args: object | undefined): Promise<T> {
  const vscodeSession = record.handle;
  if (!vscodeSession) throw new DebugError({ kind: 'no_program', sessionId: record.id, state: record.state });
  touch(record);
  const relayed = isRelayed(vscodeSession);
  // the same read made since the last change (usually by the workbench for its views) answers without a request
  const seen = relayed ? undefined : observedAnswers.recentRead<T>(vscodeSession.id, command, args);
  try {
    // `via` tells readers of the trace whether a tracker could have seen the request too ("seen": none was sent)
    return await recordChildSpan(
      'dap.request',
      { command, request: args, attributes: { via: seen ? 'seen' : relayed ? 'relay' : 'customRequest' } },
      () => seen ?? sendDapRequest<T>(vscodeSession, command, args),
      // requests like `next` answer with no body: recorded as an empty one
      (response) => ({ response: response === undefined ? {} : capDapBody(response) }),
    );
  } catch (error) {
    const adapterMessage = adapterMessageOf(error);
    if (record.noDebug && DEBUGGER_COMMANDS.has(command)) throw new DebugError({ kind: 'runs_without_debugging', sessionId: record.id, startedBy: record.startedBy, command, adapterMessage });
    throw new DebugError({ kind: 'adapter_refused', command, adapterMessage });
  }
}
