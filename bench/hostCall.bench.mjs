// The MCP layer of one `tools/call` inside VS Code's extension host, where the debugger bench sees
// it (list_debug_sessions, and set_breakpoint before start_debugging as that bench calls it: create
// a session, set the breakpoint, close the session). This checkout's extension against a
// baseline's (default `main`), each in its own VS Code server and workbench, both running, called
// in alternating blocks so both see the same load. Per side: the client's median and p90, and the
// CPU time of the extension host's main thread per call (/proc schedstat, the thread our handler
// runs on) and of the whole extension host process. With --profile DIR, a V8 CPU profile of each
// extension host over the measured calls (the server starts it with --inspect), summarised: where
// the thread was, and how much of it had our bundle on the stack, by module (--dev loads both
// sides unminified as development extensions, so modules and functions have their names).
//
//   npm run bench -- hostCall [--rounds N] [--baseline REF] [--profile DIR] [--dev]
//                                           (N: blocks per side, default 6, of 50 lists and 10 set_breakpoints)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import WebSocket from 'ws';
import { packageVsix } from '../scripts/package.mjs';
import { ensureTestHost, freePort, launchChromium, repoRoot, startVscodeServer, workbenchUrl } from '../scripts/vscodeHost.mjs';
import { callTool, median, percentile, runCleanups, waitForDiscovery } from './benchSupport.mjs';
import { bundleModules, printProfileSummary, summariseProfile } from './cpuProfileSummary.mjs';

export const runsOnlyByName = true;

const DEMO = join(repoRoot, 'demo');
const PROGRAM = join(DEMO, 'swap_vars.js');
const LISTS_PER_BLOCK = 50;
const BREAKPOINTS_PER_BLOCK = 10;

/** The baseline's tree (git archive of REF) with this checkout's node_modules, built as asked. */
function baselineTree(ref, dev) {
  const tree = join(repoRoot, 'out', 'bench', 'host-call-baseline');
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', ref], { cwd: repoRoot, maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', tree], { input: archive });
  symlinkSync(join(repoRoot, 'node_modules'), join(tree, 'node_modules'));
  return { tree, vsix: build(tree, dev) };
}

/** The development bundle (not minified) for --dev, else the VSIX a user installs. */
function build(tree, dev) {
  if (dev) {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: tree, stdio: 'pipe' });
    return undefined;
  }
  execFileSync(process.execPath, [join(tree, 'esbuild.mjs'), '--production'], { cwd: tree, stdio: 'pipe' });
  const { name, version } = JSON.parse(readFileSync(join(tree, 'package.json'), 'utf8'));
  const vsix = join(tree, `${name}-${version}.vsix`);
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], { cwd: tree, stdio: 'pipe' });
  return vsix;
}

