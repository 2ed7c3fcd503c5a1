// What a VS Code debug session's configuration says, read through the sessions it was started
// from too: js-debug starts the target's session from its own, and a resolver of another
// extension (or an older js-debug) may leave a field of the parent's off the child's.
import type * as vscode from 'vscode';

/** Whether the configuration of the session, or of one it was started from, holds. */
export function inSessionOrParents(session: vscode.DebugSession, holds: (configuration: Record<string, unknown>) => boolean): boolean {
  for (let current: vscode.DebugSession | undefined = session; current; current = current.parentSession) {
    if (holds(current.configuration as Record<string, unknown>)) return true;
  }
  return false;
}

/**
 * A run without debugging (VS Code's Run Without Debugging, `noDebug: true`): the adapter only
 * runs the program, and nothing can pause it, read its stack or bind its breakpoints.
 */
export function runsWithoutDebugging(session: vscode.DebugSession): boolean {
  return inSessionOrParents(session, (configuration) => configuration.noDebug === true);
}
