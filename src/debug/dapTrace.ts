// How DAP traffic shows in a tool call's trace: the requests we send and the events and answers
// the tracker sees carry their bodies capped to one size, so one huge variable cannot bloat a trace.
import { capBody } from '../trace/redact';

const TRACE_BODY_CAP_BYTES = 16 * 1024;

export function capDapBody(body: unknown): unknown {
  return capBody(body, TRACE_BODY_CAP_BYTES);
}
