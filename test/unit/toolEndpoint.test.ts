import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { z } from 'zod';
import { ToolEndpoint, type ToolEndpointAnswer } from '../../src/toolEndpoint/toolEndpoint';
import { ToolEndpointRecorder } from '../../src/toolEndpoint/toolEndpointRecorder';
import { EndpointTokenManager } from '../../src/toolEndpoint/endpointTokens';
import { LoopbackServer } from '../../src/http/loopbackServer';
import { secretsEqual } from '../../src/http/requestGuard';
import { defineTool } from '../../src/mcp/toolDefinition';
import { buildCurlCommands } from '../../src/shared/curl';
import { recordChildSpan } from '../../src/trace/spanRecorder';
import { TraceStore } from '../../src/trace/traceStore';
import { FakeClock } from './endpointTokensFakeClock';

const cancelledCalls: boolean[] = [];

// Small real tools: the endpoint, the runner, the listener and the store around them are the real ones.
const tools = [
  defineTool({
    name: 'add',
    description: 'Adds two numbers.',
    inputSchema: { a: z.number(), b: z.number().int().optional() },
    handler: async ({ a, b }) => {
      const sum = await recordChildSpan('dap.request', { command: 'evaluate', request: { expression: `${a}+${b ?? 0}` } }, async () => a + (b ?? 0), (value) => ({ response: { result: String(value) } }));
      return { success: true, sum };
    },
  }),
  defineTool({
    name: 'describe',
    description: 'Echoes typed inputs back.',
    inputSchema: {
      label: z.string(),
      verbose: z.boolean().default(false),
      options: z.object({ depth: z.number() }).optional(),
      lines: z.array(z.number()).optional(),
      mode: z.enum(['fast', 'slow']).optional(),
      id: z.union([z.string(), z.number()]).optional(),
    },
    handler: async (args) => ({ success: true, received: args }),
  }),
  defineTool({
    name: 'wait_for_cancel',
    description: 'Waits until the call is cancelled (or 5 s).',
    inputSchema: {},
    handler: async (_args, context) => {
      const cancelled = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 5000);
        context.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      cancelledCalls.push(cancelled);
      return { success: true, cancelled };
    },
  }),
  defineTool({
    name: 'fail',
    description: 'Makes one DAP request, then fails.',
    inputSchema: {},
    handler: async () => {
      await recordChildSpan('dap.request', { command: 'threads' }, async () => ({ threads: [] }), (value) => ({ response: value }));
      return { success: false, error: 'No debug session is running. Call start_debugging first.' };
    },
  }),
];

