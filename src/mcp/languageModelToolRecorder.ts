// Records calls that come through VS Code's language model tools exactly as the MCP server's
// calls are recorded: each call becomes the JSON-RPC exchange an MCP client would have made,
// through the same ExchangeRecorder, in one trace connection per chat client.
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
  finish(result: ToolResult, trace: Span): void;
}

export class LanguageModelToolRecorder {
  private readonly connections = new Map<string, ExchangeRecorder>();
  private nextRequestId = 1;
  private opened = 0;

  constructor(private readonly store: TraceStore) {}

  /** Call when the tool starts running: the event's latency is measured from here. */
  begin(client: ChatClient, tool: string, input: unknown): RecordedCall {
    const recorder = this.connectionOf(client);
    const id = this.nextRequestId++;
    const request = { jsonrpc: '2.0', id, method: 'tools/call', params: { name: tool, arguments: input } };
    recorder.clientMessage(request, jsonSize(request));
    return {
      finish: (result, trace) => {
        recorder.attachTrace(id, trace);
        const response = { jsonrpc: '2.0', id, result: toCallToolResult(result) };
        recorder.serverMessage(response, jsonSize(response));
      },
    };
  }

  /** Ends every open connection (the tools were withdrawn or the extension stops). */
  endAll(): void {
    for (const recorder of this.connections.values()) recorder.end();
    this.connections.clear();
  }

  private connectionOf(client: ChatClient): ExchangeRecorder {
    const known = this.connections.get(client.key);
    // the store may have been cleared since the connection opened: open it again
    if (known && this.store.getConnection(known.connectionId)) {
      this.connections.delete(client.key);
      this.connections.set(client.key, known);
      return known;
    }
    const recorder = new ExchangeRecorder(this.store, { id: `${connectionIdOf(client.key)}-${++this.opened}`, source: 'language-model-tools', transport: 'in-process' });
    recorder.setConnectionAttributes({ clientName: client.name });
    this.connections.set(client.key, recorder);
    if (this.connections.size > MAX_OPEN_CONNECTIONS) {
      const [oldestKey, oldest] = this.connections.entries().next().value as [string, ExchangeRecorder];
      oldest.end();
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
