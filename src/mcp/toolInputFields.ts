import { z } from 'zod';
import type { ToolDefinition } from './toolDefinition';

interface FieldSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: FieldSchema;
  anyOf?: FieldSchema[];
}

/**
 * A tool's inputs as an agent reads them in an error: `sessionId (string, required), line
 * (integer, required), condition (string)`, read from the JSON schema tools/list shows.
 */
export function describeToolFields(definition: Pick<ToolDefinition, 'inputSchema'>): string {
  const schema = z.toJSONSchema(z.object(definition.inputSchema), { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, FieldSchema>; required?: string[] };
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([name, field]) => `${name} (${describeKind(field)}${required.has(name) ? ', required' : ''})`);
  return fields.length > 0 ? fields.join(', ') : '(none)';
}

/** What to send for a tool's `arguments`: an object of its fields, or {} when it takes none. */
export function argumentsAdvice(definition: Pick<ToolDefinition, 'name' | 'inputSchema'>): string {
  if (Object.keys(definition.inputSchema).length === 0) return `${definition.name} takes no inputs: send {} or leave the arguments out.`;
  return `Send a JSON object of ${definition.name}'s inputs: ${describeToolFields(definition)}.`;
}

/** The JSON type of a value as a sentence names it: "null", "an array", "a string". */
export function describeJsonType(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a fractional number';
  return `a ${typeof value}`;
}

function describeKind(field: FieldSchema): string {
  if (field.enum) return `one of ${field.enum.map((option) => JSON.stringify(option)).join(', ')}`;
  if (field.const !== undefined) return JSON.stringify(field.const);
  if (field.anyOf) return field.anyOf.map(describeKind).join(' or ');
  const type = Array.isArray(field.type) ? field.type.join(' or ') : field.type;
  if (type === 'array' && field.items) return `array of ${describeKind(field.items)}`;
  return type ?? 'any JSON';
}
