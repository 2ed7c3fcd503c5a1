import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { Disposable, toDisposable } from '../common/disposable';
import { sendJsonRpcError } from '../http/jsonResponse';
import { readJsonRpcBody } from '../http/requestBody';
import type { JsonRpcMessage } from '../trace/exchangeRecorder';
import { newConnectionId, type ProxyContext, type UpstreamHandler } from './proxyContext';
import { preciseNow, ProxyConnectionRecorder } from './proxyConnectionRecorder';
import { StdioUpstreamProcess, type UpstreamExit } from './stdioUpstreamProcess';
import { UpstreamToolFilter } from './upstreamToolFilter';
import type { StdioUpstreamDefinition } from './upstreamConfiguration';

/** JSON-RPC error code for "the upstream process died while this request was in flight". */
export const UPSTREAM_EXITED_CODE = -32004;
/** More crashes than this within the window and the proxy stops restarting the process. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

/**
 * A stdio upstream behind `/proxy/<name>/mcp`. A stdio server speaks to one client, so each
 * client session gets its own process, started by its `initialize`, restarted (and re-initialized
 * with the client's own `initialize`) when it crashes, and stopped when the session ends or idles.
 */
export class StdioUpstreamHandler extends Disposable implements UpstreamHandler {
  private readonly sessions = new Map<string, StdioProxySession>();
  private readonly toolFilter: UpstreamToolFilter;

  constructor(readonly definition: StdioUpstreamDefinition, private readonly context: ProxyContext) {
    super();
    this.toolFilter = new UpstreamToolFilter(definition.name, definition.policy);
    const sweep = setInterval(() => this.closeIdle(), Math.min(context.idleTimeoutMs, 30_000));
    sweep.unref();
    this.register(toDisposable(() => {
      clearInterval(sweep);
      for (const session of [...this.sessions.values()]) session.close('the upstream was removed from the setting or VS Code is shutting down');
    }));
  }

  get connectionCount(): number {
    return this.sessions.size;
  }

  /** Process ids of the running upstream processes (diagnostics and tests). */
  get processIds(): number[] {
    return [...this.sessions.values()].map((session) => session.pid).filter((pid): pid is number => pid !== undefined);
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrivedAt = preciseNow();
    let body: unknown;
    if (request.method === 'POST') {
      const parsed = await readJsonRpcBody(request, response);
      if (!parsed) return;
      body = parsed.body;
    }
    const header = request.headers['mcp-session-id'];
    const sessionId = Array.isArray(header) ? header[0] : header;
    if (sessionId) {
      const session = this.sessions.get(sessionId);
      if (!session) {
        sendJsonRpcError(response, 404, -32001, `Session not found: it ended, idled out, or VS Code restarted. Send a new initialize request without Mcp-Session-Id.`);
        return;
      }
      await session.handle(request, response, body, arrivedAt);
      return;
    }
    if (request.method === 'POST' && isInitializeRequest(body)) {
      const session = new StdioProxySession(this.definition, this.context, this.toolFilter, arrivedAt, (id) => this.sessions.set(id, session), (id) => this.sessions.delete(id));
      await session.handle(request, response, body, arrivedAt);
      // the transport refused the request (headers, protocol version): no session came of it
      if (!session.hasSessionId) session.close('its initialize request was refused');
      return;
    }
    sendJsonRpcError(response, 400, -32000, 'Bad Request: no Mcp-Session-Id header. Start with an initialize request, then send the Mcp-Session-Id it returns.');
  }

  private closeIdle(): void {
    const cutoff = preciseNow() - this.context.idleTimeoutMs;
    for (const session of [...this.sessions.values()]) {
      if (session.lastSeen < cutoff && !session.busy) session.close('it was idle');
    }
  }
}

interface PendingRequest {
  sentAt: number;
  progressToken?: string | number;
}

/** One client session: its SDK transport toward the client, its upstream process, its recorder. */
class StdioProxySession {
  private readonly transport: StreamableHTTPServerTransport;
  private readonly recorder: ProxyConnectionRecorder;
  private readonly pending = new Map<string | number, PendingRequest>();
  private process: StdioUpstreamProcess | undefined;
  private initializeRequest: JsonRpcMessage | undefined;
  private initialized = false;
  private readonly reinitializeIds = new Set<string>();
  private crashes: number[] = [];
  private failure: string | undefined;
  private closed = false;
  private started: Promise<void>;
  lastSeen: number;

