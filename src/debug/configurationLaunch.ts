// Starting a configuration of launch.json by name. The configuration object is read as written,
// the call's overrides are merged in, and VS Code starts it in its folder, so variables, envFile,
// outFiles and postDebugTask resolve as for the user's own F5. The preLaunchTask runs first
// through the task system (preLaunchTasks.ts); a compound starts each part in its own session.
import type * as vscode from 'vscode';
import type { CompoundPartOutcome, ExecutionOutcome, LaunchConfigurationInfo, NamedLaunchOutcome, NamedLaunchSpec, WaitOptions } from './debugBridge';
import { isRecord } from '../common/isRecord';
import { DebugError } from './debugErrors';
import { LaunchConfigurationCatalog, type LaunchConfigurationEntry } from './launchConfigurationCatalog';
import { findTask, runPreLaunchTask, type TaskRun } from './preLaunchTasks';
import type { ProgramExecution } from './programExecution';
import type { DebugRecord } from './sessionRegistry';
import { resolveSourcePath } from './sourceFiles';

export interface ConfigurationLaunchDeps {
  execution: ProgramExecution;
  /** A new agent session for a compound's further parts. */
  createRecord(input: { language: string; name: string; debugType: string }): DebugRecord;
  languageOfDebugType(debugType: string): string;
}

interface PreparedStart {
  record: DebugRecord;
  entry: LaunchConfigurationEntry;
  configuration: Record<string, unknown>;
  /** The part's own preLaunchTask, when the tools ran it (a restart runs it again). */
  task?: vscode.Task;
}

export class ConfigurationLaunch {
  private readonly catalog = new LaunchConfigurationCatalog();

  constructor(private readonly deps: ConfigurationLaunchDeps) {}

  list(): LaunchConfigurationInfo[] {
    return this.catalog.list().map(({ name, type, request, folder, compound }) => ({ name, type, request, folder, compound }));
  }

  async launch(record: DebugRecord, spec: NamedLaunchSpec, wait: WaitOptions): Promise<NamedLaunchOutcome> {
    const deadline = Date.now() + wait.timeoutMs;
    const remaining = (): WaitOptions => ({ timeoutMs: Math.max(1, deadline - Date.now()), signal: wait.signal });
    const entry = this.catalog.find(spec.configurationName, spec.folder);
    const compoundTask = entry.compound ? await this.preLaunchTaskOf(entry, remaining()) : undefined;
    const parts = entry.compound ? (entry.parts ?? []).map((part) => this.catalog.find(part.name, part.folder ?? entry.workspaceFolder?.name)) : [entry];
    if (parts.length === 0) throw new DebugError({ kind: 'unknown_configuration', name: spec.configurationName, known: [] });
    // every task first, so a failing one leaves no session behind
    const configurations: Array<{ entry: LaunchConfigurationEntry; configuration: Record<string, unknown>; task?: vscode.Task }> = [];
    let firstTask: TaskRun | undefined = compoundTask?.run;
    for (const part of parts) {
      const task = await this.preLaunchTaskOf(part, remaining());
      firstTask ??= task?.run;
      const configuration = withOverrides(part.configuration ?? {}, entry.compound ? {} : spec);
      if (task?.run) delete configuration.preLaunchTask;
      configurations.push({ entry: part, configuration, task: task?.run ? task.task : undefined });
    }
    const prepared = configurations.map(({ entry: part, configuration, task }, index): PreparedStart => {
      const type = String(configuration.type);
      const language = this.deps.languageOfDebugType(type);
      const partRecord = index === 0 ? record : this.deps.createRecord({ language, name: part.name, debugType: type });
      // the configuration's debugger wins over the language the session was created with
      partRecord.debugType = type;
      partRecord.language = language;
      return { record: partRecord, entry: part, configuration, task };
    });
    const outcomes = await Promise.all(prepared.map((start) => this.start(start, remaining())));
    const first = outcomes[0];
    const outcome: NamedLaunchOutcome = { ...first, configuration: prepared[0].configuration };
    if (firstTask) outcome.preLaunchTask = firstTask;
    if (entry.compound) {
      outcome.sessions = outcomes.map((partOutcome, index): CompoundPartOutcome => ({ ...partOutcome, sessionId: prepared[index].record.id, configurationName: prepared[index].entry.name }));
    }
    return outcome;
  }

  private async start(start: PreparedStart, wait: WaitOptions): Promise<ExecutionOutcome> {
    const { record, entry, configuration, task } = start;
    record.beginLaunch('launch');
    record.lastConfiguration = configuration;
    const label = entry.preLaunchTask;
    record.rerunPreLaunchTask = task && label !== undefined ? (again) => runPreLaunchTask(task, label, entry.name, again.timeoutMs, again.signal) : undefined;
    return this.deps.execution.start(record, configuration, wait, configuration.stopOnEntry === true, entry.workspaceFolder);
  }

  /**
   * Runs the entry's preLaunchTask, unless it is a background task: VS Code itself waits for such
   * a task's problem matcher to say it is ready, so it stays in the configuration for VS Code.
   */
  private async preLaunchTaskOf(entry: LaunchConfigurationEntry, wait: WaitOptions): Promise<{ run?: TaskRun; task: vscode.Task } | undefined> {
    const label = entry.preLaunchTask;
    if (label === undefined) return undefined;
    const task = await findTask(label, entry.workspaceFolder);
    if ('known' in task) throw new DebugError({ kind: 'unknown_task', task: label, configuration: entry.name, known: task.known });
    if (task.isBackground) return { task };
    return { run: await runPreLaunchTask(task, label, entry.name, wait.timeoutMs, wait.signal), task };
  }
}

/** The configuration as written, with the call's program, arguments, environment and stop-on-entry in place of its own. */
function withOverrides(configuration: Record<string, unknown>, spec: Partial<NamedLaunchSpec>): Record<string, unknown> {
  const merged: Record<string, unknown> = structuredClone(configuration);
  if (spec.scriptPath !== undefined) merged.program = resolveSourcePath(spec.scriptPath);
  if (spec.args !== undefined) merged.args = spec.args;
  if (spec.cwd !== undefined) merged.cwd = resolveSourcePath(spec.cwd);
  if (spec.env !== undefined) merged.env = { ...(isRecord(merged.env) ? merged.env : {}), ...spec.env };
  if (spec.stopOnEntry !== undefined) merged.stopOnEntry = spec.stopOnEntry;
  return merged;
}
