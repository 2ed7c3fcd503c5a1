import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { SessionSource, Span } from '../shared/trace';
import { registerAgentGuidance, type AgentGuidance } from './agentGuidanceServer';
import type { CallCancellations } from './callCancellations';
import type { ToolDefinition, ToolResult } from './toolDefinition';
import { toolAnnotations, toolTitle } from './toolPresentation';
import { runTool } from './toolRunner';

export interface ServerIdentity {
  name: string;
  version: string;
}

export interface McpServerOptions {
  identity: ServerIdentity;
  tools: () => readonly ToolDefinition[];
  source: SessionSource;
  /** Lets the connection cancel calls whose client went away. */
  cancellations?: CallCancellations;
  /** Receives each tool call's trace tree, keyed by the JSON-RPC request id. */
  onToolTrace?: (requestId: string | number, trace: Span) => void;
  instructions?: string;
  /** Prompts and resources; without it the server offers tools only. */
  guidance?: AgentGuidance;
}

/**
 * One low-level MCP server per connection. Tools are served from our own definitions (not
 * McpServer.registerTool) so that validation errors come back in the tools' own
 * `success: false` shape with a message that says what to do.
 */
export function createMcpServer(options: McpServerOptions): Server {
  const server = new Server(options.identity, {
    capabilities: { tools: { listChanged: false } },
    instructions: options.instructions,
  });
  if (options.guidance) registerAgentGuidance(server, options.guidance);
  const listing = new Map<readonly ToolDefinition[], Tool[]>();

  server.setRequestHandler(ListToolsRequestSchema, () => {
    const definitions = options.tools();
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
    try {
      const run = await runTool(definition, request.params.arguments ?? {}, { signal: call?.signal ?? extra.signal, source: options.source, clientName });
      options.onToolTrace?.(extra.requestId, run.trace);
      return toCallToolResult(run.result);
    } finally {
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
  if (definition.outputSchema) tool.outputSchema = toJsonSchema(definition.outputSchema) as Tool['outputSchema'];
  tool.annotations = toolAnnotations(definition);
  return tool;
}

function toJsonSchema(shape: z.ZodRawShape): Record<string, unknown> {
  const schema = z.toJSONSchema(z.object(shape), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete schema.$schema;
  return { ...schema, type: 'object' };
}

/**
 * Success carries the result as structured content too; a failure only as text, because
 * clients validate structured content against the tool's output schema, which describes success.
 */
export function toCallToolResult(result: ToolResult): CallToolResult {
  const content: CallToolResult['content'] = [{ type: 'text', text: JSON.stringify(result) }];
  return result.success ? { content, structuredContent: result } : { content, isError: true };
}
