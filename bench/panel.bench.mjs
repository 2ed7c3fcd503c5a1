// The live debugger panel's webview under load, in headless Chromium: the built dist/webview.js on a
// page that stands in for VS Code's webview host (as in test/ui), fed through window.postMessage
// as VS Code delivers host messages (packed as bytes as src/panel/livePanel.ts posts them, paced by
// the webview's `digested` as src/panel/eventFeed.ts paces them).
//   first render of 100,000 events, a search keystroke, expanding a row, a live stream of
//   2,000 events/s for 10 s on top of them (none missing, longest frame), and heap/DOM size.
import { execFileSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../scripts/vscodeHost.mjs';
import { measureRealWebview } from './panelWorkbench.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOADED = 100_000;
const STREAM_RATE = 2_000;
const STREAM_SECONDS = 10;
const BATCH_MS = 50;
/** FEED_FIRST_EVENTS, FEED_CHUNK_EVENTS and FEED_MESSAGES_AHEAD in src/panel/eventFeed.ts. */
const SNAPSHOT_FIRST_EVENTS = 1_000;
const SNAPSHOT_CHUNK_EVENTS = 5_000;
const MESSAGES_AHEAD = 2;
const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };

const PAGE = `<!DOCTYPE html><html><head><meta charset="UTF-8">
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="/dist/codicon.css"><link rel="stylesheet" href="/media/panel.css">
<script>
  window.__posted = [];
  window.__byId = new Map();
  let replyId = 1e9;
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => {
      window.__posted.push(message);
      if (message.body.type === 'digested') window.__digested?.(message.inReplyTo);
      if (message.body.type === 'getEventDetail') {
        const summary = window.__byId.get(message.body.id);
        setTimeout(() => window.postMessage({ messageId: replyId++, inReplyTo: message.messageId, body: { type: 'eventDetail', event: summary && window.__detail(summary) } }, '*'), 0);
      }
    },
    getState: () => JSON.parse(sessionStorage.getItem('panel-state') || 'null'),
    setState: (state) => sessionStorage.setItem('panel-state', JSON.stringify(state)),
  });
  document.documentElement.style.cssText = '--vscode-editor-background:#1f1f1f;--vscode-foreground:#ccc;--vscode-font-family:sans-serif;--vscode-font-size:13px';
  // what the panel host posts: event summaries (src/shared/eventSummary.ts); bodies stay in the host
  window.__makeEvents = (count, firstId, startAt, sessions) => {
    const tools = ['set_breakpoint', 'step_over', 'get_local_variables', 'evaluate_expression', 'continue_execution', 'get_stack_trace', 'start_debugging'];
    const methods = ['tools/call', 'tools/call', 'tools/call', 'tools/call', 'tools/list', 'resources/read', 'notifications/progress'];
    const events = new Array(count);
    for (let i = 0; i < count; i++) {
      const id = firstId + i;
      const method = methods[id % methods.length];
      const tool = method === 'tools/call' ? tools[id % tools.length] : undefined;
      const failed = id % 23 === 0;
      const event = {
        id, timestamp: startAt + i, connectionId: sessions[id % sessions.length], source: 'debugger',
        kind: method.startsWith('notifications/') ? 'notification' : 'request', method, status: failed ? 'error' : 'ok',
        latencyMs: 3 + (id % 97), requestBytes: 180, responseBytes: 640,
      };
      if (tool) { event.tool = tool; event.hasTrace = true; }
      if (failed) event.error = 'NameError: name c is not defined';
      if (method === 'tools/list') event.listedTools = tools;
      if (method === 'resources/read') event.target = 'file:///work/demo/notes-' + (id % 40) + '.md';
      events[i] = event;
    }
    return events;
  };
  // and the whole event when a row is expanded
  window.__detail = (summary) => ({
    ...summary,
    request: { jsonrpc: '2.0', id: summary.id, method: summary.method, params: { name: summary.tool, arguments: { line: summary.id % 80 } } },
    response: { jsonrpc: '2.0', id: summary.id, result: { structuredContent: { success: true, location: { file: '/work/demo/app.py', line: 1 + (summary.id % 80) } } } },
    trace: summary.tool ? { name: summary.tool, start: summary.timestamp, duration_ms: 3, status: 'ok', inputs: { line: summary.id % 80 }, outputs: { success: true }, children: [
      { name: 'stackTrace', command: 'stackTrace', start: summary.timestamp, duration_ms: 1, status: 'ok', request: { threadId: 1 },
        response: { stackFrames: [{ id: 1, name: 'main', line: 1 + (summary.id % 80), source: { path: '/work/demo/app.py' } }] }, children: [] },
    ] } : undefined,
  });
  window.__sessions = (count, now) => Array.from({ length: count }, (_, i) => ({
    id: 'conn-' + i, source: i % 5 === 0 ? 'proxy:payments' : 'debugger', transport: 'streamable-http',
    clientName: ['claude-code', 'cursor', 'copilot'][i % 3], clientVersion: '1.0.' + i, startedAt: now - 3_600_000, lastActivityAt: now, status: i % 4 ? 'active' : 'ended',
  }));
  window.__messageId = 1;
  // packed as the panel host packs them (window.__packing: src/shared/packedEnvelope.ts, bundled below)
  window.__pack = (body) => {
    const envelope = { messageId: window.__messageId++, body };
    return body.type === 'snapshot' || body.type === 'append' ? window.__packing.packEnvelope(envelope) : envelope;
  };
  window.__host = (body) => window.postMessage(window.__pack(body), '*');
  window.__frame = () => new Promise((resolve) => requestAnimationFrame(() => { void document.body.offsetHeight; resolve(); }));
</script><script src="/packing.js"></script></head><body><div id="app" class="app"></div><script type="module" src="/dist/webview.js"></script></body></html>`;

