import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, PythonProbe } from '../../src/debug/toolchainProbe';

describe('toolchain probe: what a launch needs, checked for real', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'mld-probe-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  function script(name: string, body: string, mode = 0o755): string {
    const path = join(folder, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, mode);
    return path;
  }

  it('finds executables by path and on PATH, and nothing that is missing, a folder or not executable', () => {
    const tool = script('mld-tool', 'exit 0');
    const notExecutable = script('mld-plain', 'exit 0', 0o644);
    assert.equal(findExecutable(tool), tool);
    assert.equal(findExecutable('mld-tool', `/nonexistent:${folder}`), tool);
    assert.equal(findExecutable('mld-missing', folder), undefined);
    assert.equal(findExecutable(notExecutable), undefined);
    assert.equal(findExecutable(folder), undefined);
    assert.equal(findExecutable('mld-tool', '.'), undefined, 'relative PATH entries are not searched');
  });

  it('says debugpy\'s version, a missing interpreter, or the import error of one without debugpy', async () => {
    const probe = new PythonProbe();
    const good = await probe.check(script('python-good', 'echo -n 1.8.0'));
    assert.deepEqual([good.debugpyVersion, good.problem], ['1.8.0', undefined]);
    const missing = await probe.check(join(folder, 'no-python'));
    assert.match(String(missing.problem), /the Python interpreter .*no-python was not found$/);
    const bare = await probe.check(script('python-bare', 'echo "ModuleNotFoundError: No module named \'debugpy\'" >&2; exit 1'));
    assert.match(String(bare.problem), /python-bare cannot import debugpy \(ModuleNotFoundError: No module named 'debugpy'\): install it with/);
  });

  it('runs each interpreter once within the cache period, and again after it', async () => {
    let now = 0;
    const probe = new PythonProbe(() => now);
    const counter = join(folder, 'runs');
    const interpreter = script('python-counted', `echo x >> ${counter}; echo -n 1.0`);
    await probe.check(interpreter);
    await probe.check(interpreter);
    const runs = () => readFileSync(counter, 'utf8').split('\n').filter(Boolean).length;
    assert.equal(runs(), 1);
    now = 31_000;
    await probe.check(interpreter);
    assert.equal(runs(), 2);
  });
});
