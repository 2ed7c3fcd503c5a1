// Starts VS Code 1.139.1's server (from the cached test host) and drives its workbench in headless
// Chromium. Used by the integration tests, the demo (`npm start`) and the benchmarks.
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killGroupOnExit } from './processGroups.mjs';

export const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

// Chromium and the flags it needs here (no sandbox as root; no network but loopback): one list for
// the workbench, the UI tests and the panel benchmark. The binary is Debian's unless found elsewhere.
const chromiumSettings = JSON.parse(readFileSync(join(repoRoot, 'scripts/chromium.json'), 'utf8'));
export const CHROMIUM = { ...chromiumSettings, executablePath: findChromium() ?? chromiumSettings.executablePath };

/**
 * $MLD_CHROMIUM, else Debian's /usr/bin/chromium, else `chromium` or `chromium-browser` on PATH,
 * else Ubuntu's snap (same list as chromium_found in scripts/setup-host.sh).
 */
function findChromium() {
  const executable = (path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (process.env.MLD_CHROMIUM && executable(process.env.MLD_CHROMIUM)) return process.env.MLD_CHROMIUM;
  if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of ['chromium', 'chromium-browser']) {
    const found = onPath.map((folder) => join(folder, name)).find(executable);
    if (found) return found;
  }
  return executable('/snap/bin/chromium') ? '/snap/bin/chromium' : undefined;
}

/** Installs what is missing (Debian packages, Node 24, VS Code server) and returns their paths. */
export function ensureTestHost() {
  return runSetupHost([]);
}

/** Only the Debian packages and Node 24 (what the unit tier needs); returns `{ node }`. */
export function ensureSystemPackages() {
  return runSetupHost(['system']);
}

function runSetupHost(args) {
  const output = execFileSync('bash', [join(repoRoot, 'scripts/setup-host.sh'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const line = output.trim().split('\n').pop();
  return JSON.parse(line);
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * A fresh, throw-away VS Code server: its own user data, server data and extensions folders,
 * and its own discovery home so tests never see another instance's files. `vsix` is one file or
 * several (a peer extension installed beside ours).
 */
export async function startVscodeServer({ host, vsix, env = {}, settings = {}, log = () => {}, workspaceTrust = false }) {
  const root = mkdtempSync(join(tmpdir(), 'mld-vscode-'));
  const dirs = {
    root,
    userData: join(root, 'user-data'),
    serverData: join(root, 'server-data'),
    extensions: join(root, 'extensions'),
    discoveryHome: join(root, 'discovery-home'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  // the server reads machine settings from its user data folder (--user-data-dir), not from --server-data-dir
  const machineSettings = join(dirs.userData, 'Machine');
  mkdirSync(machineSettings, { recursive: true });
  writeFileSync(join(machineSettings, 'settings.json'), JSON.stringify(settings, null, 2));
  const common = ['--user-data-dir', dirs.userData, '--server-data-dir', dirs.serverData, '--extensions-dir', dirs.extensions];
  for (const file of [vsix ?? []].flat()) {
    execFileSync(host.node, [host.serverMain, ...common, '--accept-server-license-terms', '--install-extension', file], { stdio: 'pipe' });
  }
  const port = await freePort();
  const child = spawn(host.node, [
    host.serverMain, '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms', ...common,
    '--disable-telemetry', ...(workspaceTrust ? [] : ['--disable-workspace-trust']), '--enable-smoke-test-driver',
  ], {
    // MLD_HOST_ROOT lets the secrets test scan every file of this instance
    env: { ...process.env, MCP_LIVE_DEBUGGER_HOME: dirs.discoveryHome, MLD_HOST_ROOT: root, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const forget = killGroupOnExit(child.pid);
  child.once('exit', forget);
  let output = '';
  const onData = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
    log(chunk.toString());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  await waitForHttp(`http://127.0.0.1:${port}/version`, 60_000, () => output, child);
  const stop = async () => {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((done) => {
        const timer = setTimeout(() => {
          try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
          done();
        }, 5000);
        child.once('exit', () => { clearTimeout(timer); done(); });
      });
    }
  };
  return { port, dirs, child, stop, cleanup: () => rmSync(root, { recursive: true, force: true }), output: () => output };
}

async function waitForHttp(url, timeoutMs, output, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`VS Code server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`VS Code server did not answer ${url} within ${timeoutMs} ms:\n${output()}`);
}

/**
 * The workbench URL for a folder, with an optional test payload (development extension + tests, other payload
 * entries such as VS Code's `logExtensionHostCommunication`).
 * `inspectExtensions` (a port) makes the server start the extension host with `--inspect=<port>`
 * (the payload the workbench reads as `--inspect-extensions`), for CPU profiles of that process.
 */
export function workbenchUrl(port, folder, { extensionDevelopmentPath, extensionTestsPath, inspectExtensions, payloadEntries = [] } = {}) {
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (inspectExtensions !== undefined) payload.push(['inspect-extensions', String(inspectExtensions)]);
  payload.push(...payloadEntries);
  const query = new URLSearchParams({ folder });
  if (payload.length) query.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${query}`;
}

export async function launchChromium({ headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'mld-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    // looked up again: on a fresh machine the set-up has installed it since this module loaded
    executablePath: findChromium() ?? CHROMIUM.executablePath,
    headless,
    args: CHROMIUM.args,
    viewport: { width: 1600, height: 1000 },
    // the workbench's clipboard is the browser's; "Copy MCP Client Configuration" needs it
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