describe('ToolEndpoint over a real loopback listener', () => {
  let server: LoopbackServer;
  let origin: string;
  let clock: FakeClock;
  let tokens: EndpointTokenManager;
  let store: TraceStore;
  let recorder: ToolEndpointRecorder;
  let token: string;
  const compared: string[] = [];

  before(async () => {
    clock = new FakeClock();
    tokens = new EndpointTokenManager({ clock, compare: (given, expected) => {
      compared.push(given);
      return secretsEqual(given, expected);
    } });
    store = new TraceStore();
    recorder = new ToolEndpointRecorder(store, tokens.onDidChange);
    server = new LoopbackServer();
    server.addRoute(new ToolEndpoint({ tokens, tools: () => tools, recorder }));
    const port = await server.listen(0);
    origin = `http://127.0.0.1:${port}`;
  });

  beforeEach(() => {
    token = tokens.create('tester').value;
  });

  after(() => {
    server.dispose();
    recorder.dispose();
    tokens.dispose();
    store.dispose();
  });

  async function call(path: string, init: { method?: string; body?: string; auth?: string | null; headers?: Record<string, string> } = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
    const headers: Record<string, string> = { ...init.headers };
    const auth = init.auth === undefined ? `Token ${token}` : init.auth;
    if (auth !== null) headers.authorization = auth;
    const response = await fetch(`${origin}${path}`, { method: init.method ?? 'GET', body: init.body, headers });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) as Record<string, unknown> : {}, headers: response.headers };
  }

  it('GET runs the tool with query inputs converted by its schema and answers outputs and trace', async () => {
    const { status, body, headers } = await call('/debug/add?a=2.5&b=4');
    assert.equal(status, 200);
    assert.equal(headers.get('cache-control'), 'no-store');
    const answer = body as unknown as ToolEndpointAnswer;
    assert.deepEqual(answer.outputs, { success: true, sum: 6.5 });
    assert.equal(answer.trace.name, 'tool.run');
    assert.equal(answer.trace.tool, 'add');
    assert.deepEqual(answer.trace.inputs, { a: 2.5, b: 4 });
    assert.deepEqual(answer.trace.outputs, { success: true, sum: 6.5 });
    assert.equal(typeof answer.trace.duration_ms, 'number');
    assert.deepEqual(answer.trace.children.map((child) => [child.name, child.command, child.response]), [['dap.request', 'evaluate', { result: '6.5' }]]);
  });

  it('GET converts booleans, JSON objects and arrays, repeated array values, enums and unions', async () => {
    const query = new URLSearchParams({ label: '42', verbose: 'true', options: '{"depth":3}', lines: '[1,2]', mode: 'slow', id: '7' });
    const { status, body } = await call(`/debug/describe?${query}`);
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual((body.outputs as Record<string, unknown>).received, { label: '42', verbose: true, options: { depth: 3 }, lines: [1, 2], mode: 'slow', id: '7' });

    const repeated = await call('/debug/describe?label=x&lines=3&lines=4&verbose=0');
    assert.deepEqual((repeated.body.outputs as Record<string, unknown>).received, { label: 'x', verbose: false, lines: [3, 4] });
  });

  it('POST runs the tool with a JSON body', async () => {
    const { status, body } = await call('/debug/add', { method: 'POST', body: JSON.stringify({ a: 1, b: 2 }), headers: { 'content-type': 'application/json' } });
    assert.equal(status, 200);
    assert.deepEqual(body.outputs, { success: true, sum: 3 });
    assert.deepEqual((body.trace as ToolEndpointAnswer['trace']).inputs, { a: 1, b: 2 });
  });

  it('answers 200 with the error in outputs and the trace up to the failure when the tool fails', async () => {
    const { status, body } = await call('/debug/fail', { method: 'POST' });
    assert.equal(status, 200);
    assert.deepEqual(body.outputs, { success: false, error: 'No debug session is running. Call start_debugging first.' });
    const trace = body.trace as ToolEndpointAnswer['trace'];
    assert.equal(trace.status, 'error');
    assert.equal(trace.error, 'No debug session is running. Call start_debugging first.');
    assert.deepEqual(trace.children.map((child) => child.command), ['threads']);
  });

  it('401 for a missing token, a wrong token and the wrong scheme', async () => {
    const missing = await call('/debug/add?a=1', { auth: null });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.reason, 'missing');
    assert.match(String(missing.headers.get('www-authenticate')), /^Token /);
    const wrong = await call('/debug/add?a=1', { auth: 'Token mld_wrong' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.reason, 'wrong');
    const bearer = await call('/debug/add?a=1', { auth: `Bearer ${token}` });
    assert.equal(bearer.status, 401);
    assert.match(String(bearer.body.error), /scheme must be "Token"/);
  });

  it('403 for an expired token and for a stopped one, saying which', async () => {
    clock.advance(4 * 60 * 60 * 1000);
    const expired = await call('/debug/add?a=1');
    assert.equal(expired.status, 403);
    assert.equal(expired.body.reason, 'expired');
    assert.match(String(expired.body.error), /expired/);

    token = tokens.create('tester').value;
    tokens.stop();
    const stopped = await call('/debug/add?a=1');
    assert.equal(stopped.status, 403);
    assert.equal(stopped.body.reason, 'stopped');
    assert.match(String(stopped.body.error), /stopped/);
  });

  it('403 for a replaced token (one active at a time)', async () => {
    const old = token;
    token = tokens.create('tester').value;
    const replaced = await call('/debug/add?a=1', { auth: `Token ${old}` });
    assert.equal(replaced.status, 403);
    assert.equal(replaced.body.reason, 'replaced');
    assert.equal((await call('/debug/add?a=1')).status, 200);
  });

  it('checks the token through the constant-time comparison', async () => {
    compared.length = 0;
    await call('/debug/add?a=1');
    assert.ok(compared.includes(token));
  });

  it('404 for an unknown tool or no tool, listing the tools', async () => {
    for (const path of ['/debug/nope', '/debug/', '/debug', '/debug/add/extra']) {
      const { status, body } = await call(path);
      assert.equal(status, 404, path);
      assert.deepEqual(body.tools, ['add', 'describe', 'wait_for_cancel', 'fail']);
      assert.match(String(body.error), /Available tools: add, describe, wait_for_cancel, fail/);
    }
  });

  it('400 for inputs that do not match the schema, naming the field and why', async () => {
    const cases: [string, RequestInit & { auth?: string }, string, RegExp][] = [
      ['/debug/add?a=abc', {}, 'a', /expected a number/],
      ['/debug/add?a=1&b=1.5', {}, 'b', /integer|int/i],
      ['/debug/add', {}, 'a', /expected number/i],
      ['/debug/add?a=1&c=2', {}, 'c', /Unrecognized key/i],
      ['/debug/describe?label=x&verbose=maybe', {}, 'verbose', /true or false/],
      ['/debug/describe?label=x&options={bad', {}, 'options', /JSON/],
      ['/debug/describe?label=x&mode=medium', {}, 'mode', /fast|slow/],
      ['/debug/describe?label=x&label=y', {}, 'label', /given 2 times/],
    ];
    for (const [path, , field, why] of cases) {
      const { status, body } = await call(path);
      assert.equal(status, 400, `${path}: ${JSON.stringify(body)}`);
      const issues = body.issues as { field: string; message: string }[];
      assert.ok(issues.some((issue) => issue.field === field && why.test(issue.message)), `${path}: ${JSON.stringify(body)}`);
      assert.match(String(body.error), new RegExp(`${field}: `));
    }
    const badJson = await call('/debug/add', { method: 'POST', body: '{"a":' });
    assert.equal(badJson.status, 400);
    assert.match(String(badJson.body.error), /not valid JSON/);
    const notObject = await call('/debug/add', { method: 'POST', body: '[1,2]' });
    assert.equal(notObject.status, 400);
    assert.match(String(notObject.body.error), /JSON object/);
    const wrongType = await call('/debug/add', { method: 'POST', body: '{"a":"1"}' });
    assert.equal(wrongType.status, 400);
    assert.match(String(wrongType.body.error), /a: .*expected number/i);
    const queryOnPost = await call('/debug/add?a=1', { method: 'POST', body: '{"a":1}' });
    assert.equal(queryOnPost.status, 400);
    assert.match(String(queryOnPost.body.error), /JSON body only/);
  });

  it('400 for a POST body of every JSON type but object, naming the tool\'s inputs, then runs a good call', async () => {
    const bodies: [string, RegExp][] = [
      ['null', /but it is null/], ['[]', /but it is an array/], ['[1,2]', /but it is an array/], ['"a=1"', /but it is a string/],
      ['3', /but it is an integer/], ['1.5', /but it is a fractional number/], ['true', /but it is a boolean/],
    ];
    for (const [text, named] of bodies) {
      const { status, body } = await call('/debug/describe', { method: 'POST', body: text });
      assert.equal(status, 400, `${text}: ${JSON.stringify(body)}`);
      const error = String(body.error);
      assert.match(error, /^Invalid input for describe: the body must be a JSON object of inputs, /, text);
      assert.match(error, named, text);
      assert.match(error, /Send a JSON object of describe's inputs: label \(string, required\), verbose \(boolean\), options \(object\), lines \(array of number\), mode \(one of "fast", "slow"\), id \(string or number\)\.$/, text);
      assert.deepEqual((body.issues as { field: string }[]).map((issue) => issue.field), ['(body)']);
    }
    const noInputs = await call('/debug/wait_for_cancel', { method: 'POST', body: 'null' });
    assert.match(String(noInputs.body.error), /wait_for_cancel takes no inputs: send \{\} or leave the arguments out\./);
    const good = await call('/debug/add', { method: 'POST', body: '{"a":2,"b":3}' });
    assert.equal(good.status, 200);
    assert.equal((good.body.outputs as { sum: number }).sum, 5);
  });

  it('405 for other methods, with Allow', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const { status, headers } = await call('/debug/add', { method });
      assert.equal(status, 405, method);
      assert.equal(headers.get('allow'), 'GET, POST');
    }
  });

  it('records each call in the store under one debug-endpoint connection per token, ended with the token', async () => {
    const before = store.query().length;
    const current = tokens.active!;
    await call('/debug/add?a=1&b=2');
    await call('/debug/add?a=x');
    await call('/debug/fail', { method: 'POST' });
    const connectionId = ToolEndpointRecorder.connectionIdOf(current);
    const connection = store.getConnection(connectionId);
    assert.equal(connection?.source, 'debug-endpoint');
    assert.equal(connection?.status, 'active');
    const events = store.query({ connectionId }).filter((event) => event.kind === 'request').slice(-3);
    assert.deepEqual(events.map((event) => [event.method, event.tool, event.status, event.errorCode]), [
      ['tools/call', 'add', 'ok', undefined],
      ['tools/call', 'add', 'error', 400],
      ['tools/call', 'fail', 'error', undefined],
    ]);
    assert.equal(events[0].trace?.children[0].command, 'evaluate');
    assert.ok(store.query().length > before);

    tokens.stop();
    assert.equal(store.getConnection(connectionId)?.status, 'ended');
    assert.equal(store.query({ connectionId }).at(-1)?.kind, 'connection_end');
  });

  it('never lets a token or an Authorization header into the store or an export, even when sent as an input', async () => {
    const response = await call(`/debug/describe?label=${encodeURIComponent(`copy of ${token}`)}`);
    assert.equal(response.status, 200);
    assert.ok(!JSON.stringify(response.body.trace).includes(token), 'the trace answered is masked too');
    await call('/debug/nope', { auth: `Token ${token}` });
    const exported = JSON.stringify(store.export());
    assert.ok(!exported.includes(token));
    assert.ok(!/authorization/i.test(exported));
    assert.ok(!exported.includes('mld_'), 'no token of any kind');
  });

  it('answers the cURL commands the panel offers, run by a real shell and curl', async function () {
    if (!existsSync('/usr/bin/curl')) this.skip();
    const inputs = { label: "it's", verbose: true, options: { depth: 2 }, lines: [1, 2] };
    const commands = buildCurlCommands({ origin, tool: 'describe', inputs });
    for (const command of [commands.get, commands.post]) {
      // async: the listener answering is in this very process
      const { stdout } = await promisify(execFile)('/bin/sh', ['-c', command], { env: { PATH: process.env.PATH ?? '', DEBUG_TOKEN: token }, timeout: 10_000 });
      const answer = JSON.parse(stdout) as ToolEndpointAnswer;
      assert.deepEqual(answer.outputs, { success: true, received: inputs }, command);
    }
  });

  it('cancels the tool when the HTTP client goes away', async () => {
    const controller = new AbortController();
    const pending = fetch(`${origin}/debug/wait_for_cancel`, { headers: { authorization: `Token ${token}` }, signal: controller.signal }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    controller.abort();
    assert.ok(await pending instanceof Error, 'the client gave up');
    for (let waited = 0; cancelledCalls.length === 0 && waited < 3000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(cancelledCalls, [true]);
    assert.ok(Date.now() - started < 1000, 'the tool heard of it at once, not after its own 5 s');
  });

  it('does not record calls that were refused for their token', async () => {
    const before = store.size;
    await call('/debug/add?a=1', { auth: 'Token mld_wrong' });
    await call('/debug/add?a=1', { auth: null });
    assert.equal(store.size, before);
  });
});
