import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { HttpRoute } from '../http/httpRoute';
import { sendJson } from '../http/jsonResponse';
import { readBody } from '../http/requestBody';
import { readAuthorization } from '../http/requestGuard';
import { recordedSpan } from '../trace/redact';
import type { EndpointTokenInfo } from '../shared/toolEndpoint';
import type { Span } from '../shared/trace';
import type { ToolEndpointRecorder } from './toolEndpointRecorder';
import type { EndpointTokenManager } from './endpointTokens';
import { inputsFromQuery } from './queryInputs';
import { argumentsAdvice, describeJsonType } from '../mcp/toolInputFields';
import type { ToolDefinition, ToolResult } from '../mcp/toolDefinition';
import { runTool, strictInputSchemaOf } from '../mcp/toolRunner';

export const TOOL_ENDPOINT_PREFIX = '/debug';
const DEBUG_BODY_LIMIT_BYTES = 1024 * 1024;

export interface ToolEndpointOptions {
  tokens: Pick<EndpointTokenManager, 'check'>;
  tools: () => readonly ToolDefinition[];
  /** Where authorized calls are recorded (in memory only). */
  recorder?: Pick<ToolEndpointRecorder, 'begin' | 'record'>;
}

/** The body of a 200 answer: the tool's result and the call's root span. */
export interface ToolEndpointAnswer {
  outputs: ToolResult;
  trace: Span;
}

interface Refusal {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * `GET /debug/<tool>?name=value` and `POST /debug/<tool>` with a JSON body, authorized by a
 * debug token (`Authorization: Token <token>`): runs one tool and answers `{ outputs, trace }`.
 * A tool that fails still answers 200 (its error is in `outputs`); 4xx are for calls that never
 * reached the tool.
 */
export class ToolEndpoint implements HttpRoute {
  readonly prefix = TOOL_ENDPOINT_PREFIX;

  constructor(private readonly options: ToolEndpointOptions) {}

  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = request.method ?? '';
    if (method !== 'GET' && method !== 'POST') {
      request.resume();
      return refuse(response, { status: 405, body: { error: `Method ${method} is not allowed on ${TOOL_ENDPOINT_PREFIX}/<tool>: use GET with query inputs or POST with a JSON body.` }, headers: { allow: 'GET, POST' } });
    }
    const given = readAuthorization(request, 'Token');
    const verdict = this.options.tokens.check(given);
    if (!verdict.ok) {
      request.resume();
      const scheme = given === undefined && request.headers.authorization ? ' (the scheme must be "Token", not "Bearer": debug tokens are not the MCP bearer token)' : '';
      return refuse(response, {
        status: verdict.status,
        body: { error: `${verdict.message}${scheme}`, reason: verdict.reason },
        headers: verdict.status === 401 ? { 'www-authenticate': 'Token realm="mcp-live-debugger-debug-endpoint"' } : {},
      });
    }
    const tokenValue = given as string;
    const start = Date.now();
    this.options.recorder?.begin(verdict.token, start);

    const tools = this.options.tools();
    const toolName = toolNameOf(url.pathname);
    const definition = toolName === undefined ? undefined : tools.find((tool) => tool.name === toolName);
    if (!definition) {
      request.resume();
      const names = tools.map((tool) => tool.name);
      const what = toolName === undefined || toolName === '' ? `No tool named in ${url.pathname}` : `Unknown tool "${toolName}"`;
      const error = `${what}: call ${TOOL_ENDPOINT_PREFIX}/<tool>. Available tools: ${names.length > 0 ? names.join(', ') : '(none)'}.`;
      this.recordRefusal(verdict.token, tokenValue, method, toolName ?? '', {}, start, 404, error, request);
      return refuse(response, { status: 404, body: { error, tools: names } });
    }

    const inputs = await readInputs(request, url, definition);
    if (!inputs.ok) {
      this.recordRefusal(verdict.token, tokenValue, method, definition.name, inputs.raw, start, 400, inputs.error, request);
      return refuse(response, { status: 400, body: { error: inputs.error, issues: inputs.issues } });
    }

