// Projects started by their own launch.json (test/fixtures/workspace/.vscode): a configuration
// with a preLaunchTask and an envFile, a compound of two debuggers, a failing preLaunchTask, an
// unknown name, and a TypeScript project built by real tsc and debugged through its source maps;
// and a configuration of the user's settings.json, which Run and Debug offers in every window.
import * as assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { ok, reportTimeToPause, stopLocation, suiteAgent } from './debuggerSupport';
import { fixturePath } from './support';

const ENV_CONFIGURATION = 'Node: launch_env (envFile, preLaunchTask)';
const TS_CONFIGURATION = 'TypeScript: tsproject (tsc, source maps)';

describe('launch configurations: list_launch_configurations and start_debugging by configurationName', function () {
  this.timeout(240_000);
  const agent = suiteAgent('launch-configurations');
  const { call, session } = agent;

  it('lists every configuration and compound of the folder, as VS Code reads launch.json', async () => {
    const listed = await ok(call, 'list_launch_configurations');
    const configurations = listed.configurations as Array<{ name: string; type: string; request: string; folder: string; compound: boolean }>;
    const folder = fixturePath();
    assert.deepEqual(configurations.find((entry) => entry.name === ENV_CONFIGURATION), { name: ENV_CONFIGURATION, type: 'pwa-node', request: 'launch', folder, compound: false });
    assert.deepEqual(configurations.find((entry) => entry.name === 'Compound: Node and Python'), { name: 'Compound: Node and Python', type: 'compound', request: 'compound', folder, compound: true });
    assert.equal(configurations.length, 6);
  });

  it('starts a configuration by name: its preLaunchTask runs first, its envFile reaches the program, and a breakpoint stops it', async () => {
    rmSync(fixturePath('out', 'build-stamp.txt'), { force: true });
    // a session created for another language: the configuration's debugger wins
    const id = await session('python');
    await ok(call, 'set_breakpoint', { sessionId: id, file: fixturePath('launch_env.js'), line: 7 });
    const started = await ok(call, 'start_debugging', { sessionId: id, configurationName: ENV_CONFIGURATION, timeoutMs: 40_000 });
    assert.equal(started.state, 'paused', JSON.stringify(started));
    assert.deepEqual(stopLocation(started), { file: fixturePath('launch_env.js'), line: 7 });
    assert.equal((started.preLaunchTask as { task: string; exitCode: number }).task, 'fixture: write build stamp');
    assert.equal((started.preLaunchTask as { exitCode: number }).exitCode, 0);
    assert.equal(started.debugType, 'pwa-node');
    assert.equal(started.language, 'javascript');
    const greeting = await ok(call, 'evaluate_expression', { sessionId: id, expression: 'greeting' });
    assert.equal(greeting.result, "'hello from envFile'");
    const stamp = await ok(call, 'evaluate_expression', { sessionId: id, expression: 'stamp' });
    assert.equal(stamp.result, "'built by preLaunchTask'");
    const listed = await ok(call, 'list_debug_sessions');
    const shown = (listed.sessions as Array<{ id: string; language: string; debugType?: string }>).find((entry) => entry.id === id);
    assert.equal(shown?.debugType, 'pwa-node');
  });

  it('restart_debugging after a start by name runs the preLaunchTask again before the relaunch', async () => {
    const id = await session('javascript');
    await ok(call, 'set_breakpoint', { sessionId: id, file: fixturePath('launch_env.js'), line: 7 });
    await ok(call, 'start_debugging', { sessionId: id, configurationName: ENV_CONFIGURATION, timeoutMs: 40_000 });
    // the program read its stamp already; only the task can write it again
    rmSync(fixturePath('out', 'build-stamp.txt'), { force: true });
    const restarted = await ok(call, 'restart_debugging', { sessionId: id, timeoutMs: 40_000 });
    assert.equal(restarted.state, 'paused', JSON.stringify(restarted));
    assert.equal((restarted.preLaunchTask as { task: string }).task, 'fixture: write build stamp');
    assert.equal((restarted.preLaunchTask as { exitCode: number }).exitCode, 0);
    assert.equal(existsSync(fixturePath('out', 'build-stamp.txt')), true);
    const stamp = await ok(call, 'evaluate_expression', { sessionId: id, expression: 'stamp' });
    assert.equal(stamp.result, "'built by preLaunchTask'");
  });

  it('figures: start_debugging with configurationName, call → paused at a breakpoint (preLaunchTask and envFile included), median of 5', async () => {
    await reportTimeToPause(agent, 'start_debugging with configurationName (Node, shell preLaunchTask, envFile) call → paused', {
      language: 'javascript',
      breakpoint: { file: fixturePath('launch_env.js'), line: 7 },
      tool: 'start_debugging',
      args: { configurationName: ENV_CONFIGURATION, timeoutMs: 40_000 },
    });
  });

  it('overrides the configuration\'s env with the call\'s, keeping its envFile', async () => {
    const id = await session('javascript');
    await ok(call, 'set_breakpoint', { sessionId: id, file: fixturePath('launch_env.js'), line: 7 });
    const started = await ok(call, 'start_debugging', { sessionId: id, configurationName: ENV_CONFIGURATION, env: { MLD_FIXTURE_GREETING: 'hello from the call' }, timeoutMs: 40_000 });
    assert.equal(started.state, 'paused', JSON.stringify(started));
    const greeting = await ok(call, 'evaluate_expression', { sessionId: id, expression: 'greeting' });
    assert.equal(greeting.result, "'hello from the call'");
  });

  it('a compound starts every part in its own session, each driven by its own id', async () => {
    const id = await session('javascript');
    const started = await ok(call, 'start_debugging', { sessionId: id, configurationName: 'Compound: Node and Python', timeoutMs: 45_000 });
    const sessions = started.sessions as Array<{ sessionId: string; configurationName: string; state: string; location?: { file: string } }>;
    agent.track(...sessions.map((part) => part.sessionId).filter((partId) => partId !== id));
    assert.deepEqual(sessions.map((part) => [part.configurationName, part.state]), [
      ['Node: compound part (stop on entry)', 'paused'],
      ['Python: compound part (stop on entry)', 'paused'],
    ], JSON.stringify(started));
    assert.equal(sessions[0].sessionId, id);
    assert.notEqual(sessions[1].sessionId, id);
    const pythonStack = await ok(call, 'get_stack_trace', { sessionId: sessions[1].sessionId });
    assert.equal((pythonStack.stackFrames as Array<{ file: string }>)[0].file, fixturePath('swap_vars.py'));
    const nodeStack = await ok(call, 'get_stack_trace', { sessionId: id });
    assert.equal((nodeStack.stackFrames as Array<{ file: string }>)[0].file, fixturePath('swap_vars.js'));
    const listed = await ok(call, 'list_debug_sessions');
    const languages = (listed.sessions as Array<{ id: string; language: string }>).filter((entry) => sessions.some((part) => part.sessionId === entry.id)).map((entry) => entry.language).sort();
    assert.deepEqual(languages, ['javascript', 'python']);
  });

  it('a failing preLaunchTask answers success false with the task\'s name, exit code and output tail, and starts nothing', async () => {
    const id = await session('javascript');
    const result = await call('start_debugging', { sessionId: id, configurationName: 'Node: failing build', timeoutMs: 30_000 });
    assert.equal(result.success, false, JSON.stringify(result));
    assert.equal(result.task, 'fixture: failing build');
    assert.equal(result.exitCode, 2);
    const tail = result.outputTail as string[];
    assert.ok(tail.includes('launch_env.js(3,7): error FIX001: the build failed on purpose'), JSON.stringify(tail));
    assert.ok(tail.includes('compiling launch_env.js'), JSON.stringify(tail));
    assert.match(String(result.error), /preLaunchTask "fixture: failing build".*exit code 2/);
    assert.equal(result.state, 'created');
  });

  it('an unknown configuration name lists the known ones', async () => {
    const id = await session('javascript');
    const result = await call('start_debugging', { sessionId: id, configurationName: 'Node: no such thing' });
    assert.equal(result.success, false);
    assert.equal(result.code, 'unknown_configuration');
    assert.match(String(result.error), /No launch configuration named "Node: no such thing"/);
    assert.match(String(result.error), /"Node: launch_env \(envFile, preLaunchTask\)" in /);
    assert.match(String(result.error), /"Compound: Node and Python" \(compound\)/);
  });

  it('TypeScript: tsc builds with source maps, breakpoints on .ts lines bind, and stop, stack and breakpoints name the .ts file', async () => {
    rmSync(fixturePath('tsproject', 'out'), { recursive: true, force: true });
    const source = fixturePath('tsproject', 'src', 'greet.ts');
    const id = await session('javascript');
    await ok(call, 'set_breakpoint', { sessionId: id, file: source, line: 11 });
    const started = await ok(call, 'start_debugging', { sessionId: id, configurationName: TS_CONFIGURATION, timeoutMs: 55_000 });
    assert.ok(existsSync(fixturePath('tsproject', 'out', 'greet.js.map')), 'tsc wrote the source map');
    assert.equal(started.state, 'paused', JSON.stringify(started));
    assert.deepEqual(stopLocation(started), { file: source, line: 11 });
    const stack = await ok(call, 'get_stack_trace', { sessionId: id });
    const frames = stack.stackFrames as Array<{ name: string; file: string; line: number }>;
    assert.deepEqual({ file: frames[0].file, line: frames[0].line }, { file: source, line: 11 });
    assert.ok(frames.some((frame) => frame.file === source && frame.line === 16), JSON.stringify(frames));
    const breakpoints = await ok(call, 'list_breakpoints', { sessionId: id });
    assert.deepEqual((breakpoints.breakpoints as Array<{ file: string; line: number; verified: boolean }>).map(({ file, line, verified }) => ({ file, line, verified })), [{ file: source, line: 11, verified: true }]);
    const visits = await ok(call, 'evaluate_expression', { sessionId: id, expression: 'visits' });
    assert.equal(visits.result, '3');
  });

  it('lists the configurations of the user\'s settings (folder "user settings") and starts one by name, its variables resolved in the workspace folder', async () => {
    const name = 'User: mock program (user settings)';
    // VS Code registers `launch` as one setting: it is written whole
    const settings = vscode.workspace.getConfiguration();
    const before = settings.inspect<unknown>('launch')?.globalValue;
    const program = '${workspaceFolder}/tools_suite.mock';
    await settings.update('launch', { configurations: [{ name, type: 'mcp-live-debugger-mock', request: 'launch', program, stopOnEntry: true }] }, vscode.ConfigurationTarget.Global);
    try {
      const listed = await ok(call, 'list_launch_configurations');
      const configurations = listed.configurations as Array<{ name: string }>;
      assert.deepEqual(configurations.find((entry) => entry.name === name), { name, type: 'mcp-live-debugger-mock', request: 'launch', folder: 'user settings', compound: false });
      assert.equal(configurations.at(-1)?.name, name, 'after the workspace\'s own, as Run and Debug lists them');
      const id = await session('python');
      const started = await ok(call, 'start_debugging', { sessionId: id, configurationName: name, folder: 'user settings', timeoutMs: 30_000 });
      assert.equal(started.state, 'paused', JSON.stringify(started));
      assert.equal(stopLocation(started).file, fixturePath('tools_suite.mock'));
      assert.equal(started.debugType, 'mcp-live-debugger-mock');
    } finally {
      await settings.update('launch', before, vscode.ConfigurationTarget.Global);
    }
  });
});
