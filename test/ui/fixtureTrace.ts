// A small, realistic trace: an agent debugging a Python script through our server (with DAP
// children, a stop location and a failing call), a proxied payments server with upstream/proxy
// timing, and a debug-endpoint call.
import type { Span, TraceEvent, TraceConnection } from '../../src/shared/trace';

export const BASE = Date.UTC(2026, 10, 21, 10, 8, 40);
export const SCRIPT = '/work/demo/swap_vars.py';

export interface FixtureTrace {
  connections: TraceConnection[];
  events: TraceEvent[];
}

export function fixtureTrace(now = BASE + 60_000): FixtureTrace {
  const connections: TraceConnection[] = [
    { id: 'conn-agent-1', source: 'debugger', transport: 'streamable-http', clientName: 'claude-code', clientVersion: '1.0.40', startedAt: BASE, lastActivityAt: BASE + 9_000, endedAt: BASE + 9_500, status: 'ended' },
    { id: 'conn-proxy-2', source: 'proxy:payments', transport: 'stdio', clientName: 'cursor', clientVersion: '0.50.1', startedAt: BASE + 4_000, lastActivityAt: now - 1_000, status: 'active' },
    { id: 'conn-curl-3', source: 'debug-endpoint', transport: 'http', clientName: 'curl', clientVersion: '8.5.0', startedAt: BASE + 7_000, lastActivityAt: BASE + 7_050, endedAt: BASE + 7_050, status: 'ended' },
  ];
  let id = 1;
  const events: TraceEvent[] = [];
  const push = (event: Omit<TraceEvent, 'id'>) => events.push({ id: id++, ...event });
  const agent = { connectionId: 'conn-agent-1', source: 'debugger' as const };
  push({ ...agent, timestamp: BASE, kind: 'connection_start', method: 'connection_start', status: 'ok' });
  push({ ...agent, timestamp: BASE + 1, kind: 'request', method: 'initialize', status: 'ok', latencyMs: 4, requestBytes: 220, responseBytes: 410,
    request: { jsonrpc: '2.0', id: 0, method: 'initialize', params: { clientInfo: { name: 'claude-code', version: '1.0.40' } } },
    response: { jsonrpc: '2.0', id: 0, result: { serverInfo: { name: 'mcp-live-debugger' } } } });
  push({ ...agent, timestamp: BASE + 20, kind: 'notification', method: 'notifications/initialized', status: 'ok', requestBytes: 54 });
  push({ ...agent, timestamp: BASE + 30, kind: 'request', method: 'tools/list', status: 'ok', latencyMs: 3, requestBytes: 60, responseBytes: 5200,
    response: { jsonrpc: '2.0', id: 1, result: { tools: ['set_breakpoint', 'start_debugging', 'get_stack_trace', 'evaluate_expression', 'step_over'].map((name) => ({ name })) } } });
  push({ ...agent, timestamp: BASE + 1_000, kind: 'request', method: 'tools/call', tool: 'set_breakpoint', status: 'ok', latencyMs: 18, requestBytes: 140, responseBytes: 300,
    request: { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'set_breakpoint', arguments: { file: SCRIPT, line: 4 } } },
    response: { jsonrpc: '2.0', id: 2, result: { structuredContent: { success: true, verified: true, file: SCRIPT, line: 4 } } },
    trace: span('tool.run', BASE + 1_000, 18, { tool: 'set_breakpoint', inputs: { file: SCRIPT, line: 4 }, outputs: { success: true, verified: true } }, [
      span('dap.request', BASE + 1_004, 11, { command: 'setBreakpoints', request: { source: { path: SCRIPT }, breakpoints: [{ line: 4 }] }, response: { breakpoints: [{ verified: true, line: 4, source: { path: SCRIPT } }] } }),
    ]) });
  push({ ...agent, timestamp: BASE + 2_000, kind: 'request', method: 'tools/call', tool: 'start_debugging', status: 'ok', latencyMs: 1_830, requestBytes: 180, responseBytes: 620,
    trace: span('tool.run', BASE + 2_000, 1_830, { tool: 'start_debugging', inputs: { program: SCRIPT, language: 'python' }, outputs: { success: true, state: 'paused', location: { file: SCRIPT, line: 4 } } }, [
      span('dap.request', BASE + 2_010, 700, { command: 'launch', request: { program: SCRIPT, console: 'internalConsole' }, response: {} }),
      span('dap.event', BASE + 3_300, 0, { attributes: { event: 'stopped', body: { reason: 'breakpoint', threadId: 1 } } }),
      span('dap.request', BASE + 3_310, 25, { command: 'stackTrace', request: { threadId: 1 }, response: { stackFrames: [{ id: 1, name: '<module>', line: 4, column: 1, source: { path: SCRIPT } }] } }),
    ]) });
  push({ ...agent, timestamp: BASE + 4_500, kind: 'request', method: 'tools/call', tool: 'evaluate_expression', status: 'error', latencyMs: 40, error: "NameError: name 'c' is not defined", requestBytes: 120, responseBytes: 260,
    trace: span('tool.run', BASE + 4_500, 40, { tool: 'evaluate_expression', inputs: { expression: 'a + c' }, error: "NameError: name 'c' is not defined", status: 'error' }, [
      span('dap.request', BASE + 4_505, 30, { command: 'evaluate', request: { expression: 'a + c', frameId: 1 }, status: 'error', error: "NameError: name 'c' is not defined" }),
    ]) });
  push({ ...agent, timestamp: BASE + 9_500, kind: 'connection_end', method: 'connection_end', status: 'ok' });

  const proxy = { connectionId: 'conn-proxy-2', source: 'proxy:payments' as const };
  push({ ...proxy, timestamp: BASE + 4_000, kind: 'connection_start', method: 'connection_start', status: 'ok' });
  push({ ...proxy, timestamp: BASE + 4_001, kind: 'request', method: 'initialize', status: 'ok', latencyMs: 35, upstreamMs: 31, proxyMs: 4 });
  push({ ...proxy, timestamp: BASE + 4_050, kind: 'request', method: 'tools/list', status: 'ok', latencyMs: 12, upstreamMs: 10, proxyMs: 2,
    response: { jsonrpc: '2.0', id: 1, result: { tools: [{ name: 'create_payment' }, { name: 'refund_payment' }] } } });
  push({ ...proxy, timestamp: BASE + 5_001, kind: 'request', method: 'tools/call', tool: 'create_payment', status: 'error', error: 'upstream timeout', latencyMs: 2_340, upstreamMs: 2_331, proxyMs: 9 });
  push({ ...proxy, timestamp: BASE + 8_000, kind: 'request', method: 'tools/call', tool: 'create_payment', status: 'ok', latencyMs: 220, upstreamMs: 214, proxyMs: 6 });
  push({ ...proxy, timestamp: BASE + 8_500, kind: 'request', method: 'resources/read', status: 'denied', error: 'blocked by proxy policy', latencyMs: 1, upstreamMs: 0, proxyMs: 1,
    request: { jsonrpc: '2.0', id: 5, method: 'resources/read', params: { uri: 'file:///etc/passwd' } } });

  const curl = { connectionId: 'conn-curl-3', source: 'debug-endpoint' as const };
  push({ ...curl, timestamp: BASE + 7_000, kind: 'connection_start', method: 'connection_start', status: 'ok' });
  push({ ...curl, timestamp: BASE + 7_001, kind: 'request', method: 'tools/call', tool: 'get_stack_trace', status: 'ok', latencyMs: 42,
    response: { jsonrpc: '2.0', id: 1, result: { structuredContent: { frames: [{ name: '<module>', file: SCRIPT, line: 5 }] } } } });
  push({ ...curl, timestamp: BASE + 7_050, kind: 'connection_end', method: 'connection_end', status: 'ok' });

  events.sort((a, b) => a.timestamp - b.timestamp);
  events.forEach((event, index) => { event.id = index + 1; });
  return { connections, events };
}

function span(name: string, start: number, duration: number, fields: Partial<Span>, children: Span[] = []): Span {
  return { name, start, duration_ms: duration, status: 'ok', ...fields, children };
}

/** `count` synthetic events spread over `connections` connections, for volume tests. */
export function syntheticEvents(count: number, firstId: number, startAt: number, connectionIds: string[]): TraceEvent[] {
  const tools = ['set_breakpoint', 'step_over', 'get_variables', 'evaluate_expression', 'continue_execution'];
  return Array.from({ length: count }, (_, index) => {
    const id = firstId + index;
    const failed = id % 17 === 0;
    return {
      id, timestamp: startAt + index, connectionId: connectionIds[id % connectionIds.length], source: 'debugger', kind: 'request', method: 'tools/call',
      tool: tools[id % tools.length], status: failed ? 'error' : 'ok', error: failed ? `failure ${id}` : undefined, latencyMs: 5 + (id % 50),
    } satisfies TraceEvent;
  });
}
