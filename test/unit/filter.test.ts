import * as assert from 'node:assert/strict';
import { summarizeEvent, type EventSummary } from '../../src/shared/eventSummary';
import type { TraceEvent, TraceConnection } from '../../src/shared/trace';
import { compileFilter, emptyFilter, eventCategory, isEmptyFilter, normalizeFilter, timeBounds, upstreamName, type TraceFilter } from '../../src/shared/traceFilter';

const NOW = 1_000_000_000;
const sessions = new Map<string, TraceConnection>([
  ['s-agent', { id: 's-agent', source: 'debugger', transport: 'streamable-http', clientName: 'claude-code', clientVersion: '1.0', startedAt: 0, lastActivityAt: 0, status: 'active' }],
  ['s-proxy', { id: 's-proxy', source: 'proxy:payments', transport: 'stdio', clientName: 'cursor', startedAt: 0, lastActivityAt: 0, status: 'ended' }],
]);
let nextId = 1;
function event(overrides: Partial<TraceEvent>): EventSummary {
  return summarizeEvent({ id: nextId++, timestamp: NOW - 1_000, connectionId: 's-agent', source: 'debugger', kind: 'request', method: 'tools/call', status: 'ok', ...overrides });
}
const events = [
  event({ kind: 'connection_start', method: 'connection_start' }),
  event({ method: 'initialize' }),
  event({ kind: 'notification', method: 'notifications/initialized' }),
  event({ method: 'tools/list' }),
  event({ tool: 'set_breakpoint' }),
  event({ tool: 'evaluate_expression', status: 'error', error: 'NameError: c', timestamp: NOW - 2 * 60 * 60_000 }),
  event({ connectionId: 's-proxy', source: 'proxy:payments', tool: 'create_payment', status: 'error', error: 'upstream timeout', upstreamMs: 2300, proxyMs: 9 }),
  event({ connectionId: 's-proxy', source: 'proxy:payments', method: 'resources/read', status: 'denied', error: 'blocked', request: { method: 'resources/read', params: { uri: 'file:///secret/notes.md' } } }),
  event({ connectionId: 's-proxy', source: 'proxy:payments', kind: 'notification', method: 'notifications/progress' }),
];

function matching(patch: Partial<TraceFilter>): number[] {
  const predicate = compileFilter({ ...emptyFilter(), ...patch }, { connection: (id) => sessions.get(id), now: NOW });
  return events.filter(predicate).map((item) => item.id - events[0].id);
}

describe('trace filter', () => {
  it('lets everything through when empty', () => {
    assert.equal(isEmptyFilter(emptyFilter()), true);
    assert.equal(matching({}).length, events.length);
    assert.equal(isEmptyFilter({ ...emptyFilter(), connectionStatus: 'active' }), true, 'the session status only narrows the Sessions tab');
  });

  it('free text searches tool, method, session id, error, upstream and client, every term', () => {
    assert.deepEqual(matching({ text: 'create_payment' }), [6]);
    assert.deepEqual(matching({ text: 'RESOURCES/read' }), [7]);
    assert.deepEqual(matching({ text: 's-proxy' }), [6, 7, 8]);
    assert.deepEqual(matching({ text: 'nameerror' }), [5]);
    assert.deepEqual(matching({ text: 'payments' }), [6, 7, 8], 'upstream name from proxy:<name>');
    assert.deepEqual(matching({ text: 'claude' }), [0, 1, 2, 3, 4, 5], 'client name');
    assert.deepEqual(matching({ text: 'cursor timeout' }), [6]);
    assert.deepEqual(matching({ text: 'notes.md' }), [7], 'the resource a call read');
    assert.deepEqual(matching({ text: 'cursor nothing-like-this' }), []);
  });

  it('narrows by tools, client, status and event type', () => {
    assert.deepEqual(matching({ tools: ['set_breakpoint', 'create_payment'] }), [4, 6]);
    assert.deepEqual(matching({ client: 'cursor' }), [6, 7, 8]);
    assert.deepEqual(matching({ statuses: ['error'] }), [5, 6]);
    assert.deepEqual(matching({ statuses: ['denied', 'error'] }), [5, 6, 7]);
    assert.deepEqual(matching({ categories: ['connection'] }), [0, 1, 2]);
    assert.deepEqual(matching({ categories: ['discovery'] }), [3]);
    assert.deepEqual(matching({ categories: ['tool-call'] }), [4, 5, 6]);
    assert.deepEqual(matching({ categories: ['notification', 'other'] }), [7, 8]);
    assert.deepEqual(matching({ statuses: ['error'], client: 'claude-code' }), [5]);
  });

  it('narrows by time range, relative to the given now, or a custom window', () => {
    assert.deepEqual(matching({ timeRange: '1h' }).includes(5), false);
    assert.deepEqual(matching({ timeRange: '24h' }).length, events.length);
    assert.deepEqual(matching({ timeRange: 'custom', customFrom: NOW - 3 * 60 * 60_000, customTo: NOW - 60 * 60_000 }), [5]);
    assert.deepEqual(timeBounds({ ...emptyFilter(), timeRange: '5m' }, NOW), [NOW - 300_000, Infinity]);
    assert.deepEqual(timeBounds({ ...emptyFilter(), timeRange: 'custom' }, NOW), [-Infinity, Infinity]);
  });

  it('categorises events and names the upstream', () => {
    assert.equal(eventCategory({ kind: 'request', method: 'prompts/list' }), 'discovery');
    assert.equal(eventCategory({ kind: 'request', method: 'ping' }), 'connection');
    assert.equal(eventCategory({ kind: 'request', method: 'completion/complete' }), 'other');
    assert.equal(upstreamName({ source: 'proxy:github', metadata: undefined }), 'github');
    assert.equal(upstreamName({ source: 'debugger', metadata: { upstream: 'http://x' } }), 'http://x');
    assert.equal(upstreamName({ source: 'debugger', metadata: undefined }), undefined);
  });

  it('restores a saved filter, dropping what is malformed', () => {
    const restored = normalizeFilter({ text: 'x', tools: ['a', 3], statuses: ['ok', 'bogus'], categories: ['discovery', 'nope'], timeRange: '1h', sessionStatus: 'weird', client: 7 });
    assert.deepEqual(restored, { ...emptyFilter(), text: 'x', tools: ['a'], statuses: ['ok'], categories: ['discovery'], timeRange: '1h' });
    assert.deepEqual(normalizeFilter(null), emptyFilter());
    assert.deepEqual(normalizeFilter({ timeRange: 'forever' }).timeRange, 'all');
  });

  it('combines terms over a large volume exactly (per event text and per session client)', () => {
    const many = Array.from({ length: 100_000 }, (_, index) => event({ tool: `tool_${index % 40}`, connectionId: index % 2 ? 's-agent' : 's-proxy' }));
    const count = (text: string) => many.filter(compileFilter({ ...emptyFilter(), text }, { connection: (id) => sessions.get(id), now: NOW })).length;
    assert.equal(count('tool_7'), 2_500);
    assert.equal(count('tool_7 cursor'), 0, 'index % 40 = 7 is odd, so every tool_7 call is the agent\'s, not cursor\'s');
    assert.equal(count('tool_8 cursor'), 2_500);
    assert.equal(count('tool_1'), 2_500 * 11, 'tool_1 and tool_10..tool_19');
  });
});