  constructor(
    private readonly definition: StdioUpstreamDefinition,
    context: ProxyContext,
    private readonly toolFilter: UpstreamToolFilter,
    at: number,
    onSessionId: (id: string) => void,
    private readonly onClosed: (id: string) => void,
  ) {
    this.lastSeen = at;
    this.recorder = new ProxyConnectionRecorder(context.store, context.queue, {
      id: newConnectionId(definition.name),
      upstreamName: definition.name,
      secrets: [context.token, ...Object.values(definition.env)],
    }, at);
    this.transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        onSessionId(id);
        this.recorder.setAttributes({ mcpSessionId: id });
      },
    });
    this.transport.onmessage = (message) => this.fromClient(message as JsonRpcMessage, this.lastSeen);
    this.transport.onclose = () => this.close('the client ended it');
    this.started = this.transport.start();
  }

  get hasSessionId(): boolean {
    return this.transport.sessionId !== undefined;
  }

  get pid(): number | undefined {
    return this.process?.running ? this.process.pid : undefined;
  }

  async handle(request: IncomingMessage, response: ServerResponse, body: unknown, arrivedAt: number): Promise<void> {
    this.lastSeen = arrivedAt;
    await this.started;
    await this.transport.handleRequest(request, response, body);
  }

  /** True while a request waits for the upstream: such a session is not idle. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  close(reason = 'the client ended it'): void {
    if (this.closed) return;
    this.closed = true;
    // requests still waiting get an answer instead of a stream that just ends
    for (const id of [...this.pending.keys()]) {
      const answer = { jsonrpc: '2.0' as const, id, error: { code: UPSTREAM_EXITED_CODE, message: `The recording proxy closed this session of upstream "${this.definition.name}" because ${reason}; start a new session.` } };
      this.toClient(answer, id);
      this.recorder.localAnswer(preciseNow(), id, answer, 'error');
    }
    this.pending.clear();
    this.process?.stop();
    this.process = undefined;
    if (this.transport.sessionId) this.onClosed(this.transport.sessionId);
    void this.transport.close().catch(() => undefined);
    this.recorder.end();
  }

  private fromClient(message: JsonRpcMessage, at: number): void {
    this.recorder.clientMessages(at, message);
    const id = message.id;
    const isRequest = message.method !== undefined && id !== undefined && id !== null;
    if (isRequest && this.toolFilter.restricts) {
      const verdict = this.toolFilter.checkCall(message);
      if (!verdict.allowed) {
        const answer = this.toolFilter.denialAnswer(id, verdict.reason);
        this.toClient(answer);
        this.recorder.localAnswer(preciseNow(), id, answer, 'denied');
        return;
      }
    }
    if (this.failure !== undefined) {
      // the upstream is given up on: requests get the reason, other messages have no one to go to
      if (!isRequest) return;
      const answer = { jsonrpc: '2.0' as const, id, error: { code: UPSTREAM_EXITED_CODE, message: this.failure } };
      this.toClient(answer);
      this.recorder.localAnswer(preciseNow(), id, answer, 'error');
      return;
    }
    if (isRequest) {
      const meta = typeof message.params === 'object' && message.params !== null ? (message.params as { _meta?: { progressToken?: string | number } })._meta : undefined;
      this.pending.set(id, { sentAt: preciseNow(), progressToken: meta?.progressToken });
      if (message.method === 'tools/list') this.toolsListIds.add(id);
    }
    if (message.method === 'initialize') this.initializeRequest = message;
    if (message.method === 'notifications/initialized') this.initialized = true;
    this.ensureProcess().send(JSON.stringify(message));
  }

  private fromUpstream(line: string): void {
    const receivedAt = preciseNow();
    let message: JsonRpcMessage;
    try {
      message = JSON.parse(line) as JsonRpcMessage;
    } catch {
      return; // servers sometimes print logs on stdout; only JSON-RPC goes to the client
    }
    this.lastSeen = receivedAt;
    const id = message.id;
    const isAnswer = message.method === undefined && id !== undefined && id !== null;
    if (isAnswer && typeof id === 'string' && this.reinitializeIds.delete(id)) return;
    let upstreamMs: number | undefined;
    let relatedRequestId: string | number | undefined;
    if (isAnswer) {
      const pending = this.pending.get(id);
      if (pending) {
        upstreamMs = receivedAt - pending.sentAt;
        this.pending.delete(id);
      }
      relatedRequestId = id;
    } else {
      relatedRequestId = this.relatedRequestFor(message);
    }
    if (isAnswer && this.toolFilter.hideDenied && message.result !== undefined && this.recorderSawToolsList(id)) {
      message = { ...message, result: this.toolFilter.filterToolsListResult(message.result) };
    }
    this.toClient(message, relatedRequestId);
    this.recorder.serverMessages(preciseNow(), message, upstreamMs);
  }

  private readonly toolsListIds = new Set<string | number>();

  private recorderSawToolsList(id: string | number): boolean {
    return this.toolsListIds.delete(id);
  }

  /**
   * Streamable HTTP carries server messages about a request on that request's SSE stream; a
   * stdio server does not say which request a message is about, so progress goes by its token
   * and anything else to the newest request still open (or the GET stream when none is).
   */
  private relatedRequestFor(message: JsonRpcMessage): string | number | undefined {
    const params = typeof message.params === 'object' && message.params !== null ? message.params as { progressToken?: string | number } : undefined;
    if (message.method === 'notifications/progress' && params?.progressToken !== undefined) {
      for (const [id, pending] of this.pending) if (pending.progressToken === params.progressToken) return id;
    }
    let newest: string | number | undefined;
    for (const id of this.pending.keys()) newest = id;
    return newest;
  }

  private toClient(message: JsonRpcMessage, relatedRequestId?: string | number): void {
    void this.transport.send(message as JSONRPCMessage, relatedRequestId !== undefined ? { relatedRequestId } : undefined).catch((error: unknown) => {
      console.warn(`[mcp-live-debugger] proxy "${this.definition.name}": could not deliver a message to the client: ${String(error)}`);
    });
  }

  private ensureProcess(): StdioUpstreamProcess {
    if (this.process?.running) return this.process;
    this.process = new StdioUpstreamProcess(this.definition, (line) => this.fromUpstream(line), (exit) => this.onCrash(exit));
    return this.process;
  }

  private onCrash(exit: UpstreamExit): void {
    if (this.closed) return;
    const now = preciseNow();
    this.crashes = [...this.crashes.filter((at) => now - at < RESTART_WINDOW_MS), now];
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? 'unknown'}`;
    const stderr = exit.stderrTail ? ` Its last stderr output: ${exit.stderrTail.slice(-500)}` : '';
    // a process that never answered anything will not get further on a second try
    const giveUp = exit.neverSpoke || this.crashes.length > MAX_RESTARTS;
    const outcome = exit.neverSpoke
      ? `It could not be started: check "command" and "args" in mcpLiveDebugger.proxy.servers.${this.definition.name}, then start a new session.`
      : giveUp
        ? `It crashed ${this.crashes.length} times within ${RESTART_WINDOW_MS / 1000} s, so the proxy stopped restarting it; fix the server, then start a new session.`
        : 'The proxy restarted it; send the request again.';
    const message = `Upstream "${this.definition.name}" (stdio: ${this.definition.command}) ${how} before answering this request. ${outcome}${stderr}`;
    for (const id of [...this.pending.keys()]) {
      const answer = { jsonrpc: '2.0' as const, id, error: { code: UPSTREAM_EXITED_CODE, message, data: { upstream: this.definition.name, exitCode: exit.code, signal: exit.signal, restarted: !giveUp } } };
      this.toClient(answer, id);
      this.recorder.localAnswer(preciseNow(), id, answer, 'error');
    }
    this.pending.clear();
    this.process = undefined;
    if (giveUp) {
      this.failure = `Upstream "${this.definition.name}" (stdio: ${this.definition.command}) ${how}. ${outcome}${stderr}`;
      return;
    }
    this.restart();
  }

  /** A fresh process gets the client's own initialize again, so the session goes on as it was. */
  private restart(): void {
    if (!this.initializeRequest) return;
    const process = this.ensureProcess();
    const reinitializeId = `mcp-live-debugger-reinitialize-${randomUUID()}`;
    this.reinitializeIds.add(reinitializeId);
    process.send(JSON.stringify({ ...this.initializeRequest, id: reinitializeId }));
    if (this.initialized) process.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
  }
}
