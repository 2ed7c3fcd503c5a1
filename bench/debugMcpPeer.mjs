// The in-VS Code peer, microsoft/DebugMCP, for the JavaScript swap scenario (opt-in:
// `--debugmcp-vsix PATH`). Its VSIX is built by hand from its public source (bench/README.md) and
// installed in the same VS Code server beside ours. DebugMCP serves MCP over Streamable HTTP on
// `debugmcp.serverPort` (default 3001) of the loopback, with Host/Origin checks and no token; the
// bench gives it a free port through the server's machine settings. Its tools take no session id:
// they act on VS Code's active debug session.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { freePort } from '../scripts/vscodeHost.mjs';
import { format, median, percentile } from './benchSupport.mjs';

const EXTENSION_ID = 'ozzafar.debugmcpextension';
const OVERHEAD_CALLS = 300;

/**
 * What the VS Code server needs before it starts: the VSIX, the port DebugMCP is to listen on, and
 * PATH with the test host's Node first. DebugMCP launches `pwa-node` without a runtime, so js-debug
 * takes `node` from PATH; ours and mcp-debugger run the program with the test host's Node 24.
 */
export async function prepareDebugMcp(vsixPath, { host, language }) {
  if (language !== 'javascript') throw new Error('--debugmcp-vsix runs the JavaScript scenario only (DebugMCP needs the Python extension for Python, which the test host lacks): add --language javascript');
  const vsix = resolve(vsixPath);
  if (!existsSync(vsix)) throw new Error(`--debugmcp-vsix: no file at ${vsix} (bench/README.md says how to build it)`);
  const port = await freePort();
  return {
    vsix,
    port,
    settings: { 'debugmcp.serverPort': port, 'debugmcp.bindHost': '127.0.0.1' },
    env: { PATH: `${dirname(host.node)}:${process.env.PATH}` },
  };
}

