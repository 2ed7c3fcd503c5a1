// The pure parts behind answers that say what really happened: a language's availability from
// its debugger and toolchain, the changed .class files of a hot code replace, and its wording.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanClassFiles } from '../../src/debug/classFiles';
import { describeAvailability } from '../../src/debug/languageAvailability';
import { MOCK_DEBUG_TYPE, PYTHON_DEBUG_TYPE } from '../../src/debug/languageCatalog';
import { DebugError } from '../../src/debug/debugErrors';
import { createTools } from '../../src/mcp/tools';
import { describeHotCodeReplace } from '../../src/mcp/tools/miscTools';
import { FakeDebugBridge } from './toolsFakeBridge';
import { callNamedTool } from './toolCall';

const python = { id: 'python', displayName: 'Python (debugpy)', debugType: PYTHON_DEBUG_TYPE, installed: true, defaultExecutable: '/usr/bin/python3' };
const ours = { id: 'mcp-live-debugger.mcp-live-debugger', version: '0.1.0' };

describe('language availability: installed means a session can launch now', () => {
  it('reports Python available with debugpy\'s version, and unavailable with the reason when the toolchain lacks something', () => {
    const working = describeAvailability(python, ours, { problems: [], version: '1.8.0' });
    assert.deepEqual([working.installed, working.version, working.package, working.requiresExecutable], [true, '1.8.0', ours.id, true]);
    assert.deepEqual(working.modes, { launch: { supported: true, available: true }, attach: { supported: true, available: true } });
    const broken = describeAvailability(python, ours, { problems: ['/usr/bin/python3 cannot import debugpy (ModuleNotFoundError)'] });
    assert.equal(broken.installed, false);
    assert.deepEqual(broken.modes.launch, { supported: true, available: false, reason: '/usr/bin/python3 cannot import debugpy (ModuleNotFoundError)' });
    assert.deepEqual(broken.modes.attach, { supported: true, available: true }, 'attaching to a debugpy server needs no local interpreter');
    assert.equal(broken.version, undefined, 'no debugpy, no version');
  });

  it('names the extension to install when the debugger is missing, and says the mock debugger cannot attach', () => {
    const go = describeAvailability({ id: 'go', displayName: 'Go (Delve)', debugType: 'go', installed: false, requiredExtension: 'golang.go', defaultExecutable: 'dlv' }, undefined, { problems: [] });
    assert.equal(go.package, 'golang.go');
    assert.equal(go.installed, false);
    assert.match(String(go.modes.launch.reason), /install the extension golang\.go/);
    assert.match(go.description, /golang\.go \(not installed\)/);
    const mock = describeAvailability({ id: 'mock', displayName: 'Mock', debugType: MOCK_DEBUG_TYPE, installed: true }, ours, { problems: [] });
    assert.deepEqual([mock.installed, mock.requiresExecutable, mock.version], [true, false, '0.1.0']);
    assert.deepEqual([mock.modes.attach.supported, mock.modes.attach.available], [false, false]);
  });
});

describe('hot code replace: the .class files that changed, and an answer that claims no more', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'mld-classes-'));
    mkdirSync(join(folder, 'com', 'example'), { recursive: true });
    const files: Array<[string, number]> = [['com/example/Old.class', 1_000_000], ['com/example/New.class', 3_000_000], ['Top.class', 2_000_000], ['com/example/notes.txt', 4_000_000]];
    for (const [path, modifiedMs] of files) {
      writeFileSync(join(folder, path), 'x');
      utimesSync(join(folder, path), modifiedMs / 1000, modifiedMs / 1000);
    }
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('lists the .class files modified after sinceTimestamp, oldest first, with the newest time seen', async () => {
    const all = await scanClassFiles(folder, 0);
    assert.deepEqual(all.changed.map((change) => change.path), ['com/example/Old.class', 'Top.class', 'com/example/New.class'].map((path) => join(folder, path)));
    assert.equal(all.scannedFiles, 3, 'only .class files');
    assert.equal(all.newestTimestamp, 3_000_000);
    const recent = await scanClassFiles(folder, 1_500_000);
    assert.deepEqual(recent.changed.map((change) => change.path), [join(folder, 'Top.class'), join(folder, 'com/example/New.class')]);
    const none = await scanClassFiles(folder, 3_000_000);
    assert.deepEqual([none.changed, none.newestTimestamp], [[], 3_000_000]);
    await assert.rejects(scanClassFiles(join(folder, 'missing'), 0), /ENOENT/);
  });

  it('says which files changed and that the Java debugger picks the classes itself, or that it was not asked', () => {
    const asked = describeHotCodeReplace({ classesDir: '/c', sinceTimestamp: 5, changedClassFiles: ['/c/A.class'], scannedFiles: 4, newestTimestamp: 9, asked: true, command: 'java.debug.hotCodeReplace' });
    assert.match(String(asked.message), /^1 of 4 \.class file\(s\) under \/c changed since 5\. Asked the Java debugger's hot code replace \(java\.debug\.hotCodeReplace\), which finds the changed classes on its own/);
    assert.deepEqual([asked.changedClassFiles, asked.newestTimestamp, asked.hotCodeReplaceAsked], [['/c/A.class'], 9, true]);
    const idle = describeHotCodeReplace({ classesDir: '/c', sinceTimestamp: 9, changedClassFiles: [], scannedFiles: 4, newestTimestamp: 9, asked: false });
    assert.match(String(idle.message), /0 of 4 .*nothing to replace, the Java debugger was not asked/);
    assert.equal(idle.hotCodeReplaceAsked, false);
  });
});

describe('tool answers that claim no more than was done (fake bridge)', () => {
  const bridge = new FakeDebugBridge();
  const tools = createTools(bridge);
  const call = (name: string, input: Record<string, unknown> = {}): Promise<Record<string, unknown>> => callNamedTool(tools, name, input);

  it('a dry run with something missing fails, names it and starts nothing', async () => {
    const sessionId = (await call('create_debug_session', { language: 'python' })).sessionId as string;
    bridge.planLaunch = async () => ({ configuration: { type: 'x' }, missing: ['/opt/py cannot import debugpy'], notChecked: [] });
    const dry = await call('start_debugging', { sessionId, scriptPath: '/w/a.py', dryRunSpawn: true });
    assert.equal(dry.success, false);
    assert.equal(dry.error, 'Dry run: the launch would fail: /opt/py cannot import debugpy. Nothing was started.');
    assert.deepEqual((dry.data as { missing: string[] }).missing, ['/opt/py cannot import debugpy']);
    assert.ok(!bridge.calls.some((entry) => entry.startsWith('launch')));
  });

  it('a detach that leaves the program running says so, and one that could not is an error, not a claim', async () => {
    const sessionId = (await call('create_debug_session', { language: 'python' })).sessionId as string;
    bridge.setState(sessionId, 'running');
    const detached = await call('detach_from_process', { sessionId });
    assert.deepEqual([detached.detached, detached.terminated, detached.sessionEnded], [true, false, true]);
    assert.match(String(detached.message), /keeps running/);
    bridge.setState(sessionId, 'running');
    bridge.detach = async () => { throw new DebugError({ kind: 'cannot_detach', sessionId, reason: 'unsupported' }); };
    const refused = await call('detach_from_process', { sessionId });
    assert.equal(refused.success, false);
    assert.equal(refused.code, 'unsupported');
    assert.match(String(refused.error), /Cannot detach .* Nothing was sent; the program still runs under the debugger/);
  });
});
