// Running a test file's tests under the debugger with the project's own runner: read the project
// from disk, choose the runner, start its invocation in the session (Python through the Python
// debugger, JavaScript through js-debug) with the usual waits, and read the result from the
// runner's report (a temp file per session) or its output once the run ends.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { recordChildSpan } from '../trace/spanRecorder';
import type { ExecutionOutcome, TestOutcome, TestSpec, WaitOptions } from './debugBridge';
import { DebugError } from './debugErrors';
import type { LanguageRegistry } from './languageRegistry';
import type { ProgramExecution } from './programExecution';
import { SESSION_MARKER, type DebugRecord } from './sessionRegistry';
import { resolveSourcePath } from './sourceFiles';
import { LIST_TIMEOUT_MS, runInvocation } from './testRunners/runnerProcess';
import type { RunnerInvocation, TestProject, TestResult, TestRunner } from './testRunners/testRunner';
import { readTestProject } from './testRunners/testProjectReader';
import { chooseRunner } from './testRunners/testRunnerRegistry';

const REPORT_FOLDER = join(tmpdir(), 'mcp-live-debugger-tests');
/** After the end, how long the result may still wait for the runner's last output events. */
const OUTPUT_SETTLE_MS = 1000;
/** Listing a file's tests gets at least this long, even when the run used up the call's bound. */
const MIN_LIST_MS = 2000;
/** With no report yet when the run ended, how long to wait for the runner's main process (the root session) to end. */
const ROOT_END_WAIT_MS = 5000;

export class TestLaunch {
  /** By session: the watch of its last run's root session, replaced by its next run. */
  private readonly rootWatches = new Map<string, { dispose(): void }>();

  constructor(private readonly execution: ProgramExecution, private readonly languages: LanguageRegistry) {}

