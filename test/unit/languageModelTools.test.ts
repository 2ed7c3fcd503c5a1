import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { debuggingGuideTool } from '../../src/mcp/agentGuidance';
import { confirmationFor } from '../../src/mcp/languageModelToolConfirmations';
import { LANGUAGE_MODEL_TOOLS_CONTEXT_KEY, languageModelToolManifest, toolNameOfLanguageModelTool } from '../../src/mcp/languageModelToolManifest';
import { offersLanguageModelTools } from '../../src/mcp/languageModelToolOffer';
import { chatClientOf, LanguageModelToolRecorder, UNNAMED_CHAT_CLIENT } from '../../src/mcp/languageModelToolRecorder';
import { describeTool, toCallToolResult } from '../../src/mcp/mcpServerFactory';
import { applyToolPolicy } from '../../src/mcp/toolPolicy';
import { runTool } from '../../src/mcp/toolRunner';
import { createTools } from '../../src/mcp/tools';
import { defineTool, type ToolDefinition } from '../../src/mcp/toolDefinition';
import { jsonSize } from '../../src/trace/redact';
import { recordChildSpan } from '../../src/trace/spanRecorder';
import { TraceStore } from '../../src/trace/traceStore';
import { FakeDebugBridge } from './toolsFakeBridge';

interface PackageJson {
  contributes: {
    languageModelTools: { name: string; toolReferenceName: string; inputSchema: unknown; when: string; displayName: string; modelDescription: string }[];
    languageModelToolSets?: unknown;
    configuration: { properties: Record<string, { enum?: string[]; default?: unknown }> };
  };
}

const packageJson = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as PackageJson;

describe('language model tools: the contribution in package.json', () => {
  it('is exactly what the zod definitions generate (run npm run generate:lm-tools when this fails)', () => {
    assert.deepEqual(packageJson.contributes.languageModelTools, languageModelToolManifest());
  });

  it('offers every MCP tool with the MCP input schema, prefixed ids, # references and the guide tool', () => {
    const tools = createTools(new FakeDebugBridge());
    const contributed = packageJson.contributes.languageModelTools;
    assert.deepEqual(contributed.map((tool) => toolNameOfLanguageModelTool(tool.name)), [...tools.map((tool) => tool.name), 'get_debugging_guide']);
    for (const tool of tools) {
      const entry = contributed.find((candidate) => candidate.name === `mcpLiveDebugger_${tool.name}`)!;
      assert.deepEqual(entry.inputSchema, describeTool(tool).inputSchema, tool.name);
      assert.equal(entry.toolReferenceName, tool.name);
      assert.equal(entry.modelDescription, tool.description);
      assert.equal(entry.when, LANGUAGE_MODEL_TOOLS_CONTEXT_KEY);
    }
    assert.equal(new Set(contributed.map((tool) => tool.toolReferenceName)).size, contributed.length, 'reference names are unique');
  });

  it('declares the setting with auto as default', () => {
    const setting = packageJson.contributes.configuration.properties['mcpLiveDebugger.languageModelTools'];
    assert.deepEqual(setting.enum, ['auto', 'always', 'never']);
    assert.equal(setting.default, 'auto');
  });
});

describe('language model tools: when they are offered', () => {
  it('auto offers them only while VS Code MCP access is off; always and never override', () => {
    assert.equal(offersLanguageModelTools('auto', 'none'), true);
    assert.equal(offersLanguageModelTools('auto', false), true);
    assert.equal(offersLanguageModelTools('auto', 'all'), false);
    assert.equal(offersLanguageModelTools('auto', 'registry'), false);
    assert.equal(offersLanguageModelTools('auto', undefined), false);
    assert.equal(offersLanguageModelTools(undefined, 'none'), true);
    assert.equal(offersLanguageModelTools('always', 'all'), true);
    assert.equal(offersLanguageModelTools('never', 'none'), false);
  });
});

