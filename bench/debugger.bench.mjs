// The swap scenario (PEERS.md), in Python or its JavaScript twin, through MCP Live Debugger
// (inside VS Code 1.139.1, MCP over HTTP with the token) and through @debugmcp/mcp-debugger 0.24.2
// (stdio), side by side in one run, alternating which goes first, several rounds. Prints per-tool
// medians and our/peer ratios, and the MCP layer's own overhead (list_debug_sessions).
//
//   npm run bench -- debugger [--rounds N] [--language python|javascript] [--latency MS] [--hops]
//                             [--debugmcp-vsix PATH] [--lean-debug-ui] [--think MS]
//
// --latency MS puts a loopback TCP proxy between the browser workbench and the VS Code server and
// measures our side twice per round, once with every chunk delayed MS ms each way (a remote
// workbench's network) and once without (the proxy at 0 ms), alternating which goes first, so the
// growth of each call comes from one run on the same (shared, noisy) machine; the MCP client still
// talks to the extension host's own listener directly, and the peer has no workbench. --hops loads bench/dapProbe as a development
// extension and splits each of our tool calls into its hops (tool → bridge → DAP request → adapter
// → answer) from the DAP messages a tracker saw and the spans we recorded. --debugmcp-vsix PATH
// (JavaScript) installs microsoft/DebugMCP from that VSIX in the same VS Code server beside ours and
// runs the scenario with its tools too (bench/debugMcpPeer.mjs). DEBUGGER_BENCH_TRACE=<folder> (implies
// --hops) records a Chromium trace of the workbench page around our first TRACED_PASSES measured
// passes and prints what its renderer did between each stop and our next request (bench/workbenchTrace.mjs).
// Our and the peer's MCP clients run in a worker thread (bench/mcpClientWorker.mjs), which times each
// call, away from Playwright's parsing of the page's DevTools traffic on the main thread;
// DEBUGGER_BENCH_CLIENT=main keeps them on the main thread, as before, to compare.
// --lean-debug-ui measures our side once more per round with VS Code's debug UI settings of
// LEAN_DEBUG_UI in the server's machine settings (written before that pass, put back after it), to
// tell how much of a step the workbench's own rendering of the stop costs; the user's settings are theirs.
// --think MS measures every side once more per round with the same pause of MS ms before each of its
// calls (an agent thinks between calls; the bench otherwise calls back to back) and prints the
// medians back to back and at that pace side by side; the pauses are not counted in the whole scenario.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { packageVsix } from '../scripts/package.mjs';
import { ensureTestHost, launchChromium, repoRoot, startVscodeServer, workbenchUrl } from '../scripts/vscodeHost.mjs';
import { callTool, format, median, percentile, runCleanups, waitForDiscovery } from './benchSupport.mjs';
import { ensurePeer, PEER_PACKAGE } from './debuggerPeer.mjs';
import { connectDebugMcp, prepareDebugMcp, printDebugMcpComparison } from './debugMcpPeer.mjs';
import { logClientCall, printHops, wallClock } from './debuggerHops.mjs';
import { startLatencyProxy } from './latencyProxy.mjs';
import { startTrace } from './frameTrace.mjs';
import { startClientWorker } from './mcpClientWorker.mjs';
import { printWorkbenchTraces, RPC_LOG_PAYLOAD, rpcRecorder, takeRpcRecords } from './workbenchTrace.mjs';

const PYTHON = '/usr/bin/python3';
const DEMO = join(repoRoot, 'demo');
/**
 * The two twins of the scenario: the program, the line of `a = b` in swap(), what the session is
 * created with, and the locals expected at the breakpoint and after two step_overs.
 */
const LANGUAGES = {
  python: { program: join(DEMO, 'swap_vars.py'), swapLine: 5, executable: () => PYTHON, atBreakpoint: { a: '1', b: '2' }, afterSteps: { a: '2', b: '2' } },
  javascript: { program: join(DEMO, 'swap_vars.js'), swapLine: 4, executable: (host) => host.node, atBreakpoint: { a: '1', b: '2' }, afterSteps: { a: '2', b: '2' } },
};
const DEFAULT_ROUNDS = 7;
const OVERHEAD_CALLS = 300;
const TRACED_PASSES = 2;
/** VS Code settings that make the workbench render less at each stop (none is the default). */
const LEAN_DEBUG_UI = {
  'debug.toolBarLocation': 'hidden',
  'debug.inlineValues': 'off',
  'debug.showInlineBreakpointCandidates': false,
  'debug.focusEditorOnBreak': false,
};

