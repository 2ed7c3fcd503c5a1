import { ClientRequestSchema, ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { argumentsAdvice, describeJsonType } from './toolInputFields';
import type { ToolDefinition } from './toolDefinition';

/** A JSON-RPC error our server answers itself, before the SDK sees the request. */
export interface RequestRefusal {
  code: number;
  message: string;
}

/**
 * Every request a client may send, by method, with the schema the SDK's handler parses it with.
 * The SDK answers a request that fails that parse with -32603 Internal error and a zod issue
 * dump (typescript-sdk#2284), so requests are checked against the same schema first.
 */
const CLIENT_REQUEST_SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map<string, z.ZodType>(
  ClientRequestSchema.options.map((schema): [string, z.ZodType] => [schema.shape.method.value, schema]),
);

/** What to send, per method, for an answer that says what to do. */
const PARAMS_ADVICE: Readonly<Record<string, string>> = {
  initialize: 'Send params {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "<client>", "version": "<version>"}}.',
  ping: 'Send ping without params (or with {}).',
  'tools/list': 'Send tools/list without params, or with {"cursor": "<nextCursor of the previous page>"}.',
  'tools/call': 'Send params {"name": "<tool>", "arguments": {<the tool\'s inputs>}}.',
  'prompts/get': 'Send params {"name": "<a name from prompts/list>", "arguments": {<its arguments, as strings>}}.',
  'resources/read': 'Send params {"uri": "<a uri from resources/list>"}.',
  'resources/subscribe': 'Send params {"uri": "<a uri from resources/list>"}.',
  'resources/unsubscribe': 'Send params {"uri": "<the uri you subscribed to>"}.',
};

/**
 * Checks one request (a message with an id and a method) against its method's schema: undefined
 * when the SDK's own parse will pass, else -32601 for a method we do not answer or -32602 with
 * what is wrong and what to send. A wrong call is never an internal error.
 */
export function checkRequest(request: { method: string; params?: unknown }, tools: readonly ToolDefinition[], answered: ReadonlySet<string>): RequestRefusal | undefined {
  if (!answered.has(request.method)) {
    const what = request.method === '' ? 'the method name is empty' : `this server has no method ${JSON.stringify(preview(request.method))}`;
    return { code: ErrorCode.MethodNotFound, message: `Method not found: ${what}. It answers ${[...answered].join(', ')} (and notifications); check the method name.` };
  }
  // a method outside the spec has a handler of its own, which parses what it takes
  const schema = CLIENT_REQUEST_SCHEMAS.get(request.method);
  if (!schema) return undefined;
  const parsed = schema.safeParse(request);
  if (parsed.success) return undefined;
  if (request.method === 'tools/call') return { code: ErrorCode.InvalidParams, message: describeToolCallProblem(request.params, tools, parsed.error) };
  const advice = PARAMS_ADVICE[request.method] ?? `Send the params the MCP specification gives for ${request.method}.`;
  return { code: ErrorCode.InvalidParams, message: `Invalid params for ${request.method}: ${describeIssues(parsed.error)}. ${advice}` };
}

/** The tools/call envelope, checked in the order an agent fixes it: params, name, arguments. */
function describeToolCallProblem(params: unknown, tools: readonly ToolDefinition[], error: z.ZodError): string {
  const prefix = 'Invalid params for tools/call';
  const names = tools.map((tool) => tool.name).join(', ');
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    const what = params === undefined ? 'params is missing' : `params must be an object, but it is ${describeJsonType(params)}`;
    return `${prefix}: ${what}. ${PARAMS_ADVICE['tools/call']} Tools: ${names}.`;
  }
  const { name, arguments: args } = params as { name?: unknown; arguments?: unknown };
  if (typeof name !== 'string') {
    return `${prefix}: params.name must be the name of a tool (a string), but it is ${describeJsonType(name)}. ${PARAMS_ADVICE['tools/call']} Tools: ${names}.`;
  }
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
    const tool = tools.find((candidate) => candidate.name === name);
    const advice = tool ? argumentsAdvice(tool) : `There is no tool ${JSON.stringify(preview(name))} either; tools: ${names}.`;
    return `${prefix}: params.arguments must be a JSON object of the tool's inputs, but it is ${describeJsonType(args)}. ${advice}`;
  }
  return `${prefix}: ${describeIssues(error)}. ${PARAMS_ADVICE['tools/call']}`;
}

/** zod issues as `params.cursor: expected string, received number`, never the raw dump. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(message)'}: ${issue.message.replace(/^Invalid input: /, '')}`)
    .join('; ');
}

function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
