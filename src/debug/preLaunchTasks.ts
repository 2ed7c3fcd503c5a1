// Runs a configuration's preLaunchTask through VS Code's task system before the debug session
// starts, so a failure is answered (the task, its exit code, its output's last lines) instead of
// VS Code's modal "preLaunchTask terminated with exit code" dialog, which would hold
// startDebugging until someone clicks it. The output is read through the task terminal's shell
// integration (the command's own output, no problem matcher); a task terminal is known by its
// process id, which the task system reports when the task's process starts.
import * as vscode from 'vscode';
import { recordChildSpan } from '../trace/spanRecorder';
import { DebugError } from './debugErrors';

const OUTPUT_TAIL_LINES = 20;
/** How long the output stream may trail the task's end. */
const OUTPUT_SETTLE_MS = 1000;

export interface TaskRun {
  task: string;
  exitCode: number;
  durationMs: number;
}

/** The task VS Code would run for `label`: a tasks.json label, or a provided task's "source: name" (e.g. "tsc: build - tsconfig.json"). */
export async function findTask(label: string, folder: vscode.WorkspaceFolder | undefined): Promise<vscode.Task | { known: string[] }> {
  const tasks = await vscode.tasks.fetchTasks();
  const labelOf = (task: vscode.Task) => [task.name, `${task.source}: ${task.name}`];
  const named = tasks.filter((task) => labelOf(task).includes(label));
  const inFolder = named.find((task) => folder === undefined || (typeof task.scope === 'object' && task.scope.uri.toString() === folder.uri.toString()));
  return inFolder ?? named[0] ?? { known: [...new Set(tasks.map((task) => (task.source === 'Workspace' ? task.name : `${task.source}: ${task.name}`)))] };
}

/**
 * Runs the task and waits (bounded) for its process to end. A non-zero exit, or a task still
 * running when the bound elapses (it is terminated then), fails with a `DebugError` carrying the
 * output's tail.
 */
export async function runPreLaunchTask(task: vscode.Task, label: string, configuration: string, timeoutMs: number, signal?: AbortSignal): Promise<TaskRun> {
  return recordChildSpan('vscode.tasks.executeTask', { request: { task: label, configuration } }, () => runTask(task, label, configuration, timeoutMs, signal), (run) => ({ response: run }));
}

async function runTask(task: vscode.Task, label: string, configuration: string, timeoutMs: number, signal?: AbortSignal): Promise<TaskRun> {
  const started = Date.now();
  const output = new TerminalOutputCapture();
  const disposables: vscode.Disposable[] = [output];
  let execution: vscode.TaskExecution | undefined;
  let processId: number | undefined;
  try {
    const ended = new Promise<number | undefined>((resolve) => {
      disposables.push(
        vscode.tasks.onDidStartTaskProcess((event) => {
          if (event.execution === execution || event.execution.task.name === task.name) processId = event.processId;
        }),
        vscode.tasks.onDidEndTaskProcess((event) => {
          if (event.execution === execution) resolve(event.exitCode);
        }),
        // a task without a process (e.g. a failed CustomExecution) only ends
        vscode.tasks.onDidEndTask((event) => {
          if (event.execution === execution) setTimeout(() => resolve(undefined), OUTPUT_SETTLE_MS);
        }),
      );
    });
    execution = await vscode.tasks.executeTask(task);
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      signal?.addEventListener('abort', () => resolve('timeout'), { once: true });
    });
    const exitCode = await Promise.race([ended, bound]).finally(() => clearTimeout(timer));
    if (exitCode === 'timeout') {
      execution.terminate();
      throw new DebugError({ kind: 'task_failed', task: label, configuration, timedOutAfterMs: timeoutMs, outputTail: await output.tail(processId) });
    }
    if (exitCode !== 0) {
      throw new DebugError({ kind: 'task_failed', task: label, configuration, ...(exitCode === undefined ? {} : { exitCode }), outputTail: await output.tail(processId) });
    }
    return { task: label, exitCode, durationMs: Date.now() - started };
  } finally {
    for (const disposable of disposables) disposable.dispose();
  }
}

/**
 * The output of every shell command that starts while the task runs. A task reuses the terminal
 * of an earlier task, whose name and process id the start event still reports; so the task's own
 * command is told by the terminal's process id once the task ended, and failing that by time (a
 * preLaunchTask runs while the debug start waits for it).
 */
class TerminalOutputCapture implements vscode.Disposable {
  private readonly reads: Array<{ terminal: vscode.Terminal; text: string; done: Promise<void> }> = [];
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.window.onDidStartTerminalShellExecution((event) => {
      const read = { terminal: event.terminal, text: '', done: Promise.resolve() };
      // read() only sees what is written after its first call: start it at once
      const stream = event.execution.read();
      read.done = (async () => {
        for await (const chunk of stream) read.text += chunk;
      })().catch(() => undefined);
      this.reads.push(read);
    });
  }

  /** The last lines of the task terminal's output. */
  async tail(processId: number | undefined): Promise<string[]> {
    const settled = (done: Promise<void>) => Promise.race([done, new Promise((resolve) => setTimeout(resolve, OUTPUT_SETTLE_MS))]);
    await Promise.all(this.reads.map((read) => settled(read.done)));
    const own: string[] = [];
    for (const read of this.reads) if (processId !== undefined && (await read.terminal.processId) === processId) own.push(read.text);
    const texts = own.length > 0 ? own : this.reads.map((read) => read.text);
    const lines = stripTerminalControls(texts.join('')).split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line.length > 0);
    return lines.slice(-OUTPUT_TAIL_LINES);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** Terminal output carries colour and cursor escapes; the agent reads text. */
function stripTerminalControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)/g, '').replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\r(?!\n)/g, '\n');
}
