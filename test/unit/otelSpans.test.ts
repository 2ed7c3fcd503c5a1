import * as assert from 'node:assert/strict';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { describeEventSpans } from '../../src/otel/mcpSpans';
import { OtlpExportPipeline } from '../../src/otel/otlpExportPipeline';
import { parseTraceFile, toOtlpJson } from '../../src/otel/otlpJsonFile';
import { writeEventSpans } from '../../src/otel/spanWriter';
import type { TraceEvent, TraceExport, TraceConnection } from '../../src/shared/trace';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN = '00f067aa0ba902b7';
const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);

const session: TraceConnection = { id: 'conn-1', source: 'debugger', transport: 'streamable-http', clientName: 'agent', clientVersion: '2.0', mcpSessionId: 'mcp-abc', startedAt: T0, lastActivityAt: T0, status: 'active' };

function toolCall(overrides: Partial<TraceEvent> = {}): TraceEvent {
  return {
    id: 7, timestamp: T0, connectionId: 'conn-1', source: 'debugger', kind: 'request', method: 'tools/call', tool: 'get_local_variables',
    status: 'ok', latencyMs: 42,
    request: { jsonrpc: '2.0', id: 12, method: 'tools/call', params: { name: 'get_local_variables', arguments: { sessionId: 's1', apiToken: 'hunter2-hunter2' }, _meta: { traceparent: `00-${TRACE_ID}-${CLIENT_SPAN}-01`, tracestate: 'rojo=00f067aa0ba902b7', baggage: 'user=alice' } } },
    response: { jsonrpc: '2.0', id: 12, result: { content: [{ type: 'text', text: '{"success":true}' }], structuredContent: { success: true, variables: [{ name: 'a', value: '1' }], password: 'p4ssw0rd' } } },
    trace: {
      name: 'tool.run', start: T0 + 1, duration_ms: 40, status: 'ok', tool: 'get_local_variables', children: [
        { name: 'dap.request', command: 'scopes', start: T0 + 2, duration_ms: 5, status: 'ok', request: { frameId: 1 }, response: { scopes: [] }, attributes: { via: 'relay' }, children: [] },
        { name: 'dap.request', command: 'variables', start: T0 + 8, duration_ms: 7, status: 'error', error: 'no such reference', request: { variablesReference: 9 }, children: [] },
        { name: 'dap.event', start: T0 + 20, duration_ms: 0, status: 'ok', attributes: { event: 'stopped', body: { reason: 'breakpoint' } }, children: [] },
      ],
    },
    ...overrides,
  };
}

function finishedSpans(events: TraceEvent[]): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('test');
  for (const event of events) {
    const spans = describeEventSpans(event, { connection: session, protocolVersion: '2025-06-18', server: { address: '127.0.0.1', port: 4711, transport: 'tcp' } });
    if (spans) writeEventSpans(tracer, spans);
  }
  return exporter.getFinishedSpans();
}

