// The JSON schemas tools/list shows: the input schema, and an output schema that describes both
// answers a tool gives (success with its fields, or failure with what was wrong), one source with
// the zod shapes the tools declare.
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

/** What every failure may carry besides `error` (src/mcp/toolRunner.ts, src/mcp/toolPolicy.ts). */
const FAILURE_FIELDS = {
  error: z.string().describe('On failure: what was wrong and what to do.'),
  code: z.string().describe('On failure by the debugger: a stable code (unknown_session, wrong_state, file_not_found, ...).'),
  state: z.string().describe('The session\'s state, when the call names a session.'),
  denied: z.boolean().describe('On refusal by the workspace\'s tool policy (workspace trust, tools.deny).'),
};

export function toJsonSchema(shape: z.ZodRawShape): Record<string, unknown> {
  const schema = z.toJSONSchema(z.object(shape), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete schema.$schema;
  return { ...schema, type: 'object' };
}

/**
 * A tool's declared shape is its success answer. The schema requires its fields only when
 * `success` is true; a failure (`success: false`) requires `error` instead.
 */
export function toOutputJsonSchema(successShape: z.ZodRawShape): NonNullable<Tool['outputSchema']> {
  const success = toJsonSchema(successShape);
  const failure = toJsonSchema(FAILURE_FIELDS);
  const properties = { ...(failure.properties as Record<string, unknown>), ...(success.properties as Record<string, unknown>), success: { type: 'boolean' } };
  const successRequired = ((success.required as string[] | undefined) ?? []).filter((field) => field !== 'success');
  return {
    type: 'object',
    properties,
    required: ['success'],
    if: { properties: { success: { const: true } } },
    then: { required: successRequired },
    else: { required: ['error'] },
  };
}
