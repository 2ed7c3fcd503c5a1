// Continue to one line: a temporary breakpoint there for the length of one continue, removed
// however the wait ends (reached, stopped elsewhere first, program ended, bound elapsed).
import type { BreakpointManager } from './breakpointManager';
import type { ExecutionOutcome, WaitOptions } from './debugBridge';
import type { ProgramExecution } from './programExecution';
import type { DebugRecord } from './sessionRegistry';
import { resolveSourcePath } from './sourceFiles';

export async function runToLine(
  record: DebugRecord,
  target: { file: string; line: number },
  wait: WaitOptions,
  parts: { breakpoints: BreakpointManager; execution: ProgramExecution },
): Promise<ExecutionOutcome & { reached: boolean }> {
  const temporary = await parts.breakpoints.addTemporary(record, target.file, target.line);
  try {
    const outcome = await parts.execution.resume(record, 'continue', wait);
    const reached = outcome.state === 'paused' && outcome.location?.line === target.line && outcome.location.file === resolveSourcePath(target.file);
    return { ...outcome, reached };
  } finally {
    if (temporary) parts.breakpoints.removeTemporary(temporary);
  }
}