describe('OpenTelemetry spans of recorded exchanges', () => {
  it('names a tool call `tools/call <tool>` and gives it the MCP conventions\' attributes', () => {
    const described = describeEventSpans(toolCall(), { connection: session, protocolVersion: '2025-06-18', server: { address: '127.0.0.1', port: 4711, transport: 'tcp' } });
    assert.ok(described);
    const { span } = described;
    assert.equal(span.name, 'tools/call get_local_variables');
    assert.equal(span.kind, 'server');
    assert.equal(span.startMs, T0);
    assert.equal(span.endMs, T0 + 42);
    assert.equal(span.error, undefined);
    assert.deepEqual(
      Object.fromEntries(Object.entries(span.attributes).filter(([key]) => !key.startsWith('mcp_live_debugger.'))),
      {
        'mcp.method.name': 'tools/call',
        'jsonrpc.request.id': '12',
        'gen_ai.tool.name': 'get_local_variables',
        'gen_ai.operation.name': 'execute_tool',
        'mcp.protocol.version': '2025-06-18',
        'mcp.session.id': 'mcp-abc',
        'network.transport': 'tcp',
        'server.address': '127.0.0.1',
        'server.port': 4711,
      },
    );
    assert.equal(span.attributes['mcp_live_debugger.session.id'], 'conn-1');
    assert.equal(span.attributes['mcp_live_debugger.client.name'], 'agent');
    assert.deepEqual(span.children.map((child) => [child.name, child.kind, child.endMs - child.startMs, child.error]), [
      ['dap.request scopes', 'client', 5, undefined],
      ['dap.request variables', 'client', 7, 'no such reference'],
      ['dap.event stopped', 'internal', 0, undefined],
    ]);
    assert.equal(span.children[0].attributes['dap.command'], 'scopes');
    assert.equal(span.children[0].attributes['mcp_live_debugger.via'], 'relay');
    assert.equal(span.children[2].attributes['dap.event'], 'stopped');
    assert.deepEqual(described.carrier, { traceparent: `00-${TRACE_ID}-${CLIENT_SPAN}-01`, tracestate: 'rojo=00f067aa0ba902b7', baggage: 'user=alice' });
  });

  it('leaves arguments, results and DAP bodies out unless switched on, and masks them when on', () => {
    const off = describeEventSpans(toolCall())?.span;
    assert.ok(off);
    for (const key of ['gen_ai.tool.call.arguments', 'gen_ai.tool.call.result']) assert.equal(off.attributes[key], undefined, key);
    assert.equal(off.children[0].attributes['dap.request.body'], undefined);
    assert.equal(off.children[2].attributes['dap.event.body'], undefined);

    const on = describeEventSpans(toolCall(), {}, { toolCallArguments: true, toolCallResult: true })?.span;
    assert.ok(on);
    assert.deepEqual(JSON.parse(String(on.attributes['gen_ai.tool.call.arguments'])), { sessionId: 's1', apiToken: '[redacted]' });
    assert.deepEqual(JSON.parse(String(on.attributes['gen_ai.tool.call.result'])), { success: true, variables: [{ name: 'a', value: '1' }], password: '[redacted]' });
    assert.deepEqual(JSON.parse(String(on.children[0].attributes['dap.request.body'])), { frameId: 1 });
    assert.deepEqual(JSON.parse(String(on.children[0].attributes['dap.response.body'])), { scopes: [] });
    assert.deepEqual(JSON.parse(String(on.children[2].attributes['dap.event.body'])), { reason: 'breakpoint' });

    const argumentsOnly = describeEventSpans(toolCall(), {}, { toolCallArguments: true, toolCallResult: false })?.span;
    assert.ok(argumentsOnly?.attributes['gen_ai.tool.call.arguments']);
    assert.equal(argumentsOnly.attributes['gen_ai.tool.call.result'], undefined);
  });

  it('sets error.type to tool_error for an isError answer and to the code for a JSON-RPC error', () => {
    const toolError = describeEventSpans(toolCall({ status: 'error', error: 'no session s1', response: { id: 12, result: { isError: true, content: [] } } }), {}, { toolCallArguments: false, toolCallResult: true })?.span;
    assert.equal(toolError?.attributes['error.type'], 'tool_error');
    assert.equal(toolError?.attributes['rpc.response.status_code'], undefined);
    assert.equal(toolError?.attributes['gen_ai.tool.call.result'], undefined, 'a failed call has no result');
    assert.equal(toolError?.error, 'no session s1');

    const rpcError = describeEventSpans(toolCall({ status: 'error', error: 'Invalid params', errorCode: -32602, response: { id: 12, error: { code: -32602, message: 'Invalid params' } } }))?.span;
    assert.equal(rpcError?.attributes['error.type'], '-32602');
    assert.equal(rpcError?.attributes['rpc.response.status_code'], '-32602');
    assert.equal(rpcError?.error, 'Invalid params');
  });

  it('names other methods by method (and prompt), keeps resource URIs out of the name, and skips session boundaries', () => {
    const base = { id: 1, timestamp: T0, connectionId: 'conn-1', source: 'proxy:memory', status: 'ok' } as const;
    const list = describeEventSpans({ ...base, kind: 'request', method: 'tools/list', request: { id: 'r-1', method: 'tools/list' } }, { connection: { ...session, source: 'proxy:memory', transport: 'stdio', mcpSessionId: undefined } })?.span;
    assert.equal(list?.name, 'tools/list');
    assert.equal(list?.kind, 'client', 'the proxy reports its call to the upstream');
    assert.equal(list?.attributes['jsonrpc.request.id'], 'r-1');
    assert.equal(list?.attributes['network.transport'], 'pipe');
    assert.equal(list?.attributes['mcp.session.id'], 'conn-1');
    assert.equal(list?.attributes['gen_ai.operation.name'], undefined);
    const prompt = describeEventSpans({ ...base, kind: 'request', method: 'prompts/get', request: { id: 2, params: { name: 'analyze-code' } } })?.span;
    assert.equal(prompt?.name, 'prompts/get analyze-code');
    assert.equal(prompt?.attributes['gen_ai.prompt.name'], 'analyze-code');
    const read = describeEventSpans({ ...base, kind: 'request', method: 'resources/read', request: { id: 3, params: { uri: 'file:///a.txt' } } })?.span;
    assert.equal(read?.name, 'resources/read');
    assert.equal(read?.attributes['mcp.resource.uri'], 'file:///a.txt');
    const notification = describeEventSpans({ ...base, kind: 'notification', method: 'notifications/initialized', request: { method: 'notifications/initialized' } })?.span;
    assert.equal(notification?.name, 'notifications/initialized');
    assert.equal(notification?.attributes['jsonrpc.request.id'], undefined);
    assert.equal(describeEventSpans({ ...base, kind: 'connection_start', method: 'connection_start' }), undefined);
    const initialize = describeEventSpans({ ...base, kind: 'request', method: 'initialize', response: { result: { protocolVersion: '2025-11-25' } } })?.span;
    assert.equal(initialize?.attributes['mcp.protocol.version'], '2025-11-25');
  });

  it('makes the exchange a child of the client\'s traceparent span and its DAP spans children of the exchange', () => {
    const spans = finishedSpans([toolCall(), toolCall({ id: 8, request: { id: 13, method: 'tools/call', params: { name: 'get_local_variables' } } })]);
    const [root, unparented] = spans.filter((span) => span.name === 'tools/call get_local_variables');
    assert.equal(root.spanContext().traceId, TRACE_ID);
    assert.equal(root.parentSpanContext?.spanId, CLIENT_SPAN);
    assert.equal(root.spanContext().traceState?.get('rojo'), '00f067aa0ba902b7');
    assert.equal(root.kind, SpanKind.SERVER);
    assert.deepEqual(root.startTime, [Math.floor(T0 / 1000), 0]);
    assert.equal(root.status.code, SpanStatusCode.UNSET);
    const children = spans.filter((span) => span.parentSpanContext?.spanId === root.spanContext().spanId);
    assert.deepEqual(children.map((span) => span.name).sort(), ['dap.event stopped', 'dap.request scopes', 'dap.request variables']);
    assert.ok(children.every((span) => span.spanContext().traceId === TRACE_ID));
    const failed = children.find((span) => span.name === 'dap.request variables');
    assert.deepEqual(failed?.status, { code: SpanStatusCode.ERROR, message: 'no such reference' });
    assert.notEqual(unparented.spanContext().traceId, TRACE_ID, 'without a traceparent an exchange starts its own trace');
    assert.equal(unparented.parentSpanContext, undefined);
  });
});