    const abort = new AbortController();
    const onClose = () => {
      if (!response.writableFinished) abort.abort();
    };
    response.on('close', onClose);
    const run = await runTool(definition, inputs.value, { signal: abort.signal, source: 'debug-endpoint', clientName: userAgentOf(request) });
    response.off('close', onClose);
    const trace = recordedSpan(run.trace, [tokenValue]);
    this.options.recorder?.record({
      token: verdict.token, tokenValue, httpMethod: method, tool: definition.name, inputs: inputs.value,
      start, end: Date.now(), httpStatus: 200, outputs: run.result, trace, userAgent: userAgentOf(request),
    });
    const answer: ToolEndpointAnswer = { outputs: run.result, trace };
    sendJson(response, 200, answer, { 'cache-control': 'no-store' });
  }

  private recordRefusal(token: EndpointTokenInfo, tokenValue: string, httpMethod: string, tool: string, inputs: unknown, start: number, httpStatus: number, error: string, request: IncomingMessage): void {
    this.options.recorder?.record({ token, tokenValue, httpMethod, tool, inputs, start, end: Date.now(), httpStatus, error, userAgent: userAgentOf(request) });
  }
}

type ReadInputs =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; error: string; issues: { field: string; message: string }[]; raw: unknown };

async function readInputs(request: IncomingMessage, url: URL, definition: ToolDefinition): Promise<ReadInputs> {
  let raw: Record<string, unknown>;
  if (request.method === 'GET') {
    request.resume();
    const fromQuery = inputsFromQuery(definition.inputSchema, url.searchParams);
    if (!fromQuery.ok) {
      const { field, message } = fromQuery.problem;
      return { ok: false, error: `Invalid input for ${definition.name}: ${field}: ${message}.`, issues: [fromQuery.problem], raw: Object.fromEntries(url.searchParams) };
    }
    raw = fromQuery.inputs;
  } else {
    if ([...url.searchParams.keys()].length > 0) {
      request.resume();
      const error = `Invalid input for ${definition.name}: a POST takes its inputs from the JSON body only; move the query parameters (${[...new Set(url.searchParams.keys())].join(', ')}) into the body, or use GET.`;
      return { ok: false, error, issues: [{ field: '(query)', message: 'query parameters are not read on POST' }], raw: Object.fromEntries(url.searchParams) };
    }
    const text = (await readBody(request, DEBUG_BODY_LIMIT_BYTES)).toString('utf8');
    if (text.trim() === '') {
      raw = {};
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        return { ok: false, error: `Invalid input for ${definition.name}: the body is not valid JSON (${why}). Send a JSON object of inputs with "Content-Type: application/json".`, issues: [{ field: '(body)', message: 'not valid JSON' }], raw: undefined };
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        const error = `Invalid input for ${definition.name}: the body must be a JSON object of inputs, but it is ${describeJsonType(parsed)}. ${argumentsAdvice(definition)}`;
        return { ok: false, error, issues: [{ field: '(body)', message: `not a JSON object: ${describeJsonType(parsed)}` }], raw: parsed };
      }
      raw = parsed as Record<string, unknown>;
    }
  }
  const checked = strictInputSchemaOf(definition).safeParse(raw);
  if (!checked.success) {
    const issues = checked.error.issues.map((issue) => ({
      field: describeField(issue),
      message: issue.message,
    }));
    const error = `Invalid input for ${definition.name}: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}. Check the tool's input schema and call again.`;
    return { ok: false, error, issues, raw };
  }
  return { ok: true, value: raw };
}

function describeField(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return issue.keys.join(', ');
  return issue.path.length > 0 ? issue.path.join('.') : '(input)';
}

/** The tool name from `/debug/<tool>`; undefined for deeper paths, '' for `/debug` itself. */
function toolNameOf(pathname: string): string | undefined {
  const rest = pathname.slice(TOOL_ENDPOINT_PREFIX.length).replace(/^\/+/, '');
  if (rest.includes('/')) return undefined;
  try {
    return decodeURIComponent(rest);
  } catch {
    return undefined;
  }
}

function userAgentOf(request: IncomingMessage): string | undefined {
  const agent = request.headers['user-agent'];
  return agent ? agent.slice(0, 120) : undefined;
}

function refuse(response: ServerResponse, refusal: Refusal): void {
  sendJson(response, refusal.status, refusal.body, { 'cache-control': 'no-store', ...refusal.headers });
}
