// Jest: found by jest.config.*, package.json's `jest` key, a test script or dependency that names
// it, or an import of @jest/globals. Debugged in band (the tests run in the process js-debug
// launched), one file by exact path, one test by --testNamePattern; the report is Jest's --json.
import { SCORE, hasRootFile, literalPattern, scoreJavaScriptRunner } from './javascriptDetection';
import { jsDebugInvocation } from './javascriptInvocation';
import { summaryCount } from './javascriptReports';
import { readJestShapedReport } from './jestShapedReport';
import { dependsOn, requirePackageBin, testScript } from './nodePackages';
import { staticTestNames } from './staticTestNames';
import type { TestProject, TestResult, TestRunner } from './testRunner';

const CONFIG_FILE = /^jest\.config\.(?:js|cjs|mjs|ts|cts|mts|json)$/;
/** A day: no timeout while the program waits at a breakpoint (setTimeout overflows past 2^31-1 ms). */
const DEBUG_TEST_TIMEOUT_MS = 86_400_000;

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
    return jsDebugInvocation(project, requirePackageBin(project.root, 'jest'), [
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
    ]);
  },

  // `jest --listTests` lists files, not tests: the names come from the file's text
  async listTests(project: TestProject) {
    return staticTestNames(project.fileText);
  },

  parseResult(report, output) {
    return readJestShapedReport(report) ?? fromSummary(output);
  },
};

/** Jest's closing summary, `Tests: 1 failed, 1 passed, 2 total`, when no report was written. */
function fromSummary(output: string): TestResult | undefined {
  const summary = /^Tests:\s+(.+)$/m.exec(output);
  if (!summary) return /Test Suites:.*\bfailed\b/.test(output) ? { status: 'error', passed: 0, failed: 0, failures: [] } : undefined;
  const failed = summaryCount(summary[1], 'failed');
  return { status: failed > 0 ? 'failed' : 'passed', passed: summaryCount(summary[1], 'passed'), failed, failures: [] };
}
