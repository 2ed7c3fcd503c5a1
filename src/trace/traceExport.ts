// The Export / Import file: written in one place, read back with its shape checked.
import { isRecord } from '../common/isRecord';
import { TRACE_EXPORT_VERSION, type EventKind, type TraceConnection, type TraceEvent, type TraceExport } from '../shared/trace';

/** The export file of these events, with the connections (of `connections`) they belong to. */
export function traceExportOf(events: TraceEvent[], connections: readonly TraceConnection[], now = Date.now()): TraceExport {
  const connectionIds = new Set(events.map((event) => event.connectionId));
  return {
    format: 'mcp-live-debugger-trace', version: TRACE_EXPORT_VERSION, exportedAt: now,
    connections: connections.filter((connection) => connectionIds.has(connection.id)), events,
  };
}

/** Reads an export back (version 2, or version 1 as the model of version 2), checking its shape; throws with what was wrong. */
export function parseTraceExport(text: string): TraceExport {
  return traceExportFrom(JSON.parse(text));
}

/** `parseTraceExport` of a file already parsed as JSON. */
export function traceExportFrom(value: unknown): TraceExport {
  if (!isRecord(value) || value.format !== 'mcp-live-debugger-trace') {
    throw new Error('Not an MCP Live Debugger trace export (missing "format": "mcp-live-debugger-trace").');
  }
  if (value.version === 1) return checked(fromVersion1(value));
  if (value.version !== TRACE_EXPORT_VERSION) {
    throw new Error(`Unsupported trace export version ${String(value.version)}; expected 1 or ${TRACE_EXPORT_VERSION}.`);
  }
  if (!Array.isArray(value.connections) || !Array.isArray(value.events)) {
    throw new Error('Trace export must have "connections" and "events" arrays.');
  }
  return checked(value as unknown as TraceExport);
}

/** Fields every event must have, and what they hold; the panel reads them from each row. */
const REQUIRED_EVENT_FIELDS = [['id', 'number'], ['timestamp', 'number'], ['connectionId', 'string'], ['source', 'string'], ['kind', 'string'], ['method', 'string'], ['status', 'string']] as const;
const OPTIONAL_EVENT_FIELDS = [['tool', 'string'], ['error', 'string'], ['latencyMs', 'number']] as const;

/**
 * The file's events and connections have the fields the panel reads, and no two events share an
 * id (the panel keeps one event per id, so a repeated one would silently go missing).
 */
function checked(trace: TraceExport): TraceExport {
  const ids = new Set<number>();
  const count = trace.events.length;
  trace.events.forEach((event: unknown, index) => {
    const where = `Event ${index + 1} of ${count}`;
    if (!isRecord(event)) throw new Error(`${where} is not an object.`);
    for (const [field, type] of REQUIRED_EVENT_FIELDS) {
      if (typeof event[field] !== type) throw new Error(`${where} has no "${field}" ${type}.`);
    }
    for (const [field, type] of OPTIONAL_EVENT_FIELDS) {
      if (event[field] !== undefined && typeof event[field] !== type) throw new Error(`${where}: its "${field}" is not a ${type}.`);
    }
    const id = event.id as number;
    if (!Number.isFinite(id)) throw new Error(`${where} has no "id" number.`);
    if (ids.has(id)) throw new Error(`${where} repeats the id ${id} of an earlier event.`);
    ids.add(id);
  });
  trace.connections.forEach((connection: unknown, index) => {
    if (!isRecord(connection) || typeof connection.id !== 'string') throw new Error(`Connection ${index + 1} of ${trace.connections.length} has no "id" string.`);
  });
  return trace;
}

const VERSION_1_BOUNDARIES: ReadonlyMap<unknown, EventKind> = new Map([['session_start', 'connection_start'], ['session_end', 'connection_end']]);

/** Version 1 called a connection a session: `sessions` at the top, `sessionId` on each event, `session_start` / `session_end` boundaries. */
function fromVersion1(value: Record<string, unknown>): TraceExport {
  if (!Array.isArray(value.sessions) || !Array.isArray(value.events)) {
    throw new Error('Trace export version 1 must have "sessions" and "events" arrays.');
  }
  const events = value.events.map((event: unknown) => {
    if (!isRecord(event)) return event;
    const { sessionId, ...rest } = event;
    const kind = VERSION_1_BOUNDARIES.get(rest.kind) ?? rest.kind;
    const method = VERSION_1_BOUNDARIES.get(rest.method) ?? rest.method;
    return { ...rest, connectionId: sessionId, kind, method };
  });
  return {
    format: 'mcp-live-debugger-trace', version: TRACE_EXPORT_VERSION, exportedAt: value.exportedAt as number,
    connections: value.sessions as TraceConnection[], events: events as TraceEvent[],
  };
}
