import type { TraceExport } from '../shared/trace';

/**
 * What of an export may be written to disk: debug-endpoint traffic lives in memory only (its
 * calls are made with temporary tokens), so it is left out of every file, even one the user saves.
 */
export function persistableExport(trace: TraceExport): TraceExport {
  const events = trace.events.filter((event) => event.source !== 'debug-endpoint');
  const connectionIds = new Set(events.map((event) => event.connectionId));
  return { ...trace, events, connections: trace.connections.filter((connection) => connection.source !== 'debug-endpoint' && connectionIds.has(connection.id)) };
}
