// The main job: `npm start` sets up, builds and packages the extension, installs the VSIX into
// the cached VS Code 1.139.1 host, opens the demo workspace and keeps it running.
//   --once   exit after the start-up checks
//   --agent  after start-up, run the scripted agent (scripts/demo-agent.mjs) against it
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ensureNodeModules } from './nodeModules.mjs';
import { packageVsix } from './package.mjs';
import { ensureTestHost, launchChromium, repoRoot, startVscodeServer, workbenchUrl } from './vscodeHost.mjs';

const once = process.argv.includes('--once');
const runAgent = process.argv.includes('--agent');
const demoFolder = join(repoRoot, 'demo');
const discoveryHome = process.env.MCP_LIVE_DEBUGGER_HOME || join(homedir(), '.mcp-live-debugger');

const step = (text) => console.log(`\n▶ ${text}`);

step('npm packages');
ensureNodeModules();
step('Setting up the VS Code host (cached after the first run)');
let host;
try {
  host = ensureTestHost();
} catch {
  console.error('\nSet-up failed: the [setup-host] lines above say what failed and what to run by hand.');
  process.exit(1);
}
step('Building and packaging the extension');
const vsix = packageVsix({ quiet: true });
console.log(`  ${vsix}`);
step(`Starting VS Code ${host.vscodeVersion} with the VSIX installed`);
const server = await startVscodeServer({ host, vsix, env: { MCP_LIVE_DEBUGGER_HOME: discoveryHome } });
const url = workbenchUrl(server.port, demoFolder);
step('Opening the demo workspace in a headless browser window (the extension runs in its extension host)');
const browser = await launchChromium();
const page = await browser.context.newPage();
await page.goto(url);

let stopping = false;
let discoveryFile;
const shutdown = async (code) => {
  if (stopping) return;
  stopping = true;
  await browser.close();
  await server.stop();
  server.cleanup();
  // a killed extension host never deactivates, so its discovery file is ours to remove
  if (discoveryFile) rmSync(discoveryFile, { force: true });
  process.exit(code);
};
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  step('Start-up checks');
  const instance = await waitForInstance(server.child.pid, 60_000);
  discoveryFile = instance.file;
  console.log(`  discovery file: ${instance.file}`);
  console.log(`  MCP endpoint:   ${instance.info.url}`);
  const tools = await listTools(instance.info);
  console.log(`  tools/list:     ${tools.length} tools (${tools.slice(0, 8).join(', ')}${tools.length > 8 ? ', …' : ''})`);
  if (tools.length === 0) throw new Error('the MCP endpoint lists no tools');
  if (runAgent) {
    step('Running the scripted agent (npm run demo:agent)');
    const agent = spawnSync(process.execPath, [join(repoRoot, 'scripts/demo-agent.mjs')], { stdio: 'inherit', env: { ...process.env, MCP_LIVE_DEBUGGER_HOME: discoveryHome } });
    if (agent.status !== 0) throw new Error(`the scripted agent exited with ${agent.status}`);
  }
  console.log(`\nMCP Live Debugger is up.
  Open VS Code in your browser:  ${url}
  MCP endpoint:                  ${instance.info.url}  (token in ${instance.file})
  Let the scripted agent debug:  npm run demo:agent`);
  if (once) await shutdown(0);
  else console.log('\nPress Ctrl+C to stop.');
} catch (error) {
  console.error(`\nStart-up check failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}

/** The discovery file written by an extension host that is a child of this server. */
async function waitForInstance(serverPid, timeoutMs) {
  const folder = join(discoveryHome, 'instances');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(folder)) {
      for (const name of readdirSync(folder).filter((file) => file.endsWith('.json'))) {
        const pid = Number(name.replace('.json', ''));
        if (isDescendant(pid, serverPid)) {
          const file = join(folder, name);
          return { file, info: JSON.parse(readFileSync(file, 'utf8')) };
        }
      }
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`no discovery file from this VS Code appeared in ${folder} within ${timeoutMs / 1000} s`);
}

function isDescendant(pid, ancestor) {
  let current = pid;
  for (let depth = 0; depth < 10 && current > 1; depth++) {
    if (current === ancestor) return true;
    try {
      current = Number(/^\d+ \(.*\) \S (\d+)/.exec(readFileSync(`/proc/${current}/stat`, 'utf8'))?.[1] ?? 0);
    } catch {
      return false;
    }
  }
  return false;
}

async function listTools(info) {
  const headers = { authorization: `Bearer ${info.token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  const post = async (body, sessionId) => {
    const response = await fetch(info.url, { method: 'POST', headers: sessionId ? { ...headers, 'mcp-session-id': sessionId } : headers, body: JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${body.method} answered HTTP ${response.status}: ${text}`);
    const json = text.startsWith('{') ? text : text.split('\n').find((line) => line.startsWith('data: '))?.slice(6);
    return { sessionId: response.headers.get('mcp-session-id'), message: json ? JSON.parse(json) : undefined };
  };
  const init = await post({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'npm-start-check', version: '1' } } });
  await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, init.sessionId);
  const list = await post({ jsonrpc: '2.0', id: 2, method: 'tools/list' }, init.sessionId);
  await fetch(info.url, { method: 'DELETE', headers: { authorization: headers.authorization, 'mcp-session-id': init.sessionId } });
  return (list.message?.result?.tools ?? []).map((tool) => tool.name);
}
