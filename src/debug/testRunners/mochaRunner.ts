// Mocha: found by .mocharc.*, package.json's `mocha` key, a test script or dependency that names it,
// or an import of `mocha`. Debugged serially in the process js-debug launched, one test by --fgrep
// (a plain substring of the full title); the report is Mocha's json reporter written to a file.
import { SCORE, hasRootFile, scoreJavaScriptRunner, spacedTestName } from './javascriptDetection';
import { jsDebugInvocation, listedTestNames, nodeInvocation } from './javascriptInvocation';
import { errorMessage, parseJsonReport } from './javascriptReports';
import { dependsOn, requirePackageBin, testScript } from './nodePackages';
import { failureLocation } from './stackLocation';
import type { RunInvocation, TestFailure, TestProject, TestResult, TestRunner } from './testRunner';

const CONFIG_FILE = /^\.mocharc\.(?:js|cjs|mjs|json|jsonc|yaml|yml)$/;

interface MochaTest {
  title?: string;
  fullTitle?: string;
  file?: string;
  err?: { message?: string; stack?: string };
}

interface MochaReport {
  stats?: { passes?: number; failures?: number };
  failures?: MochaTest[];
  tests?: MochaTest[];
}

export const mochaRunner: TestRunner = {
  framework: 'mocha',
  language: 'javascript',

  detect(project) {
    return scoreJavaScriptRunner('mocha', project, (evidence) =>
      (hasRootFile(evidence, CONFIG_FILE) ? SCORE.configFile : 0)
      + (evidence.packageJson?.mocha !== undefined ? SCORE.packageJsonKey : 0)
      + (/\bmocha\b/.test(testScript(evidence.packageJson)) ? SCORE.testScript : 0)
      + (dependsOn(evidence.packageJson, 'mocha') ? SCORE.dependency : 0)
      + (/[\\/]test[\\/][^\\/]+$/.test(evidence.file) ? SCORE.naming : 0));
  },

  debugInvocation(project, testName, reportPath) {
    return jsDebugInvocation(project, requirePackageBin(project.root, 'mocha'), [
      project.file,
      // in the launched process, not parallel workers, and no timeout while it waits at a breakpoint
      '--no-parallel',
      '--timeout',
      '0',
      '--reporter',
      'json',
      '--reporter-option',
      `output=${reportPath}`,
      ...(testName === undefined ? [] : ['--fgrep', spacedTestName(testName)]),
    ]);
  },

  // Mocha's own listing: --dry-run reports every test without running it (the file is still loaded)
  async listTests(project: TestProject, run: RunInvocation) {
    return listedTestNames(project, run, nodeInvocation(project, requirePackageBin(project.root, 'mocha'), [project.file, '--no-parallel', '--dry-run', '--reporter', 'json']), (listed) => {
      const report = parseJsonReport<MochaReport>(listed.stdout.slice(Math.max(0, listed.stdout.indexOf('{'))));
      return report?.tests?.flatMap((test) => (test.fullTitle ? [test.fullTitle] : []));
    });
  },

  parseResult(report, output) {
    const parsed = parseJsonReport<MochaReport>(report);
    if (parsed?.stats) return fromReport(parsed);
    return fromSummary(output);
  },
};

function fromReport(report: MochaReport): TestResult {
  let hookFailures = 0;
  const failures: TestFailure[] = (report.failures ?? []).map((test) => {
    const testFile = test.file ?? '';
    const stack = test.err?.stack ?? test.err?.message ?? '';
    // a failing hook is reported as a failure titled `"before all" hook ...`
    if (/^"(?:before|after) (?:all|each)" hook/.test(test.title ?? '')) hookFailures++;
    const location = failureLocation(stack, testFile);
    return { name: test.fullTitle ?? test.title ?? '', message: test.err?.message ?? errorMessage(stack), file: location?.file ?? testFile, line: location?.line };
  });
  const failed = report.stats?.failures ?? failures.length;
  return { status: hookFailures > 0 ? 'error' : failed > 0 ? 'failed' : 'passed', passed: report.stats?.passes ?? 0, failed, failures };
}

/** Mocha's spec summary (`1 passing`, `1 failing`), when no report was written; an error when it did not get that far. */
function fromSummary(output: string): TestResult | undefined {
  const passing = /^\s*(\d+) passing/m.exec(output);
  const failing = /^\s*(\d+) failing/m.exec(output);
  if (!passing && !failing) return /\bError\b/.test(output) ? { status: 'error', passed: 0, failed: 0, failures: [] } : undefined;
  const failed = Number(failing?.[1] ?? 0);
  return { status: failed > 0 ? 'failed' : 'passed', passed: Number(passing?.[1] ?? 0), failed, failures: [] };
}
