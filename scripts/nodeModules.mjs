// npm packages for `npm start` and `npm test`: npm ci on a fresh clone, npm install when the lock
// file is newer than the last install, nothing otherwise.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './vscodeHost.mjs';

export function ensureNodeModules() {
  const modules = join(repoRoot, 'node_modules');
  const stamp = join(modules, '.mld-installed');
  const lock = join(repoRoot, 'package-lock.json');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(lock).mtimeMs) return;
  const command = existsSync(modules) ? 'install' : 'ci';
  console.log(`Installing npm packages (npm ${command})...`);
  execFileSync('npm', [command, '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' });
  writeFileSync(stamp, new Date().toISOString());
}
