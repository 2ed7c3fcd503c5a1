// The JavaScript runners of debug_test against the real runners: each fixture project of
// test/fixtures/workspace/tests-js/ is run here by its runner (Jest, Vitest, Mocha, node:test from
// the repo's node_modules, without the debugger) with the invocation the runner gives, and its
// real report is parsed. A broken copy of each project (a test file requiring a missing module)
// gives the load errors.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jestRunner } from '../../src/debug/testRunners/jestRunner';
import { mochaRunner } from '../../src/debug/testRunners/mochaRunner';
import { nodeTestRunner } from '../../src/debug/testRunners/nodeTestRunner';
import { RunnerNotInstalledError } from '../../src/debug/testRunners/nodePackages';
import type { ProcessResult, RunnerInvocation, TestProject, TestResult, TestRunner } from '../../src/debug/testRunners/testRunner';
import { staticTestNames } from '../../src/debug/testRunners/staticTestNames';
import { chooseRunner } from '../../src/debug/testRunners/testRunnerRegistry';
import { vitestRunner } from '../../src/debug/testRunners/vitestRunner';

const REPO = resolve(__dirname, '../..');
const FIXTURES = join(REPO, 'test/fixtures/workspace/tests-js');
const FAILING = 'swap exchanges two values';
const PASSING = 'swap keeps equal values';

interface Case {
  runner: TestRunner;
  folder: string;
  file: string;
  /** The failing test's assertion line. */
  line: number;
  /** How the runner's assertion words the failure. */
  message: RegExp;
  /** What the output alone says when there is no report (a run cut short before the runner wrote it). */
  fromOutput: TestResult | undefined;
}

const CASES: readonly Case[] = [
  { runner: jestRunner, folder: 'jest', file: 'swap.test.js', line: 11, fromOutput: { status: 'failed', passed: 1, failed: 1, failures: [] }, message: /^expect\(received\)\.toEqual\(expected\) \/\/ deep equality\n[\s\S]*\+ {3}2,/ },
  { runner: vitestRunner, folder: 'vitest', file: 'swap.test.js', line: 12, fromOutput: { status: 'failed', passed: 1, failed: 1, failures: [{ name: FAILING, message: 'AssertionError: expected [ 2, 2 ] to deeply equal [ 2, 1 ]', file: 'swap.test.js', line: 12 }] }, message: /^AssertionError: expected \[ 2, 2 \] to deeply equal \[ 2, 1 \]$/ },
  { runner: mochaRunner, folder: 'mocha', file: 'swap.spec.js', line: 12, fromOutput: undefined, message: /^Expected values to be strictly deep-equal:\n[\s\S]*\+ {3}2\n- {3}1/ },
  { runner: nodeTestRunner, folder: 'node-test', file: 'swap.test.js', line: 13, fromOutput: { status: 'failed', passed: 1, failed: 1, failures: [] }, message: /^Expected values to be strictly deep-equal:\n[\s\S]*\+ {3}2\n- {3}1/ },
];

function projectAt(root: string, file: string, fileText?: string): TestProject {
  const rootFiles = readdirSync(root);
  const packageJson = rootFiles.includes('package.json') ? (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>) : undefined;
  return { root, file: join(root, file), fileText: fileText ?? readFileSync(join(root, file), 'utf8'), rootFiles, packageJson, pythonProjectFiles: {} };
}

/** A project of no files on disk: what detection reads, given. */
function described(file: string, fileText: string, rootFiles: string[] = [], packageJson?: Record<string, unknown>): TestProject {
  return { root: '/projects/app', file: `/projects/app/${file}`, fileText, rootFiles, packageJson, pythonProjectFiles: {} };
}

/** Runs an invocation as the tool's runner of processes does, without the debugger: node [runtimeArgs] program args. */
function run(invocation: RunnerInvocation): Promise<ProcessResult> {
  const runtimeArgs = (invocation.configuration?.runtimeArgs as string[] | undefined) ?? [];
  return new Promise((done) => {
    execFile(process.execPath, [...runtimeArgs, invocation.program ?? '', ...invocation.args], { cwd: invocation.cwd, env: { ...process.env, ...invocation.env }, timeout: 90_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      done({ stdout, stderr, exitCode: error ? (typeof error.code === 'number' ? error.code : null) : 0 });
    });
  });
}

interface Run {
  report?: string;
  output: string;
  exitCode: number | null;
}

const reports = mkdtempSync(join(tmpdir(), 'mld-js-runners-'));
let reportCount = 0;

async function runTests(runner: TestRunner, project: TestProject, testName: string | undefined): Promise<Run> {
  const reportPath = join(reports, `${++reportCount}.report`);
  const result = await run(runner.debugInvocation(project, testName, reportPath));
  return { report: existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : undefined, output: `${result.stdout}${result.stderr}`, exitCode: result.exitCode };
}

