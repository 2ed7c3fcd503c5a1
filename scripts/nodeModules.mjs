// npm packages for `npm start` and `npm test`: npm ci on a fresh clone, npm install when the lock
// file's content differs from the one last installed, nothing otherwise. (Content, not mtime: a
// checkout or worktree writes the lock file anew without changing it.)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './vscodeHost.mjs';

export function ensureNodeModules() {
  const modules = join(repoRoot, 'node_modules');
  const stamp = join(modules, '.mld-installed');
  const lockHash = createHash('sha256').update(readFileSync(join(repoRoot, 'package-lock.json'))).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lockHash) return;
  const command = existsSync(modules) ? 'install' : 'ci';
  console.log(`Installing npm packages (npm ${command})...`);
  execFileSync('npm', [command, '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' });
  writeFileSync(stamp, lockHash);
}