const PACKING = buildSync({
  entryPoints: [join(repoRoot, 'src/shared/packedEnvelope.ts')], bundle: true, write: false, format: 'iife', globalName: '__packing', platform: 'browser', target: 'es2022',
}).outputFiles[0].text;

function startServer() {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (path === '/') return void response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    if (path === '/packing.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(PACKING);
    const file = normalize(join(repoRoot, path));
    if (!file.startsWith(join(repoRoot, 'dist')) && !file.startsWith(join(repoRoot, 'media'))) return void response.writeHead(404).end();
    readFile(file).then((body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body), () => response.writeHead(404).end());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const loadAverage = () => loadavg()[0].toFixed(1);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const ms = (value) => `${value.toFixed(1)} ms`;

/** Opens a fresh panel page on the given tab, with the 100,000 events generated in the page. */
async function openLoaded(browser, url, tab) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  // the saved state is there before the panel starts: set after a first load and reloaded, it could be
  // overwritten by that page's own save (150 ms after it started), and the page opened on the Sessions tab
  await page.addInitScript((tab) => sessionStorage.setItem('panel-state', JSON.stringify({ tab, live: true })), tab);
  await page.goto(url);
  await page.waitForFunction(() => window.__posted.some((message) => message.body.type === 'ready'));
  const shown = await page.evaluate(() => window.mcpLiveDebuggerPanel.describe().tab);
  if (shown !== tab) throw new Error(`the panel opened on its ${shown} tab, not ${tab}`);
  const { firstRender, fullyLoaded } = await page.evaluate(async ({ loaded, maxEvents, first, chunk, ahead }) => {
    const now = Date.now();
    const sessions = window.__sessions(200, now);
    const events = window.__makeEvents(loaded, 1, now - loaded, sessions.map((session) => session.id));
    for (const event of events) window.__byId.set(event.id, event);
    // packed beforehand: the host packs in the extension host, not on the webview's thread
    const messages = [window.__pack({ type: 'snapshot', connections: sessions, events: events.slice(0, first), droppedCount: 0, maxEvents, endpoint: { status: 'listening', url: 'http://127.0.0.1:1/mcp' } })];
    for (let next = first; next < events.length; next += chunk) {
      messages.push(window.__pack({ type: 'append', connections: [], events: events.slice(next, next + chunk), droppedCount: 0, firstKeptId: 0 }));
    }
    await window.__frame();
    const started = performance.now();
    let firstRender;
    let fullyLoaded;
    await new Promise((resolve) => {
      const watch = () => {
        const now = performance.now();
        if (firstRender === undefined && document.querySelector('.view:not([hidden]) .grid-body [role="row"]')) firstRender = now - started;
        if (window.mcpLiveDebuggerPanel.store.size === loaded) {
          fullyLoaded = now - started;
          resolve();
        } else {
          requestAnimationFrame(watch);
        }
      };
      requestAnimationFrame(watch);
      // as the panel host sends a store: a snapshot of the first chunk, then appends, a few ahead of
      // the webview's `digested` (src/panel/eventFeed.ts)
      let next = 0;
      let waiting = 0;
      const send = () => {
        while (waiting < ahead && next < messages.length) {
          waiting++;
          window.postMessage(messages[next++], '*');
        }
      };
      window.__digested = () => {
        waiting--;
        send();
      };
      send();
    });
    window.__digested = undefined;
    return { firstRender, fullyLoaded };
  }, { loaded: LOADED, maxEvents: LOADED + STREAM_RATE * STREAM_SECONDS * 2, first: SNAPSHOT_FIRST_EVENTS, chunk: SNAPSHOT_CHUNK_EVENTS, ahead: MESSAGES_AHEAD });
  const rows = await page.$$eval('.view:not([hidden]) .grid-body [role="row"]', (found) => found.length);
  if (rows === 0) throw new Error(`nothing drawn on the ${tab} tab after the snapshot`);
  return { page, firstRender, fullyLoaded };
}

async function searchKeystrokes(page) {
  return page.evaluate(async () => {
    const field = document.getElementById('filter-text');
    const input = field.shadowRoot.querySelector('input');
    const times = [];
    const work = [];
    for (const text of ['s', 'st', 'ste', 'step', 'step_', 'step', 'ste', 'st', 's', '', 'e', 'ev', 'eva', 'NameE', 'conn-17', '']) {
      await window.__frame();
      const started = performance.now();
      input.value = text;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      void document.body.offsetHeight;
      work.push(performance.now() - started);
      await window.__frame();
      times.push(performance.now() - started);
    }
    return { times, work };
  });
}

async function expandRows(page) {
  return page.evaluate(async () => {
    const times = [];
    for (let round = 0; round < 20; round++) {
      const rows = [...document.querySelectorAll('.event-log [data-event-id]')].filter((row) => row.getAttribute('aria-expanded') === 'false');
      const row = rows[round % Math.max(1, rows.length)];
      await window.__frame();
      const started = performance.now();
      row.click();
      void document.body.offsetHeight;
      times.push(performance.now() - started);
      document.querySelector(`.event-log [data-event-id="${row.dataset.eventId}"]`).click();
    }
    return times;
  });
}

async function liveStream(page) {
  return page.evaluate(async ({ rate, seconds, batchMs, loaded }) => {
    const perBatch = Math.round((rate * batchMs) / 1000);
    const sessions = window.__sessions(200, Date.now()).map((session) => session.id);
    const frames = [];
    let last = performance.now();
    let running = true;
    const tick = (now) => {
      frames.push(now - last);
      last = now;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    // the same page, idle for 3 s first: how long frames get on this machine without our work
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const idleFrames = frames.splice(0).slice(3);
    last = performance.now();
    let nextId = loaded + 1;
    let sent = 0;
    const started = performance.now();
    // a host-side 50 ms batch, as the panel host sends them
    await new Promise((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(rate * seconds - sent, Math.round(((performance.now() - started) / 1000) * rate) - sent);
        if (due > 0) {
          const events = window.__makeEvents(Math.min(due, perBatch * 4), nextId, Date.now(), sessions);
          nextId += events.length;
          sent += events.length;
          window.__host({ type: 'append', connections: [], events, droppedCount: 0, firstKeptId: 0 });
        }
        if (sent >= rate * seconds) {
          clearInterval(timer);
          resolve();
        }
      }, batchMs);
    });
    const elapsed = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 300));
    running = false;
    const app = window.mcpLiveDebuggerPanel;
    const description = app.describe();
    const drawnIds = [...document.querySelectorAll('.event-log [data-event-id]')].map((row) => Number(row.dataset.eventId));
    const steady = frames.slice(5);
    return {
      sent, elapsed, expected: loaded + sent, eventCount: description.eventCount, visible: description.visibleEventCount,
      lastId: nextId - 1, lastDrawn: Math.max(...drawnIds), frames: steady.length,
      longest: Math.max(...steady), over50: steady.filter((frame) => frame > 50).length,
      p99: [...steady].sort((a, b) => a - b)[Math.floor(steady.length * 0.99)],
      idle: { frames: idleFrames.length, longest: Math.max(...idleFrames), over50: idleFrames.filter((frame) => frame > 50).length },
    };
  }, { rate: STREAM_RATE, seconds: STREAM_SECONDS, batchMs: BATCH_MS, loaded: LOADED });
}

