// The contract every test runner meets (pytest, unittest, Jest, Vitest, Mocha, node:test), one
// file per runner beside this one, for running one test under the debugger. Pure: no vscode import, so each runner's
// detection, invocation and report parsing are unit-testable; the bridge does the launching.

export type TestFramework = 'pytest' | 'unittest' | 'jest' | 'vitest' | 'mocha' | 'node:test';

export interface TestFailure {
  name: string;
  message: string;
  file?: string;
  line?: number;
}

export interface TestResult {
  status: 'passed' | 'failed' | 'error';
  passed: number;
  failed: number;
  failures: TestFailure[];
}

/** What detection reads of a project, gathered once per call from disk. */
export interface TestProject {
  /** The directory the runner runs in: the nearest folder above the file with a project file, else the workspace folder. */
  root: string;
  /** Absolute path of the test file. */
  file: string;
  fileText: string;
  /** Names of the entries of `root` (config files such as `jest.config.js`, `pytest.ini`, `.mocharc.yml`). */
  rootFiles: readonly string[];
  /** `root/package.json`, parsed, when there is one. */
  packageJson?: Record<string, unknown>;
  /** Text of `root`'s Python project files that can configure pytest (`pyproject.toml`, `setup.cfg`, `tox.ini`), by name. */
  pythonProjectFiles: Readonly<Record<string, string>>;
}

/** A program a runner runs, under the debugger or (to list tests) without it. */
export interface RunnerInvocation {
  /** Python: the module run with `-m` (without one, the interpreter runs `args` alone, e.g. `-c <code>`). */
  module?: string;
  /** JavaScript: the script node runs. */
  program?: string;
  /** The runner's arguments; a failure's relative `file` is read relative to `cwd`. */
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  /** Further debug configuration fields for the adapter (e.g. js-debug's `autoAttachChildProcesses`). */
  configuration?: Record<string, unknown>;
}

export interface ProcessResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

/** Runs an invocation without the debugger, bounded in time (the caller's runner of processes). */
export type RunInvocation = (invocation: RunnerInvocation) => Promise<ProcessResult>;

export interface TestRunner {
  readonly framework: TestFramework;
  readonly language: 'python' | 'javascript';
  /** How strongly the project points to this runner: 0 = not at all; the highest score wins. */
  detect(project: TestProject): number;
  /**
   * Runs the file's tests (only `testName` when given) and writes the runner's report to `reportPath`.
   * A runner the project has not installed throws an Error with a `packageName: string` field.
   */
  debugInvocation(project: TestProject, testName: string | undefined, reportPath: string): RunnerInvocation;
  /** The names of the file's tests, for an unknown test name's answer. */
  listTests(project: TestProject, run: RunInvocation): Promise<string[]>;
  /** The result from the report file's text (preferred) or else the debuggee's output; undefined when neither says. */
  parseResult(report: string | undefined, output: string): TestResult | undefined;
}
