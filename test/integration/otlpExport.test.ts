// The OpenTelemetry export inside the real VS Code: a loopback OTLP/HTTP receiver decodes what
// arrives with the OTLP protobuf definitions of the OpenTelemetry packages and checks the spans
// of real scenarios (the mock debugger, the recording proxy) and the loss count.
import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import * as protos from 'otlp-transformer-protos/build/src/generated/root';
import * as vscode from 'vscode';
import { startStatelessMcpServer, type StatelessMcpServer } from '../shared/statelessMcpServer';
import { activateExtension, connectSdkClient, discovery, dropOnPanel, fixturePath, report, until } from './support';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const AGENT_SPAN = '00f067aa0ba902b7';
const META = { traceparent: `00-${TRACE_ID}-${AGENT_SPAN}-01`, tracestate: 'rojo=00f067aa0ba902b7', baggage: 'userId=alice' };
const SPAN_KIND = { server: 2, client: 3 } as const;

interface ReceivedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  traceState: string;
  kind: number;
  attributes: Record<string, unknown>;
  statusCode: number;
  service: unknown;
  links: Array<{ traceId: string; spanId: string; attributes: Record<string, unknown> }>;
}

interface ProtoAnyValue { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number }
interface ProtoLink { traceId: Uint8Array; spanId: Uint8Array; attributes?: Array<{ key: string; value?: ProtoAnyValue }> }
interface ProtoSpan { name: string; traceId: Uint8Array; spanId: Uint8Array; parentSpanId?: Uint8Array; traceState?: string; kind?: number; status?: { code?: number }; attributes?: Array<{ key: string; value?: ProtoAnyValue }>; links?: ProtoLink[] }
interface ProtoRequest { resourceSpans?: Array<{ resource?: { attributes?: Array<{ key: string; value?: ProtoAnyValue }> }; scopeSpans?: Array<{ spans?: ProtoSpan[] }> }> }
interface MessageType { decode(bytes: Uint8Array): object; toObject(message: object, options: object): ProtoRequest }

/** The generated OTLP root of @opentelemetry/otlp-transformer (protobufjs static code). */
const ExportTraceServiceRequest = (protos as unknown as { opentelemetry: { proto: { collector: { trace: { v1: { ExportTraceServiceRequest: MessageType } } } } } })
  .opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

function anyValue(value: ProtoAnyValue | undefined): unknown {
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.boolValue !== undefined) return value.boolValue;
  return value.doubleValue;
}

const hex = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('hex') : '');

