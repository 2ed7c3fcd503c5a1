// node:test: the runner of every file that imports `node:test` (nothing else runs such a file),
// helped by a test script `node --test`. Debugged as `node <file>` with the test runner's options:
// the file runs its tests in the process js-debug launched (under `node --test` the runner's parent
// process was seen to end before its reports were complete); one test by --test-name-pattern; the
// report is node's own JUnit reporter written to a file, beside the spec reporter on stdout.
import { SCORE, importedRunner, literalPattern, scoreJavaScriptRunner, spacedTestName } from './javascriptDetection';
import { jsDebugInvocation } from './javascriptInvocation';
import { errorMessage } from './javascriptReports';
import { parseJunitReport, type JunitCase } from './nodeJunitReport';
import { testScript } from './nodePackages';
import { testFunctionLocation } from './stackLocation';
import { staticTestNames, staticTests } from './staticTestNames';
import type { TestFailure, TestProject, TestResult, TestRunner } from './testRunner';

const NODE_TEST_SCRIPT = /\bnode\b[^&|;]*\s--test\b/;

export const nodeTestRunner: TestRunner = {
  framework: 'node:test',
  language: 'javascript',

  detect(project) {
    // without the import a file has no node:test functions to call: the script alone says nothing
    if (importedRunner(project.fileText) !== 'node:test') return 0;
    return scoreJavaScriptRunner('node:test', project, (evidence) => (NODE_TEST_SCRIPT.test(testScript(evidence.packageJson)) ? SCORE.testScript : 0));
  },

  debugInvocation(project, testName, reportPath) {
    return jsDebugInvocation(project, project.file, [], {
      // node's own options, before the program: js-debug passes runtimeArgs there
      runtimeArgs: [
        '--test-reporter=junit',
        `--test-reporter-destination=${reportPath}`,
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        ...(testName === undefined ? [] : namePatterns(project.fileText, testName).map((pattern) => `--test-name-pattern=${pattern}`)),
      ],
    });
  },

  // node has no dry run on Node 20: the names come from the file's text
  async listTests(project: TestProject) {
    return staticTestNames(project.fileText);
  },

  parseResult(report, output) {
    const parsed = parseJunitReport(report);
    if (parsed) return fromReport(parsed.cases, parsed.counts, output);
    return fromOutput(output);
  },
};

/**
 * Node 22 and later match a pattern against a test's full name (its suites' names and its own),
 * Node 20 against each test's and suite's own name; a test runs when one of the patterns matches.
 * So the full name of a test of the file, `swap exchanges two values`, also gives its own name
 * `exchanges two values`.
 */
export function namePatterns(fileText: string, testName: string): string[] {
  const fullName = spacedTestName(testName);
  const own = staticTests(fileText).find((test) => [...test.groups, test.name].join(' ') === fullName)?.name;
  return [...new Set([fullName, ...(own !== undefined ? [own] : [])])].map(literalPattern);
}

const isRunnerFrame = (file: string): boolean => file.startsWith('node:internal/test_runner') || file === 'node:async_hooks';

function fromReport(cases: readonly JunitCase[], counts: Record<string, number>, output: string): TestResult {
  let errors = 0;
  const failures: TestFailure[] = cases.flatMap((testCase) => {
    if (!testCase.failure) return [];
    // with --test a file that cannot load is one failed "test" named by the file's path
    const fileFailed = testCase.suites.length === 0 && /^(?:\/|[A-Za-z]:\\)/.test(testCase.name);
    if (fileFailed || testCase.failure.type === 'hookFailed') errors++;
    const stack = fileFailed ? output : testCase.failure.body;
    const location = testFunctionLocation(stack, isRunnerFrame);
    return [{
      name: [...testCase.suites, testCase.name].join(' '),
      message: (fileFailed ? outputError(output) : failureMessage(testCase.failure.body)) ?? testCase.failure.message,
      file: location?.file ?? (fileFailed ? testCase.name : undefined),
      line: location?.line,
    }];
  });
  const failed = counts.fail ?? failures.length;
  const passed = counts.pass ?? cases.filter((testCase) => !testCase.failure && !testCase.skipped).length;
  return { status: errors > 0 ? 'error' : failed > 0 ? 'failed' : 'passed', passed, failed, failures };
}

/** The failure's own error: node wraps it in ERR_TEST_FAILURE, with the test's error as its `cause`. */
function failureMessage(body: string): string | undefined {
  const cause = /\bcause: ([\s\S]*)$/.exec(body);
  const text = cause ? cause[1] : body.replace(/^Error \[ERR_TEST_FAILURE\]: /, '');
  const message = errorMessage(text.replace(/^\w*Error(?: \[[A-Z_]+\])?: /, '')).replace(/\n {2}/g, '\n').trim();
  return message || undefined;
}

/** The first error line of the output (a file that failed to load prints its error there). */
function outputError(output: string): string | undefined {
  return /^(?:\w*Error(?: \[[A-Z_]+\])?: .+)$/m.exec(output)?.[0];
}

/** Node's spec reporter's closing counts (`ℹ pass 1`, `ℹ fail 1`), when no report was written. */
function fromOutput(output: string): TestResult | undefined {
  const pass = /^\S*\s*pass (\d+)$/m.exec(output);
  const fail = /^\S*\s*fail (\d+)$/m.exec(output);
  if (!pass && !fail) {
    const error = outputError(output);
    return error ? { status: 'error', passed: 0, failed: 0, failures: [{ name: '', message: error }] } : undefined;
  }
  const failed = Number(fail?.[1] ?? 0);
  return { status: failed > 0 ? 'failed' : 'passed', passed: Number(pass?.[1] ?? 0), failed, failures: [] };
}
