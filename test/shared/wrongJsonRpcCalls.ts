// Wrong JSON-RPC envelopes sent raw to an MCP Streamable HTTP endpoint (the unit tier's McpHost
// and the extension's /mcp inside VS Code share them): params, id, method, arguments and name of
// every JSON type, batches, broken JSON, wrong headers. Each case says which answer it expects
// and what the message must say; none may answer -32603 Internal error.

export interface ToolUnderTest {
  name: string;
  /** Its input fields, in the order the schema lists them. */
  fields: readonly string[];
}

type Expected =
  | { code: number; says: readonly RegExp[] }
  | { result: (result: unknown) => string | undefined };

export interface WrongEnvelope {
  why: string;
  body: string;
  contentType?: string;
  accept?: string;
  /** Sent inside an initialized session (with Mcp-Session-Id); false: as a first request. */
  session: boolean;
  status: number;
  /** One expected answer, a batch's answers in order, or none (202 for notifications). */
  expect: Expected | readonly Expected[] | 'no answer';
}

const INTERNAL_ERROR = -32603;
const INVALID_REQUEST = -32600;
const METHOD_NOT_FOUND = -32601;
const INVALID_PARAMS = -32602;
const PARSE_ERROR = -32700;
export const PROTOCOL_VERSION = '2025-06-18';

/** JSON values of every type but object, with how the answer names each. */
export const NOT_OBJECTS: ReadonlyArray<[unknown, RegExp]> = [
  [null, /but it is null/], [[], /but it is an array/], [[1, 'a'], /but it is an array/], ['x', /but it is a string/], ['', /but it is a string/],
  [0, /but it is an integer/], [1.5, /but it is a fractional number/], [true, /but it is a boolean/], [false, /but it is a boolean/],
];

