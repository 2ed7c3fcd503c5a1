// Issue 13: in a workspace the user has not trusted, a language model tool that runs code is
// refused exactly as over MCP. Runs only in an untrusted window, which the in-host tier (started
// with --disable-workspace-trust) is not: test/e2e/untrustedLanguageModelTools.test.mjs starts one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ok, stopAllDebugSessions } from './debuggerSupport';
import { languageModelCaller, offered } from './languageModelToolSupport';
import { activateExtension, callTool, connectSdkClient, fixturePath, until } from './support';

// defined only in an untrusted window: in the trusted in-host run it would check nothing, and a
// skip counts as a failure under CI; the e2e test asserts that it ran and passed there
(vscode.workspace.isTrusted ? () => undefined : describe)('untrusted workspace: language model tools', function () {
  this.timeout(60_000);

  after(async () => {
    await vscode.workspace.getConfiguration('mcpLiveDebugger').update('languageModelTools', undefined, vscode.ConfigurationTarget.Global);
    await stopAllDebugSessions();
  });

  it('refuses start_debugging and evaluate_expression as denied, with the MCP server\'s answer, and keeps inspection working', async () => {
    const api = await activateExtension();
    await vscode.workspace.getConfiguration('mcpLiveDebugger').update('languageModelTools', 'always', vscode.ConfigurationTarget.Global);
    await until(offered, Boolean, 'our language model tools are offered');
    const client = await connectSdkClient('untrusted-language-model-tools');
    try {
      const sessionId = (await ok(languageModelCaller, 'create_debug_session', { language: 'mock' })).sessionId as string;
      // by what each call does, as over MCP: an inline attach and a test run too (port 9: nothing listens there)
      for (const [tool, input] of [
        ['start_debugging', { sessionId, scriptPath: fixturePath('tools_suite.mock') }],
        ['start_debugging', { sessionId, configurationName: 'Node: launch_env (envFile, preLaunchTask)' }],
        ['restart_debugging', { sessionId }],
        ['debug_test', { sessionId, file: fixturePath('pytest_project/test_swap.py') }],
        ['create_debug_session', { language: 'python', name: 'untrusted language model attach', port: 9, timeoutMs: 2_000 }],
        ['set_breakpoint', { sessionId, file: fixturePath('tools_suite.mock'), line: 2, condition: '1 == 1' }],
        ['evaluate_expression', { sessionId, expression: '1 + 1' }],
      ] as const) {
        const viaLanguageModel = await languageModelCaller(tool, input);
        assert.equal(viaLanguageModel.success, false, `${tool} ${JSON.stringify(input)}: ${JSON.stringify(viaLanguageModel)}`);
        assert.equal(viaLanguageModel.denied, true, `${tool} ${JSON.stringify(input)}`);
        assert.match(String(viaLanguageModel.error), new RegExp(`^Denied: ${tool}.*not trusted.*Manage Workspace Trust`));
        assert.deepEqual(viaLanguageModel, await callTool(client, tool, input), `${tool}: the same answer as over MCP`);
      }
      assert.equal((await languageModelCaller('list_debug_sessions')).success, true, 'inspection keeps working');
      const denied = api.traceStore.query({ tool: 'start_debugging', status: 'denied' }).map((event) => api.traceStore.getConnection(event.connectionId)?.source);
      assert.deepEqual(denied.sort(), ['debugger', 'debugger', 'language-model-tools', 'language-model-tools']);
      assert.equal(vscode.debug.activeDebugSession, undefined, 'nothing was started');
    } finally {
      await client.close();
    }
  });
});