/** With PANEL_BENCH_PROFILE=1: where the main thread spent its time during a phase (top self times). */
async function profiled(page, label, phase) {
  if (!process.env.PANEL_BENCH_PROFILE) return phase();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  const result = await phase();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, index) => {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  console.log(`  [profile ${label}] ${[...self].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([key, us]) => `${(us / 1000).toFixed(0)} ms ${key}`).join('\n    ')}`);
  return result;
}

/** Main-thread time Chromium accounts to tasks, script, layout and style, in seconds (CDP Performance metrics). */
async function mainThreadTimes(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name) => metrics.find((metric) => metric.name === name)?.value ?? 0;
  return { task: value('TaskDuration'), script: value('ScriptDuration'), layout: value('LayoutDuration'), style: value('RecalcStyleDuration') };
}

async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const nodes = metrics.find((metric) => metric.name === 'Nodes')?.value ?? 0;
  await cdp.detach();
  return { heapMb: usedSize / 1024 / 1024, nodes };
}

export async function run({ rounds = 3, 'stand-in-only': standInOnly = false, 'real-only': realOnly = false } = {}) {
  const standIn = realOnly ? undefined : await runStandIn(rounds);
  if (standInOnly) return;
  console.log('panel inside the real VS Code webview (packaged VSIX, VS Code 1.139.1 server, workbench in headless Chromium):');
  const real = await measureRealWebview({ loaded: LOADED, rate: STREAM_RATE, seconds: STREAM_SECONDS, log: console.log });
  printSideBySide(standIn, real);
  if (real.failed) throw new Error(`the real webview did not get every event: ${real.failed}`);
}

