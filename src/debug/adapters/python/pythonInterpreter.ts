import { execFile, execFileSync } from 'node:child_process';

const SYSTEM_PYTHON = '/usr/bin/python3';
const PATH_PYTHON = 'python3';
const PROBE_ARGS = ['-c', 'import debugpy'];
const PROBE_TIMEOUT_MS = 5000;

/**
 * Picks the interpreter our Python adapter runs when the caller names none: the system
 * `/usr/bin/python3` when it can import debugpy (Debian's python3-debugpy), else `python3` on
 * PATH. The probe runs once in the background at construction so the first session does not
 * pay for it; a caller that asks before it finished probes synchronously.
 */
export class DefaultPythonInterpreter {
  private resolved: string | undefined;

  constructor(private readonly candidate = SYSTEM_PYTHON) {
    execFile(candidate, PROBE_ARGS, { timeout: PROBE_TIMEOUT_MS }, (error) => {
      this.resolved ??= error ? PATH_PYTHON : candidate;
    });
  }

  get(): string {
    if (this.resolved === undefined) {
      try {
        execFileSync(this.candidate, PROBE_ARGS, { timeout: PROBE_TIMEOUT_MS, stdio: 'ignore' });
        this.resolved = this.candidate;
      } catch {
        this.resolved = PATH_PYTHON;
      }
    }
    return this.resolved;
  }
}
