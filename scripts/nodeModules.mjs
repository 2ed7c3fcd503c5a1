// npm packages for `npm start` and `npm test`: npm ci on a fresh clone, npm install when the lock
// file's content differs from the one last installed, nothing otherwise. (Content, not mtime: a
// checkout or worktree writes the lock file anew without changing it.)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './vscodeHost.mjs';

/** Where the sha256 of the lock file last installed is kept. */
const STAMP = '.mld-installed';

/**
 * Runs the npm command `root` needs (`runNpm('ci' | 'install')`), then stamps node_modules with
 * the lock file's content. `runNpm` is replaceable so that the decision is tested without npm.
 */
export function ensureNodeModules({ root = repoRoot, runNpm = npmIn(root) } = {}) {
  const modules = join(root, 'node_modules');
  const stamp = join(modules, STAMP);
  const lockHash = createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lockHash) return;
  runNpm(existsSync(modules) ? 'install' : 'ci');
  writeFileSync(stamp, lockHash);
}

function npmIn(root) {
  return (command) => {
    console.log(`Installing npm packages (npm ${command})...`);
    execFileSync('npm', [command, '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  };
}
