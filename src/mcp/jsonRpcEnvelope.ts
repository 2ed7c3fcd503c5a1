import { JSONRPCMessageSchema, JSONRPCNotificationSchema, JSONRPCRequestSchema, JSONRPCResponseSchema } from '@modelcontextprotocol/sdk/types.js';
import { describeIssues } from './requestParamsCheck';
import { describeJsonType } from './toolInputFields';

const REQUEST_MEMBERS = ['jsonrpc', 'id', 'method', 'params'];
const RESPONSE_MEMBERS = ['jsonrpc', 'id', 'result', 'error'];
const EXAMPLE = '{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}';

/**
 * What is wrong with a message that is not JSON-RPC 2.0 as MCP takes it, or undefined when it is.
 * The SDK's transport answers all of these "-32700 Parse error: Invalid JSON-RPC message",
 * which names neither the member nor the fix; this names both.
 */
export function describeInvalidMessage(message: unknown): string | undefined {
  if (JSONRPCMessageSchema.safeParse(message).success) return undefined;
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return `a JSON-RPC message must be an object like ${EXAMPLE}, but it is ${describeJsonType(message)}.`;
  }
  const fields = message as Record<string, unknown>;
  if (fields.jsonrpc !== '2.0') return `"jsonrpc" must be the string "2.0", but it is ${describeValue(fields.jsonrpc)}. Send ${EXAMPLE}.`;
  const isResponse = !('method' in fields) && ('result' in fields || 'error' in fields);
  if (!isResponse && typeof fields.method !== 'string') {
    return `"method" must be a string naming the method (e.g. "tools/call"), but it is ${describeValue(fields.method)}.`;
  }
  if ('id' in fields && !isRequestId(fields.id)) {
    return `"id" must be a string or an integer, but it is ${describeValue(fields.id)}. Leave "id" out only for a notification, which gets no answer.`;
  }
  if (!isResponse && 'params' in fields && (typeof fields.params !== 'object' || fields.params === null || Array.isArray(fields.params))) {
    return `"params" must be an object (MCP takes no positional params) or left out, but it is ${describeJsonType(fields.params)}.`;
  }
  const members = isResponse ? RESPONSE_MEMBERS : REQUEST_MEMBERS;
  const unknown = Object.keys(fields).filter((key) => !members.includes(key));
  if (unknown.length > 0) {
    return `unexpected member ${unknown.map((key) => JSON.stringify(key)).join(', ')}: a JSON-RPC ${isResponse ? 'response' : 'request'} has only ${members.map((key) => `"${key}"`).join(', ')}.`;
  }
  // what is left is inside params (`_meta`, a progress token): the schema of its own kind names it
  const kind = isResponse ? JSONRPCResponseSchema : 'id' in fields ? JSONRPCRequestSchema : JSONRPCNotificationSchema;
  const parsed = kind.safeParse(message);
  return parsed.success ? undefined : `${describeIssues(parsed.error)}.`;
}

function isRequestId(value: unknown): boolean {
  return typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value));
}

/** A short rendering of a wrong value: its type, and the value itself when it is small. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return String(value);
  if (typeof value === 'string') return value.length <= 40 ? JSON.stringify(value) : `a string of ${value.length} characters`;
  return describeJsonType(value);
}
