// The peer the debugger benchmark measures against: npm @debugmcp/mcp-debugger, installed from
// the npm registry into a cache outside the repo (once), run over stdio with Node 24 (it needs >= 22).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const PEER_PACKAGE = '@debugmcp/mcp-debugger';
export const PEER_VERSION = '0.24.2';

/** Installs the peer if missing and answers how to start it: `{ command, args, version }`. */
export function ensurePeer({ node24 }) {
  const cacheRoot = process.env.MCP_LIVE_DEBUGGER_CACHE || join(homedir(), '.cache', 'mcp-live-debugger');
  const folder = join(cacheRoot, 'peers', `mcp-debugger-${PEER_VERSION}`);
  const packageFolder = join(folder, 'node_modules', ...PEER_PACKAGE.split('/'));
  if (!existsSync(join(folder, '.complete'))) {
    console.log(`  installing ${PEER_PACKAGE}@${PEER_VERSION} into ${folder} (once)`);
    const staging = `${folder}.tmp`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    writeFileSync(join(staging, 'package.json'), '{"name":"mcp-debugger-peer","private":true}\n');
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `${PEER_PACKAGE}@${PEER_VERSION}`], {
      cwd: staging,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, PATH: `${dirname(node24)}:${process.env.PATH}` },
    });
    writeFileSync(join(staging, '.complete'), '');
    rmSync(folder, { recursive: true, force: true });
    renameSync(staging, folder);
  }
  const manifest = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin ?? {})[0];
  if (!bin) throw new Error(`${PEER_PACKAGE} declares no bin`);
  return { command: node24, args: [join(packageFolder, bin), 'stdio'], version: manifest.version, folder: packageFolder };
}
