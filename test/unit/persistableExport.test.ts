import * as assert from 'node:assert/strict';
import type { TraceExport } from '../../src/shared/trace';
import { persistableExport } from '../../src/trace/persistableExport';

describe('persistableExport', () => {
  it('leaves debug-endpoint connections and events out of what is written to disk, and keeps the rest', () => {
    const trace: TraceExport = {
      format: 'mcp-live-debugger-trace', version: 2, exportedAt: 1,
      connections: [
        { id: 'a', source: 'debugger', transport: 'streamable-http', startedAt: 1, lastActivityAt: 1, status: 'active' },
        { id: 'b', source: 'debug-endpoint', transport: 'http', startedAt: 1, lastActivityAt: 1, status: 'active' },
      ],
      events: [
        { id: 1, timestamp: 1, connectionId: 'a', source: 'debugger', kind: 'request', method: 'tools/call', status: 'ok' },
        { id: 2, timestamp: 2, connectionId: 'b', source: 'debug-endpoint', kind: 'request', method: 'tools/call', status: 'ok' },
      ],
    };
    const written = persistableExport(trace);
    assert.deepEqual(written.connections.map((connection) => connection.id), ['a']);
    assert.deepEqual(written.events.map((event) => event.id), [1]);
    assert.equal(trace.events.length, 2, 'the input is not changed');
  });
});
