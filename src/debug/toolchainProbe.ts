// Whether what a launch needs is on this machine: an executable found on disk or on PATH, and a
// Python interpreter that can import debugpy. No vscode import. Looking an executable up runs
// nothing; the Python check runs the interpreter (`-c "import debugpy"`, from the filesystem
// root, so no module of a workspace is imported) and is cached for a while per interpreter.
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

const PROBE_TIMEOUT_MS = 5000;
const PROBE_CACHE_MS = 30_000;
const DEBUGPY_PROBE = 'import debugpy, sys; sys.stdout.write(debugpy.__version__)';

/** The absolute path `command` runs: itself when it has a slash, else the first match on PATH. Undefined when not found or not executable. */
export function findExecutable(command: string, pathVariable = process.env.PATH ?? ''): string | undefined {
  const candidates = command.includes('/') ? [command] : pathVariable.split(delimiter).filter(Boolean).map((folder) => join(folder, command));
  for (const candidate of candidates) {
    if (!isAbsolute(candidate) && !command.includes('/')) continue;
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

export interface PythonCheck {
  interpreter: string;
  /** Where the interpreter is, when it was found. */
  path?: string;
  /** debugpy's version, when the interpreter imported it. */
  debugpyVersion?: string;
  /** What is missing, said plainly: the interpreter, or debugpy in it. */
  problem?: string;
}

/** Checks interpreters for debugpy, at most once per PROBE_CACHE_MS each. */
export class PythonProbe {
  private readonly cache = new Map<string, { at: number; check: Promise<PythonCheck> }>();

  constructor(private readonly now: () => number = Date.now) {}

  check(interpreter: string): Promise<PythonCheck> {
    const cached = this.cache.get(interpreter);
    if (cached && this.now() - cached.at < PROBE_CACHE_MS) return cached.check;
    const check = probe(interpreter);
    this.cache.set(interpreter, { at: this.now(), check });
    return check;
  }
}

function probe(interpreter: string): Promise<PythonCheck> {
  const path = findExecutable(interpreter);
  if (!path) return Promise.resolve({ interpreter, problem: `the Python interpreter ${interpreter} was not found${interpreter.includes('/') ? '' : ' on PATH'}` });
  return new Promise((resolve) => {
    execFile(path, ['-c', DEBUGPY_PROBE], { timeout: PROBE_TIMEOUT_MS, cwd: '/', encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) {
        resolve({ interpreter, path, debugpyVersion: stdout.trim() || 'unknown' });
        return;
      }
      const lastLine = stderr.trim().split('\n').at(-1) || error.message;
      resolve({ interpreter, path, problem: `${interpreter} cannot import debugpy (${lastLine}): install it with \`${interpreter} -m pip install debugpy\` or name another interpreter` });
    });
  });
}
