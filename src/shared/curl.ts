// cURL commands for the debug endpoint, built in the panel from a tool's JSON Schema.
// Pure (no vscode, no Node APIs): compiled into the webview too. Commands target POSIX shells.

export const DEBUG_TOKEN_PLACEHOLDER = '$DEBUG_TOKEN';

export interface CurlOptions {
  /** The listener's origin, e.g. `http://127.0.0.1:43117` (a trailing slash or path is dropped). */
  origin: string;
  tool: string;
  inputs: Record<string, unknown>;
  /** Shell text put where the token goes; a variable so the secret stays out of the command. */
  tokenPlaceholder?: string;
}

export interface CurlCommands {
  get: string;
  post: string;
}

/** A JSON Schema as tools/list describes a tool's input, reduced to what examples need. */
export interface JsonSchemaLike {
  type?: string | string[];
  properties?: Record<string, JsonSchemaLike>;
  required?: string[];
  default?: unknown;
  examples?: unknown[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchemaLike[];
  oneOf?: JsonSchemaLike[];
  items?: JsonSchemaLike;
  minimum?: number;
  exclusiveMinimum?: number;
}

export function toolEndpointUrl(origin: string, tool: string): string {
  return `${new URL(origin).origin}/debug/${encodeURIComponent(tool)}`;
}

/**
 * `GET` puts each input in the query (text as is, everything else as JSON, which is how the
 * endpoint reads them back by the tool's schema); `POST` sends them as a JSON body.
 */
export function buildCurlCommands(options: CurlOptions): CurlCommands {
  const url = toolEndpointUrl(options.origin, options.tool);
  const auth = `-H "Authorization: Token ${options.tokenPlaceholder ?? DEBUG_TOKEN_PLACEHOLDER}"`;
  const queryArgs = Object.entries(options.inputs)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` \\\n  --data-urlencode ${shellQuote(`${name}=${queryText(value)}`)}`)
    .join('');
  const get = `curl -sS -G ${shellQuote(url)} ${auth}${queryArgs}`;
  const post = `curl -sS -X POST ${shellQuote(url)} ${auth} \\\n  -H 'Content-Type: application/json' \\\n  --data ${shellQuote(JSON.stringify(options.inputs))}`;
  return { get, post };
}

/**
 * Inputs to pre-fill a command with: every required field (and any field with a default or an
 * example), each from its default, example, enum or const, else a placeholder of its type.
 */
export function exampleInputs(schema: JsonSchemaLike | undefined): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  const required = new Set(schema?.required ?? []);
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    const known = knownValue(property);
    if (known.found) inputs[name] = known.value;
    else if (required.has(name)) inputs[name] = placeholder(name, property);
  }
  return inputs;
}

function knownValue(property: JsonSchemaLike): { found: true; value: unknown } | { found: false } {
  if (property.default !== undefined) return { found: true, value: property.default };
  if (property.examples && property.examples.length > 0) return { found: true, value: property.examples[0] };
  return { found: false };
}

function placeholder(name: string, property: JsonSchemaLike, depth = 0): unknown {
  if (property.const !== undefined) return property.const;
  if (property.enum && property.enum.length > 0) return property.enum[0];
  const variant = property.anyOf?.[0] ?? property.oneOf?.[0];
  if (variant && depth < 8) return placeholder(name, variant, depth + 1);
  const type = Array.isArray(property.type) ? property.type.find((candidate) => candidate !== 'null') : property.type;
  switch (type) {
    case 'integer':
    case 'number':
      return property.minimum ?? (property.exclusiveMinimum !== undefined ? property.exclusiveMinimum + 1 : 0);
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return depth < 8 ? exampleInputs(property) : {};
    default:
      return `<${name}>`;
  }
}

function queryText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Single-quotes for POSIX shells: nothing inside is expanded; a `'` becomes `'\''`. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