function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** CPU ms so far of one thread (the extension host's main thread: its tid is the pid) and of the whole process. */
function cpuOf(pid) {
  const thread = Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime (fields 14 and 15 of stat; 12 and 13 after the command), in clock ticks of 10 ms
  const processMs = (Number(fields[11]) + Number(fields[12])) * 10;
  return { thread, processMs };
}

async function startSide({ label, host, tree, dev, vsix, inspectPort, browser, cleanups }) {
  const server = await startVscodeServer({ host, vsix });
  cleanups.push(async () => {
    await server.stop();
    server.cleanup();
  });
  const page = await browser.context.newPage();
  await page.goto(workbenchUrl(server.port, DEMO, { extensionDevelopmentPath: dev ? tree : undefined, inspectExtensions: inspectPort }));
  const info = await waitForDiscovery(join(server.dirs.discoveryHome, 'instances'), 90_000);
  const client = new Client({ name: 'bench-host-call', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(info.url), { requestInit: { headers: { Authorization: `Bearer ${info.token}` } } }));
  cleanups.push(() => client.close());
  return { label, tree, client, pid: info.pid, inspectPort, samples: { list: [], breakpoint: [], threadMs: [], processMs: [] } };
}

/** One set_breakpoint as the debugger bench calls it: in a new session, before it starts; timed alone. */
async function timedBreakpoint(side) {
  const created = await callTool(side.client, 'create_debug_session', { language: 'javascript', name: 'bench host call' });
  if (!created.success) throw new Error(`${side.label}: create_debug_session failed: ${created.error}`);
  try {
    const timed = await timedCall(side, 'set_breakpoint', { sessionId: created.sessionId, file: PROGRAM, line: 4 });
    if (!timed.result.success) throw new Error(`${side.label}: set_breakpoint failed: ${timed.result.error}`);
    return timed;
  } finally {
    await callTool(side.client, 'close_debug_session', { sessionId: created.sessionId });
  }
}

async function timedList(side) {
  const timed = await timedCall(side, 'list_debug_sessions', {});
  if (!timed.result.success) throw new Error(`${side.label}: list_debug_sessions failed`);
  return timed;
}

/** One call: its client time in ms, and its window in µs of the monotonic clock (a V8 CPU profile's clock). */
async function timedCall(side, name, args) {
  const from = process.hrtime.bigint();
  const started = performance.now();
  const result = await callTool(side.client, name, args);
  const ms = performance.now() - started;
  return { result, ms, window: [Number(from / 1000n), Number(process.hrtime.bigint() / 1000n)] };
}

/**
 * After the measured blocks (so the profiler does not weigh on them): per side, one CPU profile
 * over `calls` list_debug_sessions and one over `cycles` set_breakpoint cycles, each summarised
 * over the calls' own windows (list_debug_sessions, set_breakpoint alone: not the create and
 * close around it), so the figures say what the extension host's thread did during our calls.
 */
async function profilePhases(sides, { folder, dev, calls, cycles }) {
  mkdirSync(folder, { recursive: true });
  for (const side of sides) {
    const inspector = await inspectorOf(side.inspectPort);
    await inspector.send('Profiler.enable');
    await inspector.send('Profiler.setSamplingInterval', { interval: 100 });
    const bundle = join(side.tree, 'dist', 'extension.js');
    const moduleOf = dev ? bundleModules(bundle) : undefined;
    for (const phase of ['list_debug_sessions', 'set_breakpoint']) {
      const windows = [];
      await inspector.send('Profiler.start');
      if (phase === 'list_debug_sessions') for (let index = 0; index < calls; index++) windows.push((await timedList(side)).window);
      else for (let index = 0; index < cycles; index++) windows.push((await timedBreakpoint(side)).window);
      const { profile } = await inspector.send('Profiler.stop');
      const file = join(folder, `${side.label.replace(/[^a-z0-9]+/gi, '-')}-${phase}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      writeFileSync(file.replace(/\.cpuprofile$/, '.windows.json'), JSON.stringify(windows));
      const ourBundleUrl = findOurUrl(profile, dev ? bundle : undefined);
      const summary = summariseProfile(profile, { ourBundleUrl, moduleOf, windows });
      const clientMs = windows.reduce((sum, [start, end]) => sum + (end - start) / 1000, 0);
      printProfileSummary(`${side.label}, ${phase} (${file}; the client waited ${(clientMs / windows.length).toFixed(3)} ms per call)`, summary, windows.length);
    }
    inspector.close();
  }
}

/** A CDP connection to the extension host's inspector, for Profiler.* */
async function inspectorOf(port) {
  const deadline = Date.now() + 30_000;
  let targets;
  while (!targets) {
    try {
      targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`no inspector on port ${port}: ${error}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl, { perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 0;
  const pending = new Map();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = ++nextId;
    pending.set(id, (message) => (message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result)));
    socket.send(JSON.stringify({ id, method, params }));
  });
  return { send, close: () => socket.close() };
}

export async function run({ rounds, baseline = 'main', profile, dev = false } = {}) {
  const blocks = rounds ?? 6;
  const cleanups = [];
  try {
    console.log(`  building ${dev ? 'development bundles' : 'VSIXs'}: this checkout and ${baseline}…`);
    const { tree: baseTree, vsix: baseVsix } = baselineTree(baseline, dev);
    const hereVsix = dev ? (build(repoRoot, true), undefined) : packageVsix({ quiet: true });
    const host = ensureTestHost();
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const sides = [
      await startSide({ label: `baseline (${baseline})`, host, tree: baseTree, dev, vsix: baseVsix, inspectPort: profile ? await freePort() : undefined, browser, cleanups }),
      await startSide({ label: 'this checkout', host, tree: repoRoot, dev, vsix: hereVsix, inspectPort: profile ? await freePort() : undefined, browser, cleanups }),
    ];
    console.log(`  ${new Date().toISOString()}, load ${loadAverage()}; warming up (100 lists, 10 set_breakpoints per side)`);
    for (const side of sides) {
      for (let index = 0; index < 100; index++) await timedList(side);
      for (let index = 0; index < 10; index++) await timedBreakpoint(side);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const loadBefore = loadAverage();
    for (let block = 0; block < blocks; block++) {
      const order = block % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        const before = cpuOf(side.pid);
        for (let index = 0; index < LISTS_PER_BLOCK; index++) side.samples.list.push((await timedList(side)).ms);
        const after = cpuOf(side.pid);
        side.samples.threadMs.push((after.thread - before.thread) / LISTS_PER_BLOCK);
        side.samples.processMs.push((after.processMs - before.processMs) / LISTS_PER_BLOCK);
      }
      for (const side of order) for (let index = 0; index < BREAKPOINTS_PER_BLOCK; index++) side.samples.breakpoint.push((await timedBreakpoint(side)).ms);
    }
    console.log(`\n  ${blocks} blocks per side of ${LISTS_PER_BLOCK} list_debug_sessions and ${BREAKPOINTS_PER_BLOCK} set_breakpoint (each in a new session, before start), alternating; ${new Date().toISOString()}, load ${loadBefore} → ${loadAverage()}\n`);
    const header = ['ms', ...sides.map((side) => side.label), 'this / baseline'];
    console.log(`| ${header.join(' | ')} |`);
    console.log(`|${header.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`);
    const rows = [
      ['list_debug_sessions, client median', (s) => median(s.list)],
      ['list_debug_sessions, client p90', (s) => percentile(s.list, 0.9)],
      ['set_breakpoint before start, client median', (s) => median(s.breakpoint)],
      ['set_breakpoint before start, client p90', (s) => percentile(s.breakpoint, 0.9)],
      ['extension host main thread CPU per list call (median of blocks)', (s) => median(s.threadMs)],
      ['extension host process CPU per list call, all threads (median of blocks, 10 ms ticks)', (s) => median(s.processMs)],
    ];
    for (const [label, pick] of rows) {
      const [a, b] = sides.map((side) => pick(side.samples));
      console.log(`| ${label} | ${a.toFixed(3)} | ${b.toFixed(3)} | ${(b / a).toFixed(2)} |`);
    }
    if (profile) await profilePhases(sides, { folder: profile, dev, calls: blocks * LISTS_PER_BLOCK, cycles: blocks * BREAKPOINTS_PER_BLOCK });
  } finally {
    await runCleanups(cleanups);
  }
}

/** The url of our bundle as the profile names it: the development bundle's file, or the installed extension's dist/extension.js. */
function findOurUrl(cpuProfile, devBundle) {
  if (devBundle) return `file://${devBundle}`;
  const urls = new Set(cpuProfile.nodes.map((node) => node.callFrame.url));
  return [...urls].find((url) => /mcp-live-debugger[^/]*\/dist\/extension\.js$/.test(url)) ?? '';
}