/** A loopback OTLP/HTTP traces endpoint that keeps every span it is sent, protobuf or JSON. */
class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly contentTypes = new Set<string>();
  private readonly server: Server = createServer((request, response) => void this.receive(request, response));

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/traces`;
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }

  named(name: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.name === name);
  }

  childrenOf(parent: ReceivedSpan): ReceivedSpan[] {
    return this.spans.filter((span) => span.parentSpanId === parent.spanId && span.traceId === parent.traceId);
  }

  private async receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const type = request.headers['content-type'] ?? '';
    this.contentTypes.add(type);
    const decoded = type.includes('json') ? JSON.parse(body.toString()) as ProtoRequest : ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(body), { longs: String, defaults: false });
    for (const resource of decoded.resourceSpans ?? []) {
      const service = anyValue(resource.resource?.attributes?.find((item) => item.key === 'service.name')?.value);
      for (const scope of resource.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          const ids = type.includes('json')
            ? { traceId: String(span.traceId), spanId: String(span.spanId), parentSpanId: String(span.parentSpanId ?? '') }
            : { traceId: hex(span.traceId), spanId: hex(span.spanId), parentSpanId: hex(span.parentSpanId) };
          this.spans.push({
            name: span.name, ...ids, traceState: span.traceState ?? '', kind: span.kind ?? 0, statusCode: span.status?.code ?? 0, service,
            attributes: Object.fromEntries((span.attributes ?? []).map((item) => [item.key, anyValue(item.value)])),
            links: (span.links ?? []).map((link) => ({
              traceId: type.includes('json') ? String(link.traceId) : hex(link.traceId),
              spanId: type.includes('json') ? String(link.spanId) : hex(link.spanId),
              attributes: Object.fromEntries((link.attributes ?? []).map((item) => [item.key, anyValue(item.value)])),
            })),
          });
        }
      }
    }
    response.writeHead(200, { 'content-type': type.includes('json') ? 'application/json' : 'application/x-protobuf' });
    response.end(type.includes('json') ? '{}' : undefined);
  }
}

/** An upstream MCP server that answers with the `_meta` it received (to show what the proxy passed on). */
function startMetaEchoUpstream(): Promise<StatelessMcpServer> {
  return startStatelessMcpServer('meta-echo', (mcp) => {
    mcp.registerTool('echo_meta', { description: 'Answers with the request\'s _meta' }, async (extra) => ({ content: [{ type: 'text', text: JSON.stringify(extra._meta ?? {}) }] }));
  });
}

/** Changes settings and waits until the export runs for `settings['otlp.endpoint']` (or is off). */
async function configure(settings: Record<string, unknown>): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('mcpLiveDebugger');
  for (const [key, value] of Object.entries(settings)) await configuration.update(key, value, vscode.ConfigurationTarget.Global);
  const api = await activateExtension();
  const endpoint = settings['otlp.endpoint'];
  const target = typeof endpoint === 'string' ? new URL(endpoint).origin : undefined;
  await until(() => api.otlpExport.state.target, (current) => current === target, `the export to run for ${String(target)}`);
  await api.otlpExport.ready;
}

async function toolCall(client: Client, name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await client.callTool({ name, arguments: args, _meta: META });
  const text = (result.content as Array<{ type: string; text?: string }>).find((item) => item.type === 'text')?.text ?? '{}';
  return JSON.parse(text) as Record<string, unknown>;
}

describe('OpenTelemetry export inside VS Code', function () {
  this.timeout(120_000);
  let receiver: OtlpReceiver;
  let endpoint: string;
  const clients: Client[] = [];

  beforeEach(async () => {
    receiver = new OtlpReceiver();
    endpoint = await receiver.start();
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close().catch(() => undefined);
    await configure({ 'otlp.endpoint': undefined, 'otlp.protocol': undefined, 'otlp.recordToolCallArguments': undefined, 'proxy.servers': undefined });
    receiver.close();
  });

  it('sends a mock debugging scenario as spans under the client\'s traceparent, with the DAP spans as their children (OTLP/HTTP protobuf)', async () => {
    const api = await activateExtension();
    await configure({ 'otlp.endpoint': endpoint, 'otlp.protocol': 'http/protobuf', 'otlp.recordToolCallArguments': true });
    assert.deepEqual({ enabled: api.otlpExport.state.enabled, target: api.otlpExport.state.target }, { enabled: true, target: new URL(endpoint).origin });
    const port = Number(new URL((await discovery()).url).port);
    const client = await connectSdkClient('otel-agent');
    clients.push(client);
    const program = fixturePath('tools_suite.mock');

    const created = await toolCall(client, 'create_debug_session', { language: 'mock', name: 'otel' });
    const sessionId = created.sessionId as string;
    assert.ok(created.success, JSON.stringify(created));
    assert.ok((await toolCall(client, 'set_breakpoint', { sessionId, file: program, line: 9 })).success);
    assert.equal((await toolCall(client, 'start_debugging', { sessionId, scriptPath: program })).state, 'paused');
    assert.ok((await toolCall(client, 'get_local_variables', { sessionId })).success);
    assert.ok((await toolCall(client, 'close_debug_session', { sessionId })).success);

    await until(async () => {
      await api.otlpExport.flush();
      return receiver.named('tools/call close_debug_session').length;
    }, (count) => count === 1, 'the last call\'s span to arrive');
    assert.ok([...receiver.contentTypes].every((type) => type === 'application/x-protobuf'), [...receiver.contentTypes].join());

    const tools = ['create_debug_session', 'set_breakpoint', 'start_debugging', 'get_local_variables', 'close_debug_session'];
    const toolSpans = tools.map((tool) => {
      const [span, ...more] = receiver.named(`tools/call ${tool}`);
      assert.ok(span && more.length === 0, `one span for ${tool}; got ${receiver.spans.map((item) => item.name).join(', ')}`);
      return span;
    });
    const initialize = api.traceStore.query().filter((event) => event.method === 'initialize').at(-1)?.response as { result?: { protocolVersion?: string } } | undefined;
    for (const [index, span] of toolSpans.entries()) {
      assert.equal(span.traceId, TRACE_ID, `${span.name} is in the agent's trace`);
      assert.equal(span.parentSpanId, AGENT_SPAN, `${span.name} is a child of the agent's span`);
      assert.equal(span.traceState, META.tracestate);
      assert.equal(span.kind, SPAN_KIND.server);
      assert.equal(span.service, 'mcp-live-debugger');
      assert.equal(span.attributes['mcp.method.name'], 'tools/call');
      assert.equal(span.attributes['gen_ai.tool.name'], tools[index]);
      assert.equal(span.attributes['gen_ai.operation.name'], 'execute_tool');
      assert.match(String(span.attributes['jsonrpc.request.id']), /^\d+$/);
      assert.equal(span.attributes['mcp.protocol.version'], initialize?.result?.protocolVersion);
      assert.equal(typeof span.attributes['mcp.session.id'], 'string');
      assert.equal(span.attributes['network.transport'], 'tcp');
      assert.equal(span.attributes['server.address'], '127.0.0.1');
      assert.equal(span.attributes['server.port'], port);
      assert.equal(span.attributes['error.type'], undefined);
      assert.equal(span.attributes['gen_ai.tool.call.result'], undefined, 'results stay off unless switched on');
    }
    assert.deepEqual(JSON.parse(String(toolSpans[1].attributes['gen_ai.tool.call.arguments'])), { sessionId, file: program, line: 9 });
    assert.equal(new Set(toolSpans.map((span) => span.attributes['mcp.session.id'])).size, 1, 'one MCP session');

    const localsChildren = receiver.childrenOf(toolSpans[3]);
    const commands = localsChildren.filter((span) => span.name.startsWith('dap.request ')).map((span) => span.attributes['dap.command']);
    assert.ok(commands.includes('scopes') && commands.includes('variables'), `get_local_variables asked for scopes and variables: ${commands.join(', ')}`);
    assert.ok(localsChildren.every((span) => span.traceId === TRACE_ID && span.kind === SPAN_KIND.client));
    const startChildren = receiver.childrenOf(toolSpans[2]).map((span) => span.name);
    assert.ok(startChildren.includes('dap.event stopped'), `start_debugging saw the stop: ${startChildren.join(', ')}`);
    const dapSpans = receiver.spans.filter((span) => span.name.startsWith('dap.'));
    assert.ok(dapSpans.every((span) => receiver.spans.some((parent) => parent.spanId === span.parentSpanId)), 'every DAP span hangs under a span that arrived');
  });

  it('passes the traceparent through the recording proxy unchanged, so the agent, the proxy and the upstream share one trace (OTLP/HTTP JSON)', async () => {
    const api = await activateExtension();
    const upstream = await startMetaEchoUpstream();
    try {
      await configure({ 'otlp.endpoint': endpoint, 'otlp.protocol': 'http/json', 'proxy.servers': { 'otel-upstream': { url: upstream.url } } });
      await until(() => api.recordingProxy.upstreamNames.includes('otel-upstream'), Boolean, 'the upstream to reach the proxy');
      const { url, token } = await discovery();
      const proxyUrl = new URL(url);
      proxyUrl.pathname = '/proxy/otel-upstream/mcp';
      const client = new Client({ name: 'otel-proxy-agent', version: '1.0.0' });
      clients.push(client);
      await client.connect(new StreamableHTTPClientTransport(proxyUrl, { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));

      const seenUpstream = await toolCall(client, 'echo_meta', {});
      assert.deepEqual({ traceparent: seenUpstream.traceparent, tracestate: seenUpstream.tracestate, baggage: seenUpstream.baggage }, META, 'the upstream received the agent\'s trace context');

      const span = await until(async () => {
        api.recordingProxy.flushRecordings();
        await api.otlpExport.flush();
        return receiver.named('tools/call echo_meta')[0];
      }, Boolean, 'the proxied call\'s span to arrive');
      assert.ok([...receiver.contentTypes].every((type) => type === 'application/json'), [...receiver.contentTypes].join());
      assert.equal(span.traceId, TRACE_ID);
      assert.equal(span.parentSpanId, AGENT_SPAN);
      assert.equal(span.kind, SPAN_KIND.client, 'the proxy reports its call to the upstream');
      assert.equal(span.attributes['server.address'], '127.0.0.1');
      assert.equal(span.attributes['server.port'], upstream.port);
      assert.equal(span.attributes['mcp_live_debugger.source'], 'proxy:otel-upstream');
      assert.equal(span.attributes['gen_ai.tool.call.arguments'], undefined, 'arguments stay off unless switched on');
    } finally {
      upstream.close();
    }
  });

  it('links the span of a call replayed from the panel to the span of the call it replays (OTLP/HTTP protobuf)', async () => {
    const api = await activateExtension();
    await configure({ 'otlp.endpoint': endpoint, 'otlp.protocol': 'http/protobuf' });
    const client = await connectSdkClient('otel-replay');
    clients.push(client);
    assert.ok((await toolCall(client, 'list_debug_sessions', {})).success);
    const connection = api.traceStore.listConnections().find((candidate) => candidate.clientName === 'otel-replay');
    assert.ok(connection);
    const original = api.traceStore.query({ connectionId: connection.id, tool: 'list_debug_sessions' }).at(-1);
    assert.ok(original);

    const live = api.livePanel.open();
    try {
      await live.whenReady();
      // the webview's Send in the Replay dialog posts this
      await live.handle({ messageId: 8_100_000, body: { type: 'replayCall', eventId: original.id, arguments: {} } });
      const replayed = await until(async () => api.traceStore.query({ tool: 'list_debug_sessions' }).find((event) => event.replayOf === original.id), Boolean, 'the replay to be recorded');
      assert.ok(replayed);
      const spans = await until(async () => {
        await api.otlpExport.flush();
        return receiver.named('tools/call list_debug_sessions');
      }, (found) => found.length === 2, 'the original\'s and the replay\'s spans to arrive');
      const originalSpan = spans.find((span) => span.attributes['mcp_live_debugger.event.id'] === original.id);
      const replaySpan = spans.find((span) => span.attributes['mcp_live_debugger.event.id'] === replayed.id);
      assert.ok(originalSpan && replaySpan, JSON.stringify(spans.map((span) => span.attributes)));
      assert.equal(originalSpan.traceId, TRACE_ID, 'the original is in the agent\'s trace');
      assert.deepEqual(originalSpan.links, []);
      assert.equal(replaySpan.attributes['mcp_live_debugger.replay_of'], original.id);
      assert.deepEqual(replaySpan.links, [{ traceId: TRACE_ID, spanId: originalSpan.spanId, attributes: { 'mcp_live_debugger.link.type': 'replay_of' } }],
        'the replay links to the original\'s span context');
      assert.notEqual(replaySpan.traceId, TRACE_ID, 'the replay is a trace of its own');
      assert.equal(replaySpan.parentSpanId, '');
    } finally {
      live.dispose();
    }
  });

  it('loses no MCP answer when the endpoint is unreachable, and counts the spans it could not send', async () => {
    const api = await activateExtension();
    const closed = new OtlpReceiver();
    const unreachable = await closed.start();
    closed.close();
    await configure({ 'otlp.endpoint': unreachable });
    assert.equal(api.otlpExport.state.enabled, true);
    const before = api.otlpExport.stats;
    const client = await connectSdkClient('otel-unreachable');
    clients.push(client);
    const started = Date.now();
    for (let index = 0; index < 20; index++) {
      const answer = await client.callTool({ name: 'list_debug_sessions', arguments: {} });
      assert.notEqual(answer.isError, true);
    }
    const callsMs = Date.now() - started;
    await api.otlpExport.flush();
    const after = api.otlpExport.stats;
    assert.equal(after.exported, before.exported, 'nothing reached the closed port');
    assert.ok(after.dropped - before.dropped >= 20, `dropped ${after.dropped - before.dropped} spans, one at least per call`);
    assert.equal(after.queued, 0);
    assert.equal(api.otlpExport.state.dropped, after.dropped, 'the footer\'s count is the same');
    assert.ok(callsMs < 20_000, `20 calls took ${callsMs} ms`);
    report(`unreachable OTLP endpoint: 20 calls answered in ${callsMs} ms, ${after.dropped - before.dropped} spans counted as dropped`);
  });

  it('opens an OTLP JSON file of recorded calls in the panel, read-only, with the same calls', async () => {
    const api = await activateExtension();
    const client = await connectSdkClient('otel-file');
    clients.push(client);
    for (let index = 0; index < 3; index++) await toolCall(client, 'list_debug_sessions', {});
    const session = api.traceStore.listConnections().find((candidate) => candidate.clientName === 'otel-file');
    assert.ok(session);
    const recorded = api.traceStore.query({ connectionId: session.id }).filter((event) => event.kind === 'request' || event.kind === 'notification');
    const text = api.otlpExport.toOtlpJson(api.traceStore.export((event) => event.connectionId === session.id));
    assert.ok(Array.isArray((JSON.parse(text) as { resourceSpans?: unknown }).resourceSpans), 'an ExportTraceServiceRequest');

    const live = api.livePanel.open();
    try {
      await live.whenReady();
      assert.deepEqual(await dropOnPanel(live, 'ci.otlp.json', new TextEncoder().encode(text)), { type: 'result', ok: true });
      const described = await until(() => live.describe(), (description) => description.imported, 'the panel to show the file');
      assert.equal(described.eventCount, recorded.length);
      const row = described.connections.find((candidate) => candidate.id === session.id);
      assert.equal(row?.calls, recorded.filter((event) => event.kind === 'request').length);
      assert.equal(row?.errors, 0);
    } finally {
      live.dispose();
    }
  });
});
