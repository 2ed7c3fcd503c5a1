// Every error the debug layer raises, in one place, as facts: a kind and the data that describes
// it, with no tool names and no advice. The tool layer words each kind for the agent once
// (src/mcp/debugErrorWording.ts). Each kind belongs to one of the stable codes tool results carry.
import type { ExceptionFilterInfo, SessionOrigin, SessionState } from './debugBridge';

/** What tools and agents branch on; several kinds share a code. */
export type DebugErrorCode =
  | 'unknown_session'
  | 'wrong_state'
  | 'unknown_language'
  | 'file_not_found'
  | 'bad_line'
  | 'bad_reference'
  | 'unsupported'
  | 'unknown_filter'
  | 'adapter_error'
  | 'launch_failed'
  | 'unknown_configuration'
  | 'no_test_runner'
  | 'unknown_test';

export interface SessionSummary {
  id: string;
  name: string;
  state: SessionState;
}

export type DebugFact =
  /** No session has this id. */
  | { kind: 'unknown_session'; sessionId: string; known: readonly SessionSummary[] }
  /** The session is in a state the call cannot work in. */
  | { kind: 'wrong_state'; sessionId: string; state: SessionState; needed: readonly SessionState[] }
  /** The session has no running program to send a request to. */
  | { kind: 'no_program'; sessionId: string; state: SessionState }
  /** The program runs but reports no threads (yet). */
  | { kind: 'no_threads'; sessionId: string }
  /** There is no launch configuration to start again: the session was never launched, or was attached. */
  | { kind: 'never_launched'; sessionId: string; mode?: 'launch' | 'attach' }
  | { kind: 'unknown_language'; language: string; installed: readonly string[] }
  /** The language is known, but no debugger for it is installed. */
  | { kind: 'debugger_missing'; language: string; displayName: string; requiredExtension?: string }
  /** A source file cannot be read: missing, not a file, or too large. */
  | { kind: 'file_not_found'; path: string; problem: 'missing' | 'not_a_file' | 'too_large'; bytes?: number; workspaceFolder?: string }
  /** The program to launch cannot be read. */
  | { kind: 'program_not_found'; path: string; workspaceFolder?: string }
  | { kind: 'line_out_of_range'; path: string; line: number; lineCount: number }
  | { kind: 'bad_frame'; frameId: number; adapterMessage: string }
  | { kind: 'bad_variables_reference'; variablesReference: number; adapterMessage: string }
  | { kind: 'bad_thread'; threadId: number; adapterMessage: string }
  | { kind: 'evaluation_failed'; expression: string; frameId?: number; adapterMessage: string }
  /** The debug adapter answered a request with a failure (or never answered it). */
  | { kind: 'adapter_refused'; command: string; adapterMessage: string }
  /**
   * Detaching would not leave the program running: the adapter of a launched program does not
   * honour `terminateDebuggee: false` (`unsupported`, nothing was sent), or it refused the disconnect.
   */
  | { kind: 'cannot_detach'; sessionId: string; reason: 'unsupported' | 'refused'; adapterMessage?: string }
  /**
   * The program runs without debugging (its configuration says noDebug): no debugger is attached
   * to pause, step or inspect it. `command` is the DAP request its adapter refused, with its words.
   */
  | { kind: 'runs_without_debugging'; sessionId: string; startedBy: SessionOrigin; command?: string; adapterMessage?: string }
  /** Exception filter ids the session's adapter does not offer. */
  | { kind: 'unknown_exception_filter'; sessionId: string; unknown: readonly string[]; available: readonly ExceptionFilterInfo[] }
  /** Hot code replace works on Java sessions only. */
  | { kind: 'not_java'; sessionId: string; language: string }
  | { kind: 'hot_code_replace_missing'; extension: string }
  /** The classes directory of a hot code replace cannot be read. */
  | { kind: 'classes_dir_unreadable'; path: string; problem: string }
  /** VS Code did not start the debug session; `reason` is the adapter's or VS Code's when known. */
  | { kind: 'launch_failed'; language: string; reason?: string }
  /** No launch configuration or compound of the workspace has this name (in this folder). */
  | { kind: 'unknown_configuration'; name: string; folder?: string; known: readonly { name: string; folder: string; compound: boolean }[] }
  /** Several folders have a configuration of this name. */
  | { kind: 'ambiguous_configuration'; name: string; folders: readonly string[] }
  /** The configuration's preLaunchTask is not a task VS Code knows. */
  | { kind: 'unknown_task'; task: string; configuration: string; known: readonly string[] }
  /** The preLaunchTask ended with a non-zero exit code, or was still running when the wait ended (then it was terminated). */
  | { kind: 'task_failed'; task: string; configuration: string; exitCode?: number; timedOutAfterMs?: number; outputTail: readonly string[] }
  /** No test runner can run this file: none detected from the project, or the one named is not known. */
  | { kind: 'no_test_runner'; file: string; root: string; lookedFor: readonly string[]; named?: string }
  /** The runner the project uses is not installed where it runs (its package is in no node_modules at the root or above). */
  | { kind: 'test_runner_missing'; file: string; root: string; framework: string; packageName: string }
  /** The test name matches none of the file's tests (as the runner lists them). */
  | { kind: 'unknown_test'; file: string; testName: string; framework: string; known: readonly string[] }
  /** Listing the file's tests failed: the runner is missing or the file does not load. */
  | { kind: 'test_listing_failed'; file: string; framework: string; problem: string };

export type DebugErrorKind = DebugFact['kind'];

const CODES: { readonly [Kind in DebugErrorKind]: DebugErrorCode } = {
  unknown_session: 'unknown_session',
  wrong_state: 'wrong_state',
  no_program: 'wrong_state',
  no_threads: 'wrong_state',
  never_launched: 'wrong_state',
  unknown_language: 'unknown_language',
  debugger_missing: 'unknown_language',
  file_not_found: 'file_not_found',
  program_not_found: 'file_not_found',
  line_out_of_range: 'bad_line',
  bad_frame: 'bad_reference',
  bad_variables_reference: 'bad_reference',
  bad_thread: 'bad_reference',
  evaluation_failed: 'adapter_error',
  adapter_refused: 'adapter_error',
  cannot_detach: 'unsupported',
  runs_without_debugging: 'unsupported',
  unknown_exception_filter: 'unknown_filter',
  not_java: 'unsupported',
  hot_code_replace_missing: 'unsupported',
  classes_dir_unreadable: 'file_not_found',
  launch_failed: 'launch_failed',
  unknown_configuration: 'unknown_configuration',
  ambiguous_configuration: 'unknown_configuration',
  unknown_task: 'launch_failed',
  task_failed: 'launch_failed',
  no_test_runner: 'no_test_runner',
  test_runner_missing: 'no_test_runner',
  unknown_test: 'unknown_test',
  test_listing_failed: 'launch_failed',
};

/** The one error type of the debug layer: a fact, and its code. */
export class DebugError extends Error {
  readonly code: DebugErrorCode;

  constructor(readonly fact: DebugFact) {
    const { kind, ...data } = fact;
    super(`${kind} ${JSON.stringify(data)}`);
    this.name = 'DebugError';
    this.code = CODES[kind];
  }
}

/** The adapter's own words from a failed request, whatever shape the failure took. */
export function adapterMessageOf(error: unknown): string {
  if (error instanceof DebugError && error.fact.kind === 'adapter_refused') return error.fact.adapterMessage;
  if (error instanceof DebugError && error.fact.kind === 'runs_without_debugging' && error.fact.adapterMessage !== undefined) return error.fact.adapterMessage;
  return error instanceof Error ? error.message : String(error);
}
