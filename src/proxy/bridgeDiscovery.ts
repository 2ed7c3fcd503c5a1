import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { discoveryHome, processIsAlive } from '../http/discoveryFile';

export interface RunningInstance {
  url: string;
  token: string;
  pid: number;
  workspaceFolders: string[];
  startedAt: string;
}

/**
 * Picks the VS Code window whose extension the stdio bridge should talk to: a live instance
 * whose workspace contains `cwd` if there is one, otherwise the most recently started.
 */
export function findRunningInstance(cwd: string, env: NodeJS.ProcessEnv = process.env, isAlive: (pid: number) => boolean = processIsAlive): RunningInstance | undefined {
  const folder = join(discoveryHome(env), 'instances');
  let files: string[];
  try {
    files = readdirSync(folder).filter((file) => file.endsWith('.json'));
  } catch {
    return undefined;
  }
  const instances: RunningInstance[] = [];
  for (const file of files) {
    try {
      const info = JSON.parse(readFileSync(join(folder, file), 'utf8')) as RunningInstance;
      if (typeof info.url === 'string' && typeof info.token === 'string' && isAlive(info.pid)) instances.push(info);
    } catch {
      // a file being replaced or from another version: skip it
    }
  }
  const cwdUri = pathToFileURL(cwd).toString();
  const containing = instances.filter((instance) => instance.workspaceFolders.some((folderUri) => cwdUri === folderUri || cwdUri.startsWith(`${folderUri}/`)));
  const candidates = containing.length ? containing : instances;
  return candidates.sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
}

/** `/mcp` of an instance → `/proxy/<name>/mcp` on the same listener. */
export function proxyUrlOf(instanceUrl: string, upstreamName: string): URL {
  const url = new URL(instanceUrl);
  url.pathname = `/proxy/${encodeURIComponent(upstreamName)}/mcp`;
  return url;
}
