// Vitest: found by vitest.config.*, a vite.config.* with a `test` section, a test script or
// dependency that names it, or an import of `vitest`. Debugged in one forked worker (the tests run
// there; js-debug attaches to it as a child process), one test by -t; the report is Vitest's JSON.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCORE, hasRootFile, literalPattern, scoreJavaScriptRunner } from './javascriptDetection';
import { jsDebugInvocation, listedTestNames, nodeInvocation } from './javascriptInvocation';
import { parseJsonReport, summaryCount } from './javascriptReports';
import { readJestShapedReport } from './jestShapedReport';
import { dependsOn, requirePackageBin, testScript } from './nodePackages';
import type { RunInvocation, TestFailure, TestProject, TestResult, TestRunner } from './testRunner';

const CONFIG_FILE = /^vitest\.config\.(?:js|cjs|mjs|ts|cts|mts)$/;
const VITE_CONFIG_FILE = /^vite\.config\.(?:js|cjs|mjs|ts|cts|mts)$/;

export const vitestRunner: TestRunner = {
  framework: 'vitest',
  language: 'javascript',

  detect(project) {
    return scoreJavaScriptRunner('vitest', project, (evidence) =>
      (hasRootFile(evidence, CONFIG_FILE) || viteConfigHasTest(evidence) ? SCORE.configFile : 0)
      + (/\bvitest\b/.test(testScript(evidence.packageJson)) ? SCORE.testScript : 0)
      + (dependsOn(evidence.packageJson, 'vitest') ? SCORE.dependency : 0));
  },

  debugInvocation(project, testName, reportPath) {
    return jsDebugInvocation(project, requirePackageBin(project.root, 'vitest'), [
      'run',
      project.file,
      // one worker, forked: js-debug attaches to it as a child process, and it is the only one
      '--pool=forks',
      '--no-file-parallelism',
      '--maxWorkers=1',
      // no timeout while the program waits at a breakpoint
      '--testTimeout=0',
      '--hookTimeout=0',
      '--includeTaskLocation',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportPath}`,
      ...(testName === undefined ? [] : [`--testNamePattern=${literalPattern(testName)}`]),
    ]);
  },

  // `vitest list` collects the file's tests (it imports the file, as a run would); its names join
  // groups with ' > ', -t matches them joined with a space. The file's text when it cannot run.
  async listTests(project: TestProject, run: RunInvocation) {
    return listedTestNames(project, run, nodeInvocation(project, requirePackageBin(project.root, 'vitest'), ['list', project.file, '--json']), (listed) =>
      (listed.exitCode === 0 ? parseListing(listed.stdout) : undefined));
  },

  parseResult(report, output) {
    return readJestShapedReport(report) ?? fromSummary(output);
  },
};

function viteConfigHasTest(project: TestProject): boolean {
  const name = project.rootFiles.find((entry) => VITE_CONFIG_FILE.test(entry));
  const path = name ? join(project.root, name) : undefined;
  if (!path || !existsSync(path)) return false;
  try {
    return /\btest\s*:/.test(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}

function parseListing(stdout: string): string[] | undefined {
  const start = stdout.indexOf('[');
  const entries = parseJsonReport<Array<{ name?: unknown }>>(start < 0 ? undefined : stdout.slice(start));
  if (!Array.isArray(entries)) return undefined;
  return entries.flatMap((entry) => (typeof entry.name === 'string' ? [entry.name.split(' > ').join(' ')] : []));
}

/**
 * Vitest's default reporter, when no report was written (yet): its closing count
 * `Tests  1 failed | 1 passed (2)` and a block per failure, `FAIL  swap.test.js > swap > exchanges
 * two values`, the error's first line, and `❯ swap.test.js:12:20` (relative to the project's root).
 */
function fromSummary(output: string): TestResult | undefined {
  const summary = /^\s*Tests\s+(.+)$/m.exec(output);
  if (!summary) return /Test Files\s+.*\bfailed\b|\bError\b/.test(output) ? { status: 'error', passed: 0, failed: 0, failures: [] } : undefined;
  const failed = summaryCount(summary[1], 'failed');
  return { status: failed > 0 ? 'failed' : 'passed', passed: summaryCount(summary[1], 'passed'), failed, failures: failureBlocks(output) };
}

function failureBlocks(output: string): TestFailure[] {
  const blocks = output.split(/^ FAIL {2}/m).slice(1);
  return blocks.flatMap((block) => {
    const [title, ...rest] = block.split('\n');
    const [file, ...names] = title.trim().split(' > ');
    if (!names.length) return [];
    const message = rest.find((line) => line.trim() !== '')?.trim() ?? '';
    const at = new RegExp(`^\\s*\u276f (.+?):(\\d+):\\d+$`, 'm').exec(rest.join('\n'));
    return [{ name: names.join(' '), message, file: at?.[1] ?? file, ...(at ? { line: Number(at[2]) } : {}) }];
  });
}
