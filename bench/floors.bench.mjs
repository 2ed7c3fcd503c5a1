// The floors of VS Code's own architecture under our JavaScript calls, with none of MCP Live
// Debugger on the path: what an HTTP call into the extension host, `vscode.debug.addBreakpoints`, a
// DAP `next` through the workbench and a resume cost in the same VS Code 1.139.1 web test host the
// debugger bench uses, each beside the same thing without VS Code. The in-host side is
// bench/floorProbe, a development extension that answers HTTP (bench/floorEcho.js) and runs each
// experiment in the extension host; the side without VS Code is a plain Node process with the same
// server, and js-debug's standalone DAP server (mcp-debugger 0.24.2's copy, as that peer runs it)
// driven by a bare DAP client.
//
//   npm run bench -- floors [--rounds N] [--calls N] [--resumes N] [--no-views-closed]
//
// 1. HTTP: a POST answered by the tiny server in the extension host and in a plain Node process,
//    each with undici's fetch (what the MCP SDK's client uses) and with a keep-alive
//    `http.request`; a line over stdio pipes to a plain Node process (mcp-debugger's MCP rides
//    stdio); and our real `list_debug_sessions` over MCP (this checkout's VSIX installed in the same
//    VS Code server). N blocks (--rounds, default 8) of --calls calls per side (default 200),
//    alternating the order.
// 2.–4. A second VS Code server with the probe only (ours not installed, so nothing of ours tracks
//    the sessions). Per round, alternating the order: the swap program (demo/swap_vars.js) from the
//    extension host with VS Code's default debug views (Run and Debug and the Debug Console open),
//    the same with them closed (`debug.openDebug: neverOpen`, `debug.internalConsoleOptions:
//    neverOpen`, sidebar and panel closed; unless --no-views-closed), and the same program under
//    standalone js-debug. Each: the breakpoint added on an idle host, start until paused, 1 s of
//    quiet, a `next` (workbench idle), a second `next` at once (the bench's position: the workbench
//    is still drawing the first stop), 1 s, a DAP `continue`, the end, a breakpoint added the moment
//    the session ended (the debugger bench's set_breakpoint comes right after the previous pass's
//    close). Then resumes: a program that stops at `debugger` again and again, each stop (after
//    300 ms of quiet) resumed alternately by CDP `Debugger.resume` over js-debug's proxy and by the
//    DAP `continue` (customRequest in VS Code), in VS Code and standalone, 2 blocks each alternating.
import { spawn } from 'node:child_process';
import { readFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { packageVsix } from '../scripts/package.mjs';
import { ensureTestHost, launchChromium, repoRoot, startVscodeServer, workbenchUrl } from '../scripts/vscodeHost.mjs';
import { callTool, format, median, percentile, runCleanups, waitForDiscovery } from './benchSupport.mjs';
import { cdpClient } from './dapClient.mjs';
import { ensurePeer } from './debuggerPeer.mjs';
import { launchUnderJsDebug, startJsDebugServer } from './jsDebugStandalone.mjs';

export const runsOnlyByName = true;

const DEMO = join(repoRoot, 'demo');
const SWAP = { program: join(DEMO, 'swap_vars.js'), line: 4, afterCloseLine: 5 };
const PROBE = join(repoRoot, 'bench', 'floorProbe');
const ECHO_SERVER = join(repoRoot, 'bench', 'floorEcho.js');
const SETTLE_MS = 1000;
const RESUME_SETTLE_MS = 300;
const RESUME_BLOCKS = 2;
/** The views-closed side's machine settings (the defaults' side has none). */
const VIEWS_CLOSED_SETTINGS = { 'debug.openDebug': 'neverOpen', 'debug.internalConsoleOptions': 'neverOpen' };
const CLOSE_VIEWS = ['workbench.action.closeSidebar', 'workbench.action.closePanel'];
/** What the defaults show once a session has run: Run and Debug in the sidebar, the Debug Console in the panel. */
const OPEN_VIEWS = ['workbench.view.debug', 'workbench.panel.repl.view.focus'];

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const utc = () => new Date().toISOString().slice(11, 19);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** `promise`, or a failure naming `what` after `ms` (a bench that hangs says where). */
const within = (promise, ms, what) => Promise.race([promise, sleep(ms).then(() => { throw new Error(`${what}: nothing within ${ms / 1000} s`); })]);

export async function run({ rounds, calls = 200, resumes = 20, 'no-views-closed': noViewsClosed = false, parts = '1,2,3,4' } = {}) {
  const wanted = new Set(String(parts).split(','));
  const blocks = rounds ?? 8;
  const host = ensureTestHost();
  const peer = ensurePeer({ node24: host.node });
  console.log(`  ${utc()} UTC, load average ${loadAverage()}; VS Code server, plain Node and js-debug's server all on ${host.node}`);
  const cleanups = [];
  try {
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    if (wanted.has('1')) await httpFloors({ host, browser, blocks, calls: Number(calls) });
    if (wanted.has('2') || wanted.has('3') || wanted.has('4')) {
      await debugFloors({ host, peer, browser, rounds: blocks, resumes: Number(resumes), viewsClosed: !noViewsClosed, swaps: wanted.has('2') || wanted.has('3'), resumesWanted: wanted.has('4') });
    }
  } finally {
    await runCleanups(cleanups);
  }
}

/** A VS Code server with the probe loaded as a development extension; `vsix` installed beside it when given. */
async function startHost({ host, browser, vsix, cleanups }) {
  const folder = mkdtempSync(join(tmpdir(), 'mld-floors-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  const probeFile = join(folder, 'probe.json');
  const server = await startVscodeServer({ host, vsix, env: { MLD_BENCH_FLOOR_FILE: probeFile, ...(process.env.MLD_BENCH_FLOOR_TRACE ? { MLD_BENCH_FLOOR_TRACE: process.env.MLD_BENCH_FLOOR_TRACE } : {}) } });
  cleanups.push(async () => {
    await server.stop();
    server.cleanup();
  });
  const page = await browser.context.newPage();
  cleanups.push(() => page.close());
  await page.goto(workbenchUrl(server.port, DEMO, { extensionDevelopmentPath: PROBE }));
  const deadline = Date.now() + 90_000;
  while (!existsSync(probeFile)) {
    if (Date.now() > deadline) throw new Error('the floor probe did not start within 90 s');
    await sleep(250);
  }
  const probe = JSON.parse(readFileSync(probeFile, 'utf8'));
  const call = async (route, body = {}) => {
    const response = await within(fetch(`http://127.0.0.1:${probe.port}${route}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }), 180_000, `probe ${route}`);
    const answer = await response.json();
    if (!response.ok) throw new Error(`probe ${route}: ${answer.error}`);
    return answer;
  };
  return { server, page, probe, call, machineSettingsFile: join(server.dirs.userData, 'Machine', 'settings.json') };
}

/** Starts `node floorEcho.js [args]`: the plain Node process's side. */
function startEchoProcess(node, args, cleanups) {
  const child = spawn(node, [ECHO_SERVER, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  cleanups.push(() => child.kill());
  return child;
}

async function httpFloors({ host, browser, blocks, calls }) {
  const cleanups = [];
  try {
    console.log('  1. HTTP: packaging this checkout and starting VS Code with it and the probe…');
    const vscode = await startHost({ host, browser, vsix: packageVsix({ quiet: true }), cleanups });
    const info = await waitForDiscovery(join(vscode.server.dirs.discoveryHome, 'instances'), 90_000);
    const mcp = new Client({ name: 'bench-floors', version: '1.0.0' });
    await mcp.connect(new StreamableHTTPClientTransport(new URL(info.url), { requestInit: { headers: { Authorization: `Bearer ${info.token}` } } }));
    cleanups.push(() => mcp.close());

    const plain = startEchoProcess(host.node, [], cleanups);
    const plainPort = await new Promise((resolve) => createInterface({ input: plain.stdout }).once('line', (line) => resolve(Number(line.split(' ')[1]))));
    const stdio = startEchoProcess(host.node, ['--stdio'], cleanups);
    const stdioLines = createInterface({ input: stdio.stdout });
    let stdioWaiter;
    stdioLines.on('line', () => stdioWaiter?.());

    const body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_debug_sessions","arguments":{}}}';
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => agent.destroy());
    const viaFetch = (port) => async () => {
      const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' } });
      await response.text();
    };
    const viaHttp = (port) => () => new Promise((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port, path: '/', method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (response) => {
        response.on('data', () => {});
        response.on('end', resolve);
      });
      request.once('error', reject);
      request.end(body);
    });
    const sides = [
      { label: 'extension host, undici fetch', call: viaFetch(vscode.probe.port) },
      { label: 'plain Node, undici fetch', call: viaFetch(plainPort) },
      { label: 'extension host, http.request keep-alive', call: viaHttp(vscode.probe.port) },
      { label: 'plain Node, http.request keep-alive', call: viaHttp(plainPort) },
      { label: 'plain Node, a line over stdio pipes', call: () => new Promise((resolve) => { stdioWaiter = resolve; stdio.stdin.write(`${body}\n`); }) },
      {
        label: 'ours: list_debug_sessions over MCP (SDK client, extension host)',
        call: async () => {
          const result = await callTool(mcp, 'list_debug_sessions', {});
          if (!result.success) throw new Error('list_debug_sessions failed');
        },
      },
    ];
    for (const side of sides) {
      side.samples = [];
      for (let index = 0; index < 50; index++) await side.call();
    }
    await sleep(1000);
    const loadBefore = loadAverage();
    const startedAt = utc();
    for (let block = 0; block < blocks; block++) {
      for (const side of block % 2 === 0 ? sides : [...sides].reverse()) {
        for (let index = 0; index < calls; index++) {
          const started = performance.now();
          await side.call();
          side.samples.push(performance.now() - started);
        }
      }
    }
    console.log(`\n  1. A POST round trip on loopback, ${blocks} blocks × ${calls} calls per side, alternating; ${startedAt}–${utc()} UTC, load average ${loadBefore} → ${loadAverage()}\n`);
    const floor = median(sides[0].samples);
    table(['ms, client send → answer read', 'median', 'p90', 'median / extension host fetch'], sides.map((side) => [side.label, format(median(side.samples)), format(percentile(side.samples, 0.9)), (median(side.samples) / floor).toFixed(2)]));
  } finally {
    await runCleanups(cleanups);
  }
}

async function debugFloors({ host, peer, browser, rounds, resumes, viewsClosed, swaps, resumesWanted }) {
  const cleanups = [];
  try {
    console.log('\n  2.–4. starting VS Code with the probe only, and js-debug\'s standalone server…');
    const vscode = await startHost({ host, browser, cleanups });
    const jsDebug = await startJsDebugServer({ node: host.node, peerFolder: peer.folder });
    cleanups.push(() => jsDebug.kill());
    const folder = mkdtempSync(join(tmpdir(), 'mld-floors-program-'));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    const pauses = join(folder, 'pauses.js');
    writeFileSync(pauses, `let n = 0;\nconst timer = setInterval(() => {\n  n++;\n  debugger;\n  if (n >= ${resumes + 5}) clearInterval(timer);\n}, 30);\n`);

    const setViews = async (closed) => {
      writeFileSync(vscode.machineSettingsFile, JSON.stringify(closed ? VIEWS_CLOSED_SETTINGS : {}, null, 2));
      await sleep(1500);
      await vscode.call('/floor/commands', { ids: closed ? CLOSE_VIEWS : OPEN_VIEWS });
    };
    const sidebarShown = () => vscode.page.locator('#workbench\\.parts\\.sidebar').isVisible();
    const defaults = { label: 'VS Code, default debug views', kind: 'vscode', closed: false, passes: [], sidebar: [] };
    const closed = { label: 'VS Code, debug views closed', kind: 'vscode', closed: true, passes: [], sidebar: [] };
    const standalone = { label: 'js-debug standalone, bare DAP client', kind: 'standalone', passes: [] };
    const sides = [defaults, standalone, ...(viewsClosed ? [closed] : [])];
    let viewsAreClosed;
    const pass = async (side) => {
      if (side.kind === 'standalone') return standaloneSwap(jsDebug.port, host.node);
      if (viewsAreClosed !== side.closed) {
        await setViews(side.closed);
        viewsAreClosed = side.closed;
      }
      const timings = await vscode.call('/floor/swap', { ...SWAP, node: host.node, settleMs: SETTLE_MS });
      side.sidebar.push(await sidebarShown());
      return timings;
    };
    if (swaps) await swapRounds();
    if (resumesWanted) await resumeBlocks();
    async function swapRounds() {
    for (const side of sides) await pass(side);
    const loadBefore = loadAverage();
    const startedAt = utc();
    for (let round = 0; round < rounds; round++) {
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        const timings = await pass(side);
        side.passes.push(timings);
        const step = timings.backToBackStep;
        console.log(`  round ${round + 1} ${side.label.padEnd(38)} step after quiet ${timings.settledStep.eventMs.toFixed(1)}, at once ${step.eventMs.toFixed(1)} ms`);
      }
    }
    console.log(`\n  2.–3. ${rounds} rounds, one pass per side each, alternating; ${startedAt}–${utc()} UTC, load average ${loadBefore} → ${loadAverage()}`);
    if (viewsClosed) console.log(`  sidebar visible after each pass: defaults ${defaults.sidebar.join(' ')}; views closed ${closed.sidebar.join(' ')}`);
    const vscodeSides = [defaults, ...(viewsClosed ? [closed] : [])];
    printBreakpoints(vscodeSides);
    printSteps(vscodeSides, standalone);
    }

    async function resumeBlocks() {
    if (viewsAreClosed) await setViews(false);
    const resumeSides = [
      { label: 'VS Code (default views), from the extension host', run: (firstWay) => vscode.call('/floor/resumes', { program: pauses, node: host.node, count: resumes, settleMs: RESUME_SETTLE_MS, firstWay }), samples: { cdp: [], dap: [] } },
      { label: 'js-debug standalone, bare clients', run: async (firstWay) => {
        // a server of its own per block: after a disconnect that ends the debuggee, js-debug's server launched nothing more here
        const server = await startJsDebugServer({ node: host.node, peerFolder: peer.folder });
        try {
          return await standaloneResumes(server.port, host.node, pauses, resumes, firstWay);
        } finally {
          server.kill();
        }
      }, samples: { cdp: [], dap: [] } },
    ];
    const resumeLoad = loadAverage();
    const resumeStart = utc();
    for (let block = 0; block < RESUME_BLOCKS; block++) {
      for (const side of block % 2 === 0 ? resumeSides : [...resumeSides].reverse()) {
        const samples = await side.run(block % 2 === 0 ? 'cdp' : 'dap');
        side.samples.cdp.push(...samples.cdp);
        side.samples.dap.push(...samples.dap);
        console.log(`  block ${block + 1} ${side.label.padEnd(50)} CDP answer ${format(median(samples.cdp.map((sample) => sample.answerMs)))}, DAP response ${format(median(samples.dap.map((sample) => sample.responseMs)))} ms`);
      }
    }
    console.log(`\n  4. Resumes: ${RESUME_BLOCKS} blocks per side of ${resumes} stops, CDP and DAP alternating, ${RESUME_SETTLE_MS} ms after each stop; ${resumeStart}–${utc()} UTC, load average ${resumeLoad} → ${loadAverage()}\n`);
    printResumes(resumeSides, swaps ? [defaults, standalone] : undefined);
    }
  } finally {
    await runCleanups(cleanups);
  }
}

const pick = (passes, path) => passes.map((timings) => path.split('.').reduce((value, key) => value?.[key], timings)).filter((value) => Number.isFinite(value));
const cell = (values) => (values.length ? `${format(median(values))} (p90 ${format(percentile(values, 0.9))})` : '—');

function table(header, rows) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

function printBreakpoints(sides) {
  console.log('\n  2. vscode.debug.addBreakpoints, no debug session (ms from the call, median (p90))\n');
  const rows = [];
  for (const [position, key] of [['idle host (1 s quiet, no session)', 'idleBreakpoint'], ['the moment the last session ended', 'afterCloseBreakpoint']]) {
    for (const [what, field] of [['returned', 'returnedMs'], ['its promise settled (the workbench answered $registerBreakpoints)', 'answeredMs']]) {
      rows.push([`${position}: ${what}`, ...sides.map((side) => cell(pick(side.passes, `${key}.${field}`)))]);
    }
  }
  table(['addBreakpoints', ...sides.map((side) => side.label)], rows);
}

function printSteps(vscodeSides, standalone) {
  console.log('\n  3. A DAP `next` on the swap program, ms from the send, median (p90)\n');
  const rows = [];
  for (const [position, key] of [['after 1 s of quiet', 'settledStep'], ['at once after the previous stop (the bench\'s position)', 'backToBackStep']]) {
    rows.push([`${position}: request reaches js-debug`, ...vscodeSides.map((side) => cell(pick(side.passes, `${key}.outMs`))), '0 (sent on its socket)']);
    rows.push([`${position}: js-debug's response`, ...vscodeSides.map((side) => cell(pick(side.passes, `${key}.responseMs`))), cell(pick(standalone.passes, `${key}.responseMs`))]);
    rows.push([`${position}: **stopped event**`, ...vscodeSides.map((side) => cell(pick(side.passes, `${key}.eventMs`))), cell(pick(standalone.passes, `${key}.eventMs`))]);
    rows.push([`${position}: customRequest settled`, ...vscodeSides.map((side) => cell(pick(side.passes, `${key}.settledMs`))), '—']);
  }
  table(['next', ...vscodeSides.map((side) => `${side.label} (customRequest, tracker)`), standalone.label], rows);
}

function printResumes(resumeSides, swapSides) {
  const [vscode, standalone] = resumeSides;
  table(['resume, ms from the send, median (p90)', vscode.label, standalone.label], [
    ['CDP Debugger.resume over js-debug\'s proxy: answer', cell(vscode.samples.cdp.map((s) => s.answerMs)), cell(standalone.samples.cdp.map((s) => s.answerMs))],
    ['CDP Debugger.resume: js-debug\'s `continued` event', cell(vscode.samples.cdp.map((s) => s.eventMs)), cell(standalone.samples.cdp.map((s) => s.eventMs))],
    ['DAP continue: request reaches js-debug', cell(vscode.samples.dap.map((s) => s.outMs)), '0'],
    ['DAP continue: js-debug\'s response', cell(vscode.samples.dap.map((s) => s.responseMs)), cell(standalone.samples.dap.map((s) => s.responseMs))],
    ['DAP continue: `continued` event', cell(vscode.samples.dap.map((s) => s.eventMs)), cell(standalone.samples.dap.map((s) => s.eventMs))],
    ['DAP continue: customRequest settled', cell(vscode.samples.dap.map((s) => s.settledMs)), '—'],
    ['swap program, DAP continue from the last step\'s stop (+1 s): response', cell(pick(swapSides[0].passes, 'continued.responseMs')), cell(pick(swapSides[1].passes, 'continued.responseMs'))],
    ['swap program, same: customRequest settled', cell(pick(swapSides[0].passes, 'continued.settledMs')), '—'],
  ]);
}

const swapConfiguration = (program, node) => ({ type: 'pwa-node', request: 'launch', name: 'floors', program, runtimeExecutable: node, console: 'internalConsole', skipFiles: ['<node_internals>/**'] });

/** One DAP request on a bare client: ms to its response and to the event `until`. */
async function timedRequest(client, command, args, until) {
  const event = client.nextEvent(until);
  const started = performance.now();
  await client.request(command, args);
  const responseMs = performance.now() - started;
  return { responseMs, eventMs: (await event).at - started };
}

/** The swap pass of the probe's /floor/swap, under standalone js-debug (no breakpoint timings: none reaches VS Code). */
async function standaloneSwap(port, node) {
  let terminated;
  const launched = await within(launchUnderJsDebug(port, {
    configuration: swapConfiguration(SWAP.program, node),
    breakpoints: [SWAP.line],
    onChild: (child) => {
      terminated = child.nextEvent('terminated', 60_000);
    },
  }), 30_000, 'standalone launch');
  try {
    const { body } = await launched.child.nextEvent('stopped', 60_000);
    const threadId = body.threadId;
    await sleep(SETTLE_MS);
    const settledStep = await timedRequest(launched.child, 'next', { threadId }, 'stopped');
    const backToBackStep = await timedRequest(launched.child, 'next', { threadId }, 'stopped');
    await sleep(SETTLE_MS);
    const continued = await timedRequest(launched.child, 'continue', { threadId }, 'continued');
    await terminated;
    return { settledStep, backToBackStep, continued };
  } finally {
    launched.close();
  }
}

/** The probe's /floor/resumes under standalone js-debug: CDP over its proxy against DAP continue, alternating. */
async function standaloneResumes(port, node, program, count, firstWay) {
  const launched = await within(launchUnderJsDebug(port, { configuration: swapConfiguration(program, node) }), 30_000, 'standalone launch');
  const { child } = launched;
  const samples = { cdp: [], dap: [] };
  let proxy;
  try {
    const { body } = await child.nextEvent('stopped', 60_000);
    const threadId = body.threadId;
    const address = await within(child.request('requestCDPProxy', {}), 10_000, 'requestCDPProxy');
    proxy = await within(cdpClient(`ws://${address.host}:${address.port}${address.path ?? ''}`), 10_000, 'the proxy\'s WebSocket');
    for (let index = 0; index < count; index++) {
      await sleep(RESUME_SETTLE_MS);
      const way = (index % 2 === 0) === (firstWay === 'cdp') ? 'cdp' : 'dap';
      const stopped = child.nextEvent('stopped');
      if (way === 'dap') {
        samples.dap.push(await within(timedRequest(child, 'continue', { threadId }, 'continued'), 30_000, 'standalone DAP continue'));
      } else {
        const continued = child.nextEvent('continued');
        const started = performance.now();
        const answer = await within(proxy.send('Debugger.resume', {}), 10_000, 'standalone Debugger.resume');
        const answerMs = performance.now() - started;
        if (answer.error) throw new Error(`Debugger.resume: ${answer.error.message}`);
        samples.cdp.push({ answerMs, eventMs: (await continued).at - started });
      }
      await stopped;
    }
  } finally {
    proxy?.close();
    await Promise.race([launched.parent.request('disconnect', { terminateDebuggee: true }).catch(() => {}), sleep(2000)]);
    launched.close();
  }
  return samples;
}