describe('OTLP export pipeline', () => {
  class FailingExporter implements SpanExporter {
    exports = 0;
    export(_spans: ReadableSpan[], done: (result: ExportResult) => void): void {
      this.exports++;
      setImmediate(() => done({ code: ExportResultCode.FAILED, error: new Error('unreachable') }));
    }
    shutdown(): Promise<void> {
      return Promise.resolve();
    }
  }

  it('queues on append without mapping, then sends and counts what the endpoint accepted', async () => {
    const exporter = new InMemorySpanExporter();
    const pipeline = new OtlpExportPipeline({ exporter, serviceVersion: '9.9.9', content: () => ({ toolCallArguments: false, toolCallResult: false }) });
    pipeline.enqueue(toolCall());
    assert.equal(exporter.getFinishedSpans().length, 0, 'nothing is mapped or sent on the call path');
    assert.equal(pipeline.stats.queued, 1);
    await pipeline.flush();
    assert.deepEqual(pipeline.stats, { exported: 4, dropped: 0, queued: 0 });
    assert.equal(exporter.getFinishedSpans()[0].resource.attributes['service.name'], 'mcp-live-debugger');
    await pipeline.shutdown();
  });

  it('links a replay\'s span to the span of the call it ran again, and says so in an attribute', async () => {
    const exporter = new InMemorySpanExporter();
    const pipeline = new OtlpExportPipeline({ exporter, serviceVersion: '1', content: () => ({ toolCallArguments: false, toolCallResult: false }) });
    pipeline.enqueue(toolCall({ id: 7 }));
    // the replay runs in a connection of its own, with no traceparent: a trace of its own
    pipeline.enqueue(toolCall({ id: 9, connectionId: 'r-1', replayOf: 7, request: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_local_variables', arguments: { sessionId: 's1' } } } }));
    pipeline.enqueue(toolCall({ id: 10, connectionId: 'r-2', replayOf: 3, request: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_local_variables' } } }));
    await pipeline.flush();
    const calls = exporter.getFinishedSpans().filter((span) => span.name === 'tools/call get_local_variables');
    const byEvent = new Map(calls.map((span) => [span.attributes['mcp_live_debugger.event.id'], span]));
    const [original, replay, unknownOriginal] = [byEvent.get(7), byEvent.get(9), byEvent.get(10)];
    assert.ok(original && replay && unknownOriginal, calls.map((span) => span.attributes['mcp_live_debugger.event.id']).join());
    assert.equal(replay.attributes['mcp_live_debugger.replay_of'], 7);
    assert.notEqual(replay.spanContext().traceId, original.spanContext().traceId, 'a replay is a trace of its own');
    assert.deepEqual(replay.links.map((link) => [link.context.traceId, link.context.spanId, link.attributes?.['mcp_live_debugger.link.type']]),
      [[TRACE_ID, original.spanContext().spanId, 'replay_of']]);
    assert.deepEqual(original.links, []);
    assert.equal(original.attributes['mcp_live_debugger.replay_of'], undefined);
    assert.equal(unknownOriginal.attributes['mcp_live_debugger.replay_of'], 3, 'an original never exported still has its id');
    assert.deepEqual(unknownOriginal.links, [], 'but no link to a span that was never written');
    await pipeline.shutdown();
  });

  it('counts spans the endpoint did not take, and spans beyond the queue bound, as dropped', async () => {
    const exporter = new FailingExporter();
    const pipeline = new OtlpExportPipeline({ exporter, serviceVersion: '1', content: () => ({ toolCallArguments: false, toolCallResult: false }), limits: { maxQueuedSpans: 6, scheduledDelayMs: 60_000 } });
    for (let id = 1; id <= 3; id++) pipeline.enqueue(toolCall({ id }));
    await pipeline.flush();
    // 4 spans each: the first call fits, the second would pass the bound of 6 and is dropped whole, so is the third
    assert.deepEqual(pipeline.stats, { exported: 0, dropped: 12, queued: 0 });
    assert.ok(exporter.exports >= 1);
    await pipeline.shutdown();
  });
});

describe('OTLP JSON files', () => {
  const trace: TraceExport = {
    format: 'mcp-live-debugger-trace', version: 2, exportedAt: T0 + 1000, connections: [session],
    events: [
      { id: 1, timestamp: T0 - 5, connectionId: 'conn-1', source: 'debugger', kind: 'request', method: 'initialize', status: 'ok', latencyMs: 3, request: { id: 0, method: 'initialize' }, response: { result: { protocolVersion: '2025-06-18' } } },
      toolCall({ id: 2, status: 'error', error: 'no session s1' }),
    ],
  };

  it('writes an ExportTraceServiceRequest with our spans and reads it back as the same exchanges', () => {
    const text = toOtlpJson(trace, { serviceVersion: '0.1.0', content: { toolCallArguments: true, toolCallResult: false } });
    const request = JSON.parse(text) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ name: string; traceId: string; parentSpanId?: string }> }> }> };
    const spans = request.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
    assert.deepEqual(spans.map((span) => span.name).sort(), ['dap.event stopped', 'dap.request scopes', 'dap.request variables', 'initialize', 'tools/call get_local_variables']);
    assert.equal(spans.find((span) => span.name.startsWith('tools/call'))?.traceId, TRACE_ID, 'hex ids, as OTLP JSON has them');

    const read = parseTraceFile(text, 5);
    assert.equal(read.format, 'mcp-live-debugger-trace');
    assert.deepEqual(read.events.map((event) => [event.method, event.tool, event.status, event.latencyMs, event.connectionId, event.source]), [
      ['initialize', undefined, 'ok', 3, 'conn-1', 'debugger'],
      ['tools/call', 'get_local_variables', 'error', 42, 'conn-1', 'debugger'],
    ]);
    const call = read.events[1];
    assert.equal(call.error, 'no session s1');
    assert.deepEqual((call.request as { params: { arguments: unknown } }).params.arguments, { sessionId: 's1', apiToken: '[redacted]' });
    assert.deepEqual(call.trace?.children.map((child) => [child.name, child.command, child.duration_ms, child.status]), [
      ['dap.request scopes', 'scopes', 5, 'ok'],
      ['dap.request variables', 'variables', 7, 'error'],
      ['dap.event stopped', undefined, 0, 'ok'],
    ]);
    assert.deepEqual(read.connections.map((item) => [item.id, item.clientName, item.mcpSessionId, item.transport]), [['conn-1', 'agent', 'mcp-abc', 'streamable-http']]);
  });

  it('writes a replay\'s link to its original into the file and reads it back as the replay of that event', () => {
    const withReplay: TraceExport = { ...trace, events: [...trace.events, toolCall({ id: 3, timestamp: T0 + 500, connectionId: 'r-1', replayOf: 2, request: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_local_variables' } } })] };
    const text = toOtlpJson(withReplay, { serviceVersion: '0.1.0' });
    const spans = (JSON.parse(text) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ name: string; spanId: string; links?: Array<{ spanId: string }>; attributes: Array<{ key: string; value: { intValue?: number | string } }> }> }> }> })
      .resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
    const eventIdOf = (span: (typeof spans)[number]) => Number(span.attributes.find((item) => item.key === 'mcp_live_debugger.event.id')?.value.intValue);
    const original = spans.find((span) => eventIdOf(span) === 2);
    const replay = spans.find((span) => eventIdOf(span) === 3);
    assert.deepEqual(replay?.links?.map((link) => link.spanId), [original?.spanId]);

    const read = parseTraceFile(text);
    assert.deepEqual(read.events.map((event) => [event.id, event.method, event.replayOf]), [[1, 'initialize', undefined], [2, 'tools/call', undefined], [3, 'tools/call', 2]]);
  });

  it('reads another service\'s OTLP JSON (no MCP spans) as one event per root span', () => {
    const foreign = JSON.stringify({
      resourceSpans: [{
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'ci-runner' } }] },
        scopeSpans: [{ spans: [
          { traceId: TRACE_ID, spanId: 'aaaaaaaaaaaaaaaa', name: 'build', startTimeUnixNano: String(T0 * 1e6), endTimeUnixNano: String((T0 + 1500) * 1e6), status: { code: 2, message: 'failed' }, attributes: [] },
          { traceId: TRACE_ID, spanId: 'bbbbbbbbbbbbbbbb', parentSpanId: 'aaaaaaaaaaaaaaaa', name: 'compile', startTimeUnixNano: String((T0 + 10) * 1e6), endTimeUnixNano: String((T0 + 510) * 1e6), attributes: [{ key: 'files', value: { intValue: '12' } }] },
        ] }],
      }],
    });
    const read = parseTraceFile(foreign);
    assert.deepEqual(read.events.map((event) => [event.method, event.status, event.error, event.latencyMs, event.source]), [['build', 'error', 'failed', 1500, 'proxy:ci-runner']]);
    assert.deepEqual(read.events[0].trace?.children.map((child) => [child.name, child.duration_ms, child.attributes?.files]), [['compile', 500, 12]]);
  });

  it('still reads our own format and refuses what is neither', () => {
    assert.equal(parseTraceFile(JSON.stringify(trace)).events.length, 2);
    assert.throws(() => parseTraceFile('{"spans": []}'), /Neither an MCP Live Debugger trace export .* nor an OTLP JSON trace/);
  });
});