describe('language model tools: confirmations of the tools that run code', () => {
  const describe = (id: string) => `session "${id}"`;

  it('say which script, expression or process will run', () => {
    const start = confirmationFor('start_debugging', { sessionId: 's1', scriptPath: '/w/app.py', args: ['--fast', 'x'], cwd: '/w' }, describe)!;
    assert.equal(start.message.split('\n\n')[0], 'Runs `/w/app.py` with arguments `--fast x` in session "s1".');
    assert.match(start.message, /Working directory: `\/w`/);
    const evaluate = confirmationFor('evaluate_expression', { sessionId: 's1', expression: 'os.remove("x") ```' }, describe)!;
    assert.match(evaluate.message, /\n````\nos\.remove\("x"\) ```\n````$/);
    const attach = confirmationFor('attach_to_process', { sessionId: 's1', port: 5678 }, describe)!;
    assert.match(attach.message, /debug server at `127\.0\.0\.1:5678`/);
    assert.match(confirmationFor('attach_to_process', { sessionId: 's1', processId: 4242 }, describe)!.message, /process `4242`/);
    assert.match(confirmationFor('restart_debugging', { sessionId: 's1' }, describe)!.message, /session "s1"/);
    assert.match(confirmationFor('redefine_classes', { sessionId: 's1', classesDir: '/w/out' }, describe)!.message, /`\/w\/out`/);
  });

  it('are asked by what a call does, as workspace trust judges it: an inline attach and a breakpoint condition run code, a dry run does not', () => {
    assert.match(confirmationFor('create_debug_session', { language: 'python', port: 5678 }, describe)!.message, /debug server at `127\.0\.0\.1:5678`/);
    assert.equal(confirmationFor('create_debug_session', { language: 'python' }, describe), undefined);
    const conditional = confirmationFor('set_breakpoint', { sessionId: 's1', file: 'a.py', line: 3, condition: 'x > 2' }, describe)!;
    assert.match(conditional.message, /`a\.py:3` in session "s1".*condition:\n\n```\nx > 2\n```$/s);
    assert.equal(confirmationFor('set_breakpoint', { sessionId: 's1', file: 'a.py', line: 3 }, describe), undefined);
    assert.equal(confirmationFor('start_debugging', { sessionId: 's1', scriptPath: 'a.py', dryRunSpawn: true }, describe), undefined);
  });

  it('are not asked for tools that only read or steer', () => {
    for (const tool of ['get_local_variables', 'step_over', 'set_breakpoint', 'create_debug_session', 'get_debugging_guide']) {
      assert.equal(confirmationFor(tool, { sessionId: 's1' }, describe), undefined, tool);
    }
  });
});

describe('language model tools: recording', () => {
  const untrusted = { isTrusted: () => false, deniedPatterns: () => [] };

  async function call(recorder: LanguageModelToolRecorder, tools: ToolDefinition[], token: unknown, name: string, input: Record<string, unknown>) {
    const definition = tools.find((tool) => tool.name === name)!;
    const client = chatClientOf(token);
    const recorded = recorder.begin(client, name, input);
    const run = await runTool(definition, input, { signal: new AbortController().signal, source: 'language-model-tools', clientName: client.name });
    await recorded.finish(run.result, run.trace);
    return run.result;
  }

  describe('after the answer went back to VS Code', () => {
    /**
     * A tool whose one DAP request takes 5 ms of the test's clock, answered in an I/O callback as
     * a DAP response is (so the answer goes back from there, as in the extension host).
     */
    function adder(clock: { now: number }): ToolDefinition {
      return defineTool({
        name: 'add',
        description: 'Adds two numbers.',
        inputSchema: { a: z.number(), b: z.number() },
        handler: async ({ a, b }) => {
          const sum = await recordChildSpan('dap.request', { command: 'evaluate', request: { a, b } }, async () => {
            clock.now += 5;
            await readFile(__filename);
            return a + b;
          }, (value) => ({ response: value }));
          return { success: true, sum };
        },
      });
    }

    it('records a call once its answer was written out, whole: bodies, sizes, the latency up to the answer and its trace tree', async () => {
      const clock = { now: 1_000 };
      const store = new TraceStore();
      const recorder = new LanguageModelToolRecorder(store, () => clock.now);
      const tool = adder(clock);
      const input = { a: 2, b: 3 };
      let answerWritten = false;
      const recordedBeforeTheAnswer: string[] = [];
      // the store's listeners stand for the panel feed, the status bar and the OTLP export
      store.onDidAppend((event) => {
        if (event.kind === 'request' && !answerWritten) recordedBeforeTheAnswer.push(String(event.tool));
      });
      let recorded: Promise<void> | undefined;
      // languageModelTools.ts's invoke
      const invoke = async (): Promise<string> => {
        const call = recorder.begin(chatClientOf({ sessionId: 'chat' }), 'add', input);
        const run = await runTool(tool, input, { signal: new AbortController().signal, source: 'language-model-tools', clientName: 'VS Code chat' });
        recorded = call.finish(run.result, run.trace);
        // the time the record takes to come must not count
        clock.now = 2_000;
        return JSON.stringify(run.result);
      };
      // VS Code's extension host sends the answer when invoke settles; its RPC writer writes it in a timer set then
      const text = await invoke().then((answer) => new Promise<string>((resolve) => setTimeout(() => {
        answerWritten = true;
        resolve(answer);
      }, 0)));
      await recorded;

      assert.deepEqual(recordedBeforeTheAnswer, [], 'nothing was recorded before the answer was written out');
      const [event] = store.query({ tool: 'add' });
      assert.ok(event, 'recorded once the answer went out');
      const request = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'add', arguments: input } };
      const response = { jsonrpc: '2.0', id: 1, result: toCallToolResult(JSON.parse(text)) };
      assert.deepEqual([event.method, event.status, event.timestamp, event.latencyMs], ['tools/call', 'ok', 1_000, 5]);
      assert.deepEqual([event.request, event.response], [request, response]);
      assert.deepEqual([event.requestBytes, event.responseBytes], [jsonSize(request), jsonSize(response)]);
      assert.equal(event.trace?.name, 'tool.run');
      assert.deepEqual(event.trace?.outputs, { success: true, sum: 5 });
      assert.deepEqual(event.trace?.children.map((child) => [child.name, child.command, child.response]), [['dap.request', 'evaluate', 5]]);
    });

    it('records an answered call whole when the tools are withdrawn before its record came', async () => {
      const clock = { now: 1_000 };
      const store = new TraceStore();
      const recorder = new LanguageModelToolRecorder(store, () => clock.now);
      const input = { a: 1, b: 1 };
      const call = recorder.begin(chatClientOf(undefined), 'add', input);
      const run = await runTool(adder(clock), input, { signal: new AbortController().signal, source: 'language-model-tools', clientName: UNNAMED_CHAT_CLIENT });
      const recorded = call.finish(run.result, run.trace);
      recorder.endAll();
      await recorded;
      assert.deepEqual(store.query().map((event) => [event.method, event.status, event.latencyMs]), [['connection_start', 'ok', undefined], ['tools/call', 'ok', 5], ['connection_end', 'ok', undefined]]);
    });
  });

  it('records each call as the tools/call exchange an MCP client makes, with its trace, in one session per chat', async () => {
    const store = new TraceStore();
    const recorder = new LanguageModelToolRecorder(store);
    const tools = createTools(new FakeDebugBridge());
    const created = await call(recorder, tools, { sessionId: 'chat-A' }, 'create_debug_session', { language: 'python' });
    await call(recorder, tools, { sessionId: 'chat-A' }, 'list_debug_sessions', {});
    await call(recorder, tools, { sessionId: 'chat-B' }, 'list_debug_sessions', {});
    await call(recorder, tools, undefined, 'get_local_variables', { sessionId: created.sessionId });

    const sessions = store.listConnections();
    assert.deepEqual(sessions.map((session) => [session.source, session.transport, session.clientName]).sort(), [
      ['language-model-tools', 'in-process', 'VS Code chat'],
      ['language-model-tools', 'in-process', 'VS Code chat'],
      ['language-model-tools', 'in-process', UNNAMED_CHAT_CLIENT],
    ]);
    const chatA = store.query().filter((event) => event.method === 'tools/call' && event.connectionId === store.query({ tool: 'create_debug_session' })[0].connectionId);
    assert.deepEqual(chatA.map((event) => [event.tool, event.status]), [['create_debug_session', 'ok'], ['list_debug_sessions', 'ok']]);
    const [create] = chatA;
    assert.deepEqual(create.request, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'create_debug_session', arguments: { language: 'python' } } });
    assert.equal((create.response as { result: { structuredContent: { sessionId: string } } }).result.structuredContent.sessionId, created.sessionId);
    assert.equal(create.trace?.name, 'tool.run');
    assert.equal(create.trace?.tool, 'create_debug_session');
    const failed = store.query({ tool: 'get_local_variables' })[0];
    assert.equal(failed.status, 'error', 'a created session is not paused');
    assert.match(String(failed.error), /start_debugging/);
  });

  it('records a refusal of the wrapped tools as denied, with the same answer the MCP server gives', async () => {
    const store = new TraceStore();
    const recorder = new LanguageModelToolRecorder(store);
    const tools = applyToolPolicy(createTools(new FakeDebugBridge()), untrusted);
    const answer = await call(recorder, tools, undefined, 'evaluate_expression', { sessionId: 's1', expression: '1' });
    assert.equal(answer.denied, true);
    assert.match(String(answer.error), /^Denied: evaluate_expression runs an expression inside the debugged program, which is refused while this workspace is not trusted/);
    const [event] = store.query({ tool: 'evaluate_expression' });
    assert.equal(event.status, 'denied');
    assert.equal(event.error, answer.error);
    const guide = await call(recorder, applyToolPolicy([debuggingGuideTool], untrusted), undefined, 'get_debugging_guide', {});
    assert.equal(guide.success, true, 'the guide only reads: it is served in an untrusted workspace too');
  });

  it('opens the session again after the store was cleared', async () => {
    const store = new TraceStore();
    const recorder = new LanguageModelToolRecorder(store);
    const tools = createTools(new FakeDebugBridge());
    await call(recorder, tools, undefined, 'list_debug_sessions', {});
    store.clear();
    await call(recorder, tools, undefined, 'list_debug_sessions', {});
    assert.equal(store.listConnections().length, 1);
    assert.deepEqual(store.query().map((event) => event.method), ['connection_start', 'tools/call']);
  });

  it('keeps 20 chat sessions open and ends the least recently used one beyond', async () => {
    const store = new TraceStore();
    const recorder = new LanguageModelToolRecorder(store);
    const tools = createTools(new FakeDebugBridge());
    for (let chat = 1; chat <= 20; chat++) await call(recorder, tools, { sessionId: `chat-${chat}` }, 'list_debug_sessions', {});
    await call(recorder, tools, { sessionId: 'chat-1' }, 'list_supported_languages', {});
    await call(recorder, tools, { sessionId: 'chat-21' }, 'list_debug_sessions', {});
    const ended = store.listConnections().filter((session) => session.status === 'ended');
    assert.equal(ended.length, 1);
    const chat2 = store.query({ tool: 'list_debug_sessions' })[1].connectionId;
    assert.equal(ended[0].id, chat2, 'chat-2 was the least recently used');
    assert.equal(store.listConnections().filter((session) => session.status === 'active').length, 20);
  });

  it('reads the chat of a call from the invocation token, defensively', () => {
    assert.equal(chatClientOf(undefined).key, UNNAMED_CHAT_CLIENT);
    assert.equal(chatClientOf({}).key, UNNAMED_CHAT_CLIENT);
    assert.equal(chatClientOf({ sessionId: 'abc' }).key, 'chat:abc');
    assert.equal(chatClientOf({ sessionResource: { toString: () => 'vscode-chat-session://local/1' } }).key, 'chat:vscode-chat-session://local/1');
  });
});