let nextId = 1000;
function request(method: unknown, params?: unknown, id: unknown = nextId++): string {
  return JSON.stringify(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The message names every field of the tool, so an agent knows what to send. */
function namesFields(tool: ToolUnderTest): RegExp[] {
  return [new RegExp(`${escape(tool.name)}'s inputs`), ...tool.fields.map((field) => new RegExp(`\\b${escape(field)} \\(`))];
}

/** A tool result with isError whose `error` (in the text content, as the tools answer) matches. */
function toolResult(pattern: RegExp): Expected {
  return {
    result: (result) => {
      const { isError, content } = result as { isError?: boolean; content?: Array<{ text?: string }> };
      const error = (JSON.parse(content?.[0]?.text ?? '{}') as { error?: string }).error ?? '';
      if (isError !== true) return `expected a failed tool result, got ${JSON.stringify(result).slice(0, 300)}`;
      return pattern.test(error) ? undefined : `the tool's error ${JSON.stringify(error.slice(0, 300))} does not match ${pattern}`;
    },
  };
}

export interface EnvelopeOptions {
  /** The server answers prompts and resources (the extension's /mcp does); else those methods are unknown to it. */
  guidance?: boolean;
}

export function wrongEnvelopes(tool: ToolUnderTest, toolNames: readonly string[], options: EnvelopeOptions = {}): WrongEnvelope[] {
  const listsTools = new RegExp(`Tools: ${escape(toolNames.join(', '))}\\.`);
  const cases: WrongEnvelope[] = [];
  const add = (why: string, body: string, expect: WrongEnvelope['expect'], status = 200, extra: Partial<WrongEnvelope> = {}) =>
    cases.push({ why, body, session: true, status, expect, ...extra });

  // the whole message of every JSON type
  for (const [value, named] of NOT_OBJECTS.filter(([value]) => !Array.isArray(value))) {
    add(`body ${JSON.stringify(value)}`, JSON.stringify(value), { code: INVALID_REQUEST, says: [/a JSON-RPC message must be an object like \{"jsonrpc": "2\.0"/, named] }, 400);
  }
  add('jsonrpc "1.0"', JSON.stringify({ jsonrpc: '1.0', id: 1, method: 'ping' }), { code: INVALID_REQUEST, says: [/"jsonrpc" must be the string "2\.0", but it is "1\.0"/] }, 400);
  add('jsonrpc missing', JSON.stringify({ id: 1, method: 'ping' }), { code: INVALID_REQUEST, says: [/"jsonrpc" must be the string "2\.0", but it is missing/] }, 400);
  add('an unknown member', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', extra: 1 }), { code: INVALID_REQUEST, says: [/unexpected member "extra": a JSON-RPC request has only "jsonrpc", "id", "method", "params"/] }, 400);

  // params of every JSON type, and missing
  for (const [value, named] of NOT_OBJECTS) {
    add(`tools/call params ${JSON.stringify(value)}`, request('tools/call', value), { code: INVALID_REQUEST, says: [/"params" must be an object \(MCP takes no positional params\) or left out/, named] }, 400);
  }
  add('tools/list params null', request('tools/list', null), { code: INVALID_REQUEST, says: [/"params" must be an object/, /but it is null/] }, 400);
  add('tools/call without params', request('tools/call'), { code: INVALID_PARAMS, says: [/Invalid params for tools\/call: params is missing\. Send params \{"name": "<tool>", "arguments"/, listsTools] });
  add('tools/call params {}', request('tools/call', {}), { code: INVALID_PARAMS, says: [/params\.name must be the name of a tool \(a string\), but it is missing/, listsTools] });
  add('tools/list cursor 5', request('tools/list', { cursor: 5 }), { code: INVALID_PARAMS, says: [/Invalid params for tools\/list: params\.cursor: expected string, received number/, /Send tools\/list without params, or with \{"cursor"/] });
  add('ping params._meta "x"', request('ping', { _meta: 'x' }), { code: INVALID_REQUEST, says: [/params\._meta: expected object, received string/] }, 400);
  add('a second initialize without its params', request('initialize', {}), { code: INVALID_PARAMS, says: [/Invalid params for initialize: params\.protocolVersion: expected string, received undefined/, /"clientInfo": \{"name"/] });

  // id of odd types, huge, and missing (a notification: no answer)
  for (const [id, named] of [[{ a: 1 }, /but it is an object/], [[1], /but it is an array/], [true, /but it is true/], [1.5, /but it is 1\.5/], [null, /but it is null/]] as const) {
    add(`id ${JSON.stringify(id)}`, request('ping', undefined, id), { code: INVALID_REQUEST, says: [/"id" must be a string or an integer/, named, /Leave "id" out only for a notification/] }, 400);
  }
  const hugeId = 'i'.repeat(100_000);
  add('a 100 KB string id', request('ping', undefined, hugeId), { result: (result) => (JSON.stringify(result) === '{}' ? undefined : `ping answered ${JSON.stringify(result).slice(0, 200)}`) });
  add('tools/call as a notification (no id)', JSON.stringify({ jsonrpc: '2.0', method: 'tools/call', params: { name: tool.name, arguments: null } }), 'no answer', 202);

  // method unknown, empty, of other types, missing
  const listsMethods = /It answers (?=[^(]*\binitialize\b)(?=[^(]*\bping\b)(?=[^(]*tools\/list\b)(?=[^(]*tools\/call\b)[a-z/, ]+ \(and notifications\); check the method name\.$/;
  add('method unknown', request('tools/nonexistent'), { code: METHOD_NOT_FOUND, says: [/^Method not found: this server has no method "tools\/nonexistent"\. /, listsMethods] });
  add('method empty', request(''), { code: METHOD_NOT_FOUND, says: [/^Method not found: the method name is empty\. /, listsMethods] });
  for (const [method, named] of [[42, /but it is 42/], [null, /but it is null/], [['tools/call'], /but it is an array/], [{}, /but it is an object/]] as const) {
    add(`method ${JSON.stringify(method)}`, request(method), { code: INVALID_REQUEST, says: [/"method" must be a string naming the method \(e\.g\. "tools\/call"\)/, named] }, 400);
  }
  add('method missing', JSON.stringify({ jsonrpc: '2.0', id: 7 }), { code: INVALID_REQUEST, says: [/"method" must be a string naming the method/, /but it is missing/] }, 400);

  // arguments of every JSON type but object, for a known and an unknown tool
  for (const [value, named] of NOT_OBJECTS) {
    add(`${tool.name} arguments ${JSON.stringify(value)}`, request('tools/call', { name: tool.name, arguments: value }), {
      code: INVALID_PARAMS, says: [/Invalid params for tools\/call: params\.arguments must be a JSON object of the tool's inputs/, named, ...namesFields(tool)],
    });
  }
  add('unknown tool, arguments "x"', request('tools/call', { name: 'no_such_tool', arguments: 'x' }), { code: INVALID_PARAMS, says: [/params\.arguments must be a JSON object/, /There is no tool "no_such_tool" either; tools: /] });

  // name missing, of other types, unknown
  for (const [name, named] of [[42, /but it is an integer/], [null, /but it is null/], [['a'], /but it is an array/], [{ n: 1 }, /but it is an object/], [true, /but it is a boolean/]] as const) {
    add(`name ${JSON.stringify(name)}`, request('tools/call', { name, arguments: {} }), { code: INVALID_PARAMS, says: [/params\.name must be the name of a tool \(a string\)/, named, listsTools] });
  }
  add('name missing', request('tools/call', { arguments: {} }), { code: INVALID_PARAMS, says: [/params\.name must be the name of a tool/, /but it is missing/, listsTools] });
  add('name unknown', request('tools/call', { name: 'no_such_tool', arguments: {} }), toolResult(/Unknown tool "no_such_tool"\. Available tools: /));
  add('name empty', request('tools/call', { name: '', arguments: {} }), toolResult(/Unknown tool ""\. Available tools: /));

  // the other methods' params: members of wrong types, missing, or naming nothing there is
  const RECORD = /(expected record, received|expected object, received)/;
  if (options.guidance) {
    const sendPrompt = /Send params \{"name": "<a name from prompts\/list>", "arguments"/;
    const sendUri = /Send params \{"uri": "<a uri from resources\/list>"\}/;
    add('prompts/get params {}', request('prompts/get', {}), { code: INVALID_PARAMS, says: [/^Invalid params for prompts\/get: params\.name: expected string, received undefined/, sendPrompt] });
    for (const [value] of NOT_OBJECTS) {
      add(`prompts/get arguments ${JSON.stringify(value)}`, request('prompts/get', { name: 'debug-failing-test', arguments: value }), { code: INVALID_PARAMS, says: [/^Invalid params for prompts\/get: params\.arguments: /, ...(value === null ? [] : [RECORD]), sendPrompt] });
    }
    add('prompts/get argument of a number', request('prompts/get', { name: 'debug-failing-test', arguments: { testFile: 5 } }), { code: INVALID_PARAMS, says: [/^Invalid params for prompts\/get: params\.arguments\.testFile: expected string, received number/, sendPrompt] });
    add('prompts/get unknown prompt', request('prompts/get', { name: 'no_such_prompt' }), { code: INVALID_PARAMS, says: [/Unknown prompt "no_such_prompt"\. Prompts: /] });
    for (const method of ['resources/read', 'resources/subscribe']) {
      for (const [uri, named] of [[undefined, /received undefined/], [5, /received number/], [null, /received null/], [['debug://guide'], /received array/], [{}, /received object/]] as const) {
        add(`${method} uri ${JSON.stringify(uri)}`, request(method, uri === undefined ? {} : { uri }), { code: INVALID_PARAMS, says: [new RegExp(`^Invalid params for ${escape(method)}: params\\.uri: expected string, `), named, sendUri] });
      }
    }
    add('resources/read unknown uri', request('resources/read', { uri: 'debug://no/such/thing' }), { code: -32002, says: [/Unknown resource debug:\/\/no\/such\/thing\. Resources are /] });
    add('resources/read not a uri', request('resources/read', { uri: '' }), { code: -32002, says: [/Unknown resource \. Resources are /] });
  } else {
    for (const method of ['prompts/get', 'resources/read']) {
      add(`${method} on a tools-only server`, request(method, { name: 'x', uri: 'x' }), { code: METHOD_NOT_FOUND, says: [new RegExp(`^Method not found: this server has no method "${escape(method)}"\\. `), listsMethods] });
    }
  }
  add('a method outside MCP', request('logging/setLevel', { level: 'debug' }), { code: METHOD_NOT_FOUND, says: [/^Method not found: this server has no method "logging\/setLevel"\. /, listsMethods] });
  add('completion/complete with wrong params', request('completion/complete', { ref: 5 }), { code: METHOD_NOT_FOUND, says: [/no method "completion\/complete"/, listsMethods] });

  // batches: one wrong message names its place; wrong calls inside a valid batch answer each
  add('a batch with a message of a wrong id', `[${request('ping')},${request('ping', undefined, { a: 1 })}]`, { code: INVALID_REQUEST, says: [/message 2 of the batch: "id" must be a string or an integer/] }, 400);
  add('a batch of a string and an object', `["x",${request('ping')}]`, { code: INVALID_REQUEST, says: [/message 1 of the batch: a JSON-RPC message must be an object/] }, 400);
  add('a batch of a good and a wrong call', `[${request('ping')},${request('tools/call', { name: tool.name, arguments: null })}]`, [
    { result: (result) => (JSON.stringify(result) === '{}' ? undefined : `ping answered ${JSON.stringify(result)}`) },
    { code: INVALID_PARAMS, says: [/params\.arguments must be a JSON object/, ...namesFields(tool)] },
  ]);
  add('an empty batch', '[]', { code: INVALID_REQUEST, says: [/a batch must hold 1 to 50 messages; it held 0/] }, 400);

  // not JSON, not JSON content
  add('broken JSON', '{"jsonrpc": "2.0", "id": 1, "method": ', { code: PARSE_ERROR, says: [/Parse error: the request body is not valid JSON \(.+\)\. Send one JSON-RPC message, or a batch array of them, as JSON/] }, 400);
  add('an empty body', '', { code: PARSE_ERROR, says: [/Parse error: the request body is not valid JSON/] }, 400);
  add('text/plain', request('ping'), { code: PARSE_ERROR, says: [/Unsupported Media Type: send the JSON-RPC message with "Content-Type: application\/json"/] }, 415, { contentType: 'text/plain' });
  add('form content', 'a=1', { code: PARSE_ERROR, says: [/"Content-Type: application\/json"/] }, 415, { contentType: 'application/x-www-form-urlencoded' });
  add('no Accept for event streams', request('ping'), { code: -32000, says: [/Not Acceptable: Client must accept both application\/json and text\/event-stream/] }, 406, { accept: 'application/json' });

  // before any session: an initialize with wrong params is answered as such
  for (const params of [undefined, {}, { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: 'me' }]) {
    add(`initialize params ${JSON.stringify(params)}`, request('initialize', params), { code: INVALID_PARAMS, says: [/Invalid params for initialize: /, /Send params \{"protocolVersion": "2025-06-18", "capabilities": \{\}, "clientInfo": \{"name"/] }, 400, { session: false });
  }
  add('a tools/call before initialize', request('tools/call', { name: tool.name, arguments: {} }), { code: -32000, says: [/no Mcp-Session-Id header\. Start with an initialize request/] }, 400, { session: false });
  return cases;
}

/** tools/call of every tool with `arguments` of every JSON type but object: each names that tool's inputs. */
export function argumentsSweep(tools: readonly ToolUnderTest[]): WrongEnvelope[] {
  return tools.flatMap((tool) => NOT_OBJECTS.map(([value, named]): WrongEnvelope => ({
    why: `${tool.name} arguments ${JSON.stringify(value)}`,
    body: request('tools/call', { name: tool.name, arguments: value }),
    session: true,
    status: 200,
    expect: {
      code: INVALID_PARAMS,
      says: [/params\.arguments must be a JSON object of the tool's inputs/, named, ...(tool.fields.length > 0 ? namesFields(tool) : [new RegExp(`${escape(tool.name)} takes no inputs: send \\{\\} or leave the arguments out`)])],
    },
  })));
}

export interface RawSession {
  url: string;
  headers: Record<string, string>;
}

/** Initializes a session with raw HTTP, as a client with its own JSON-RPC code would. */
export async function openRawSession(url: string, token: string): Promise<RawSession> {
  const base = { authorization: `Bearer ${token}`, accept: 'application/json, text/event-stream', 'content-type': 'application/json' };
  const initialized = await fetch(url, { method: 'POST', headers: base, body: request('initialize', { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'raw-json-rpc', version: '1.0.0' } }) });
  const sessionId = initialized.headers.get('mcp-session-id');
  await initialized.arrayBuffer();
  if (initialized.status !== 200 || !sessionId) throw new Error(`initialize answered ${initialized.status} without a session`);
  const headers = { ...base, 'mcp-session-id': sessionId, 'mcp-protocol-version': PROTOCOL_VERSION };
  const notified = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
  await notified.arrayBuffer();
  return { url, headers };
}

/** Sends each case and lists every answer that is not the expected one (empty: all as expected). */
export async function sendWrongEnvelopes(session: RawSession, cases: readonly WrongEnvelope[]): Promise<string[]> {
  const problems: string[] = [];
  for (const wrong of cases) {
    const headers: Record<string, string> = { ...session.headers };
    if (!wrong.session) {
      delete headers['mcp-session-id'];
      delete headers['mcp-protocol-version'];
    }
    if (wrong.contentType) headers['content-type'] = wrong.contentType;
    if (wrong.accept) headers.accept = wrong.accept;
    const response = await fetch(session.url, { method: 'POST', headers, body: wrong.body });
    const text = await response.text();
    const problem = (what: string) => problems.push(`${wrong.why}: ${what} (status ${response.status}, body ${text.slice(0, 400)})`);
    if (text.includes(String(INTERNAL_ERROR))) problem('answered -32603 Internal error');
    if (response.status !== wrong.status) {
      problem(`expected HTTP ${wrong.status}`);
      continue;
    }
    if (wrong.expect === 'no answer') {
      if (text !== '') problem('expected no answer');
      continue;
    }
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      problem('the answer is not JSON');
      continue;
    }
    const expected = Array.isArray(wrong.expect) ? wrong.expect : [wrong.expect];
    const answers = Array.isArray(wrong.expect) ? answer : [answer];
    if (!Array.isArray(answers) || answers.length !== expected.length) {
      problem(`expected ${expected.length} answer(s)`);
      continue;
    }
    expected.forEach((expectation: Expected, index) => {
      const one = answers[index] as { result?: unknown; error?: { code: number; message: string } };
      if ('code' in expectation) {
        if (one.error?.code !== expectation.code) return problem(`answer ${index + 1}: expected error ${expectation.code}`);
        for (const pattern of expectation.says) if (!pattern.test(one.error.message)) problem(`answer ${index + 1}: the message does not say ${pattern}`);
        return undefined;
      }
      if (one.result === undefined) return problem(`answer ${index + 1}: expected a result`);
      const wrongResult = expectation.result(one.result);
      if (wrongResult) problem(`answer ${index + 1}: ${wrongResult}`);
      return undefined;
    });
  }
  return problems;
}

/** A good call after the wrong ones: the same session still answers tools/list. */
export async function listsTools(session: RawSession): Promise<string[]> {
  const response = await fetch(session.url, { method: 'POST', headers: session.headers, body: request('tools/list') });
  const answer = (await response.json()) as { result?: { tools?: Array<{ name: string }> } };
  return (answer.result?.tools ?? []).map((tool) => tool.name);
}
