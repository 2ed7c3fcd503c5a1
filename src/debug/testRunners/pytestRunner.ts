// pytest: `python -m pytest <file>::<name>`, its result from the JUnit report it writes
// (--junitxml), its tests from `--collect-only -q`. The cache plugin and bytecode are off so a
// debug run leaves no .pytest_cache or __pycache__ in the user's project.
import { capMessage, readJUnitReport } from './junitReport';
import type { RunInvocation, RunnerInvocation, TestProject, TestResult, TestRunner } from './testRunner';
import { isPythonFile, NO_BYTECODE } from './testProjectFacts';

const NO_CACHE = ['-p', 'no:cacheprovider'];
/** pytest's default collection: test functions and Test classes (unittest cases included). */
const HAS_TESTS = /^\s*(async\s+)?def test|^class (Test|\w+\(.*TestCase)/m;

export const pytestRunner: TestRunner = {
  framework: 'pytest',
  language: 'python',

  detect(project: TestProject): number {
    // a module with no test in it is no test file, whatever the project configures
    if (!isPythonFile(project.file) || !HAS_TESTS.test(project.fileText)) return 0;
    if (project.rootFiles.includes('pytest.ini') || project.rootFiles.includes('conftest.py')) return 10;
    const files = project.pythonProjectFiles;
    if (/^\[tool\.pytest/m.test(files['pyproject.toml'] ?? '') || /^\[tool:pytest\]/m.test(files['setup.cfg'] ?? '') || /^\[pytest\]/m.test(files['tox.ini'] ?? '')) return 10;
    if (/^\s*(import pytest|from pytest\b|from _pytest\b)/m.test(project.fileText) || /@pytest\./.test(project.fileText)) return 8;
    // plain test functions: only pytest runs those; a unittest.TestCase it runs too, after unittest itself
    if (/^def test\w*\s*\(/m.test(project.fileText)) return 6;
    if (/^class \w+\s*\(.*TestCase\s*\)/m.test(project.fileText)) return 2;
    return 0;
  },

  debugInvocation(project: TestProject, testName: string | undefined, reportPath: string): RunnerInvocation {
    const target = testName === undefined ? project.file : `${project.file}::${nodeIdOf(testName)}`;
    return { module: 'pytest', args: [target, `--junitxml=${reportPath}`, '-o', 'junit_family=xunit1', ...NO_CACHE], cwd: project.root, env: { ...NO_BYTECODE } };
  },

  async listTests(project: TestProject, run: RunInvocation): Promise<string[]> {
    const listed = await run({ module: 'pytest', args: ['--collect-only', '-q', ...NO_CACHE, project.file], cwd: project.root, env: { ...NO_BYTECODE } });
    const names = parseCollected(listed.stdout);
    // 5: no tests collected, which is an answer too
    if (names.length === 0 && listed.exitCode !== 0 && listed.exitCode !== 5) {
      throw new Error(`pytest --collect-only exited with ${String(listed.exitCode)}: ${capMessage(`${listed.stdout}\n${listed.stderr}`.trim().split(/\r?\n/).slice(-8).join('\n'))}`);
    }
    return names;
  },

  parseResult(report: string | undefined, output: string): TestResult | undefined {
    const fromReport = report === undefined ? undefined : readJUnitReport(report);
    if (fromReport) return fromReport;
    // no report: pytest did not get as far as writing one (not installed, bad arguments)
    if (/No module named pytest/.test(output)) return { status: 'error', passed: 0, failed: 0, failures: [{ name: 'pytest', message: 'No module named pytest: this interpreter has no pytest installed' }] };
    return undefined;
  },
};

/** A test name as pytest's node id below the file: `Class.test` is taken as `Class::test`. */
export function nodeIdOf(testName: string): string {
  const bracket = testName.indexOf('[');
  const head = bracket >= 0 ? testName.slice(0, bracket) : testName;
  const tail = bracket >= 0 ? testName.slice(bracket) : '';
  return `${head.includes('::') ? head : head.replace(/\./g, '::')}${tail}`;
}

/** `--collect-only -q` prints one node id a line (`tests/test_x.py::Class::test`): the part after the file. */
export function parseCollected(stdout: string): string[] {
  const names: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const separator = line.indexOf('::');
    if (separator <= 0 || /\s/.test(line.slice(0, separator))) continue;
    names.push(line.slice(separator + 2).trim());
  }
  return names;
}
