import * as assert from 'node:assert/strict';
import type { TraceExport } from '../../src/shared/trace';
import { parseTraceFile } from '../../src/otel/otlpJsonFile';
import { TRACE_FILE_MAX_BYTES, traceFileTooLarge } from '../../src/shared/trace';
import { parseTraceExport, traceExportOf } from '../../src/trace/traceExport';

const connection = { id: 'conn-1', source: 'debugger', transport: 'streamable-http', clientName: 'claude-code', startedAt: 1, lastActivityAt: 9, endedAt: 9, status: 'ended' } as const;
const other = { id: 'conn-2', source: 'proxy:payments', transport: 'stdio', startedAt: 2, lastActivityAt: 3, status: 'active' } as const;
const events: TraceExport['events'] = [
  { id: 1, timestamp: 1, connectionId: 'conn-1', source: 'debugger', kind: 'connection_start', method: 'connection_start', status: 'ok' },
  { id: 2, timestamp: 5, connectionId: 'conn-1', source: 'debugger', kind: 'request', method: 'tools/call', tool: 'step_over', status: 'ok', latencyMs: 4, request: { params: { arguments: { sessionId: 's1' } } } },
];

describe('trace export files', () => {
  it('writes version 2 with the connections its events belong to', () => {
    const written = traceExportOf(events, [connection, other], 42);
    assert.deepEqual(JSON.parse(JSON.stringify(written)), { format: 'mcp-live-debugger-trace', version: 2, exportedAt: 42, connections: [connection], events });
  });

  it('reads a version 2 file back as it was written', () => {
    const written = traceExportOf(events, [connection], 42);
    assert.deepEqual(parseTraceExport(JSON.stringify(written)), written);
  });

  it('reads a version 1 file (sessions, sessionId, session_start) as the same model as version 2', () => {
    const version1 = {
      format: 'mcp-live-debugger-trace', version: 1, exportedAt: 42,
      sessions: [connection],
      events: [
        { id: 1, timestamp: 1, sessionId: 'conn-1', source: 'debugger', kind: 'session_start', method: 'session_start', status: 'ok' },
        { id: 2, timestamp: 5, sessionId: 'conn-1', source: 'debugger', kind: 'request', method: 'tools/call', tool: 'step_over', status: 'ok', latencyMs: 4, request: { params: { arguments: { sessionId: 's1' } } } },
      ],
    };
    assert.deepEqual(parseTraceExport(JSON.stringify(version1)), traceExportOf(events, [connection], 42));
  });

  it('keeps a tool input field named sessionId as it was in a version 1 file', () => {
    const version1 = { format: 'mcp-live-debugger-trace', version: 1, exportedAt: 42, sessions: [connection], events: [{ ...events[1], connectionId: undefined, sessionId: 'conn-1' }] };
    const read = parseTraceExport(JSON.stringify(version1));
    assert.deepEqual(read.events[0].request, { params: { arguments: { sessionId: 's1' } } });
    assert.equal(read.events[0].connectionId, 'conn-1');
  });

  it('refuses other versions and files without their arrays, saying what was wrong', () => {
    assert.throws(() => parseTraceExport(JSON.stringify({ format: 'mcp-live-debugger-trace', version: 3, connections: [], events: [] })), /Unsupported trace export version 3; expected 1 or 2/);
    assert.throws(() => parseTraceExport(JSON.stringify({ format: 'mcp-live-debugger-trace', version: 2, sessions: [], events: [] })), /must have "connections" and "events" arrays/);
    assert.throws(() => parseTraceExport(JSON.stringify({ format: 'mcp-live-debugger-trace', version: 1, connections: [], events: [] })), /version 1 must have "sessions" and "events" arrays/);
    assert.throws(() => parseTraceExport('{"format":"other"}'), /Not an MCP Live Debugger trace export/);
  });

  it('refuses a file whose events the panel could not show, naming the event and what is wrong', () => {
    const file = (fileEvents: unknown[]) => JSON.stringify({ format: 'mcp-live-debugger-trace', version: 2, exportedAt: 42, connections: [connection], events: fileEvents });
    assert.throws(() => parseTraceExport(file([events[0], 'step_over'])), /^Error: Event 2 of 2 is not an object\.$/);
    assert.throws(() => parseTraceExport(file([events[0], { ...events[1], id: '2' }])), /^Error: Event 2 of 2 has no "id" number\.$/);
    assert.throws(() => parseTraceExport(file([{ ...events[0], method: undefined }, events[1]])), /^Error: Event 1 of 2 has no "method" string\.$/);
    assert.throws(() => parseTraceExport(file([events[0], { ...events[1], error: { message: 'boom' } }])), /^Error: Event 2 of 2: its "error" is not a string\.$/);
    assert.throws(() => parseTraceExport(file([events[0], events[1], { ...events[1], timestamp: 9 }])), /^Error: Event 3 of 3 repeats the id 2 of an earlier event\.$/);
    assert.throws(() => parseTraceExport(JSON.stringify({ format: 'mcp-live-debugger-trace', version: 2, exportedAt: 42, connections: [{ source: 'debugger' }], events })), /^Error: Connection 1 of 1 has no "id" string\.$/);
    assert.equal(parseTraceExport(file(events)).events.length, 2);
  });

  it('says a file is not JSON, and how large a file may be', () => {
    assert.throws(() => parseTraceFile('{"format": "mcp-live-debugger-trace", "events": ['), /^Error: Not a JSON file \(.+\)\.$/);
    assert.equal(traceFileTooLarge('ci.json', 612 * 2 ** 20), 'ci.json is 612 MB, more than the 500 MB a trace file may have. Export a filtered view (or fewer events) and import that.');
    assert.equal(TRACE_FILE_MAX_BYTES, 500 * 2 ** 20);
  });
});
