import { chmodSync, mkdirSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { toDisposable, type IDisposable } from '../common/disposable';

export interface DiscoveryInfo {
  url: string;
  token: string;
  pid: number;
  workspaceFolders: string[];
  version: string;
  startedAt: string;
}

/** `MCP_LIVE_DEBUGGER_HOME`, default `~/.mcp-live-debugger`. */
export function discoveryHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.MCP_LIVE_DEBUGGER_HOME || join(homedir(), '.mcp-live-debugger');
}

/**
 * Writes `<home>/instances/<pid>.json` for MCP clients outside VS Code. The folder is 0700 and
 * the file 0600 because it holds the token; written via rename so a reader never sees half a file.
 */
export function writeDiscoveryFile(info: DiscoveryInfo, home = discoveryHome()): { path: string } & IDisposable {
  const folder = join(home, 'instances');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(home, 0o700);
  chmodSync(folder, 0o700);
  const path = join(folder, `${info.pid}.json`);
  const temporary = `${path}.${process.hrtime.bigint()}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
  const disposable = toDisposable(() => {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  });
  return { path, dispose: () => disposable.dispose() };
}

/**
 * Removes the files of instances whose process is gone (a killed VS Code never deactivates),
 * so clients that scan the folder do not try dead endpoints.
 */
export function removeStaleDiscoveryFiles(home = discoveryHome(), isAlive: (pid: number) => boolean = processIsAlive): string[] {
  const folder = join(home, 'instances');
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = /^(\d+)\.json$/.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    try {
      unlinkSync(join(folder, name));
      removed.push(name);
    } catch {
      // another instance removed it first
    }
  }
  return removed;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
