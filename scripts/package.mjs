// Builds the production bundles and writes one installable VSIX in the repo root.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './vscodeHost.mjs';

export function packageVsix({ quiet = false } = {}) {
  const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const vsix = join(repoRoot, `${name}-${version}.vsix`);
  const stdio = quiet ? 'pipe' : 'inherit';
  execFileSync(process.execPath, [join(repoRoot, 'esbuild.mjs'), '--production'], { cwd: repoRoot, stdio });
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], { cwd: repoRoot, stdio });
  return vsix;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(packageVsix());
}
