// The exception a program stopped on: DAP `exceptionInfo` where the adapter has it (id, message,
// the adapter's stack text), else what the stop event itself said.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { ExceptionStop, StopInfo } from './debugBridge';
import { dapRequest } from './dapRequests';
import type { DebugRecord } from './sessionRegistry';

export async function exceptionOfStop(record: DebugRecord, stop: StopInfo): Promise<ExceptionStop> {
  // a stop's description is often only "Paused on exception": its text says more
  const fromEvent: ExceptionStop = { id: stop.text ?? stop.description ?? 'exception', message: stop.text ?? stop.description ?? '' };
  if (stop.description !== undefined) fromEvent.description = stop.description;
  if (!record.features?.supportsExceptionInfoRequest || stop.threadId === undefined) return fromEvent;
  const body = await dapRequest<DebugProtocol.ExceptionInfoResponse['body'] | undefined>(record, 'exceptionInfo', { threadId: stop.threadId }).catch(() => undefined);
  if (!body) return fromEvent;
  const exception: ExceptionStop = {
    id: body.exceptionId,
    message: body.details?.message ?? body.description ?? stop.text ?? body.exceptionId,
    breakMode: body.breakMode,
  };
  if (body.description !== undefined) exception.description = body.description;
  if (body.details?.stackTrace) exception.stackTrace = body.details.stackTrace;
  return exception;
}