/** The rows printed, in order: [key, label]. */
const METRICS = [
  ['start', 'start_debugging → paused'],
  ['step', 'step_over'],
  ['locals', 'get_local_variables'],
  ['evaluate', 'evaluate_expression'],
  ['breakpoint', 'set_breakpoint'],
  ['continue', 'continue_execution (ours waits for the end)'],
  ['scenario', 'whole scenario'],
  ['create', 'create_debug_session'],
  ['close', 'close_debug_session'],
];

export async function run({ rounds = DEFAULT_ROUNDS, language = 'python', latency, hops = false, 'debugmcp-vsix': debugMcpVsix, 'lean-debug-ui': leanDebugUi = false, think } = {}) {
  const twin = LANGUAGES[language];
  if (!twin) throw new Error(`--language takes ${Object.keys(LANGUAGES).join(' or ')}, not ${language}`);
  const traceFolder = process.env.DEBUGGER_BENCH_TRACE;
  if (traceFolder) hops = true;
  const latencyMs = latency === undefined ? 0 : Number(latency);
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`--latency takes milliseconds >= 0, not ${latency}`);
  const thinkMs = think === undefined ? 0 : Number(think);
  if (!Number.isFinite(thinkMs) || thinkMs < 0) throw new Error(`--think takes milliseconds >= 0, not ${think}`);
  const host = ensureTestHost();
  const peerCommand = ensurePeer({ node24: host.node });
  const setup = { language, ...twin, executablePath: twin.executable(host) };
  const debugMcp = debugMcpVsix ? await prepareDebugMcp(debugMcpVsix, { host, language }) : undefined;
  console.log(`  scenario (${language}): ${setup.program}, breakpoint at line ${setup.swapLine}; start, locals, 2 × step_over, locals, evaluate a + b, continue`);
  console.log(`  rounds: 1 warm-up + ${rounds} measured per side, alternating order; ${language === 'python' ? 'python' : 'node'} ${setup.executablePath}`);
  if (thinkMs > 0) console.log(`  every side also measured with a ${thinkMs} ms pause before each call (an agent's pace), beside its back-to-back passes`);
  console.log(`  workbench ↔ VS Code server: ${latencyMs > 0 ? `through a loopback proxy, our side measured with ${latencyMs} ms one-way latency and without (0 ms) in each round` : 'direct loopback'}; load average ${loadAverage()}`);

  const cleanups = [];
  try {
    const clients = await mcpClients(cleanups);
    const ours = await startOurs(host, cleanups, { latencyMs, hops, debugMcp, traced: Boolean(traceFolder), clients });
    const peer = await startPeer(peerCommand, cleanups, clients);
    const sides = [ours, peer];
    const debugMcpSide = debugMcp ? await connectDebugMcp(debugMcp, { extensionsDir: ours.extensionsDir, cleanups }) : undefined;
    // with --latency, our side once more through the delayed link, right beside the direct one
    const oursDelayed = latencyMs > 0 ? { ...ours, label: `${ours.label} +${latencyMs} ms`, linkDelayMs: latencyMs } : undefined;
    // our side once more with the continue the peer has: answered at the adapter's acknowledgement
    const oursNoWait = { ...ours, label: `${ours.label} no-wait`, continueWithoutWait: true };
    // with --lean-debug-ui, our side once more with the workbench rendering less at each stop
    const oursLean = leanDebugUi ? { ...ours, label: `${ours.label} lean debug UI`, machineSettings: { ...ours.machineSettings, ...LEAN_DEBUG_UI } } : undefined;
    if (oursLean) {
      // whether the workbench took the settings: the floating debug toolbar shows while paused unless hidden
      const toolbarShown = (side) => async () => { side.toolbarShown = [...(side.toolbarShown ?? []), await ours.page.locator('.debug-toolbar').isVisible()]; };
      ours.atPause = toolbarShown(ours);
      oursLean.atPause = toolbarShown(oursLean);
    }
    const backToBack = [ours, oursNoWait, ...(oursLean ? [oursLean] : []), ...(oursDelayed ? [oursDelayed] : []), peer, ...(debugMcpSide ? [debugMcpSide] : [])];
    // with --think, each side once more with the agent's pause before every call
    const thinking = thinkMs > 0 ? [ours, oursNoWait, peer, ...(debugMcpSide ? [debugMcpSide] : [])].map((side) => ({ ...side, label: `${side.label} think ${thinkMs}`, thinkMs })) : [];
    const measured = [...backToBack, ...thinking];

    // every pass sets the link first: delayed for our delayed side, direct for everyone else (DebugMCP's tools cross it too)
    const traces = [];
    const pass = async (side, traceName) => {
      if (ours.link) await setLinkDelay(ours.link, side.linkDelayMs ?? 0);
      if (side === oursLean) {
        await setMachineSettings(ours, oursLean.machineSettings);
        try {
          return await scenario(side, setup);
        } finally {
          await setMachineSettings(ours, ours.machineSettings);
        }
      }
      if (!traceName) return (side.scenario ?? scenario)(side, setup);
      await takeRpcRecords(ours.page);
      const stop = await startTrace(ours.page);
      // the renderer starts its CPU profiler at its next interrupt check: let it, before the pass
      await ours.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
      const timings = await (side.scenario ?? scenario)(side, setup);
      const { file, events } = await stop(traceFolder, traceName);
      const rpc = await takeRpcRecords(ours.page);
      writeFileSync(file.replace(/\.json$/, '.rpc.json'), JSON.stringify(rpc));
      traces.push({ name: traceName, file, events, rpc });
      return timings;
    };
    const warmups = new Map();
    for (const side of measured) {
      const warm = await pass(side);
      warmups.set(side.label, warm);
      console.log(`  warm-up ${side.label.padEnd(22)} scenario ${warm.scenario.toFixed(0)} ms (start ${warm.start.toFixed(0)} ms, first locals ${warm.all.locals[0].toFixed(0)} ms, second ${warm.all.locals[1].toFixed(0)} ms, steps ${warm.all.step.map((value) => value.toFixed(0)).join('/')} ms, evaluate ${warm.evaluate.toFixed(0)} ms, continue ${warm.all.continue[0].toFixed(0)} ms)`);
    }
    const samples = new Map(measured.map((side) => [side.label, new Map()]));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? measured : [...measured].reverse();
      for (const side of order) {
        const traceName = traceFolder && side === ours && round < TRACED_PASSES ? `workbench round ${round + 1}` : undefined;
        const timings = await pass(side, traceName);
        const bucket = samples.get(side.label);
        for (const [key, values] of Object.entries(timings.all)) bucket.set(key, [...(bucket.get(key) ?? []), ...values]);
        console.log(`  round ${round + 1} ${side.label.padEnd(22)} scenario ${timings.scenario.toFixed(0)} ms, start ${timings.start.toFixed(0)}, step ${timings.all.step.map((value) => value.toFixed(0)).join('/')}, locals ${timings.all.locals.map((value) => value.toFixed(0)).join('/')}, evaluate ${timings.evaluate.toFixed(0)}`);
      }
    }

    if (ours.link) await setLinkDelay(ours.link, 0);
    if (oursLean) {
      printLean(ours.label, oursLean.label, samples, rounds);
      console.log(`  floating debug toolbar visible at the pause (defaults / lean): ${ours.toolbarShown?.join(' ')} / ${oursLean.toolbarShown?.join(' ')}`);
    }
    const overhead = new Map();
    for (const side of sides) overhead.set(side.label, await listOverhead(side));

    printTable(ours.label, peer.label, samples, overhead, rounds, oursNoWait.label);
    if (thinkMs > 0) printThink(ours.label, oursNoWait.label, peer.label, samples, rounds, thinkMs);
    if (oursDelayed) printGrowth(ours.label, oursDelayed.label, peer.label, samples, rounds, latencyMs);
    if (debugMcpSide) await printDebugMcpComparison({ ours, debugMcp: debugMcpSide, samples, warmups, overhead, rounds });
    console.log(`  load average after the run: ${loadAverage()}`);
    if (ours.hopLog) printHops(ours.hopLog);
    if (traces.length > 0) {
      printWorkbenchTraces(traces, readFileSync(ours.hopLog, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)));
      console.log(`  traces kept: ${traces.map((trace) => trace.file).join(', ')}`);
    }
  } finally {
    await runCleanups(cleanups);
  }
}

