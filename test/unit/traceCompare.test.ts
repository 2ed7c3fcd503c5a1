import * as assert from 'node:assert/strict';
import type { TraceEvent } from '../../src/shared/trace';
import { compareTraces } from '../../src/shared/traceCompare';

let nextId = 1;
function call(tool: string, args: Record<string, unknown>, answer: unknown, overrides: Partial<TraceEvent> = {}): TraceEvent {
  const id = nextId++;
  return {
    id, timestamp: 1_000 + id, connectionId: 's', source: 'debugger', kind: 'request', method: 'tools/call', tool, status: 'ok', latencyMs: 10,
    request: { jsonrpc: '2.0', id, method: 'tools/call', params: { name: tool, arguments: args } },
    response: { jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: JSON.stringify(answer) }], structuredContent: answer } },
    ...overrides,
  };
}

describe('compare two traces', () => {
  it('gives each tool its calls, error rate and percentiles on both sides', () => {
    const base = [
      call('step_over', { sessionId: 'a' }, { success: true }, { latencyMs: 10 }),
      call('step_over', { sessionId: 'a' }, { success: true }, { latencyMs: 30 }),
      call('step_over', { sessionId: 'a' }, { success: false }, { latencyMs: 20, status: 'error' }),
      call('list_threads', {}, { success: true }, { latencyMs: 5 }),
      { ...call('ignored', {}, {}), method: 'tools/list', tool: undefined },
    ];
    const other = [call('step_over', { sessionId: 'a' }, { success: true }, { latencyMs: 100 }), call('evaluate_expression', { expression: '1' }, { success: true }, { latencyMs: 7 })];
    const comparison = compareTraces({ label: 'before.json', events: base }, { label: 'after.json', events: other });
    assert.deepEqual(comparison.base, { label: 'before.json', calls: 4 });
    assert.deepEqual(comparison.other, { label: 'after.json', calls: 2 });
    assert.deepEqual(comparison.tools.map((row) => row.tool), ['evaluate_expression', 'list_threads', 'step_over']);
    const step = comparison.tools[2];
    assert.deepEqual(step.base, { calls: 3, errors: 1, errorRate: 1 / 3, p50: 20, p95: 30 });
    assert.deepEqual(step.other, { calls: 1, errors: 0, errorRate: 0, p50: 100, p95: 100 });
    assert.equal(comparison.tools[0].base, undefined, 'evaluate_expression was not called in the base');
    assert.equal(comparison.tools[1].other, undefined);
  });

  it('counts answers that differ for the same arguments, ids and times aside, latest call against latest call', () => {
    const base = [
      call('get_local_variables', { sessionId: 's1' }, { success: true, variables: [{ name: 'x', value: '0', variablesReference: 3 }] }),
      call('get_local_variables', { sessionId: 's1' }, { success: true, variables: [{ name: 'x', value: '1', variablesReference: 4 }] }),
      call('get_stack_trace', { sessionId: 's1' }, { success: true, frames: [{ id: 1, line: 3 }] }),
      call('get_output', { sessionId: 's1' }, { success: true, output: 'a' }),
    ];
    const other = [
      call('get_local_variables', { sessionId: 's1' }, { success: true, variables: [{ name: 'x', value: '2', variablesReference: 9 }] }),
      call('get_stack_trace', { sessionId: 's1' }, { success: true, frames: [{ id: 1000, line: 3 }] }),
      call('get_output', { sessionId: 'another' }, { success: true, output: 'b' }),
    ];
    const rows = new Map(compareTraces({ label: 'a', events: base }, { label: 'b', events: other }).tools.map((row) => [row.tool, row]));
    const locals = rows.get('get_local_variables');
    assert.equal(locals?.sameArguments, 1);
    assert.deepEqual(locals?.differing, [{ arguments: '{"sessionId":"s1"}', baseEventId: base[1].id, otherEventId: other[0].id, changes: 1 }]);
    assert.equal(rows.get('get_stack_trace')?.sameArguments, 1);
    assert.deepEqual(rows.get('get_stack_trace')?.differing, [], 'only a frame id changed');
    assert.equal(rows.get('get_output')?.sameArguments, 0, 'other arguments: nothing to compare');
  });
});