  async launch(record: DebugRecord, spec: TestSpec, wait: WaitOptions): Promise<TestOutcome> {
    const deadline = Date.now() + wait.timeoutMs;
    const file = resolveSourcePath(spec.file);
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
    const project = await readTestProject(file, folder?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
    const choice = await recordChildSpan(
      'testRunner.choose',
      { request: { file, root: project.root, rootFiles: project.rootFiles.slice(0, 50), ...(spec.framework ? { framework: spec.framework } : {}) } },
      () => Promise.resolve(chooseRunner(project, spec.framework)),
      (chosen) => ({ response: 'runner' in chosen ? { framework: chosen.runner.framework, language: chosen.runner.language } : { lookedFor: chosen.lookedFor } }),
    );
    if ('lookedFor' in choice) throw new DebugError({ kind: 'no_test_runner', file, root: project.root, lookedFor: choice.lookedFor, ...(spec.framework ? { named: spec.framework } : {}) });
    const runner = choice.runner;
    const language = this.languages.resolve(runner.language);
    if (!language?.installed) {
      throw new DebugError({ kind: 'debugger_missing', language: runner.language, displayName: language?.displayName ?? runner.language, ...(language?.requiredExtension ? { requiredExtension: language.requiredExtension } : {}) });
    }
    // an interpreter the session was created with counts for its own language only
    const executablePath = record.language === runner.language ? record.executablePath : undefined;
    record.language = runner.language;
    record.debugType = language.debugType;

    const reportPath = join(REPORT_FOLDER, `${record.id.replace(/[^\w-]/g, '_')}.report`);
    await mkdir(REPORT_FOLDER, { recursive: true });
    await rm(reportPath, { force: true });
    const invocation = invocationOf(runner, project, spec.testName, reportPath);
    const configuration = this.configurationOf(runner, invocation, executablePath, record.name);

    record.beginLaunch('launch');
    record.lastConfiguration = configuration;
    record.rerunPreLaunchTask = undefined;
    // read once per end of the run, and the report removed, so a restart of it never reads the last run's
    let read: { endCount: number; result: Promise<TestResult | undefined> } | undefined;
    const rootEnded = this.rootEnd(record);
    record.testRun = {
      configuration,
      result: () => {
        if (read?.endCount !== record.endCount) read = { endCount: record.endCount, result: this.result(record, runner, invocation, reportPath, rootEnded) };
        return read.result;
      },
    };
    const outcome = await this.settle(record, await this.execution.start(record, configuration, wait, false, folder), deadline, wait.signal);
    if (spec.testName !== undefined && record.ended && ranNothing(outcome.testResult)) {
      // the listing shares the call's bound, so the answer still comes within it
      const listing = { timeoutMs: Math.min(LIST_TIMEOUT_MS, Math.max(MIN_LIST_MS, deadline - Date.now())), signal: wait.signal };
      await this.requireKnownTest(runner, project, spec.testName, executablePath, listing);
    }
    return { ...outcome, configuration, framework: runner.framework, root: project.root, file, invocation };
  }

  /**
   * With no breakpoint, a start answers once the program runs: a test run (also restarted) waits on,
   * within the call's bound, for a stop or its end, so it can answer the result.
   */
  async settle(record: DebugRecord, outcome: ExecutionOutcome, deadline: number, signal: AbortSignal | undefined): Promise<ExecutionOutcome> {
    const testRunning = record.testRun !== undefined && record.testRun.configuration === record.lastConfiguration;
    if (!outcome.pending || !testRunning || Date.now() >= deadline) return outcome;
    await record.waitFor(() => record.state === 'paused' || record.ended, deadline - Date.now(), signal);
    return this.execution.outcome(record);
  }

  /** Deletes the session's report file. */
  async forget(record: DebugRecord): Promise<void> {
    this.rootWatches.get(record.id)?.dispose();
    await rm(join(REPORT_FOLDER, `${record.id.replace(/[^\w-]/g, '_')}.report`), { force: true }).catch(() => undefined);
  }

  private configurationOf(runner: TestRunner, invocation: RunnerInvocation, executablePath: string | undefined, name: string): Record<string, unknown> {
    const input = { scriptPath: invocation.program ?? '', args: invocation.args, cwd: invocation.cwd, env: invocation.env, executablePath, justMyCode: true };
    const configuration: Record<string, unknown> = { ...this.languages.launchConfiguration(runner.language, input, name) };
    if (invocation.module !== undefined) {
      delete configuration.program;
      configuration.module = invocation.module;
    }
    return { ...configuration, ...invocation.configuration };
  }

  /**
   * Resolves when VS Code ends the run's root session. A runner's worker (js-debug's child session)
   * can end the record while the runner's main process still writes its report.
   */
  private rootEnd(record: DebugRecord): Promise<void> {
    this.rootWatches.get(record.id)?.dispose();
    return new Promise((resolve) => {
      const end = (): void => {
        watch.dispose();
        if (this.rootWatches.get(record.id) === stop) this.rootWatches.delete(record.id);
        resolve();
      };
      const watch = vscode.debug.onDidTerminateDebugSession((vscodeSession) => {
        if (!vscodeSession.parentSession && vscodeSession.configuration[SESSION_MARKER] === record.id) end();
      });
      const stop = { dispose: end };
      this.rootWatches.set(record.id, stop);
    });
  }

  /** The runner's result from its report (or output), waiting briefly for the root session's end and output that trails the end. */
  private async result(record: DebugRecord, runner: TestRunner, invocation: RunnerInvocation, reportPath: string, rootEnded: Promise<void>): Promise<TestResult | undefined> {
    let report = await readFile(reportPath, 'utf8').catch(() => undefined);
    if (report === undefined) {
      await Promise.race([rootEnded, new Promise((resolve) => setTimeout(resolve, ROOT_END_WAIT_MS))]);
      report = await readFile(reportPath, 'utf8').catch(() => undefined);
    }
    await rm(reportPath, { force: true }).catch(() => undefined);
    let result = runner.parseResult(report, record.output.programText());
    if (!result && report === undefined) {
      await record.waitFor(() => runner.parseResult(undefined, record.output.programText()) !== undefined, OUTPUT_SETTLE_MS, undefined, 'output');
      result = runner.parseResult(undefined, record.output.programText());
    }
    if (!result) return undefined;
    return { ...result, failures: result.failures.map((failure) => (failure.file !== undefined && !isAbsolute(failure.file) ? { ...failure, file: resolve(invocation.cwd, failure.file) } : failure)) };
  }

  private async requireKnownTest(runner: TestRunner, project: TestProject, testName: string, executablePath: string | undefined, wait: WaitOptions): Promise<void> {
    const executable = executablePath ?? (runner.language === 'python' ? this.languages.defaultPython() : (this.languages.resolve(runner.language)?.defaultExecutable ?? 'node'));
    const known = await recordChildSpan(
      'testRunner.listTests',
      { request: { framework: runner.framework, file: project.file, executable } },
      () => runner.listTests(project, (invocation) => runInvocation(executable, invocation, wait.timeoutMs, wait.signal)),
      (names) => ({ response: { tests: names } }),
    ).catch((error: unknown) => {
      throw new DebugError({ kind: 'test_listing_failed', file: project.file, framework: runner.framework, problem: error instanceof Error ? error.message : String(error) });
    });
    const wanted = normalizeTestName(testName);
    if (!known.some((name) => normalizeTestName(name) === wanted)) throw new DebugError({ kind: 'unknown_test', file: project.file, testName, framework: runner.framework, known });
  }
}

/** The runner's invocation; a runner whose package the project lacks says so with the package's name (`packageName`). */
function invocationOf(runner: TestRunner, project: TestProject, testName: string | undefined, reportPath: string): RunnerInvocation {
  try {
    return runner.debugInvocation(project, testName, reportPath);
  } catch (error) {
    const packageName: unknown = error instanceof Error ? (error as Error & { packageName?: unknown }).packageName : undefined;
    if (typeof packageName !== 'string') throw error;
    throw new DebugError({ kind: 'test_runner_missing', file: project.file, root: project.root, framework: runner.framework, packageName });
  }
}

/** Runners name nesting with `::`, `.`, ` > ` or spaces; the names compare alike whichever the caller used. */
function normalizeTestName(name: string): string {
  return name.trim().replace(/::|\s+>\s+/g, '.');
}

function ranNothing(result: TestResult | undefined): boolean {
  return result === undefined || result.passed + result.failed === 0;
}
