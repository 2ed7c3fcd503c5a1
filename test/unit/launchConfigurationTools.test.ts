import * as assert from 'node:assert/strict';
import { DebugError } from '../../src/debug/debugErrors';
import type { NamedLaunchOutcome } from '../../src/debug/debugBridge';
import { wordDebugError } from '../../src/mcp/debugErrorWording';
import { fakeBridgeTools } from './toolCall';

describe('launch configuration tools against a fake bridge', () => {
  const fake = fakeBridgeTools();
  const { call, createdSession } = fake;

  it('list_launch_configurations answers every configuration with its name, type, request, folder and compound', async () => {
    fake.bridge.launchConfigurations.push({ name: 'All', type: 'compound', request: 'compound', folder: '/w', compound: true });
    const listed = await call('list_launch_configurations');
    assert.deepEqual(listed, {
      success: true,
      count: 2,
      configurations: [
        { name: 'Run app', type: 'debugpy', request: 'launch', folder: '/w', compound: false },
        { name: 'All', type: 'compound', request: 'compound', folder: '/w', compound: true },
      ],
    });
  });

  it('start_debugging needs scriptPath or configurationName, and takes only the overriding fields with a configuration', async () => {
    const id = await createdSession();
    assert.match(String((await call('start_debugging', { sessionId: id })).error), /Give scriptPath .* or configurationName/);
    assert.match(String((await call('start_debugging', { sessionId: id, scriptPath: '/w/a.py', folder: 'w' })).error), /folder only applies with configurationName/);
    assert.match(String((await call('start_debugging', { sessionId: id, configurationName: 'Run app', adapterLaunchConfig: { x: 1 } })).error), /adapterLaunchConfig cannot be given/);
    assert.deepEqual(fake.bridge.calls.filter((entry) => entry.startsWith('launch')), []);
  });

  it('start_debugging with configurationName starts it through the bridge and answers where it paused', async () => {
    const id = await createdSession();
    const started = await call('start_debugging', { sessionId: id, configurationName: 'Run app', timeoutMs: 1234 });
    assert.equal(started.success, true);
    assert.equal(started.state, 'paused');
    assert.equal(started.configurationName, 'Run app');
    assert.deepEqual(started.location, { file: '/w/a.py', line: 1, column: 1, function: 'f' });
    assert.ok(fake.bridge.calls.includes('launchConfiguration Run app wait=1234'), fake.bridge.calls.join());
  });

  it('a failing preLaunchTask answers success false with the task, its exit code and output tail', async () => {
    const id = await createdSession();
    fake.bridge.launchConfiguration = async (): Promise<NamedLaunchOutcome> => {
      throw new DebugError({ kind: 'task_failed', task: 'build', configuration: 'Run app', exitCode: 2, outputTail: ['error TS2322: nope'] });
    };
    const result = await call('start_debugging', { sessionId: id, configurationName: 'Run app' });
    assert.equal(result.success, false);
    assert.equal(result.task, 'build');
    assert.equal(result.exitCode, 2);
    assert.deepEqual(result.outputTail, ['error TS2322: nope']);
    assert.equal(result.code, 'launch_failed');
    assert.match(String(result.error), /preLaunchTask "build" of configuration "Run app" failed with exit code 2.*error TS2322: nope/);
  });

  it('words an unknown configuration with the known ones, and an ambiguous one with its folders', () => {
    const unknown = new DebugError({ kind: 'unknown_configuration', name: 'Nope', known: [{ name: 'Run app', folder: '/w', compound: false }, { name: 'All', folder: '/w', compound: true }] });
    assert.equal(unknown.code, 'unknown_configuration');
    assert.match(wordDebugError(unknown.fact, 'start_debugging'), /No launch configuration named "Nope"\. Known configurations: "Run app" in \/w; "All" \(compound\) in \/w\. Call list_launch_configurations/);
    const ambiguous = new DebugError({ kind: 'ambiguous_configuration', name: 'Run app', folders: ['/a', '/b'] });
    assert.match(wordDebugError(ambiguous.fact, 'start_debugging'), /\/a; \/b\. Give folder too/);
  });
});