/** At most `limit` at once: the machine is shared. */
async function inTurn<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  }));
  return results;
}

describe('JavaScript test runners: Jest, Vitest, Mocha, node:test', function () {
  this.timeout(240_000);
  const runs = new Map<string, Run>();
  const listed = new Map<string, string[]>();
  let broken: string;

  before(async () => {
    // a broken copy of every fixture project, under the repo so the runners resolve from its node_modules
    broken = mkdtempSync(join(REPO, 'test/fixtures/workspace/tests-js/.broken-'));
    const tasks: Array<() => Promise<void>> = [];
    for (const { runner, folder, file } of CASES) {
      const project = projectAt(join(FIXTURES, folder), file);
      // the passing test alone where a name reaches the runner in two patterns (see namePatterns)
      const named = runner === nodeTestRunner ? [['failing', FAILING], ['passing', PASSING]] as const : [['failing', runner === vitestRunner ? 'swap > exchanges two values' : FAILING]] as const;
      for (const [key, testName] of [['file', undefined], ...named] as const) {
        tasks.push(async () => void runs.set(`${folder}:${key}`, await runTests(runner, project, testName)));
      }
      tasks.push(async () => void listed.set(folder, await runner.listTests(project, run)));
      cpSync(join(FIXTURES, folder), join(broken, folder), { recursive: true });
      const text = readFileSync(join(broken, folder, file), 'utf8').replace(/require\('\.\/swap'\)|from '\.\/swap\.js'/, (found) => found.replace('swap', 'missing-module'));
      writeFileSync(join(broken, folder, file), text);
      tasks.push(async () => void runs.set(`${folder}:broken`, await runTests(runner, projectAt(join(broken, folder), file), undefined)));
    }
    await inTurn(tasks, 3);
  });
  after(() => {
    rmSync(reports, { recursive: true, force: true });
    if (broken) rmSync(broken, { recursive: true, force: true });
  });

  const resultOf = (runner: TestRunner, key: string): TestResult | undefined => {
    const found = runs.get(key);
    assert.ok(found, `no run ${key}`);
    return runner.parseResult(found.report, found.output);
  };

  for (const { runner, folder, file, line, message, fromOutput } of CASES) {
    const testFile = join(FIXTURES, folder, file);
    describe(runner.framework, () => {
      it('is the runner chosen for its fixture project', () => {
        const chosen = chooseRunner(projectAt(join(FIXTURES, folder), file), undefined);
        assert.equal('runner' in chosen ? chosen.runner.framework : chosen.lookedFor.join(), runner.framework);
      });

      it('reports the file\'s passing and failing test, the failure located at its assertion', () => {
        const result = resultOf(runner, `${folder}:file`);
        assert.equal(result?.status, 'failed', JSON.stringify(runs.get(`${folder}:file`)));
        assert.deepEqual({ passed: result.passed, failed: result.failed }, { passed: 1, failed: 1 });
        assert.deepEqual(result.failures.map(({ name, file: where, line: at }) => ({ name, file: where, line: at })), [{ name: FAILING, file: testFile, line }]);
        assert.match(result.failures[0].message, message);
        assert.doesNotMatch(result.failures[0].message, /^\s+at /m, 'the message has no stack frames');
      });

      it(`without a report, answers from the output: ${fromOutput ? 'its closing counts' : 'nothing (its json reporter prints none)'}`, () => {
        assert.deepEqual(runner.parseResult(undefined, runs.get(`${folder}:file`)?.output ?? ''), fromOutput);
      });

      it(`runs one test by its full name${runner === vitestRunner ? ' (given as Vitest prints it, swap > exchanges two values)' : ''}: the failing one alone`, () => {
        const result = resultOf(runner, `${folder}:failing`);
        assert.deepEqual(result && { status: result.status, passed: result.passed, failed: result.failed, names: result.failures.map((failure) => failure.name) }, { status: 'failed', passed: 0, failed: 1, names: [FAILING] });
      });

      if (runner === nodeTestRunner) {
        it('runs one test by its full name: the passing one alone', () => {
          const result = resultOf(runner, `${folder}:passing`);
          assert.deepEqual(result, { status: 'passed', passed: 1, failed: 0, failures: [] });
        });
      }

      it('lists the file\'s tests by the full names it runs them by', () => {
        assert.deepEqual(listed.get(folder), [PASSING, FAILING]);
      });

      it('answers error for a test file that cannot load, with the missing module', () => {
        const result = resultOf(runner, `${folder}:broken`);
        assert.equal(result?.status, 'error', JSON.stringify(runs.get(`${folder}:broken`)));
        assert.deepEqual({ passed: result.passed, failed: result.failed }, { passed: 0, failed: 0 });
        assert.match(result.failures.map((failure) => failure.message).join('\n') || runs.get(`${folder}:broken`)?.output || '', /missing-module/);
      });
    });
  }

  it('an unknown test name runs nothing: 0 passed, 0 failed (the tool then lists the file\'s tests)', async () => {
    const project = projectAt(join(FIXTURES, 'mocha'), 'swap.spec.js');
    const ran = await runTests(mochaRunner, project, 'swap rotates three values');
    assert.deepEqual(mochaRunner.parseResult(ran.report, ran.output), { status: 'passed', passed: 0, failed: 0, failures: [] });
  });
});

