// Records calls that come through VS Code's language model tools exactly as the MCP server's
// calls are recorded: each call becomes the JSON-RPC exchange an MCP client would have made,
// through the same ExchangeRecorder, in one trace connection per chat client. Like the MCP
// server's, a call is recorded after its answer went out, so recording (redacting, capping,
// measuring, and the store's listeners: panel feed, status bar, OTLP export) never sits between a
// call and its answer.
import { createHash } from 'node:crypto';
import type { Span } from '../shared/trace';
import { ExchangeRecorder } from '../trace/exchangeRecorder';
import { jsonSize } from '../trace/redact';
import type { TraceStore } from '../trace/traceStore';
import { toCallToolResult } from './mcpServerFactory';
import type { ToolResult } from './toolDefinition';

/** The one connection of calls that name no chat (another extension's `vscode.lm.invokeTool`). */
export const UNNAMED_CHAT_CLIENT = 'language-model-tools';
/** Chat sessions never say they ended; beyond this many the least recently used one is ended (a later call opens it anew). */
const MAX_OPEN_CONNECTIONS = 20;

export interface ChatClient {
  /** Stable for one chat conversation. */
  key: string;
  name: string;
}

export interface RecordedCall {
  /**
   * Call when the tool answered: the latency ends here, and the exchange is recorded once the
   * answer went back to VS Code (the promise settles then).
   */
  finish(result: ToolResult, trace: Span): Promise<void>;
}

export class LanguageModelToolRecorder {
  private readonly connections = new Map<string, ExchangeRecorder>();
  /** Answered calls not recorded yet, by connection: recorded before it ends. */
  private readonly unrecorded = new Map<ExchangeRecorder, Set<() => void>>();
  private nextRequestId = 1;
  private opened = 0;

  constructor(private readonly store: TraceStore, private readonly now: () => number = Date.now) {}

  /** Call when the tool starts running: the event's latency is measured from here. */
  begin(client: ChatClient, tool: string, input: unknown): RecordedCall {
    const recorder = this.connectionOf(client);
    const id = this.nextRequestId++;
    const request = { jsonrpc: '2.0', id, method: 'tools/call', params: { name: tool, arguments: input } };
    // measured when it is recorded, after the answer
    recorder.clientMessage(request);
    return {
      finish: (result, trace) => {
        const answeredAt = this.now();
        return this.afterAnswer(recorder, () => {
          recorder.attachTrace(id, trace);
          const response = { jsonrpc: '2.0', id, result: toCallToolResult(result) };
          recorder.serverMessage(response, jsonSize(response), { answeredAt });
        });
      },
    };
  }

  /** Ends every open connection (the tools were withdrawn or the extension stops). */
  endAll(): void {
    for (const recorder of this.connections.values()) this.end(recorder);
    this.connections.clear();
  }

  /**
   * Runs `record` once the answer the tool returns went back to VS Code. The extension host
   * sends it when `invoke`'s promise settles, and its RPC writer writes it out in a timer set
   * then: a turn of the event loop (past every promise reaction) and then a timer of our own
   * comes after that timer.
   */
  private afterAnswer(recorder: ExchangeRecorder, record: () => void): Promise<void> {
    const waiting = this.unrecorded.get(recorder) ?? new Set<() => void>();
    this.unrecorded.set(recorder, waiting);
    return new Promise((resolve) => {
      const recordOnce = (): void => {
        if (!waiting.delete(recordOnce)) return;
        if (waiting.size === 0 && this.unrecorded.get(recorder) === waiting) this.unrecorded.delete(recorder);
        record();
        resolve();
      };
      waiting.add(recordOnce);
      setImmediate(() => setTimeout(recordOnce, 0));
    });
  }

  /** Ends a connection, with the calls it answered recorded first. */
  private end(recorder: ExchangeRecorder): void {
    for (const record of this.unrecorded.get(recorder) ?? []) record();
    this.unrecorded.delete(recorder);
    recorder.end();
  }

  private connectionOf(client: ChatClient): ExchangeRecorder {
    const known = this.connections.get(client.key);
    // the store may have been cleared since the connection opened: open it again
    if (known && this.store.getConnection(known.connectionId)) {
      this.connections.delete(client.key);
      this.connections.set(client.key, known);
      return known;
    }
    const recorder = new ExchangeRecorder(this.store, { id: `${connectionIdOf(client.key)}-${++this.opened}`, source: 'language-model-tools', transport: 'in-process', now: this.now });
    recorder.setConnectionAttributes({ clientName: client.name });
    this.connections.set(client.key, recorder);
    if (this.connections.size > MAX_OPEN_CONNECTIONS) {
      const [oldestKey, oldest] = this.connections.entries().next().value as [string, ExchangeRecorder];
      this.end(oldest);
      this.connections.delete(oldestKey);
    }
    return recorder;
  }
}

/** The chat client of a call, from the opaque token VS Code hands to the tool. */
export function chatClientOf(invocationToken: unknown): ChatClient {
  const chatSession = chatSessionIdOf(invocationToken);
  return chatSession === undefined
    ? { key: UNNAMED_CHAT_CLIENT, name: UNNAMED_CHAT_CLIENT }
    : { key: `chat:${chatSession}`, name: 'VS Code chat' };
}

/**
 * VS Code's token is opaque by contract; today it carries the chat's `sessionId` or
 * `sessionResource`. Read defensively: anything else is "no chat".
 */
function chatSessionIdOf(token: unknown): string | undefined {
  if (typeof token !== 'object' || token === null) return undefined;
  const fields = token as { sessionId?: unknown; sessionResource?: unknown };
  if (typeof fields.sessionId === 'string' && fields.sessionId !== '') return fields.sessionId;
  const resource = fields.sessionResource;
  if (typeof resource === 'string' && resource !== '') return resource;
  if (typeof resource === 'object' && resource !== null && typeof resource.toString === 'function') {
    const text = String(resource);
    if (text !== '[object Object]') return text;
  }
  return undefined;
}

function connectionIdOf(key: string): string {
  return `lmt-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}
