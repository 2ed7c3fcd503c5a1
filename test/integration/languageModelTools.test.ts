// Issue 13: the debugger's tools as VS Code language model tools, for Copilot where MCP is off.
// With chat.mcp.access "none" they appear in vscode.lm.tools and the swap scenario runs through
// vscode.lm.invokeTool; with MCP on and "auto" Copilot sees each tool once (through MCP).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ok, removeAllBreakpoints, stopAllDebugSessions } from './debuggerSupport';
import { contributedTools, LANGUAGE_MODEL_TOOL_PREFIX as PREFIX, languageModelCaller, offered } from './languageModelToolSupport';
import { activateExtension, callTool, connectSdkClient, fixturePath, startVscodeMcpClient, until } from './support';

interface Variable { name: string; value: string }

function valuesOf(result: Record<string, unknown>, ...names: string[]): string[] {
  const variables = result.variables as Variable[];
  return names.map((name) => variables.find((variable) => variable.name === name)?.value ?? `<no ${name}>`);
}

describe('language model tools (Copilot with MCP off)', function () {
  this.timeout(120_000);
  const settings = () => vscode.workspace.getConfiguration();
  const setMcpAccess = (value: string | undefined) => settings().update('chat.mcp.access', value, vscode.ConfigurationTarget.Global);
  const setOffer = (value: string | undefined) => settings().update('mcpLiveDebugger.languageModelTools', value, vscode.ConfigurationTarget.Global);

  before(async () => {
    await activateExtension();
  });
  after(async () => {
    await setOffer(undefined);
    await setMcpAccess(undefined);
    await settings().update('mcpLiveDebugger.tools.deny', undefined, vscode.ConfigurationTarget.Global);
    removeAllBreakpoints();
    await stopAllDebugSessions();
  });

  it('with chat.mcp.access "none" offers every tool with its MCP input schema, and the swap scenario runs through vscode.lm.invokeTool', async () => {
    const api = await activateExtension();
    await setMcpAccess('none');
    await until(offered, Boolean, 'our language model tools are offered');
    for (const entry of contributedTools()) {
      const listed = vscode.lm.tools.find((tool) => tool.name === entry.name);
      assert.deepEqual(listed?.inputSchema, entry.inputSchema, entry.name);
    }

    const call = languageModelCaller;
    const guide = await ok(call, 'get_debugging_guide');
    assert.match(String(guide.guide), /## The flow\n1\. `create_debug_session`/);

    const sessionId = (await ok(call, 'create_debug_session', { language: 'python', name: 'swap via language model tools' })).sessionId as string;
    try {
      await ok(call, 'set_breakpoint', { sessionId, file: 'swap_vars.py', line: 3 });
      const started = await ok(call, 'start_debugging', { sessionId, scriptPath: fixturePath('swap_vars.py') });
      assert.deepEqual([started.state, started.reason, (started.location as { line: number }).line], ['paused', 'breakpoint', 3], JSON.stringify(started));
      assert.deepEqual(valuesOf(await ok(call, 'get_local_variables', { sessionId }), 'a', 'b'), ['1', '2']);
      const steps = [await ok(call, 'step_over', { sessionId }), await ok(call, 'step_over', { sessionId })];
      assert.deepEqual(steps.map((step) => (step.location as { line: number }).line), [4, 5]);
      assert.deepEqual(valuesOf(await ok(call, 'get_local_variables', { sessionId }), 'a', 'b'), ['2', '2'], 'the swap lost the value of a');
      assert.equal((await ok(call, 'evaluate_expression', { sessionId, expression: 'a + b' })).result, '4');
      const ended = await ok(call, 'continue_execution', { sessionId });
      assert.equal(ended.state, 'stopped', JSON.stringify(ended));
      const output = await ok(call, 'get_output', { sessionId });
      assert.match((output.entries as { output: string }[]).map((entry) => entry.output).join(''), /after swap: x=2 y=2/);
    } finally {
      await call('close_debug_session', { sessionId });
    }

    const session = api.traceStore.listConnections().find((candidate) => candidate.source === 'language-model-tools');
    assert.ok(session, 'the calls have a session of source language-model-tools');
    assert.deepEqual([session.clientName, session.transport, session.status], ['language-model-tools', 'in-process', 'active']);
    // a call is recorded once its answer went back to VS Code, which may be after the caller has it
    const calls = await until(
      () => api.traceStore.query({ connectionId: session.id }).filter((event) => event.method === 'tools/call'),
      (recorded) => recorded.at(-1)?.tool === 'close_debug_session',
      'the last call is recorded',
    );
    const swapCalls = calls.slice(calls.findIndex((event) => event.tool === 'get_debugging_guide'));
    assert.deepEqual(swapCalls.map((event) => `${event.tool}:${event.status}`), [
      'get_debugging_guide:ok', 'create_debug_session:ok', 'set_breakpoint:ok', 'start_debugging:ok', 'get_local_variables:ok', 'step_over:ok', 'step_over:ok',
      'get_local_variables:ok', 'evaluate_expression:ok', 'continue_execution:ok', 'get_output:ok', 'close_debug_session:ok',
    ]);
    const step = swapCalls.find((event) => event.tool === 'step_over')!;
    assert.ok(step.trace?.children.some((child) => child.name === 'dap.request' && child.command === 'next'), 'the step\'s trace tree holds its DAP request');
    assert.ok((step.latencyMs ?? 0) > 0 && (step.requestBytes ?? 0) > 0 && (step.responseBytes ?? 0) > 0, JSON.stringify(step));
  });

  it('refuses a denied tool exactly as the MCP server does, recorded as denied', async () => {
    const api = await activateExtension();
    await setMcpAccess('none');
    await until(offered, Boolean, 'our language model tools are offered');
    await settings().update('mcpLiveDebugger.tools.deny', ['evaluate_*'], vscode.ConfigurationTarget.Global);
    const client = await connectSdkClient('language-model-tools-policy');
    try {
      const input = { sessionId: 'any', expression: '1' };
      const viaLanguageModel = await languageModelCaller('evaluate_expression', input);
      const viaMcp = await callTool(client, 'evaluate_expression', input);
      assert.equal(viaLanguageModel.denied, true);
      assert.deepEqual(viaLanguageModel, viaMcp);
      const denied = await until(
        () => api.traceStore.query({ tool: 'evaluate_expression', status: 'denied' }).slice(-2).map((event) => api.traceStore.getConnection(event.connectionId)?.source).sort(),
        (sources) => sources.includes('language-model-tools'),
        'the refused call is recorded',
      );
      assert.deepEqual(denied, ['debugger', 'language-model-tools']);
    } finally {
      await client.close();
      await settings().update('mcpLiveDebugger.tools.deny', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('with MCP on and "auto" withdraws them, so Copilot sees each tool once, through MCP', async () => {
    await setMcpAccess(undefined);
    await until(offered, (isOffered) => !isOffered, 'our language model tools are withdrawn');
    await startVscodeMcpClient();
    for (const tool of ['start_debugging', 'list_debug_sessions', 'evaluate_expression']) {
      const viaMcp = vscode.lm.tools.map((candidate) => candidate.name).filter((name) => name.startsWith('mcp_') && name.endsWith(`_${tool}`));
      assert.equal(viaMcp.length, 1, `${tool} is offered once through MCP: ${viaMcp.join(', ')}`);
      await assert.rejects(Promise.resolve(vscode.lm.invokeTool(`${PREFIX}${tool}`, { input: {}, toolInvocationToken: undefined })), /implementation/i, `${tool} is not offered as a language model tool`);
    }
  });

  it('"always" offers them beside MCP and "never" withdraws them even with MCP off', async () => {
    await setMcpAccess(undefined);
    await setOffer('always');
    await until(offered, Boolean, '"always" offers them with MCP on');
    await setMcpAccess('none');
    await setOffer('never');
    await until(offered, (isOffered) => !isOffered, '"never" withdraws them with MCP off');
    await setOffer(undefined);
    await until(offered, Boolean, '"auto" offers them again with MCP off');
  });
});