/** Stand-in page and real webview, one line per figure. */
function printSideBySide(standIn, real) {
  const cell = (value) => (value === undefined ? '—' : typeof value === 'number' ? ms(value) : value);
  const ofArrivals = real.arrivals?.length > 1 ? ` (median of ${real.arrivals.length})` : '';
  const scrolled = ({ scrolled: time, lastDrawn, newest }) => `${time === undefined ? 'not reached' : ms(time)} (#${lastDrawn} drawn, newest #${newest})`;
  const rows = [
    ['command → first rows', undefined, real.failed ? undefined : `${ms(real.firstRows)}${real.firstRowsBeforeWatch ? ' (at most)' : ''}${ofArrivals}`, ''],
    [`command → all ${LOADED.toLocaleString('en-US')} held`, standIn?.loaded, real.failed ? `failed: ${real.failed}` : `${ms(real.allHeld)}${ofArrivals}`, ''],
    ['first render once the data is there', standIn?.firstRender, real.listDrawn, '< 300 ms'],
    ['scrolled to the last of them', undefined, real.failed ? undefined : scrolled(real.listed), ''],
    ['search keystroke → next frame (median)', standIn?.keystroke, real.keystrokes && median(real.keystrokes), '< 50 ms'],
    ['search keystroke → next frame (max)', standIn?.keystrokeMax, real.keystrokes && Math.max(...real.keystrokes), '< 50 ms'],
    ...[['connections', 'Sessions'], ['tools', 'Tools']].flatMap(([tab, label]) => {
      const typed = real.tabsTyped?.[tab];
      const pair = (times) => typed && `${ms(median(times))} / ${ms(Math.max(...times))}`;
      return [
        [`keystroke on ${label} → next frame, median / max`, undefined, pair(typed?.next), '< 50 ms'],
        ['  → its rows drawn, median / max', undefined, pair(typed?.drawn), ''],
        ['  longest frame meanwhile, median / max', undefined, pair(typed?.longest), '< 50 ms'],
      ];
    }),
    [`live ${STREAM_RATE.toLocaleString('en-US')}/s for ${STREAM_SECONDS} s: missing`, standIn && String(standIn.missing), real.stream && `${real.stream.expected - real.stream.size} (all in ${ms(real.stream.caughtUpAfter)} after the stream)`, '0'],
    ['live stream: longest frame', standIn?.longestFrame, real.stream?.longest, '< 50 ms'],
    ['live stream: frames over 50 ms', standIn && String(standIn.over50), real.stream && `${real.stream.over50} of ${real.stream.frames}`, '0'],
  ];
  for (const [name, label] of [['ours', 'import our export'], ['otlp', 'import OTLP JSON'], ['drop', 'drop our export']]) {
    const imported = real.imports?.[name];
    if (!imported) continue;
    const what = `${label} (${(imported.bytes / 2 ** 20).toFixed(0)} MB)`;
    if (imported.failed) {
      rows.push([`${what}: failed`, undefined, imported.failed, '']);
      continue;
    }
    rows.push(
      [`${what} → first rows`, undefined, imported.firstRows, ''],
      [`  → all ${imported.events.toLocaleString('en-US')} held`, undefined, imported.allHeld, ''],
      [name === 'drop' ? '  longest frame from the drop on, over 50 ms' : '  longest frame, frames over 50 ms', undefined, `${ms(imported.longestFrame)}, ${imported.over50}`, '< 50 ms, none'],
      ['  the same from the first rows on', undefined, `${ms(imported.arriving)}, ${imported.arrivingOver50}`, '< 50 ms, none'],
    );
  }
  // each column as wide as its longest cell, two spaces between columns
  const table = [['figure', 'stand-in page', 'real webview', 'target'], ...rows.map(([name, left, right, target]) => [name, cell(left), cell(right), target])];
  const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
  console.log('');
  for (const line of table) console.log(`  ${line.map((text, column) => (column === line.length - 1 ? text : text.padEnd(widths[column] + 2))).join('')}`.trimEnd());
  console.log('  (stand-in "first render" is its first snapshot drawn; real: the Event Log drawn after all events arrived)');
  console.log(`  load average ${loadAverage()} on ${cpus().length} cores`);
}

