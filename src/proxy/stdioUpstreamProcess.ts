import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { StdioUpstreamDefinition } from './upstreamConfiguration';

export interface UpstreamExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines the process wrote to stderr: usually why it died. */
  stderrTail: string;
  /** It ended before printing a single line: it never got going (bad command, missing module...). */
  neverSpoke: boolean;
}

const STDERR_TAIL_BYTES = 2048;
const STOP_GRACE_MS = 2000;

/**
 * One stdio MCP server process: newline-delimited JSON-RPC on stdin/stdout. It reports each
 * line it prints and, when it ends without being asked to, how it ended.
 */
export class StdioUpstreamProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private stdoutRest = '';
  private stderrTail = '';
  private stopping = false;
  private exited = false;
  private spoke = false;

  constructor(definition: StdioUpstreamDefinition, onLine: (line: string) => void, onUnexpectedExit: (exit: UpstreamExit) => void) {
    this.child = spawn(definition.command, definition.args, {
      cwd: definition.cwd,
      env: { ...process.env, ...definition.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
      windowsHide: true,
    });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      const lines = (this.stdoutRest + chunk).split('\n');
      this.stdoutRest = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        this.spoke = true;
        onLine(line);
      }
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
    });
    // a write to a process that just died must not crash the extension host
    this.child.stdin.on('error', () => undefined);
    const reportExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (this.exited) return;
      this.exited = true;
      if (!this.stopping) onUnexpectedExit({ code, signal, stderrTail: this.stderrTail.trim(), neverSpoke: !this.spoke });
    };
    this.child.on('exit', reportExit);
    this.child.on('error', (error) => {
      this.stderrTail = `${this.stderrTail}\n${error.message}`.slice(-STDERR_TAIL_BYTES);
      reportExit(null, null);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return !this.exited;
  }

  send(line: string): void {
    if (!this.exited) this.child.stdin.write(`${line}\n`);
  }

  /** Closes stdin (the polite stop for stdio servers), then terminates after a grace period. */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    if (this.exited) return;
    this.child.stdin.end();
    const terminate = setTimeout(() => {
      if (!this.exited) this.child.kill('SIGTERM');
      const kill = setTimeout(() => { if (!this.exited) this.child.kill('SIGKILL'); }, STOP_GRACE_MS);
      kill.unref();
    }, STOP_GRACE_MS);
    terminate.unref();
  }
}
