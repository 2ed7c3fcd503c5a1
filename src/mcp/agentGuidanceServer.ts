// Serves the agent guidance on one MCP server (one client connection): prompts/list and
// prompts/get, resources with templates, and resources/subscribe with coalesced
// notifications/resources/updated while the subscribed resource changes.
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  ErrorCode, GetPromptRequestSchema, ListPromptsRequestSchema, ListResourcesRequestSchema, ListResourceTemplatesRequestSchema,
  McpError, ReadResourceRequestSchema, SubscribeRequestSchema, UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { AGENT_PROMPTS, missingArguments } from './agentPrompts';
import { RESOURCE_TEMPLATES, ResourceNotFoundError, type ResourceChange, type SessionResources } from './sessionResources';

/** The MCP specification's code for a resource that does not exist. */
const RESOURCE_NOT_FOUND = -32002;
/** Output arrives a line at a time; one notification per resource per this many ms is plenty. */
const UPDATE_COALESCE_MS = 100;

export interface AgentGuidance {
  resources: SessionResources;
}

export function registerAgentGuidance(server: Server, guidance: AgentGuidance): void {
  server.registerCapabilities({ prompts: { listChanged: false }, resources: { subscribe: true, listChanged: true } });

  server.setRequestHandler(ListPromptsRequestSchema, () => ({
    prompts: AGENT_PROMPTS.map(({ name, title, description, arguments: args }) => ({ name, title, description, arguments: args })),
  }));

  server.setRequestHandler(GetPromptRequestSchema, (request) => {
    const prompt = AGENT_PROMPTS.find((candidate) => candidate.name === request.params.name);
    if (!prompt) {
      throw new McpError(ErrorCode.InvalidParams, `Unknown prompt "${request.params.name}". Prompts: ${AGENT_PROMPTS.map((candidate) => candidate.name).join(', ')}.`);
    }
    const args = request.params.arguments ?? {};
    const missing = missingArguments(prompt, args);
    if (missing) throw new McpError(ErrorCode.InvalidParams, missing);
    return {
      description: prompt.description,
      messages: [{ role: 'user' as const, content: { type: 'text' as const, text: prompt.expand(args) } }],
    };
  });

  server.setRequestHandler(ListResourcesRequestSchema, () => ({ resources: guidance.resources.list() }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({ resourceTemplates: [...RESOURCE_TEMPLATES] }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    try {
      return { contents: [await guidance.resources.read(request.params.uri)] };
    } catch (error) {
      if (error instanceof ResourceNotFoundError) throw new McpError(RESOURCE_NOT_FOUND, error.message, { uri: request.params.uri });
      throw error;
    }
  });

  const subscribed = new Set<string>();
  const due = new Set<string>();
  let flush: NodeJS.Timeout | undefined;
  const send = () => {
    flush = undefined;
    for (const uri of [...due]) void server.sendResourceUpdated({ uri }).catch(() => undefined);
    due.clear();
  };
  const watcher = guidance.resources.watch((change: ResourceChange) => {
    if (change.kind === 'listChanged') {
      void server.sendResourceListChanged().catch(() => undefined);
      return;
    }
    if (!subscribed.has(change.uri)) return;
    due.add(change.uri);
    flush ??= setTimeout(send, UPDATE_COALESCE_MS);
  });
  server.setRequestHandler(SubscribeRequestSchema, (request) => {
    subscribed.add(request.params.uri);
    return {};
  });
  server.setRequestHandler(UnsubscribeRequestSchema, (request) => {
    subscribed.delete(request.params.uri);
    due.delete(request.params.uri);
    return {};
  });

  const closed = server.onclose;
  server.onclose = () => {
    watcher.dispose();
    if (flush) clearTimeout(flush);
    closed?.();
  };
}
