// How every JavaScript runner is run: node with the runner's bin script (node:test: the test file
// itself) in the project's root with colours off, and under the debugger with the js-debug fields
// every runner's session needs. A runner adds only its arguments and, under js-debug, its own fields.
import { staticTestNames } from './staticTestNames';
import type { ProcessResult, RunInvocation, RunnerInvocation, TestProject } from './testRunner';

/** js-debug fields every runner's debug session has. */
export const JS_DEBUG_FIELDS = {
  // runners that start workers (Vitest's forks, Jest without --runInBand) run the tests there
  autoAttachChildProcesses: true,
  skipFiles: ['<node_internals>/**', '**/node_modules/**'],
  console: 'internalConsole',
  // runners write their summaries with process.stdout/stderr, not console.*: keep them in output events
  outputCapture: 'std',
} as const;

/** Colours off: the output is parsed when there is no report, and read by an agent. */
export const NO_COLOR_ENV: Record<string, string> = { NO_COLOR: '1', FORCE_COLOR: '0' };

/** `node program args` in the project's root, colours off (a run without the debugger, to list tests). */
export function nodeInvocation(project: TestProject, program: string, args: string[]): RunnerInvocation {
  return { program, args, cwd: project.root, env: NO_COLOR_ENV };
}

/** The same run under js-debug: the fields every runner's session has, then the runner's own `configuration`. */
export function jsDebugInvocation(project: TestProject, program: string, args: string[], configuration: Record<string, unknown> = {}): RunnerInvocation {
  return { ...nodeInvocation(project, program, args), configuration: { ...JS_DEBUG_FIELDS, ...configuration } };
}

/**
 * The names of the file's tests as the runner's own listing gives them (`names` reads its run, and
 * answers undefined when the run says nothing it can read); the names in the file's text when the
 * listing cannot run or says nothing.
 */
export async function listedTestNames(project: TestProject, run: RunInvocation, listing: RunnerInvocation, names: (listed: ProcessResult) => string[] | undefined): Promise<string[]> {
  const listed = await run(listing).catch(() => undefined);
  return (listed && names(listed)) ?? staticTestNames(project.fileText);
}
