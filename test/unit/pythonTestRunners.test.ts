import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJUnitReport } from '../../src/debug/testRunners/junitReport';
import { nodeIdOf, parseCollected, pytestRunner } from '../../src/debug/testRunners/pytestRunner';
import { runInvocation } from '../../src/debug/testRunners/runnerProcess';
import type { ProcessResult, RunnerInvocation, TestProject } from '../../src/debug/testRunners/testRunner';
import { readTestProject } from '../../src/debug/testRunners/testProjectReader';
import { chooseRunner } from '../../src/debug/testRunners/testRunnerRegistry';
import { parseUnittestOutput, unittestRunner } from '../../src/debug/testRunners/unittestRunner';

/** What pytest 7 wrote for a file with one passing test, a failing assert and a test that raised (xunit1). */
const PYTEST_REPORT = `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="2" skipped="0" tests="3" time="0.238"><testcase classname="test_s" name="test_ok" file="test_s.py" line="5" time="0.001" /><testcase classname="test_s" name="test_swap" file="test_s.py" line="7" time="0.001"><failure message="assert (2, 2) == (2, 1)&#10;  &#10;  At index 1 diff: 2 != 1">def test_swap():
&gt;       assert swap(1, 2) == (2, 1)
E       assert (2, 2) == (2, 1)

test_s.py:9: AssertionError</failure></testcase><testcase classname="test_s.TestK" name="test_m" file="test_s.py" line="10" time="0.000"><failure message="ValueError: boom &lt;&amp;&gt;">self = &lt;test_s.TestK object at 0x7f&gt;

    def test_m(self):
&gt;       raise ValueError("boom &lt;&amp;&gt;")
E       ValueError: boom &lt;&amp;&gt;

test_s.py:12: ValueError</failure></testcase><testcase classname="test_s" name="test_skipped" file="test_s.py" line="14"><skipped message="later" /></testcase></testsuite></testsuites>`;

/** What `python3.11 -m unittest` printed for a failing test, an erroring one, a skipped and a passing one. */
const UNITTEST_OUTPUT = `E.sF
======================================================================
ERROR: test_err (test_u.SwapTest.test_err)
----------------------------------------------------------------------
Traceback (most recent call last):
  File "/tmp/pyt/test_u.py", line 12, in test_err
    raise ValueError("bad\\nsecond line")
ValueError: bad
second line

======================================================================
FAIL: test_swap (test_u.SwapTest.test_swap)
----------------------------------------------------------------------
Traceback (most recent call last):
  File "/tmp/pyt/test_u.py", line 10, in test_swap
    self.assertEqual(swap(1, 2), (2, 1))
AssertionError: Tuples differ: (2, 2) != (2, 1)

First differing element 1:
2
1

----------------------------------------------------------------------
Ran 4 tests in 0.001s

FAILED (failures=1, errors=1, skipped=1)
`;

/** An unknown name: the loader's stand-in test errors, and no test of the file ran. */
const UNITTEST_UNKNOWN_NAME = `E
======================================================================
ERROR: nope (unittest.loader._FailedTest.nope)
----------------------------------------------------------------------
AttributeError: type object 'SwapTest' has no attribute 'nope'

----------------------------------------------------------------------
Ran 1 test in 0.000s

FAILED (errors=1)
`;

function project(fields: Partial<TestProject> & { file: string }): TestProject {
  return { root: '/w', fileText: '', rootFiles: [], pythonProjectFiles: {}, ...fields };
}

const fakeRun = (answer: ProcessResult, seen: RunnerInvocation[] = []) => async (invocation: RunnerInvocation): Promise<ProcessResult> => {
  seen.push(invocation);
  return answer;
};

