import * as assert from 'node:assert/strict';
import type { TraceExport } from '../../src/shared/trace';
import { persistableExport } from '../../src/trace/persistableExport';

describe('persistableExport', () => {
  it('leaves debug-endpoint sessions and events out of what is written to disk, and keeps the rest', () => {
    const trace: TraceExport = {
      format: 'mcp-live-debugger-trace', version: 1, exportedAt: 1,
      sessions: [
        { id: 'a', source: 'debugger', transport: 'streamable-http', startedAt: 1, lastActivityAt: 1, status: 'active' },
        { id: 'b', source: 'debug-endpoint', transport: 'http', startedAt: 1, lastActivityAt: 1, status: 'active' },
      ],
      events: [
        { id: 1, timestamp: 1, sessionId: 'a', source: 'debugger', kind: 'request', method: 'tools/call', status: 'ok' },
        { id: 2, timestamp: 2, sessionId: 'b', source: 'debug-endpoint', kind: 'request', method: 'tools/call', status: 'ok' },
      ],
    };
    const written = persistableExport(trace);
    assert.deepEqual(written.sessions.map((session) => session.id), ['a']);
    assert.deepEqual(written.events.map((event) => event.id), [1]);
    assert.equal(trace.events.length, 2, 'the input is not changed');
  });
});