describe('JavaScript test runners: detection', () => {
  const scores = (project: TestProject) => Object.fromEntries([jestRunner, vitestRunner, mochaRunner, nodeTestRunner].map((runner) => [runner.framework, runner.detect(project)]));
  const GLOBALS_TEST = "describe('swap', () => { it('swaps', () => {}); });\n";

  it('scores each piece of evidence: config file, package.json key, test script, dependency', () => {
    assert.deepEqual(scores(described('swap.test.js', GLOBALS_TEST, ['jest.config.js', 'package.json'], { devDependencies: { jest: '^30' }, scripts: { test: 'jest --ci' } })), { jest: 100, vitest: 0, mocha: 0, 'node:test': 0 });
    assert.deepEqual(scores(described('swap.test.js', GLOBALS_TEST, ['package.json'], { jest: { testEnvironment: 'node' } })), { jest: 40, vitest: 0, mocha: 0, 'node:test': 0 });
    assert.deepEqual(scores(described('test/swap.js', GLOBALS_TEST, ['.mocharc.yml', 'package.json'], { mocha: { spec: 'test' }, devDependencies: { mocha: '^11' } })), { jest: 0, vitest: 0, mocha: 115, 'node:test': 0 });
    assert.deepEqual(scores(described('swap.test.ts', GLOBALS_TEST, ['vitest.config.ts'], { devDependencies: { vitest: '^4' } })), { jest: 0, vitest: 70, mocha: 0, 'node:test': 0 });
  });

  it('the file\'s imports win over the project: a vitest or node:test import in a Jest project', () => {
    const jestProject = (text: string) => described('swap.test.js', text, ['jest.config.js', 'package.json'], { devDependencies: { jest: '^30', vitest: '^4' }, scripts: { test: 'jest' } });
    assert.deepEqual(scores(jestProject("import { test, expect } from 'vitest';\n")), { jest: 0, vitest: 120, mocha: 0, 'node:test': 0 });
    assert.deepEqual(scores(jestProject("const { test } = require('node:test');\n")), { jest: 0, vitest: 0, mocha: 0, 'node:test': 100 });
    assert.deepEqual(scores(jestProject("import { expect, jest } from '@jest/globals';\n")), { jest: 200, vitest: 0, mocha: 0, 'node:test': 0 });
    const chosen = chooseRunner(jestProject("import test from 'node:test';\n"), undefined);
    assert.equal('runner' in chosen && chosen.runner.framework, 'node:test');
  });

  it('node:test needs its import: a `node --test` script alone says nothing, with the import it adds', () => {
    assert.equal(nodeTestRunner.detect(described('swap.test.js', GLOBALS_TEST, ['package.json'], { scripts: { test: 'node --test' } })), 0);
    assert.equal(nodeTestRunner.detect(described('swap.test.mjs', "import { test } from 'node:test';\n", ['package.json'], { scripts: { test: 'node --test test/' } })), 130);
  });

  it('a vite.config counts for Vitest only with a test section', () => {
    const root = mkdtempSync(join(tmpdir(), 'mld-vite-'));
    try {
      writeFileSync(join(root, 'vite.config.mjs'), "export default { plugins: [] };\n");
      writeFileSync(join(root, 'swap.test.js'), GLOBALS_TEST);
      assert.equal(vitestRunner.detect(projectAt(root, 'swap.test.js')), 0);
      writeFileSync(join(root, 'vite.config.mjs'), "export default { test: { environment: 'node' } };\n");
      assert.equal(vitestRunner.detect(projectAt(root, 'swap.test.js')), 50);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('no JavaScript runner claims a Python file, nor a JavaScript file with no evidence', () => {
    assert.deepEqual(scores(described('test_swap.py', "from vitest import x\nimport pytest\n", ['jest.config.js'], { devDependencies: { jest: '*' } })), { jest: 0, vitest: 0, mocha: 0, 'node:test': 0 });
    assert.deepEqual(scores(described('swap.test.js', GLOBALS_TEST)), { jest: 0, vitest: 0, mocha: 0, 'node:test': 0 });
  });
});

describe('JavaScript test runners: invocations', () => {
  const jestProject = projectAt(join(FIXTURES, 'jest'), 'swap.test.js');
  const vitestProject = projectAt(join(FIXTURES, 'vitest'), 'swap.test.js');
  const mochaProject = projectAt(join(FIXTURES, 'mocha'), 'swap.spec.js');
  const nodeProject = projectAt(join(FIXTURES, 'node-test'), 'swap.test.js');
  const JS_DEBUG = { autoAttachChildProcesses: true, skipFiles: ['<node_internals>/**', '**/node_modules/**'], console: 'internalConsole', outputCapture: 'std' };

  it('Jest: its bin from node_modules above the project, in band, by exact path, the name as a literal pattern', () => {
    assert.deepEqual(jestRunner.debugInvocation(jestProject, 'swap (1+2)', '/tmp/r.json'), {
      program: join(REPO, 'node_modules/jest/bin/jest.js'),
      args: ['--runInBand', '--watchAll=false', '--json', '--outputFile=/tmp/r.json', '--testLocationInResults', '--testTimeout=86400000', '--testNamePattern=swap \\(1\\+2\\)', '--runTestsByPath', jestProject.file],
      cwd: jestProject.root,
      env: { NO_COLOR: '1', FORCE_COLOR: '0' },
      configuration: JS_DEBUG,
    });
  });

  it('Vitest: one forked worker, no timeouts, the JSON reporter beside the default one', () => {
    const invocation = vitestRunner.debugInvocation(vitestProject, FAILING, '/tmp/r.json');
    assert.equal(invocation.program, join(REPO, 'node_modules/vitest/vitest.mjs'));
    assert.deepEqual(invocation.args, ['run', vitestProject.file, '--pool=forks', '--no-file-parallelism', '--maxWorkers=1', '--testTimeout=0', '--hookTimeout=0', '--includeTaskLocation', '--reporter=default', '--reporter=json', '--outputFile.json=/tmp/r.json', `--testNamePattern=${FAILING}`]);
    assert.deepEqual(invocation.configuration, JS_DEBUG);
  });

  it('Mocha: serial, no timeout, the json reporter to the report, the name as a plain substring', () => {
    const invocation = mochaRunner.debugInvocation(mochaProject, 'swap (1+2)', '/tmp/r.json');
    assert.equal(invocation.program, join(REPO, 'node_modules/mocha/bin/mocha.js'));
    assert.deepEqual(invocation.args, [mochaProject.file, '--no-parallel', '--timeout', '0', '--reporter', 'json', '--reporter-option', 'output=/tmp/r.json', '--fgrep', 'swap (1+2)']);
    assert.deepEqual(mochaRunner.debugInvocation(mochaProject, undefined, '/tmp/r.json').args.includes('--fgrep'), false);
  });

  it('node:test: the file run by node with the test runner\'s options, JUnit to the report, the full name and the name within its suite as patterns', () => {
    const invocation = nodeTestRunner.debugInvocation(nodeProject, FAILING, '/tmp/r.xml');
    assert.equal(invocation.program, nodeProject.file);
    assert.deepEqual(invocation.args, []);
    assert.deepEqual(invocation.configuration, {
      ...JS_DEBUG,
      runtimeArgs: ['--test-reporter=junit', '--test-reporter-destination=/tmp/r.xml', '--test-reporter=spec', '--test-reporter-destination=stdout', `--test-name-pattern=${FAILING}`, '--test-name-pattern=exchanges two values'],
    });
  });

  it('a runner that is not installed is said so, naming the package and the project', () => {
    const project = described('swap.test.js', GLOBALS_TEXT);
    assert.throws(() => jestRunner.debugInvocation(project, undefined, '/tmp/r.json'), (error: unknown) => error instanceof RunnerNotInstalledError && error.packageName === 'jest' && error.root === '/projects/app');
  });
});

const GLOBALS_TEXT = "describe('swap', () => { it('swaps', () => {}); });\n";

describe('JavaScript test runners: test names read from the file', () => {
  it('nests tests in their groups by the calls\' parentheses, with modifiers, and skips comments, strings and interpolated titles', () => {
    const text = [
      "// it('commented out', () => {})",
      "describe('outer', () => {",
      "  const note = \"it('in a string', () => {})\";",
      "  it.only('first', () => {});",
      "  describe.skip(\"inner (nested)\", function () {",
      "    test(`second`, async () => { await call(x(1), (y) => y); });",
      "    test(`third ${n}`, () => {});",
      "  });",
      "  specify('fourth', () => {});",
      "});",
      "test('top level', () => {});",
      "/* test('in a block comment', () => {}) */",
    ].join('\n');
    assert.deepEqual(staticTestNames(text), ['outer first', 'outer inner (nested) second', 'outer fourth', 'top level']);
  });
});