describe('Python test runners: detection, invocation, listing and results', () => {
  describe('JUnit report (pytest --junitxml)', () => {
    it('counts passed and failed tests and reads each failure\'s message and crash location, entities decoded', () => {
      assert.deepEqual(readJUnitReport(PYTEST_REPORT), {
        status: 'failed',
        passed: 1,
        failed: 2,
        failures: [
          { name: 'test_swap', message: 'assert (2, 2) == (2, 1)\n  \n  At index 1 diff: 2 != 1', file: 'test_s.py', line: 9 },
          { name: 'test_m', message: 'ValueError: boom <&>', file: 'test_s.py', line: 12 },
        ],
      });
    });

    it('a report of no tests is an error, all passing is passed, and text that is no report answers undefined', () => {
      assert.deepEqual(readJUnitReport('<?xml version="1.0"?><testsuites><testsuite name="pytest" errors="0" failures="0" tests="0" /></testsuites>'), { status: 'error', passed: 0, failed: 0, failures: [] });
      assert.deepEqual(readJUnitReport('<testsuite><testcase classname="m" name="a"/><testcase classname="m" name="b"></testcase></testsuite>'), { status: 'passed', passed: 2, failed: 0, failures: [] });
      assert.equal(readJUnitReport('pytest: error: unrecognized arguments'), undefined);
    });

    it('a module that cannot be imported is a collection error: status error, no test counted as failed', () => {
      const xml = '<testsuites><testsuite errors="1"><testcase classname="" name="test_broken"><error message="collection failure">ImportError while importing test module</error></testcase></testsuite></testsuites>';
      assert.deepEqual(readJUnitReport(xml), { status: 'error', passed: 0, failed: 0, failures: [{ name: 'test_broken', message: 'collection failure' }] });
    });
  });

  describe('pytest', () => {
    it('scores the project: its config files first, then the file\'s imports, then plain test functions; only .py files with tests', () => {
      const fileText = 'def test_a():\n    assert True\n';
      assert.equal(pytestRunner.detect(project({ file: '/w/test_a.py', fileText, rootFiles: ['pytest.ini'] })), 10);
      assert.equal(pytestRunner.detect(project({ file: '/w/test_a.py', fileText, rootFiles: ['conftest.py'] })), 10);
      assert.equal(pytestRunner.detect(project({ file: '/w/test_a.py', fileText, pythonProjectFiles: { 'pyproject.toml': '[project]\nname="x"\n\n[tool.pytest.ini_options]\n' } })), 10);
      assert.equal(pytestRunner.detect(project({ file: '/w/test_a.py', fileText, pythonProjectFiles: { 'setup.cfg': '[tool:pytest]\n' } })), 10);
      assert.equal(pytestRunner.detect(project({ file: '/w/test_a.py', fileText: 'class TestSwap:\n    def test_x(self): pass\n', pythonProjectFiles: { 'tox.ini': '[pytest]\n' } })), 10);
      assert.equal(pytestRunner.detect(project({ file: '/w/swap.py', fileText: 'def swap(a, b):\n    return b, a\n', rootFiles: ['pytest.ini'] })), 0, 'a module without tests');
      assert.equal(pytestRunner.detect(project({ file: '/w/test_a.py', fileText: 'import pytest\n\n@pytest.fixture\ndef f(): pass\n\ndef test_f(f): pass\n' })), 8);
      assert.equal(pytestRunner.detect(project({ file: '/w/test_a.py', fileText: 'from x import y\n\ndef test_y():\n    assert y\n' })), 6);
      assert.equal(pytestRunner.detect(project({ file: '/w/test_a.py', fileText: 'import unittest\nclass T(unittest.TestCase):\n    pass\n' })), 2);
      assert.equal(pytestRunner.detect(project({ file: '/w/a.test.js', rootFiles: ['pytest.ini'], fileText: 'def test_x():' })), 0);
    });

    it('runs the file, or one test as its node id, writing the JUnit report (xunit1) with no cache or bytecode left behind', () => {
      const file = project({ file: '/w/tests/test_a.py' });
      assert.deepEqual(pytestRunner.debugInvocation(file, undefined, '/tmp/r.xml'), {
        module: 'pytest', args: ['/w/tests/test_a.py', '--junitxml=/tmp/r.xml', '-o', 'junit_family=xunit1', '-p', 'no:cacheprovider'], cwd: '/w', env: { PYTHONDONTWRITEBYTECODE: '1' },
      });
      assert.equal(pytestRunner.debugInvocation(file, 'TestSwap.test_x', '/tmp/r.xml').args[0], '/w/tests/test_a.py::TestSwap::test_x');
      assert.equal(nodeIdOf('test_x'), 'test_x');
      assert.equal(nodeIdOf('TestSwap::test_x'), 'TestSwap::test_x');
      assert.equal(nodeIdOf('test_x[1.5-2]'), 'test_x[1.5-2]', 'a parameter keeps its dots');
    });

    it('lists the file\'s tests from --collect-only -q, below the file', async () => {
      const collected = 'tests/test_a.py::test_one\ntests/test_a.py::TestK::test_two\ntests/test_a.py::test_p[1-2]\n\n3 tests collected in 0.02s\n';
      assert.deepEqual(parseCollected(collected), ['test_one', 'TestK::test_two', 'test_p[1-2]']);
      const seen: RunnerInvocation[] = [];
      const names = await pytestRunner.listTests(project({ file: '/w/tests/test_a.py' }), fakeRun({ stdout: collected, stderr: '', exitCode: 0 }, seen));
      assert.deepEqual(names, ['test_one', 'TestK::test_two', 'test_p[1-2]']);
      assert.deepEqual(seen[0], { module: 'pytest', args: ['--collect-only', '-q', '-p', 'no:cacheprovider', '/w/tests/test_a.py'], cwd: '/w', env: { PYTHONDONTWRITEBYTECODE: '1' } });
      assert.deepEqual(await pytestRunner.listTests(project({ file: '/w/test_a.py' }), fakeRun({ stdout: 'no tests collected in 0.01s\n', stderr: '', exitCode: 5 })), []);
      await assert.rejects(pytestRunner.listTests(project({ file: '/w/test_a.py' }), fakeRun({ stdout: '', stderr: '/usr/bin/python3: No module named pytest', exitCode: 1 })), /exited with 1: \/usr\/bin\/python3: No module named pytest/);
    });

    it('reads the result from the report, and without one says when pytest is missing', () => {
      assert.equal(pytestRunner.parseResult(PYTEST_REPORT, '')?.failed, 2);
      assert.deepEqual(pytestRunner.parseResult(undefined, '/usr/bin/python3: No module named pytest\n'), {
        status: 'error', passed: 0, failed: 0, failures: [{ name: 'pytest', message: 'No module named pytest: this interpreter has no pytest installed' }],
      });
      assert.equal(pytestRunner.parseResult(undefined, 'something else'), undefined);
    });
  });

  describe('unittest', () => {
    it('is detected for a unittest.TestCase file, and pytest wins where the project configures pytest', () => {
      const text = 'import unittest\n\nclass SwapTest(unittest.TestCase):\n    def test_x(self):\n        pass\n';
      assert.equal(unittestRunner.detect(project({ file: '/w/test_a.py', fileText: text })), 5);
      assert.equal(unittestRunner.detect(project({ file: '/w/test_a.py', fileText: 'def test_x():\n    pass\n' })), 0);
      const choice = (fields: Partial<TestProject>) => {
        const chosen = chooseRunner(project({ file: '/w/test_a.py', fileText: text, ...fields }), undefined);
        return 'runner' in chosen ? chosen.runner.framework : chosen.lookedFor;
      };
      assert.equal(choice({}), 'unittest');
      assert.equal(choice({ rootFiles: ['pytest.ini'] }), 'pytest');
    });

    it('runs the module below the root, or one test of it', () => {
      const file = project({ root: '/w', file: '/w/tests/unit/test_a.py' });
      assert.deepEqual(unittestRunner.debugInvocation(file, undefined, '/tmp/unused'), { module: 'unittest', args: ['tests.unit.test_a'], cwd: '/w', env: { PYTHONDONTWRITEBYTECODE: '1' } });
      assert.deepEqual(unittestRunner.debugInvocation(file, 'SwapTest.test_x', '/tmp/unused').args, ['tests.unit.test_a.SwapTest.test_x']);
    });

    it('lists the tests the loader finds, named below the module; a module it cannot load is a failure', async () => {
      const seen: RunnerInvocation[] = [];
      const file = project({ root: '/w', file: '/w/tests/test_a.py' });
      const names = await unittestRunner.listTests(file, fakeRun({ stdout: 'tests.test_a.SwapTest.test_one\ntests.test_a.SwapTest.test_two\n', stderr: '', exitCode: 0 }, seen));
      assert.deepEqual(names, ['SwapTest.test_one', 'SwapTest.test_two']);
      assert.equal(seen[0].module, undefined);
      assert.deepEqual([seen[0].args[0], seen[0].args[2]], ['-c', 'tests.test_a']);
      await assert.rejects(unittestRunner.listTests(file, fakeRun({ stdout: '', stderr: "ModuleNotFoundError: No module named 'tests.test_a'", exitCode: 3 })), /could not load tests\.test_a: ModuleNotFoundError/);
    });

    it('reads counts, names, messages and the innermost frame from its output', () => {
      assert.deepEqual(parseUnittestOutput(UNITTEST_OUTPUT), {
        status: 'failed',
        passed: 1,
        failed: 2,
        failures: [
          { name: 'SwapTest.test_err', message: 'ValueError: bad\nsecond line', file: '/tmp/pyt/test_u.py', line: 12 },
          { name: 'SwapTest.test_swap', message: 'AssertionError: Tuples differ: (2, 2) != (2, 1)\n\nFirst differing element 1:\n2\n1', file: '/tmp/pyt/test_u.py', line: 10 },
        ],
      });
      assert.deepEqual(parseUnittestOutput('.\n----------------------------------------------------------------------\nRan 1 test in 0.000s\n\nOK\n'), { status: 'passed', passed: 1, failed: 0, failures: [] });
      assert.equal(parseUnittestOutput('Traceback (most recent call last):\nImportError: x\n'), undefined, 'no summary: no result');
    });

    it('an unknown name is no test of the file: nothing passed or failed, the loader\'s error kept', () => {
      assert.deepEqual(parseUnittestOutput(UNITTEST_UNKNOWN_NAME), {
        status: 'error', passed: 0, failed: 0, failures: [{ name: 'nope', message: "AttributeError: type object 'SwapTest' has no attribute 'nope'" }],
      });
    });
  });

  describe('the registry', () => {
    it('a named framework wins over detection; a file nothing detects says which runners were looked for', () => {
      const chosen = chooseRunner(project({ file: '/w/test_a.py', rootFiles: ['pytest.ini'] }), 'unittest');
      assert.equal('runner' in chosen && chosen.runner.framework, 'unittest');
      assert.deepEqual(chooseRunner(project({ file: '/w/notes.txt' }), undefined), { lookedFor: ['pytest', 'unittest', 'jest', 'vitest', 'mocha', 'node:test'] });
    });
  });

  describe('reading the project from disk', () => {
    let folder: string;
    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'mld-test-project-'));
    });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    it('takes the nearest folder with a project file as the root, with its files, package.json and pytest configuration', async () => {
      mkdirSync(join(folder, 'service', 'tests'), { recursive: true });
      writeFileSync(join(folder, 'package.json'), '{"name":"outer"}');
      writeFileSync(join(folder, 'service', 'pyproject.toml'), '[tool.pytest.ini_options]\n');
      writeFileSync(join(folder, 'service', 'tests', 'test_a.py'), 'def test_a():\n    pass\n');
      const read = await readTestProject(join(folder, 'service', 'tests', 'test_a.py'), folder);
      assert.equal(read.root, join(folder, 'service'));
      assert.deepEqual([...read.rootFiles].sort(), ['pyproject.toml', 'tests']);
      assert.deepEqual(read.pythonProjectFiles, { 'pyproject.toml': '[tool.pytest.ini_options]\n' });
      assert.equal(read.packageJson, undefined);
      assert.equal(read.fileText, 'def test_a():\n    pass\n');
    });

    it('without a project file the workspace folder is the root; a package.json that is not JSON is none', async () => {
      mkdirSync(join(folder, 'a', 'b'), { recursive: true });
      writeFileSync(join(folder, 'a', 'b', 'test_x.py'), '');
      assert.equal((await readTestProject(join(folder, 'a', 'b', 'test_x.py'), folder)).root, folder);
      writeFileSync(join(folder, 'a', 'package.json'), '{ "name": ');
      const read = await readTestProject(join(folder, 'a', 'b', 'test_x.py'), folder);
      assert.deepEqual([read.root, read.packageJson], [join(folder, 'a'), undefined]);
      await assert.rejects(readTestProject(join(folder, 'missing.py'), folder), (error: Error & { code?: string }) => error.code === 'file_not_found');
    });
  });

  describe('the runner of processes', () => {
    it('runs the interpreter with the module or arguments in the invocation\'s folder and environment', async () => {
      const folder = tmpdir();
      const ran = await runInvocation(process.execPath, { args: ['-e', 'process.stdout.write(process.cwd() + " " + process.env.MLD_X); process.exit(3)'], cwd: folder, env: { MLD_X: 'y' } });
      assert.deepEqual(ran, { stdout: `${folder} y`, stderr: '', exitCode: 3 });
    });

    it('kills a run past its bound: exit code null', async () => {
      const started = Date.now();
      const ran = await runInvocation(process.execPath, { args: ['-e', 'setTimeout(() => {}, 60000)'], cwd: tmpdir() }, 300);
      assert.equal(ran.exitCode, null);
      assert.ok(Date.now() - started < 5000, `answered after ${Date.now() - started} ms`);
    });
  });
});
