// The Export / Import file: written in one place, read back with its shape checked.
import { isRecord } from '../common/isRecord';
import type { TraceEvent, TraceExport, TraceSession } from '../shared/trace';

/** The export file of these events, with the sessions (of `sessions`) they belong to. */
export function traceExportOf(events: TraceEvent[], sessions: readonly TraceSession[], now = Date.now()): TraceExport {
  const sessionIds = new Set(events.map((event) => event.sessionId));
  return { format: 'mcp-live-debugger-trace', version: 1, exportedAt: now, sessions: sessions.filter((session) => sessionIds.has(session.id)), events };
}

/** Reads an export back, checking its shape; throws with what was wrong. */
export function parseTraceExport(text: string): TraceExport {
  const value: unknown = JSON.parse(text);
  if (!isRecord(value) || value.format !== 'mcp-live-debugger-trace') {
    throw new Error('Not an MCP Live Debugger trace export (missing "format": "mcp-live-debugger-trace").');
  }
  if (value.version !== 1) throw new Error(`Unsupported trace export version ${String(value.version)}; expected 1.`);
  if (!Array.isArray(value.sessions) || !Array.isArray(value.events)) {
    throw new Error('Trace export must have "sessions" and "events" arrays.');
  }
  return value as unknown as TraceExport;
}