/** Waits for DebugMCP's listener (it starts on `onStartupFinished`) and connects an MCP client. */
export async function connectDebugMcp(prepared, { extensionsDir, cleanups }) {
  const base = `http://127.0.0.1:${prepared.port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      await fetch(`${base}/`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`DebugMCP did not listen on ${base} within 90 s`);
      await new Promise((done) => setTimeout(done, 250));
    }
  }
  const client = new Client({ name: 'bench-debugger', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
  cleanups.push(() => client.close());
  return { label: `DebugMCP ${installedVersion(extensionsDir)}`, client, scenario: debugMcpScenario };
}

function installedVersion(extensionsDir) {
  const folder = readdirSync(extensionsDir).find((name) => name.startsWith(`${EXTENSION_ID}-`));
  if (!folder) throw new Error(`${EXTENSION_ID} is not installed in ${extensionsDir}`);
  return JSON.parse(readFileSync(join(extensionsDir, folder, 'package.json'), 'utf8')).version;
}

/** A tool's text answer; a tool error fails the bench. */
async function callText(side, name, args = {}) {
  const response = await side.client.callTool({ name, arguments: args }, undefined, { timeout: 60_000 });
  const text = response.content?.filter((item) => item.type === 'text').map((item) => item.text).join('\n') ?? '';
  if (response.isError) throw new Error(`${side.label}: ${name} failed: ${text.slice(0, 600)}`);
  return text;
}

/**
 * The swap scenario with DebugMCP's own tools, timed under the keys of ours: add_breakpoint,
 * start_debugging (answers once paused), get_variables_values of a and b in the local scope (it
 * requires names; ours answers every local), two step_over, get_variables_values, evaluate_expression,
 * continue_execution. "close" is the clean-up (stop_debugging, clear_all_breakpoints), outside the
 * whole scenario as ours' close_debug_session is.
 */
async function debugMcpScenario(side, setup) {
  const all = { start: [], step: [], locals: [], evaluate: [], breakpoint: [], continue: [], close: [], scenario: [] };
  const timed = async (key, name, args) => {
    const started = performance.now();
    const text = await callText(side, name, args);
    all[key].push(performance.now() - started);
    return text;
  };
  const locals = { variableNames: Object.keys(setup.atBreakpoint), scope: 'local' };
  const scenarioStart = performance.now();
  let finished = false;
  try {
    const added = await timed('breakpoint', 'add_breakpoint', { fileFullPath: setup.program, line: setup.swapLine });
    if (!added.startsWith('Breakpoint added')) throw new Error(`${side.label}: add_breakpoint answered ${added.slice(0, 300)}`);
    const started = await timed('start', 'start_debugging', { fileFullPath: setup.program, workingDirectory: dirname(setup.program) });
    if (!started.includes('stopped at breakpoint')) throw new Error(`${side.label}: start_debugging did not pause: ${started.slice(0, 600)}`);
    expectValues(side, await timed('locals', 'get_variables_values', locals), setup.atBreakpoint);
    for (let step = 0; step < 2; step++) expectActive(side, await timed('step', 'step_over'));
    expectValues(side, await timed('locals', 'get_variables_values', locals), setup.afterSteps);
    const evaluated = await timed('evaluate', 'evaluate_expression', { expression: 'a + b' });
    const result = /^Result: (.*?)(?: \([^()]*\))?$/m.exec(evaluated)?.[1];
    if (result !== '4') throw new Error(`${side.label}: a + b answered ${evaluated.slice(0, 300)}`);
    await timed('continue', 'continue_execution');
    all.scenario.push(performance.now() - scenarioStart);
    finished = true;
  } finally {
    // after a failure the clean-up is best effort, so the first error is the one reported
    const closing = performance.now();
    const cleanUp = async () => {
      await callText(side, 'stop_debugging');
      await callText(side, 'clear_all_breakpoints');
    };
    if (finished) await cleanUp();
    else await cleanUp().catch(() => {});
    all.close.push(performance.now() - closing);
  }
  return { all, scenario: all.scenario[0], start: all.start[0], evaluate: all.evaluate[0] };
}

/** get_variables_values answers `  name: value (type)` lines under each scope's name. */
function expectValues(side, text, expected) {
  const values = new Map();
  for (const line of text.split('\n')) {
    const match = /^\s+([^:\s]+): (.*)$/.exec(line);
    if (match) values.set(match[1], match[2].replace(/ \([^()]*\)$/, ''));
  }
  for (const [name, value] of Object.entries(expected)) {
    if (values.get(name) !== value) throw new Error(`${side.label}: expected ${name}=${value}, got ${values.get(name)} (answer: ${text.slice(0, 600)})`);
  }
}

/** A step answers the debug state as JSON; the session must still be paused in the program. */
function expectActive(side, text) {
  let state;
  try {
    state = JSON.parse(text);
  } catch {
    throw new Error(`${side.label}: step_over answered ${text.slice(0, 300)}`);
  }
  if (state.sessionActive !== true) throw new Error(`${side.label}: step_over ended the session: ${text.slice(0, 300)}`);
}

/**
 * DebugMCP beside ours: the medians of the measured rounds, the first locals after VS Code started
 * (warm-up; ours runs its warm-up first), and the MCP layer (ours: list_debug_sessions; DebugMCP has no
 * such tool, so list_breakpoints, which crosses its router to the window's control server).
 */
export async function printDebugMcpComparison({ ours, debugMcp, samples, warmups, overhead, rounds }) {
  for (let index = 0; index < 30; index++) await callText(debugMcp, 'list_breakpoints');
  await new Promise((done) => setTimeout(done, 1000));
  const peerOverhead = [];
  for (let index = 0; index < OVERHEAD_CALLS; index++) {
    const started = performance.now();
    await callText(debugMcp, 'list_breakpoints');
    peerOverhead.push(performance.now() - started);
  }
  const a = samples.get(ours.label);
  const b = samples.get(debugMcp.label);
  const ratio = (x, y) => (Number.isFinite(x / y) ? (x / y).toFixed(2) : '—');
  const rows = [
    ['start', 'start_debugging → paused'],
    ['step', 'step_over'],
    ['locals', 'get_local_variables (DebugMCP: get_variables_values a, b)'],
    ['evaluate', 'evaluate_expression'],
    ['breakpoint', 'set_breakpoint (DebugMCP: add_breakpoint)'],
    ['continue', 'continue_execution'],
    ['scenario', 'whole scenario'],
  ].map(([key, label]) => [label, format(median(a.get(key))), format(median(b.get(key))), ratio(median(a.get(key)), median(b.get(key)))]);
  const firstOurs = warmups.get(ours.label).all.locals[0];
  const firstPeer = warmups.get(debugMcp.label).all.locals[0];
  rows.push(['first locals after VS Code started (warm-up; ours first)', format(firstOurs), format(firstPeer), ratio(firstOurs, firstPeer)]);
  const oursOverhead = overhead.get(ours.label);
  rows.push([
    `MCP layer, ${OVERHEAD_CALLS} calls (ours list_debug_sessions, DebugMCP list_breakpoints)`,
    `${format(median(oursOverhead))} (p90 ${format(percentile(oursOverhead, 0.9))})`,
    `${format(median(peerOverhead))} (p90 ${format(percentile(peerOverhead, 0.9))})`,
    ratio(median(oursOverhead), median(peerOverhead)),
  ]);
  const header = ['median, ms', ours.label, `${debugMcp.label} (same VS Code server)`, `ours / ${debugMcp.label}`];
  console.log(`\n  Beside ${debugMcp.label}, medians over ${rounds} rounds (step_over and locals: 2 samples per round)\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}
