// Runs a runner's invocation without the debugger (to list a file's tests), bounded in time:
// `python [-m module] args` or `node program args`, in the invocation's folder.
import { execFile } from 'node:child_process';
import type { ProcessResult, RunnerInvocation } from './testRunner';

export const LIST_TIMEOUT_MS = 20_000;
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

/** `executable` is the session's interpreter or runtime. A run past `timeoutMs` is killed and answers exitCode null. */
export function runInvocation(executable: string, invocation: RunnerInvocation, timeoutMs = LIST_TIMEOUT_MS, signal?: AbortSignal): Promise<ProcessResult> {
  const args = [...(invocation.module !== undefined ? ['-m', invocation.module] : []), ...(invocation.program !== undefined ? [invocation.program] : []), ...invocation.args];
  return new Promise((resolve) => {
    execFile(
      executable,
      args,
      { cwd: invocation.cwd, env: { ...process.env, ...invocation.env }, timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, killSignal: 'SIGKILL', signal, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error && typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : error ? null : 0;
        const failure = error && code === null ? `\n${error.message}` : '';
        resolve({ stdout, stderr: `${stderr}${failure}`, exitCode: code });
      },
    );
  });
}
