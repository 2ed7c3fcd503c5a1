import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { Disposable, toDisposable } from '../common/disposable';
import type { HttpRoute } from '../http/httpRoute';
import { sendJsonRpcError } from '../http/jsonResponse';
import { readJsonRpcBody } from '../http/requestBody';
import { checkBearer } from '../http/requestGuard';
import { ExchangeRecorder } from '../trace/exchangeRecorder';
import type { TraceStore } from '../trace/traceStore';
import { describeInvalidMessage } from './jsonRpcEnvelope';
import type { AgentGuidance } from './agentGuidanceServer';
import { releaseAnsweredJsonStreams } from './answeredJsonStreams';
import { CallCancellations, requestIdsIn } from './callCancellations';
import { DirectPostTransport } from './directPostTransport';
import type { ProgressSessions } from './callProgress';
import type { OfferedTools } from './offeredTools';
import { createMcpServer, type ServerIdentity } from './mcpServerFactory';
import { fallBackMessage, newerRevisionOf } from './protocolRevision';
import { checkRequest, type RequestRefusal } from './requestParamsCheck';
import type { ToolDefinition } from './toolDefinition';

/** Where MCP clients connect; the discovery file advertises it. */
export const MCP_PATH = '/mcp';

/** Batches were dropped from newer MCP revisions; a bound keeps one request from fanning out without end. */
const MAX_BATCH_MESSAGES = 50;

interface Connection {
  transport: DirectPostTransport;
  cancellations: CallCancellations;
  server: Server;
  recorder: ExchangeRecorder;
  lastSeen: number;
}

export interface McpEndpointOptions {
  identity: ServerIdentity;
  token: string;
  store: TraceStore;
  tools: () => readonly ToolDefinition[];
  /** The tools tools/list offers, and when they change (each connection is then sent notifications/tools/list_changed). */
  offered?: Pick<OfferedTools, 'current' | 'onDidChange'>;
  instructions?: string;
  guidance?: AgentGuidance;
  /** Where progress messages of waiting tools read a session's state and output. */
  progressSessions?: ProgressSessions;
  /** Connections idle longer than this are closed and their state dropped. */
  idleTimeoutMs?: number;
}

/**
 * `/mcp`: MCP Streamable HTTP. One SDK server and transport per client connection, each
 * with a recorder that writes the connection's exchanges into the trace store.
 */
export class McpEndpoint extends Disposable implements HttpRoute {
  readonly prefix = MCP_PATH;
  private readonly connections = new Map<string, Connection>();