async function runStandIn(rounds) {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'ignore' });
  const server = await startServer();
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM.executablePath, args: CHROMIUM.args });
  try {
    const renders = { events: [], sessions: [], loaded: [] };
    const keystrokes = [];
    const keystrokeWork = [];
    const expands = [];
    for (let round = 0; round < rounds; round++) {
      const sessionsPage = await openLoaded(browser, url, 'connections');
      renders.sessions.push(sessionsPage.firstRender);
      await sessionsPage.page.close();
      const { page, firstRender, fullyLoaded } = await openLoaded(browser, url, 'events');
      renders.events.push(firstRender);
      renders.loaded.push(fullyLoaded);
      const typed = await profiled(page, 'keystrokes', () => searchKeystrokes(page));
      if (process.env.PANEL_BENCH_PROFILE) console.log(`  keystrokes: ${typed.times.map((time) => time.toFixed(0)).join(' ')}`);
      if (process.env.PANEL_BENCH_PROFILE) console.log(`  keystroke work: ${typed.work.map((time) => time.toFixed(0)).join(' ')}`);
      keystrokes.push(...typed.times);
      keystrokeWork.push(...typed.work);
      expands.push(...await expandRows(page));
      await page.close();
    }
    console.log(`panel with ${LOADED.toLocaleString('en-US')} events loaded, ${rounds} rounds (medians; budget in brackets; load average ${loadAverage()} on ${cpus().length} cores):`);
    console.log(`  first render, Event Log tab   ${ms(median(renders.events))}  (max ${ms(Math.max(...renders.events))}) [< 300 ms]`);
    console.log(`  all ${LOADED.toLocaleString('en-US')} held and drawn  ${ms(median(renders.loaded))}  (max ${ms(Math.max(...renders.loaded))})`);
    console.log(`  first render, Sessions tab    ${ms(median(renders.sessions))}  (max ${ms(Math.max(...renders.sessions))}) [< 300 ms]`);
    console.log(`  search keystroke, drawn       ${ms(median(keystrokes))}  (max ${ms(Math.max(...keystrokes))}, ${keystrokes.length} keystrokes; until the next frame) [< 50 ms]`);
    console.log(`    of which filter + draw + layout ${ms(median(keystrokeWork))}  (max ${ms(Math.max(...keystrokeWork))})`);
    console.log(`  expand a row                  ${ms(median(expands))}  (max ${ms(Math.max(...expands))}, ${expands.length} rows) [< 16 ms]`);

    const { page } = await openLoaded(browser, url, 'events');
    if (process.env.PANEL_BENCH_PROFILE) console.log(await page.evaluate(() => { const b = document.querySelector('.event-log .grid-body'); return { top: b.scrollTop, height: b.scrollHeight, client: b.clientHeight, size: window.mcpLiveDebuggerPanel.store.size, shown: window.mcpLiveDebuggerPanel.filtered.size, live: window.mcpLiveDebuggerPanel.describe().live }; }));
    const loadedMemory = await memory(page);
    const metricsSession = await page.context().newCDPSession(page);
    await metricsSession.send('Performance.enable');
    const before = await mainThreadTimes(metricsSession);
    const stream = await profiled(page, 'live stream', () => liveStream(page));
    const after = await mainThreadTimes(metricsSession);
    await metricsSession.detach();
    const streamedMemory = await memory(page);
    await page.close();
    const missing = stream.expected - stream.eventCount;
    console.log(`  live stream: ${stream.sent.toLocaleString('en-US')} events in ${(stream.elapsed / 1000).toFixed(1)} s (${Math.round(stream.sent / (stream.elapsed / 1000)).toLocaleString('en-US')}/s) on top of ${LOADED.toLocaleString('en-US')}`);
    console.log(`    missing afterwards ${missing} (held ${stream.eventCount.toLocaleString('en-US')}, shown ${stream.visible.toLocaleString('en-US')}, newest drawn #${stream.lastDrawn} of #${stream.lastId}) [0]`);
    console.log(`    frames ${stream.frames}, longest ${ms(stream.longest)}, p99 ${ms(stream.p99)}, over 50 ms: ${stream.over50} [none over 50 ms]`);
    const busy = (field) => ((after[field] - before[field]) * 1000 / (stream.elapsed + 3_300)) * 100;
    console.log(`    main thread busy ${busy('task').toFixed(0)}% of the time (script ${busy('script').toFixed(0)}%, layout ${busy('layout').toFixed(0)}%, style ${busy('style').toFixed(0)}%; idle 3 s included)`);
    console.log(`    same page idle for 3 s before: frames ${stream.idle.frames}, longest ${ms(stream.idle.longest)}, over 50 ms: ${stream.idle.over50} (the machine's own stalls; load average ${loadAverage()})`);
    console.log(`  webview memory: JS heap ${loadedMemory.heapMb.toFixed(1)} MB with ${LOADED.toLocaleString('en-US')} events, ${streamedMemory.heapMb.toFixed(1)} MB after the stream; DOM nodes ${loadedMemory.nodes} / ${streamedMemory.nodes}`);
    if (missing !== 0 || stream.lastDrawn !== stream.lastId) throw new Error('events went missing from the view during the live stream');
    return {
      firstRender: median(renders.events), loaded: median(renders.loaded), keystroke: median(keystrokes), keystrokeMax: Math.max(...keystrokes),
      missing, longestFrame: stream.longest, over50: stream.over50,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await run({ rounds: Number(process.argv[process.argv.indexOf('--rounds') + 1]) || undefined, 'stand-in-only': process.argv.includes('--stand-in-only'), 'real-only': process.argv.includes('--real-only') });
}
