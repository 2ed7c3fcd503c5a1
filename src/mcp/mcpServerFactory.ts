import { Server, type ServerOptions } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Implementation, type JSONRPCMessage, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ConnectionSource, Span } from '../shared/trace';
import { registerAgentGuidance, type AgentGuidance } from './agentGuidanceServer';
import type { CallCancellations } from './callCancellations';
import { startCallProgress, type ProgressSessions } from './callProgress';
import { checkRequest, type RequestRefusal } from './requestParamsCheck';
import type { ToolDefinition, ToolResult } from './toolDefinition';
import { toJsonSchema, toOutputJsonSchema } from './toolOutputSchema';
import { toolAnnotations, toolTitle } from './toolPresentation';
import { runTool } from './toolRunner';

export interface ServerIdentity {
  name: string;
  version: string;
}

export interface McpServerOptions {
  identity: ServerIdentity;
  /** Every tool a call can name. */
  tools: () => readonly ToolDefinition[];
  /** The tools tools/list offers (all when omitted); a tool left out still answers its calls. */
  listedTools?: () => readonly ToolDefinition[];
  source: ConnectionSource;
  /** Lets the connection cancel calls whose client went away. */
  cancellations?: CallCancellations;
  /** Receives each tool call's trace tree, keyed by the JSON-RPC request id. */
  onToolTrace?: (requestId: string | number, trace: Span) => void;
  /** A call the client cancelled (notifications/cancelled): the answer it would have had, which the SDK does not send. */
  onToolCancelled?: (requestId: string | number, answer: CallToolResult) => void;
  /** Where progress messages read a session's state and output. */
  progressSessions?: ProgressSessions;
  /** Whether the offered tools can change (`notifications/tools/list_changed` is then sent). */
  toolsListChanged?: boolean;
  instructions?: string;
  /** Prompts and resources; without it the server offers tools only. */
  guidance?: AgentGuidance;
}

type RequestCheck = (request: { method: string; params?: unknown }) => RequestRefusal | undefined;

/** The methods each server has a handler for: the SDK's own (initialize, ping) and ours. */
const handledMethods = new WeakMap<Server, Set<string>>();

function answeredMethods(server: Server): ReadonlySet<string> {
  return handledMethods.get(server) ?? new Set();
}

/**
 * Answers requests whose params do not fit their method itself, with -32602 and what to send,
 * before the SDK parses them (it would answer -32603 Internal error with a zod dump).
 */
class CheckedServer extends Server {
  constructor(identity: Implementation, options: ServerOptions, private readonly check: RequestCheck) {
    super(identity, options);
  }

  // every setRequestHandler passes here, the SDK constructors' too (before this class's fields exist)
  protected override assertRequestHandlerCapability(method: string): void {
    super.assertRequestHandlerCapability(method);
    const methods = handledMethods.get(this) ?? new Set<string>();
    methods.add(method);
    handledMethods.set(this, methods);
  }

  // wrapped once connected: the transports we serve deliver nothing before connect resolves
  override async connect(transport: Transport): Promise<void> {
    await super.connect(transport);
    const deliver = transport.onmessage;
    transport.onmessage = (message, extra) => {
      const refusal = isRequest(message) ? this.check(message) : undefined;
      if (!refusal || !isRequest(message)) {
        deliver?.(message, extra);
        return;
      }
      transport.send({ jsonrpc: '2.0', id: message.id, error: refusal }).catch((error: unknown) => this.onerror?.(error instanceof Error ? error : new Error(String(error))));
    };
  }
}

function isRequest(message: JSONRPCMessage): message is JSONRPCMessage & { id: string | number; method: string; params?: unknown } {
  return 'method' in message && 'id' in message && typeof message.method === 'string';
}

/**
 * One low-level MCP server per connection. Tools are served from our own definitions (not
 * McpServer.registerTool) so that validation errors come back in the tools' own
 * `success: false` shape with a message that says what to do.
 */
export function createMcpServer(options: McpServerOptions): Server {
  const server: Server = new CheckedServer(options.identity, {
    capabilities: { tools: { listChanged: options.toolsListChanged ?? false } },
    instructions: options.instructions,
  }, (request): RequestRefusal | undefined => checkRequest(request, options.tools(), answeredMethods(server)));
  if (options.guidance) registerAgentGuidance(server, options.guidance);
  const listing = new Map<readonly ToolDefinition[], Tool[]>();

  server.setRequestHandler(ListToolsRequestSchema, () => {
    const definitions = (options.listedTools ?? options.tools)();
    let tools = listing.get(definitions);
    if (!tools) {
      tools = definitions.map(describeTool);
      listing.clear();
      listing.set(definitions, tools);
    }
    return { tools };
  });

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const definition = options.tools().find((tool) => tool.name === request.params.name);
    if (!definition) {
      const names = options.tools().map((tool) => tool.name).join(', ');
      return toCallToolResult({ success: false, error: `Unknown tool "${request.params.name}". Available tools: ${names}.` });
    }
    const clientName = server.getClientVersion()?.name;
    const call = options.cancellations?.open(extra.requestId, extra.signal);
    const progressToken = request.params._meta?.progressToken;
    // sent on the standalone stream, not the request's: our HTTP transport answers calls as plain
    // JSON, which has no room for messages before the answer (SDK clients open that stream)
    const stopProgress = progressToken === undefined ? undefined : startCallProgress({
      definition,
      args: request.params.arguments,
      sessions: options.progressSessions,
      send: (progress, total, message) => {
        server.notification({ method: 'notifications/progress', params: { progressToken, progress, ...(total !== undefined ? { total } : {}), message } })
          .catch((error: unknown) => server.onerror?.(error instanceof Error ? error : new Error(String(error))));
      },
    });
    try {
      const run = await runTool(definition, request.params.arguments ?? {}, { signal: call?.signal ?? extra.signal, source: options.source, clientName });
      options.onToolTrace?.(extra.requestId, run.trace);
      const answer = toCallToolResult(run.result);
      // the SDK drops the answer of a cancelled request: the panel still shows what the call had come to
      if (extra.signal.aborted) options.onToolCancelled?.(extra.requestId, answer);
      return answer;
    } finally {
      stopProgress?.();
      call?.close();
    }
  });

  return server;
}

export function describeTool(definition: ToolDefinition): Tool {
  const tool: Tool = {
    name: definition.name,
    description: definition.description,
    inputSchema: toJsonSchema(definition.inputSchema) as Tool['inputSchema'],
  };
  tool.title = toolTitle(definition);
  if (definition.outputSchema) tool.outputSchema = toOutputJsonSchema(definition.outputSchema);
  tool.annotations = toolAnnotations(definition);
  return tool;
}

/**
 * Success carries the result as structured content too; a failure only as text, because
 * clients validate structured content against the tool's output schema, which describes success.
 */
export function toCallToolResult(result: ToolResult): CallToolResult {
  const content: CallToolResult['content'] = [{ type: 'text', text: JSON.stringify(result) }];
  return result.success ? { content, structuredContent: result } : { content, isError: true };
}