  constructor(private readonly options: McpEndpointOptions) {
    super();
    const idleTimeoutMs = options.idleTimeoutMs ?? 60 * 60 * 1000;
    const sweep = setInterval(() => this.closeIdle(idleTimeoutMs), Math.min(idleTimeoutMs, 60_000));
    sweep.unref();
    this.register(toDisposable(() => clearInterval(sweep)));
    if (options.offered) {
      this.register(options.offered.onDidChange(() => {
        for (const connection of this.connections.values()) {
          connection.server.sendToolListChanged().catch(() => undefined);
        }
      }));
    }
    this.register(toDisposable(() => {
      for (const connection of [...this.connections.values()]) void connection.transport.close();
    }));
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** JSON answers the open connections' transports still hold: the calls in flight, once answered ones are released. */
  get heldAnswerCount(): number | undefined {
    let held = 0;
    for (const connection of this.connections.values()) {
      const count = connection.transport.heldAnswers;
      if (count === undefined) return undefined;
      held += count;
    }
    return held;
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const auth = checkBearer(request, this.options.token);
    if (!auth.ok) {
      response.setHeader('www-authenticate', 'Bearer realm="mcp-live-debugger"');
      sendJsonRpcError(response, auth.status, -32001, auth.message);
      return;
    }
    const sessionHeader = request.headers['mcp-session-id'];
    const sessionId = Array.isArray(sessionHeader) ? sessionHeader[0] : sessionHeader;

    let body: unknown;
    if (request.method === 'POST') {
      const contentType = request.headers['content-type'] ?? '';
      if (!contentType.toLowerCase().includes('application/json')) {
        sendJsonRpcError(response, 415, -32700, 'Unsupported Media Type: send the JSON-RPC message with "Content-Type: application/json".');
        return;
      }
      const parsed = await readJsonRpcBody(request, response);
      if (!parsed) return;
      body = parsed.body;
      if (Array.isArray(body) && (body.length === 0 || body.length > MAX_BATCH_MESSAGES)) {
        sendJsonRpcError(response, 400, -32600, `Invalid Request: a batch must hold 1 to ${MAX_BATCH_MESSAGES} messages; it held ${body.length}.`);
        return;
      }
      const invalid = firstInvalidMessage(body);
      if (invalid) {
        sendJsonRpcError(response, 400, -32600, `Invalid Request: ${invalid}`);
        return;
      }
    }

    if (sessionId) {
      const connection = this.connections.get(sessionId);
      if (!connection) {
        sendJsonRpcError(response, 404, -32001, 'Session not found: it ended or the server restarted. Send a new initialize request without Mcp-Session-Id.');
        return;
      }
      connection.lastSeen = Date.now();
      const requestIds = requestIdsIn(body);
      if (requestIds.length > 0) {
        response.once('close', () => {
          if (response.writableFinished) return;
          connection.cancellations.cancel(requestIds);
          connection.transport.forget(requestIds, false);
        });
      }
      await connection.transport.handleRequest(request, response, body);
      return;
    }
    if (request.method === 'POST' && isInitializeRequest(body)) {
      await this.openConnection(request, response, body);
      return;
    }
    const newer = request.method === 'POST' ? newerRevisionOf(request, body) : undefined;
    if (newer !== undefined) {
      sendJsonRpcError(response, 400, -32000, fallBackMessage(newer), singleRequestIdOf(body));
      return;
    }
    const refusal = request.method === 'POST' ? initializeRefusal(body) : undefined;
    if (refusal) {
      sendJsonRpcError(response, 400, refusal.code, refusal.message, (body as { id: string | number }).id);
      return;
    }
    if (request.method === 'POST' || request.method === 'GET' || request.method === 'DELETE') {
      sendJsonRpcError(response, 400, -32000, 'Bad Request: no Mcp-Session-Id header. Start with an initialize request, then send the Mcp-Session-Id it returns.');
      return;
    }
    response.setHeader('allow', 'GET, POST, DELETE');
    sendJsonRpcError(response, 405, -32000, `Method ${request.method ?? ''} not allowed on /mcp.`);
  }

  private async openConnection(request: IncomingMessage, response: ServerResponse, body: unknown): Promise<void> {
    const connectionId = `c-${randomUUID().slice(0, 8)}`;
    const recorder = new ExchangeRecorder(this.options.store, {
      id: connectionId,
      source: 'debugger',
      transport: 'streamable-http',
      secrets: [this.options.token],
    });
    const transport = new DirectPostTransport(new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      // answers as plain JSON, not a one-event SSE stream: 0.15-0.2 ms less per call for clients,
      // and no tool streams progress within a call (server-initiated messages use the GET stream)
      enableJsonResponse: true,
      onsessioninitialized: (mcpSessionId) => {
        this.connections.set(mcpSessionId, connection);
        recorder.setConnectionAttributes({ mcpSessionId });
      },
    }));
    const cancellations = new CallCancellations();
    const server = createMcpServer({
      identity: this.options.identity,
      cancellations,
      tools: this.options.tools,
      listedTools: this.options.offered && (() => this.options.offered?.current() ?? this.options.tools()),
      toolsListChanged: this.options.offered !== undefined,
      source: 'debugger',
      instructions: this.options.instructions,
      guidance: this.options.guidance,
      onToolTrace: (requestId, trace) => recorder.attachTrace(requestId, trace),
      progressSessions: this.options.progressSessions,
    });
    const connection: Connection = { transport, cancellations, server, recorder, lastSeen: Date.now() };
    transport.onclose = () => {
      cancellations.cancelAll();
      if (transport.sessionId) this.connections.delete(transport.sessionId);
      recorder.end();
    };
    await server.connect(transport);
    releaseAnsweredJsonStreams(transport.sdk);
    tapTransport(transport, recorder);
    await transport.handleRequest(request, response, body);
  }

  private closeIdle(idleTimeoutMs: number): void {
    const now = Date.now();
    for (const connection of [...this.connections.values()]) {
      if (now - connection.lastSeen > idleTimeoutMs) void connection.transport.close();
    }
  }
}

function singleRequestIdOf(body: unknown): string | number | null {
  const id = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/** The first message of a body (one message or a batch) that is not JSON-RPC, described. */
function firstInvalidMessage(body: unknown): string | undefined {
  const messages = Array.isArray(body) ? body : [body];
  for (const [index, message] of messages.entries()) {
    const problem = describeInvalidMessage(message);
    if (problem) return Array.isArray(body) ? `message ${index + 1} of the batch: ${problem}` : problem;
  }
  return undefined;
}

/** An initialize request whose params are wrong, answered as such rather than as "no session". */
function initializeRefusal(body: unknown): RequestRefusal | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const message = body as { method?: unknown; id?: unknown; params?: unknown };
  if (message.method !== 'initialize' || message.id === undefined) return undefined;
  return checkRequest({ method: 'initialize', params: message.params }, [], new Set(['initialize']));
}

/**
 * Records every message both ways without changing what passes. An answer is recorded once it
 * went out (the transport's `onsent`, right after a POST's response was written), so recording
 * (redacting, capping, measuring, and the store's listeners: panel feed, status bar, OTLP export)
 * never sits between a call and its answer, and is in the store before the client can read the
 * answer. A request is only noted on arrival; its size is measured with its answer.
 */
function tapTransport(transport: DirectPostTransport, recorder: ExchangeRecorder): void {
  const deliver = transport.onmessage;
  transport.onmessage = (message, extra) => {
    recorder.clientMessage(message);
    deliver?.(message, extra);
  };
  transport.onsent = (message) => recorder.serverMessage(message);
}
