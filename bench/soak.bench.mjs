// Hours, not minutes: many mixed tool calls from several clients against real debug sessions
// (mock, and Python every 100th call), with sessions created and closed throughout and the live
// panel open and live. Every minute it asks a bench-only probe extension in the same extension host
// (bench/soak/probe.js) for the heap after a full GC, RSS, open handles, the trace store's and the
// panel's counts, and prints them with p50/p99 of that minute's calls. Ends with the goals of the reliability issue, each
// met or not.
//
//   npm run bench -- soak [--calls 100000] [--minutes 20] [--clients 5] [--max-events 5000] [--heap-dir DIR]
//
// With --heap-dir, the probe writes a heap snapshot into DIR after minute 2 and at the end, and where
// the objects alive at the end were allocated since minute 2 (V8's sampling heap profiler):
// `node bench/soak/heapDiff.mjs DIR` then says what grew and what holds it. A snapshot stops the
// extension host for a minute or more: calls then time out, so such a run judges nothing.
//
// The trace store keeps what it records, up to `mcpLiveDebugger.trace.maxEvents` (and 256 MB): the
// soak runs with a small bound (5,000 events) so the store is full within the first minutes and any
// growth of the heap after that is a leak, not the store doing its job.
// Runs only when named (it takes as long as --minutes says).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { packageVsix } from '../scripts/package.mjs';
import { ensureTestHost, freePort, launchChromium, repoRoot, startVscodeServer, workbenchUrl } from '../scripts/vscodeHost.mjs';
import { callTool, format, percentile, runCleanups, waitForDiscovery } from './benchSupport.mjs';

export const runsOnlyByName = true;

const PYTHON = '/usr/bin/python3';
const PROBE = join(repoRoot, 'bench/soak');
/** `total = total + i` in loop.mock, `a = b` in swap_vars.py. */
const MOCK_LINE = 5;
const PYTHON_LINE = 5;
/** A client closes its mock session and creates a new one after this many calls, its Python one after this many Python calls. */
const MOCK_SESSION_CALLS = 250;
const PYTHON_SESSION_CALLS = 10;
const PYTHON_EVERY = 100;
const HEAP_FLAT_MB = 30;
const P99_GROWTH = 1.5;

