// The JSON report Jest writes (`--json --outputFile`), which Vitest's json reporter writes in the
// same shape: one reader for both.
import { errorMessage, parseJsonReport } from './javascriptReports';
import { failureLocation } from './stackLocation';
import type { TestFailure, TestResult } from './testRunner';

interface ReportedAssertion {
  fullName?: string;
  title?: string;
  status?: string;
  failureMessages?: string[];
  location?: { line: number; column: number } | null;
}

interface ReportedFile {
  name?: string;
  status?: string;
  message?: string;
  /** Jest only: why the file could not load or run. */
  testExecError?: { message?: string; stack?: string };
  assertionResults?: ReportedAssertion[];
}

interface JestShapedReport {
  numPassedTests?: number;
  numFailedTests?: number;
  /** Jest only. */
  numRuntimeErrorTestSuites?: number;
  testResults?: ReportedFile[];
}

/** The result the report file's text gives, or undefined when there is no whole report (a run cut short). */
export function readJestShapedReport(text: string | undefined): TestResult | undefined {
  const report = parseJsonReport<JestShapedReport>(text);
  return report && resultOf(report);
}

function resultOf(report: JestShapedReport): TestResult {
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
