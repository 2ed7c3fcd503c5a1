// Jest: found by jest.config.*, package.json's `jest` key, a test script or dependency that names
// it, or an import of @jest/globals. Debugged in band (the tests run in the process js-debug
// launched), one file by exact path, one test by --testNamePattern; the report is Jest's --json.
import { JS_DEBUG_FIELDS, NO_COLOR_ENV, SCORE, hasRootFile, literalPattern, scoreJavaScriptRunner } from './javascriptDetection';
import { errorMessage, parseJsonReport } from './javascriptReports';
import { dependsOn, requirePackageBin, testScript } from './nodePackages';
import { failureLocation } from './stackLocation';
import { staticTestNames } from './staticTestNames';
import type { RunnerInvocation, TestFailure, TestProject, TestResult, TestRunner } from './testRunner';

const CONFIG_FILE = /^jest\.config\.(?:js|cjs|mjs|ts|cts|mts|json)$/;
/** A day: no timeout while the program waits at a breakpoint (setTimeout overflows past 2^31-1 ms). */
const DEBUG_TEST_TIMEOUT_MS = 86_400_000;

interface JestAssertion {
  fullName?: string;
  title?: string;
  status?: string;
  failureMessages?: string[];
  location?: { line: number; column: number } | null;
}

interface JestFileResult {
  name?: string;
  status?: string;
  message?: string;
  testExecError?: { message?: string; stack?: string };
  assertionResults?: JestAssertion[];
}

interface JestReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numRuntimeErrorTestSuites?: number;
  testResults?: JestFileResult[];
}

export const jestRunner: TestRunner = {
  framework: 'jest',
  language: 'javascript',

  detect(project) {
    return scoreJavaScriptRunner('jest', project, (evidence) =>
      (hasRootFile(evidence, CONFIG_FILE) ? SCORE.configFile : 0)
      + (evidence.packageJson?.jest !== undefined ? SCORE.packageJsonKey : 0)
      + (/\bjest\b/.test(testScript(evidence.packageJson)) ? SCORE.testScript : 0)
      + (dependsOn(evidence.packageJson, 'jest') ? SCORE.dependency : 0)
      + (/[\\/]__tests__[\\/]/.test(evidence.file) ? SCORE.naming : 0));
  },

  debugInvocation(project, testName, reportPath) {
    return {
      program: requirePackageBin(project.root, 'jest'),
      args: [
        '--runInBand',
        '--watchAll=false',
        '--json',
        `--outputFile=${reportPath}`,
        '--testLocationInResults',
        `--testTimeout=${DEBUG_TEST_TIMEOUT_MS}`,
        ...(testName === undefined ? [] : [`--testNamePattern=${literalPattern(testName)}`]),
        // positional arguments are path patterns (regular expressions) unless this says they are paths
        '--runTestsByPath',
        project.file,
      ],
      cwd: project.root,
      env: NO_COLOR_ENV,
      configuration: { ...JS_DEBUG_FIELDS },
    } satisfies RunnerInvocation;
  },

  // `jest --listTests` lists files, not tests: the names come from the file's text
  async listTests(project: TestProject) {
    return staticTestNames(project.fileText);
  },

  parseResult(report, output) {
    const parsed = parseJsonReport<JestReport>(report);
    if (parsed) return fromReport(parsed);
    return fromSummary(output);
  },
};

function fromReport(report: JestReport): TestResult {
  const failures: TestFailure[] = [];
  let loadErrors = 0;
  for (const file of report.testResults ?? []) {
    const testFile = file.name ?? '';
    for (const assertion of file.assertionResults ?? []) {
      if (assertion.status !== 'failed') continue;
      const stack = (assertion.failureMessages ?? []).join('\n');
      const location = failureLocation(stack, testFile);
      failures.push({ name: assertion.fullName ?? assertion.title ?? '', message: errorMessage(stack), file: location?.file ?? testFile, line: location?.line ?? assertion.location?.line });
    }
    // a file that failed to load or run has no assertion results, only its error
    if (file.status === 'failed' && !(file.assertionResults ?? []).length) {
      loadErrors++;
      const stack = file.testExecError?.stack ?? file.message ?? '';
      const location = failureLocation(stack, testFile);
      failures.push({ name: testFile, message: errorMessage(file.testExecError?.message ?? file.message ?? ''), file: location?.file ?? testFile, line: location?.line });
    }
  }
  const failed = report.numFailedTests ?? 0;
  const errored = loadErrors > 0 || (report.numRuntimeErrorTestSuites ?? 0) > 0;
  return { status: errored ? 'error' : failed > 0 ? 'failed' : 'passed', passed: report.numPassedTests ?? 0, failed, failures };
}

/** Jest's closing summary, `Tests: 1 failed, 1 passed, 2 total`, when no report was written. */
function fromSummary(output: string): TestResult | undefined {
  const summary = /^Tests:\s+(.+)$/m.exec(output);
  if (!summary) return /Test Suites:.*\bfailed\b/.test(output) ? { status: 'error', passed: 0, failed: 0, failures: [] } : undefined;
  const count = (word: string): number => Number(new RegExp(`(\\d+) ${word}`).exec(summary[1])?.[1] ?? 0);
  const failed = count('failed');
  return { status: failed > 0 ? 'failed' : 'passed', passed: count('passed'), failed, failures: [] };
}