export async function run(options = {}) {
  const calls = Number(options.calls ?? 100_000);
  const minutes = Number(options.minutes ?? 20);
  const clientCount = Number(options.clients ?? 5);
  const maxEvents = Number(options['max-events'] ?? 5_000);
  const heapDir = typeof options['heap-dir'] === 'string' ? resolve(options['heap-dir']) : undefined;
  if (![calls, minutes, clientCount, maxEvents].every((value) => Number.isFinite(value) && value > 0)) throw new Error('--calls, --minutes, --clients and --max-events take positive numbers');
  const host = ensureTestHost();
  const workspace = mkdtempSync(join(tmpdir(), 'mld-soak-'));
  copyFileSync(join(PROBE, 'loop.mock'), join(workspace, 'loop.mock'));
  copyFileSync(join(repoRoot, 'demo/swap_vars.py'), join(workspace, 'swap_vars.py'));
  const cleanups = [() => rmSync(workspace, { recursive: true, force: true })];
  try {
    const probePort = await freePort();
    console.log(`  ${calls} calls from ${clientCount} clients over at least ${minutes} min (Python every ${PYTHON_EVERY}th call); the store keeps ${maxEvents} events`);
    const vsix = packageVsix({ quiet: true });
    const server = await startVscodeServer({ host, vsix, env: { MLD_SOAK_PROBE_PORT: String(probePort), MLD_SOAK_MAX_EVENTS: String(maxEvents) } });
    cleanups.push(async () => {
      await server.stop();
      server.cleanup();
    });
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.context.newPage();
    await page.goto(workbenchUrl(server.port, workspace, { extensionDevelopmentPath: PROBE }));
    const info = await waitForDiscovery(join(server.dirs.discoveryHome, 'instances'), 90_000);
    const readHost = async () => {
      const response = await fetch(`http://127.0.0.1:${probePort}/`);
      if (!response.ok) throw new Error(`the soak probe answered ${response.status}: ${await response.text()}`);
      const held = await response.json();
      return { ...held, heapMb: held.heapUsed / 2 ** 20, rssMb: held.rss / 2 ** 20 };
    };
    const askProbe = async (path) => {
      const response = await fetch(`http://127.0.0.1:${probePort}${path}`);
      if (!response.ok) throw new Error(`the soak probe answered ${response.status} to ${path}: ${await response.text()}`);
    };
    const first = await waitFor(() => readHost().then((held) => (held.live === null ? undefined : held), () => undefined), 90_000, 'the soak probe extension and the live panel to answer');
    if (!first.live) throw new Error('the live panel did not open live');
    console.log(`  panel open and live; heap ${first.heapMb.toFixed(1)} MB, rss ${first.rssMb.toFixed(0)} MB, ${first.handles} handles at start`);

    const clients = [];
    for (let index = 0; index < clientCount; index++) {
      const client = new Client({ name: `soak-client-${index + 1}`, version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(info.url), { requestInit: { headers: { Authorization: `Bearer ${info.token}` } } }));
      cleanups.push(() => client.close());
      clients.push(client);
    }

    const samples = [];
    const failures = [];
    const noteFailure = (text) => {
      failures.count = (failures.count ?? 0) + 1;
      if (failures.length >= 20) return;
      failures.push(text);
      // as it happens too: a run stopped early still says what went wrong
      console.log(`  ! at ${((performance.now() - started) / 60_000).toFixed(1)} min: ${text}`);
    };
    const started = performance.now();
    const minuteMs = 60_000;
    const perMinute = [];
    let made = 0;
    let answered = 0;
    const callsPerClient = Math.ceil(calls / clientCount);
    const intervalMs = (minutes * minuteMs) / callsPerClient;
    const work = clients.map((client, index) => drive({
      client,
      label: `client ${index + 1}`,
      workspace,
      calls: callsPerClient,
      intervalMs,
      started,
      onCall(name, ms, outcome, error) {
        made++;
        if (outcome !== 'threw') {
          answered++;
          samples.push({ at: performance.now() - started, ms });
        }
        if (outcome !== 'ok') noteFailure(`${name}: ${error}`);
      },
      onWrongAnswer: noteFailure,
    }));
    let running = true;
    const allDone = Promise.all(work).finally(() => {
      running = false;
    });
    console.log('\n| min | calls | p50 ms | p99 ms | heap after GC MB | rss MB | handles | store events | store MB | dropped | panel events | MCP connections | answers held |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    let minute = 1;
    while (running) {
      const due = started + minute * minuteMs;
      await Promise.race([allDone, sleep(Math.max(0, due - performance.now()))]);
      if (!running && performance.now() < due) break;
      const inMinute = samples.filter((sample) => sample.at >= (minute - 1) * minuteMs && sample.at < minute * minuteMs).map((sample) => sample.ms);
      const held = await readHost();
      const row = { minute, calls: inMinute.length, p50: percentile(inMinute, 0.5), p99: percentile(inMinute, 0.99), ...held };
      perMinute.push(row);
      if (heapDir && minute === 2) {
        mkdirSync(heapDir, { recursive: true });
        await askProbe(`/heap-snapshot?to=${encodeURIComponent(join(heapDir, 'early.heapsnapshot'))}`);
        await askProbe('/sampling/start');
      }
      console.log(`| ${minute} | ${row.calls} | ${format(row.p50)} | ${format(row.p99)} | ${row.heapMb.toFixed(1)} | ${row.rssMb.toFixed(0)} | ${row.handles} | ${row.storeSize} | ${(row.storeBytes / 2 ** 20).toFixed(1)} | ${row.dropped} | ${row.panelEvents ?? 'busy'} | ${row.connections} | ${row.heldAnswers ?? '?'} |`);
      minute++;
    }
    await allDone;
    const totalMs = performance.now() - started;
    if (heapDir && perMinute.length >= 2) {
      await askProbe(`/sampling/stop?to=${encodeURIComponent(join(heapDir, 'late.heapprofile'))}`);
      await askProbe(`/heap-snapshot?to=${encodeURIComponent(join(heapDir, 'late.heapsnapshot'))}`);
      console.log(`  heap snapshots and the sampling profile are in ${heapDir}: node bench/soak/heapDiff.mjs ${heapDir}`);
    }
    // the panel may still be painting the last batches: give it a minute to show what the store holds
    const last = (await waitFor(async () => {
      const held = await readHost();
      return held.panelEvents === held.storeSize ? held : undefined;
    }, 60_000, 'the panel to show what the store holds').catch(() => undefined)) ?? (await readHost());
    console.log(`\n  ${answered} of ${made} calls answered in ${(totalMs / 60_000).toFixed(1)} min; ${failures.count ?? 0} answered success:false or threw`);
    for (const failure of failures) console.log(`    ${failure}`);
    console.log(`  at the end: heap ${last.heapMb.toFixed(1)} MB, rss ${last.rssMb.toFixed(0)} MB, ${last.handles} handles, store ${last.storeSize} events (${last.dropped} dropped), panel ${last.panelEvents} events`);
    printGoals(perMinute, answered, made, failures.count ?? 0, last);
  } finally {
    await runCleanups(cleanups);
  }
}

/** One client's share of the calls, paced to the schedule, on its own mock and Python sessions. */
async function drive({ client, label, workspace, calls, intervalMs, started, onCall, onWrongAnswer }) {
  const call = async (name, args, language = 'mock') => {
    const begun = performance.now();
    let answer;
    try {
      answer = await callTool(client, name, args);
    } catch (error) {
      onCall(name, performance.now() - begun, 'threw', `${label} (${language}) threw after ${(performance.now() - begun).toFixed(0)} ms: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    onCall(name, performance.now() - begun, answer.success === true ? 'ok' : 'failed', `${label} (${language}): ${answer.error ?? JSON.stringify(answer).slice(0, 200)}`);
    return answer.success === true ? answer : undefined;
  };
  const openPaused = async (language, file, line, executablePath) => {
    const created = await call('create_debug_session', { language, name: `soak ${label} ${language}`, ...(executablePath ? { executablePath } : {}) }, language);
    if (!created) return undefined;
    await call('set_breakpoint', { sessionId: created.sessionId, file, line }, language);
    const startedSession = await call('start_debugging', { sessionId: created.sessionId, scriptPath: file }, language);
    // a session that does not pause at its breakpoint makes the client skip its calls: say so
    if (startedSession && startedSession.state !== 'paused') onWrongAnswer(`${label}: ${language} start_debugging answered ${startedSession.state}, not paused at line ${line}`);
    if (startedSession?.state !== 'paused') return { id: created.sessionId, paused: false };
    return { id: created.sessionId, paused: true };
  };
  const mockFile = join(workspace, 'loop.mock');
  const pythonFile = join(workspace, 'swap_vars.py');
  let mock;
  let python;
  let mockCalls = 0;
  let pythonCalls = 0;
  for (let index = 0; index < calls; index++) {
    const due = started + index * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    if (index % PYTHON_EVERY === PYTHON_EVERY - 1) {
      if (!python || pythonCalls >= PYTHON_SESSION_CALLS) {
        if (python) await call('close_debug_session', { sessionId: python.id }, 'python');
        python = await openPaused('python', pythonFile, PYTHON_LINE, PYTHON);
        pythonCalls = 0;
      }
      pythonCalls++;
      if (python?.paused) {
        const answer = await call(pythonCalls % 2 ? 'get_local_variables' : 'evaluate_expression', { sessionId: python.id, ...(pythonCalls % 2 ? {} : { expression: 'a + b' }) }, 'python');
        if (answer && pythonCalls % 2 === 0 && answer.result !== '3') onWrongAnswer(`${label}: python a + b answered ${answer.result}, not 3`);
      }
      continue;
    }
    if (!mock || mockCalls >= MOCK_SESSION_CALLS) {
      if (mock) await call('close_debug_session', { sessionId: mock.id });
      mock = await openPaused('mock', mockFile, MOCK_LINE);
      mockCalls = 0;
    }
    mockCalls++;
    if (!mock?.paused) continue;
    const sessionId = mock.id;
    switch (index % 10) {
      case 0: await call('list_debug_sessions', {}); break;
      case 1: await call('get_stack_trace', { sessionId }); break;
      case 2: await call('get_local_variables', { sessionId }); break;
      case 3: await call('evaluate_expression', { sessionId, expression: 'total + i' }); break;
      case 4: await call('list_breakpoints', { sessionId }); break;
      case 5: await call('get_source_context', { sessionId, file: mockFile, line: MOCK_LINE }); break;
      case 6: await call('list_threads', { sessionId }); break;
      case 7: await call('get_output', { sessionId }); break;
      case 8: await call('list_supported_languages', {}); break;
      default: {
        // resume and come back to the same breakpoint on the next pass of the loop
        const resumed = await call('continue_execution', { sessionId });
        if (resumed && resumed.state !== 'paused') onWrongAnswer(`${label}: continue_execution answered ${resumed.state}, not paused`);
      }
    }
  }
  if (mock) await call('close_debug_session', { sessionId: mock.id });
  if (python) await call('close_debug_session', { sessionId: python.id }, 'python');
}

function printGoals(perMinute, answered, made, failed, last) {
  const fromSecond = perMinute.filter((row) => row.minute >= 2);
  const heaps = fromSecond.map((row) => row.heapMb);
  const heapSpread = heaps.length ? Math.max(...heaps) - Math.min(...heaps) : NaN;
  const second = perMinute.find((row) => row.minute === 2);
  const lastRow = perMinute.at(-1);
  const p99Ratio = second && lastRow ? lastRow.p99 / second.p99 : NaN;
  const handleGrowth = second ? last.handles - second.handles : NaN;
  // least squares over minute 2 to the end: the growth a leak adds per minute and per call
  const slope = fit(fromSecond.map((row) => [row.minute, row.heapMb]));
  const callsPerMinute = fromSecond.reduce((sum, row) => sum + row.calls, 0) / Math.max(1, fromSecond.length);
  console.log(`\n  heap after GC from minute 2: ${format(slope)} MB/min, ${format((slope * 1024) / callsPerMinute)} KB per call (${format(callsPerMinute)} calls/min)`);
  const goals = [
    [`heap after GC flat within ${HEAP_FLAT_MB} MB from minute 2 to the end`, `spread ${format(heapSpread)} MB`, heapSpread <= HEAP_FLAT_MB],
    ['no growth in handles', `minute 2: ${second?.handles ?? '—'}, end: ${last.handles}`, handleGrowth <= 0],
    [`p99 of the last minute within ${P99_GROWTH}× of the second minute`, `${format(lastRow?.p99)} / ${format(second?.p99)} ms = ${format(p99Ratio)}`, p99Ratio <= P99_GROWTH],
    ['every call answered', `${answered} of ${made}, ${failed} not successful`, answered === made && failed === 0],
    ['the panel shows what the store holds', `panel ${last.panelEvents}, store ${last.storeSize}`, last.panelEvents === last.storeSize],
  ];
  console.log('\n| goal | figure | met |\n|---|---|---|');
  for (const [goal, figure, met] of goals) console.log(`| ${goal} | ${figure} | ${met ? 'yes' : '**no**'} |`);
  const missed = goals.filter(([, , met]) => !met).map(([goal]) => goal);
  if (missed.length) throw new Error(`soak goals missed: ${missed.join('; ')}`);
}

/** The slope of the least-squares line through [x, y] points. */
function fit(points) {
  if (points.length < 2) return NaN;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return covariance / variance;
}

async function waitFor(read, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await read();
    if (value) return value;
    await sleep(250);
  }
  throw new Error(`waited ${timeoutMs / 1000} s for ${what}`);
}




function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
