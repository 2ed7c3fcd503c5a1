// A Python run without debugging (Run Without Debugging, `noDebug: true`) through our debugpy
// adapter. debugpy differs from js-debug: it has no configuration phase then (no initialized event,
// so VS Code sends no configurationDone), and it refuses even threads ("Server is not available").
// The run is still listed as running and as one without debugging, and pause says why it cannot.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PYTHON_DEBUG_TYPE } from '../../src/debug/languageCatalog';
import { ok, suiteAgent, type ToolResult } from './debuggerSupport';
import { fixturePath, until } from './support';

describe('Python run without debugging', function () {
  this.timeout(120_000);
  const { call } = suiteAgent('debugger-python-no-debug');

  it('is listed running with noDebug, its output read, and pause answers that no debugger is attached, in debugpy\'s words', async () => {
    const name = 'python run without debugging';
    const program = fixturePath('ticker.py');
    assert.ok(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
      type: PYTHON_DEBUG_TYPE, request: 'launch', name, program, console: 'internalConsole',
    }, { noDebug: true }));
    const run = await until(
      async () => ((await ok(call, 'list_debug_sessions')).sessions as ToolResult[]).find((session) => session.name === name),
      (session) => session?.state === 'running',
      'list_debug_sessions lists the run as running (debugpy sends no initialized event without debugging)',
    ) as ToolResult;
    assert.deepEqual([run.startedBy, run.language, run.noDebug], ['user', 'python', true], JSON.stringify(run));
    const sessionId = String(run.id);
    await until(
      async () => ((await ok(call, 'get_output', { sessionId })).entries as { output: string }[]).map((entry) => entry.output.trim()),
      (lines) => lines.includes('tick 2'),
      'get_output shows the program ticking',
    );
    const pause = await call('pause_execution', { sessionId });
    assert.deepEqual([pause.success, pause.code, pause.state], [false, 'unsupported', 'running'], JSON.stringify(pause));
    assert.match(String(pause.error), new RegExp(`^Cannot call pause_execution: session ${sessionId} runs its program without debugging \\(noDebug: the user started it so\\), so no debugger is attached .*\\(its debug adapter refused threads: Server is not available\\)\\. get_output still reads its output\\. To debug it, ask the user to start it with Start Debugging \\(F5\\)`));
    const threads = await call('list_threads', { sessionId });
    assert.deepEqual([threads.success, threads.code], [false, 'unsupported'], JSON.stringify(threads));
    await ok(call, 'close_debug_session', { sessionId });
  });
});