/** Where the MCP clients run: a worker thread of their own (default), or this thread (DEBUGGER_BENCH_CLIENT=main). */
async function mcpClients(cleanups) {
  if (process.env.DEBUGGER_BENCH_CLIENT === 'main') {
    console.log('  MCP clients on the bench\'s main thread, beside Playwright (DEBUGGER_BENCH_CLIENT=main)');
    return {
      async connectHttp(url, headers) {
        const client = new Client({ name: 'bench-debugger', version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
        return client;
      },
      async connectStdio(command, args) {
        const client = new Client({ name: 'bench-debugger', version: '1.0.0' });
        await client.connect(new StdioClientTransport({ command, args, stderr: 'ignore' }));
        return client;
      },
    };
  }
  console.log('  MCP clients in a worker thread of their own (each call timed there)');
  const worker = await startClientWorker();
  cleanups.push(() => worker.close());
  return worker;
}

async function startOurs(host, cleanups, { latencyMs, hops, debugMcp, traced, clients }) {
  console.log('  packaging the extension and starting VS Code with it installed…');
  const vsix = packageVsix({ quiet: true });
  // the probe's log is kept (its path is printed) for reading the raw timeline afterwards
  const probeFolder = hops ? mkdtempSync(join(tmpdir(), 'mld-dap-probe-')) : undefined;
  const hopLog = probeFolder ? join(probeFolder, 'dap.jsonl') : undefined;
  const server = await startVscodeServer({
    host,
    vsix: debugMcp ? [vsix, debugMcp.vsix] : vsix,
    settings: debugMcp?.settings,
    env: { ...debugMcp?.env, ...(hopLog ? { MLD_BENCH_DAP_LOG: hopLog } : {}) },
  });
  cleanups.push(async () => {
    await server.stop();
    server.cleanup();
  });
  // the workbench reaches the server through the proxy: page, resources and its websocket
  let workbenchPort = server.port;
  let link;
  if (latencyMs > 0) {
    // starts direct; each measured pass sets its own delay (scenario)
    link = await startLatencyProxy({ targetPort: server.port, delayMs: 0 });
    cleanups.push(() => link.close());
    workbenchPort = link.port;
  }
  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  const page = await browser.context.newPage();
  if (traced) await page.addInitScript(rpcRecorder);
  await page.goto(workbenchUrl(workbenchPort, DEMO, {
    ...(hops ? { extensionDevelopmentPath: join(repoRoot, 'bench', 'dapProbe') } : {}),
    payloadEntries: traced ? [RPC_LOG_PAYLOAD] : [],
  }));
  const info = await waitForDiscovery(join(server.dirs.discoveryHome, 'instances'), 90_000);
  const client = await clients.connectHttp(info.url, { Authorization: `Bearer ${info.token}` });
  cleanups.push(() => client.close());
  const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;
  const machineSettings = debugMcp?.settings ?? {};
  const machineSettingsFile = join(server.dirs.userData, 'Machine', 'settings.json');
  return { label: `mcp-live-debugger ${version}`, ours: true, client, hopLog, extensionsDir: server.dirs.extensions, link, linkDelayMs: 0, page, machineSettings, machineSettingsFile };
}

async function startPeer(peerCommand, cleanups, clients) {
  const client = await clients.connectStdio(peerCommand.command, peerCommand.args);
  cleanups.push(() => client.close());
  return { label: `${PEER_PACKAGE.split('/')[1]} ${peerCommand.version}`, client };
}


/** One pass of the swap scenario; every call must succeed and show the lost value. */
async function scenario(side, setup) {
  const all = { start: [], step: [], locals: [], evaluate: [], breakpoint: [], continue: [], create: [], close: [], scenario: [] };
  let thought = 0;
  const timed = async (key, name, args) => {
    if (side.thinkMs) {
      const pauseStart = performance.now();
      await new Promise((resolve) => setTimeout(resolve, side.thinkMs));
      thought += performance.now() - pauseStart;
    }
    const started = performance.now();
    const sentAt = wallClock();
    const loopBefore = performance.eventLoopUtilization();
    const result = await callTool(side.client, name, args);
    // the worker's own timing of the call, when the client runs there
    const call = side.client.lastCall ?? { ms: performance.now() - started, sentAt, answeredAt: wallClock(), busyMs: performance.eventLoopUtilization(loopBefore).active };
    all[key].push(call.ms);
    // busyMs: how long the client's loop was busy meanwhile (on the main thread: Playwright's traffic with the workbench page too)
    if (side.hopLog) logClientCall(side.hopLog, name, call.sentAt, call.answeredAt, side.linkDelayMs, call.busyMs);
    if (!result.success) throw new Error(`${side.label}: ${name} failed: ${result.error ?? JSON.stringify(result)}`);
    return result;
  };
  const created = await timed('create', 'create_debug_session', { language: setup.language, name: 'bench swap', executablePath: setup.executablePath });
  const sessionId = created.sessionId;
  try {
    const scenarioStart = performance.now();
    thought = 0;
    await timed('breakpoint', 'set_breakpoint', { sessionId, file: setup.program, line: setup.swapLine });
    // ours waits for the stop up to 10 s by default, which a loaded machine can exceed; the answer comes at the stop either way
    const started = await timed('start', 'start_debugging', { sessionId, scriptPath: setup.program, ...(side.ours ? { timeoutMs: 50_000 } : {}) });
    if (started.state !== 'paused') throw new Error(`${side.label}: start_debugging answered state ${started.state}, not paused`);
    expectLocals(side, await timed('locals', 'get_local_variables', { sessionId }), setup.atBreakpoint);
    await timed('step', 'step_over', { sessionId });
    await timed('step', 'step_over', { sessionId });
    if (side.atPause) await side.atPause();
    expectLocals(side, await timed('locals', 'get_local_variables', { sessionId }), setup.afterSteps);
    const evaluated = await timed('evaluate', 'evaluate_expression', { sessionId, expression: 'a + b' });
    if (evaluated.result !== '4') throw new Error(`${side.label}: a + b answered ${evaluated.result}`);
    if (side.continueWithoutWait) {
      const resumed = await timed('continue', 'continue_execution', { sessionId, waitForStop: false });
      // the program may end before the acknowledgement reaches us
      if (!['running', 'stopped'].includes(resumed.state)) throw new Error(`${side.label}: continue_execution with waitForStop false answered state ${resumed.state}, not running`);
      await waitForEnd(side, sessionId);
    } else {
      const ended = await timed('continue', 'continue_execution', { sessionId });
      if (side.ours && ended.state !== 'stopped') throw new Error(`${side.label}: continue_execution answered state ${ended.state}, not stopped (the end)`);
    }
    all.scenario.push(performance.now() - scenarioStart - thought);
  } finally {
    await timed('close', 'close_debug_session', { sessionId });
  }
  return { all, scenario: all.scenario[0], start: all.start[0], evaluate: all.evaluate[0] };
}

/** Polls the session until its program has ended (state stopped), so the round closes an ended session as with the waiting continue. */
async function waitForEnd(side, sessionId) {
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    const listed = await callTool(side.client, 'list_debug_sessions', {});
    const state = (listed.sessions ?? []).find((session) => session.id === sessionId)?.state;
    if (state === 'stopped') return;
    if (state === 'error') throw new Error(`${side.label}: the session ended in error after continue_execution`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${side.label}: the program had not ended 30 s after continue_execution with waitForStop false`);
}

/** Rewrites the VS Code server's machine settings and gives the workbench time to read them (it watches the file). */
async function setMachineSettings(ours, settings) {
  writeFileSync(ours.machineSettingsFile, JSON.stringify(settings, null, 2));
  await new Promise((resolve) => setTimeout(resolve, 1500));
}

/** Ours with VS Code's default debug UI against ours with LEAN_DEBUG_UI, same run, alternating. */
function printLean(defaultLabel, leanLabel, samples, rounds) {
  const normal = samples.get(defaultLabel);
  const lean = samples.get(leanLabel);
  console.log(`\n  VS Code's debug UI at its defaults and with ${JSON.stringify(LEAN_DEBUG_UI)}, our side, ${rounds} rounds alternating\n`);
  console.log('| median, ms | defaults | lean debug UI | lean / defaults |');
  console.log('|---|---:|---:|---:|');
  for (const [key, label] of METRICS) {
    const a = median(normal.get(key));
    const b = median(lean.get(key));
    console.log(`| ${label} | ${format(a)} | ${format(b)} | ${Number.isFinite(b / a) ? (b / a).toFixed(2) : '—'} |`);
  }
}

/** Sets the workbench link's delay and lets what the workbench still sends at the old one arrive first. */
async function setLinkDelay(link, delayMs) {
  link.setDelay(delayMs);
  await new Promise((resolve) => setTimeout(resolve, 500));
}

function expectLocals(side, result, expected) {
  for (const [name, value] of Object.entries(expected)) {
    const actual = (result.variables ?? []).find((variable) => variable.name === name)?.value;
    if (actual !== value) throw new Error(`${side.label}: expected local ${name}=${value}, got ${actual} (answer: ${JSON.stringify(result).slice(0, 600)})`);
  }
}

function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

async function listOverhead(side) {
  // the MCP layer alone: warmed up, and after the scenario's sessions have finished closing
  for (let index = 0; index < 30; index++) await callTool(side.client, 'list_debug_sessions', {});
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const values = [];
  for (let index = 0; index < OVERHEAD_CALLS; index++) {
    const started = performance.now();
    const result = await callTool(side.client, 'list_debug_sessions', {});
    values.push(side.client.lastCall?.ms ?? performance.now() - started);
    if (!result.success) throw new Error(`${side.label}: list_debug_sessions failed`);
  }
  return values;
}





function printTable(oursLabel, peerLabel, samples, overhead, rounds, noWaitLabel) {
  const ours = samples.get(oursLabel);
  const peer = samples.get(peerLabel);
  const row = (label, a, b) => [label, format(a), format(b), Number.isFinite(a / b) ? `${(a / b).toFixed(2)}` : '—'];
  const rows = [];
  for (const [key, label] of METRICS) {
    rows.push(row(label, median(ours.get(key)), median(peer.get(key))));
    // the like-for-like continue, from our passes that call it with waitForStop false
    if (key === 'continue') rows.push(row('continue_execution, ours with waitForStop: false (both answer at the acknowledgement)', median(samples.get(noWaitLabel).get('continue')), median(peer.get('continue'))));
  }
  const oursOverhead = overhead.get(oursLabel);
  const peerOverhead = overhead.get(peerLabel);
  rows.push([
    `list_debug_sessions (MCP layer, ${OVERHEAD_CALLS} calls)`,
    `${format(median(oursOverhead))} (p90 ${format(percentile(oursOverhead, 0.9))})`,
    `${format(median(peerOverhead))} (p90 ${format(percentile(peerOverhead, 0.9))})`,
    (median(oursOverhead) / median(peerOverhead)).toFixed(2),
  ]);
  const header = ['median, ms', oursLabel, peerLabel, 'ours / peer'];
  console.log(`\n  Medians over ${rounds} rounds (step_over and get_local_variables: 2 samples per round)\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

/** Per call, both sides back to back and with the agent's pause before every call, from the same rounds. */
function printThink(oursLabel, noWaitLabel, peerLabel, samples, rounds, thinkMs) {
  const pace = (label) => [samples.get(label), samples.get(`${label} think ${thinkMs}`)];
  const [ours, oursThinking] = pace(oursLabel);
  const [noWait, noWaitThinking] = pace(noWaitLabel);
  const [peer, peerThinking] = pace(peerLabel);
  const ratio = (a, b) => (Number.isFinite(a / b) ? (a / b).toFixed(2) : '—');
  const header = ['median, ms', 'ours, back to back', 'peer', 'ratio', `ours, ${thinkMs} ms before each call`, 'peer', 'ratio'];
  console.log(`\n  Back to back and at an agent's pace (${thinkMs} ms before every call, both sides), ${rounds} rounds; the pauses are not in the whole scenario\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`);
  const row = (label, a, b, c, d) => console.log(`| ${[label, format(a), format(b), ratio(a, b), format(c), format(d), ratio(c, d)].join(' | ')} |`);
  for (const [key, label] of METRICS) {
    row(label, median(ours.get(key)), median(peer.get(key)), median(oursThinking.get(key)), median(peerThinking.get(key)));
    if (key === 'continue') row('continue_execution, ours with waitForStop: false', median(noWait.get(key)), median(peer.get(key)), median(noWaitThinking.get(key)), median(peerThinking.get(key)));
  }
}

/**
 * Our side with and without the delayed link, per call: both medians, the growth (delayed −
 * direct) and each against the peer, which has no workbench link.
 */
function printGrowth(directLabel, delayedLabel, peerLabel, samples, rounds, latencyMs) {
  const direct = samples.get(directLabel);
  const delayed = samples.get(delayedLabel);
  const peer = samples.get(peerLabel);
  const ratio = (a, b) => (Number.isFinite(a / b) ? (a / b).toFixed(2) : '—');
  const header = ['median, ms', 'ours, direct', `ours, +${latencyMs} ms each way`, 'growth', peerLabel, 'direct / peer', 'delayed / peer'];
  console.log(`\n  The workbench link: our side with ${latencyMs} ms one-way latency and without, alternating in each of the ${rounds} rounds\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`);
  for (const [key, label] of METRICS) {
    const a = median(direct.get(key));
    const b = median(delayed.get(key));
    const p = median(peer.get(key));
    const growth = b - a;
    console.log(`| ${[label, format(a), format(b), Number.isFinite(growth) ? `${growth >= 0 ? '+' : '−'}${format(Math.abs(growth))}` : '—', format(p), ratio(a, p), ratio(b, p)].join(' | ')} |`);
  }
}
