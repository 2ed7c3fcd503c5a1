// The panel benchmark inside the real VS Code webview: the packaged VSIX in VS Code 1.139.1's
// server, its workbench in headless Chromium, and bench/panelFeeder (a development extension) to
// fill the real trace store in the extension host and to run "Open Live Debugger" the way the
// command palette does. The webview is reached as a frame of the workbench page (same origin).
//   command → first rows → all 100,000 in the webview → Event Log drawn → scrolled to the last of
//   them; a search keystroke → next painted frame (Event Log, then Sessions and Tools); 2,000 events/s for 10 s (none lost, frames); then
//   the Import command on an export of those 100,000 (ours, then OTLP JSON) → first rows → all of them;
//   our export dropped on the panel as a File (a drop from outside VS Code) → first rows → all of them.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageVsix } from '../scripts/package.mjs';
import { median } from './benchSupport.mjs';
import { startFrameTrace } from './frameTrace.mjs';
import { ensureTestHost, launchChromium, repoRoot, startVscodeServer, workbenchUrl } from '../scripts/vscodeHost.mjs';

const FEEDER = join(repoRoot, 'bench', 'panelFeeder');
const FOLDER = join(repoRoot, 'demo');
/** Characters of the export handed to the webview at a time, to build the File the bench drops. */
const DROP_PIECE_CHARS = 8 * 2 ** 20;
/** How long the Event Log may take, after the scroll to its end, to draw the newest event. */
const SCROLL_TIMEOUT_MS = 5_000;

async function feeder(port, route, query = {}) {
  const response = await fetch(`http://127.0.0.1:${port}/${route}?${new URLSearchParams(query)}`, { method: 'POST' });
  if (!response.ok) throw new Error(`feeder /${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function until(read, what, timeoutMs, everyMs = 50) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The live debugger's frame in the workbench, once its script runs. */
async function panelFrame(page) {
  for (const frame of page.frames()) {
    const found = await frame.evaluate(() => Boolean(document.getElementById('tab-events') && window.mcpLiveDebuggerPanel)).catch(() => false);
    if (found) return frame;
  }
  return undefined;
}

/**
 * Runs in the webview: from now on, notes (epoch ms) when the first rows are drawn and when the
 * webview holds `expected` events, and how big its store got if it never does.
 */
function watchArrival(expected) {
  const app = window.mcpLiveDebuggerPanel;
  const epoch = () => performance.timeOrigin + performance.now();
  window.__arrival = { rowsAt: undefined, rowsAlready: false, allAt: undefined, sizes: [], longestFrame: 0, longFrames: [] };
  const arrival = window.__arrival;
  let lastFrame = epoch();
  if (document.querySelector('.view:not([hidden]) .grid-body [role="row"]')) {
    arrival.rowsAlready = true;
    arrival.rowsAt = epoch();
  }
  let lastSample = 0;
  const watch = () => {
    const now = epoch();
    // how busy the page is while the events arrive: long frames mean the webview, short ones the way there
    arrival.longestFrame = Math.max(arrival.longestFrame, now - lastFrame);
    // when the long ones were, and how much the webview held by then (before the snapshot, or while it streams)
    if (now - lastFrame > 50) arrival.longFrames.push([Math.round(lastFrame), Math.round(now - lastFrame), app.store.size]);
    lastFrame = now;
    if (arrival.rowsAt === undefined && document.querySelector('.view:not([hidden]) .grid-body [role="row"]')) arrival.rowsAt = now;
    if (now - lastSample > 500) {
      arrival.sizes.push([Math.round(now), app.store.size]);
      lastSample = now;
    }
    if (app.store.size >= expected) arrival.allAt = now;
    else requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
  window.__frame = () => new Promise((resolve) => requestAnimationFrame(() => { void document.body.offsetHeight; resolve(); }));
}

/**
 * Runs in the webview: from now on, notes (epoch ms) when the first rows of an imported file are
 * drawn, when the imported store holds `expected` events, and the frames meanwhile.
 */
function watchImport(expected) {
  const app = window.mcpLiveDebuggerPanel;
  const epoch = () => performance.timeOrigin + performance.now();
  // `arriving`: the longest frame from the one that drew the file's first rows until it is all there (the import's own)
  window.__import = { rowsAt: undefined, allAt: undefined, held: 0, longestFrame: 0, arriving: 0, longFrames: [] };
  const watched = window.__import;
  const importedRows = () => document.querySelector('.is-imported .view:not([hidden]) .grid-body [role="row"]');
  let lastFrame = epoch();
  const watch = () => {
    const now = epoch();
    watched.longestFrame = Math.max(watched.longestFrame, now - lastFrame);
    if (now - lastFrame > 50) watched.longFrames.push([Math.round(lastFrame), Math.round(now - lastFrame), app.store.size]);
    const imported = document.querySelector('.is-imported') !== null;
    if (watched.rowsAt === undefined && imported && importedRows()) watched.rowsAt = now;
    if (watched.rowsAt !== undefined) watched.arriving = Math.max(watched.arriving, now - lastFrame);
    lastFrame = now;
    watched.held = imported ? app.store.size : 0;
    if (imported && app.store.size >= expected && watched.rowsAt !== undefined) watched.allAt = now;
    else requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
}

/** Runs in the webview: a piece of the file to drop (the bench's Node reads the export and hands it over in pieces). */
function holdDropPiece(piece) {
  (window.__dropPieces ??= []).push(piece);
}

/** Runs in the webview: the held pieces as one File, made before the clock starts. */
function makeDropFile(name) {
  window.__dropFile = new File(window.__dropPieces, name, { type: 'application/json' });
  window.__dropPieces = undefined;
  return window.__dropFile.size;
}

/** Runs in the webview: drops that File on the panel as a drop from outside VS Code comes; answers when (epoch ms). */
function dropHeldFile() {
  const transfer = new DataTransfer();
  transfer.items.add(window.__dropFile);
  window.__dropFile = undefined;
  const at = performance.timeOrigin + performance.now();
  for (const type of ['dragenter', 'dragover', 'drop']) document.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  return at;
}

/** Runs in the webview: back to live, so the next import starts from the live view. */
function backToLive() {
  document.getElementById('back-to-live')?.click();
}

/**
 * Runs in the webview: the Event Log tab drawn, then scrolled to its very end, until (frame by frame,
 * at most `timeoutMs`) its last drawn row is the store's newest; `scrolled` stays undefined if it never is.
 */
async function listAndScroll(timeoutMs) {
  const app = window.mcpLiveDebuggerPanel;
  await window.__frame();
  const started = performance.now();
  document.getElementById('tab-events').click();
  await window.__frame();
  const drawn = performance.now() - started;
  const body = document.querySelector('.event-log .grid-body');
  const scrollStarted = performance.now();
  body.scrollTop = body.scrollHeight;
  const lastDrawn = () => Math.max(...[...document.querySelectorAll('.event-log [data-event-id]')].map((row) => Number(row.dataset.eventId)));
  let scrolled;
  while (performance.now() - scrollStarted < timeoutMs) {
    await window.__frame();
    if (lastDrawn() === app.store.newestId) {
      scrolled = performance.now() - scrollStarted;
      break;
    }
  }
  return { drawn, scrolled, size: app.store.size, shown: app.filtered.size, scrollHeight: body.scrollHeight, lastDrawn: lastDrawn(), newest: app.store.newestId };
}

/** Runs in the webview: search keystrokes, each until the next painted frame (as bench/panel.bench.mjs). */
async function keystrokes() {
  const input = document.getElementById('filter-text').shadowRoot.querySelector('input');
  const times = [];
  for (const text of ['s', 'st', 'ste', 'step', 'step_', 'step', 'ste', 'st', 's', '', 'e', 'ev', 'eva', 'NameE', 'conn-17', '']) {
    await window.__frame();
    const started = performance.now();
    input.value = text;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await window.__frame();
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * Runs in the webview: the same keystrokes on the Sessions or Tools tab, each until the next painted
 * frame and until the rows for it are drawn (a filter may be applied in slices there, the rows drawn
 * once it is through), with the longest frame meanwhile; then back to the Event Log at its end.
 */
async function tabKeystrokes(tab) {
  const app = window.mcpLiveDebuggerPanel;
  document.getElementById(`tab-${tab}`).click();
  await window.__frame();
  const input = document.getElementById('filter-text').shadowRoot.querySelector('input');
  const next = [];
  const drawn = [];
  const longest = [];
  for (const text of ['s', 'st', 'ste', 'step', 'step_', 'step', 'ste', 'st', 's', '', 'e', 'ev', 'eva', 'NameE', 'conn-17', '']) {
    await window.__frame();
    const started = performance.now();
    input.value = text;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await window.__frame();
    next.push(performance.now() - started);
    let longestFrame = next[next.length - 1];
    while (app.filtered.filtering) {
      const frameStarted = performance.now();
      await window.__frame();
      longestFrame = Math.max(longestFrame, performance.now() - frameStarted);
    }
    drawn.push(performance.now() - started);
    longest.push(longestFrame);
  }
  return { next, drawn, longest };
}

function startFrameLog() {
  window.__frames = [];
  let last = performance.now();
  window.__framesRunning = true;
  const tick = (now) => {
    window.__frames.push(now - last);
    last = now;
    if (window.__framesRunning) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function stopFrameLog() {
  window.__framesRunning = false;
  const app = window.mcpLiveDebuggerPanel;
  const steady = window.__frames.slice(5);
  const ids = [...document.querySelectorAll('.event-log [data-event-id]')].map((row) => Number(row.dataset.eventId));
  return {
    size: app.store.size, frames: steady.length, longest: Math.max(...steady), over50: steady.filter((frame) => frame > 50).length,
    p99: [...steady].sort((a, b) => a - b)[Math.floor(steady.length * 0.99)], lastDrawn: Math.max(...ids), newest: app.filtered.at(app.filtered.size - 1)?.id,
  };
}

/**
 * With PANEL_BENCH_PROFILE=1: a CPU profile of the workbench page's main thread (the webview's frames
 * are same-origin here, so the same thread) during a phase; prints self time per script and the top
 * functions, to tell VS Code's relay from the panel's own work.
 */
async function startProfile(page, phase) {
  if (!process.env.PANEL_BENCH_PROFILE) return undefined;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return async (log) => {
    log(`  [profile: ${phase}]`);
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const byFunction = new Map();
    const byScript = new Map();
    profile.samples.forEach((id, index) => {
      const { functionName, url, lineNumber, columnNumber } = nodes.get(id).callFrame;
      const script = url.split('/').pop() || '(native)';
      const key = `${functionName || '(anonymous)'} ${script}:${lineNumber + 1}:${columnNumber + 1}`;
      const us = profile.timeDeltas[index] ?? 0;
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
      byScript.set(script, (byScript.get(script) ?? 0) + us);
    });
    const top = (map, count) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, us]) => `${(us / 1000).toFixed(0)} ms ${key}`);
    log(`    per script: ${top(byScript, 4).map((line) => line.slice(0, 60)).join('; ')}`);
    log(`    top functions:\n      ${top(byFunction, 16).join('\n      ')}`);
  };
}

/**
 * Runs "Open Live Debugger" on the filled store and watches its webview until it holds all `size`
 * events; answers that frame, when the command ran (epoch ms) and the arrival's record, or `failed`.
 */
async function openAndArrive(page, port, size, { arrivalTimeoutMs, log, phase }) {
  const stopProfile = await startProfile(page, phase);
  const stopTrace = await startFrameTrace(page, phase);
  const opened = feeder(port, 'open');
  const frame = await until(() => panelFrame(page), 'the live debugger frame', 60_000, 20);
  await frame.evaluate(watchArrival, size);
  const { at: commandAt } = await opened;
  try {
    const arrival = await until(() => frame.evaluate(() => window.__arrival.allAt && window.__arrival), 'the webview holds every event', arrivalTimeoutMs, 100);
    await stopProfile?.(log);
    await stopTrace?.(log);
    return { frame, commandAt, arrival };
  } catch (error) {
    const partial = await frame.evaluate(() => window.__arrival);
    const held = partial.sizes.filter((_, index) => index % 10 === 0 || index === partial.sizes.length - 1).map(([at, count]) => `+${((at - commandAt) / 1000).toFixed(1)} s: ${count}`);
    return { failed: `${error.message}; held ${held.join(', ')}; longest webview frame meanwhile ${partial.longestFrame.toFixed(0)} ms` };
  }
}

/** One run of the measurements in the real workbench; figures in ms. */
export async function measureRealWebview({ loaded = 100_000, rate = 2_000, seconds = 10, arrivalTimeoutMs = 300_000, log = () => {} } = {}) {
  const host = ensureTestHost();
  const vsix = packageVsix({ quiet: true });
  const scratch = mkdtempSync(join(tmpdir(), 'mld-panel-bench-'));
  const feederFile = join(scratch, 'feeder.json');
  const server = await startVscodeServer({
    host, vsix, env: { MLD_BENCH_FEEDER_FILE: feederFile },
    settings: { 'mcpLiveDebugger.panel.lockGroup': false },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(workbenchUrl(server.port, FOLDER, { extensionDevelopmentPath: FEEDER }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    const { port } = await until(() => existsSync(feederFile) && JSON.parse(readFileSync(feederFile, 'utf8')), 'the feeder listens', 120_000, 200);
    const filled = await feeder(port, 'fill', { count: loaded, maxEvents: loaded + rate * seconds * 2 });
    log(`  store filled with ${filled.size} events in ${filled.ms} ms (dropped ${filled.dropped})`);
    // exports of exactly these 100,000, imported at the end
    const exports = {};
    // PANEL_BENCH_NO_IMPORTS=1: the live figures only (the exports and imports take minutes on a loaded machine)
    const withImports = !process.env.PANEL_BENCH_NO_IMPORTS;
    for (const [name, otlp] of withImports ? [['ours', 0], ['otlp', 1]] : []) {
      exports[name] = { otlp, ...await feeder(port, 'writeExport', { otlp }) };
      log(`  ${name} export: ${exports[name].events} events, ${(exports[name].bytes / 2 ** 20).toFixed(1)} MB, written in ${exports[name].ms} ms`);
    }

    // PANEL_BENCH_ARRIVALS=n: the panel opened on the filled store n times, each a fresh webview (the
    // tab closed and the command run again), to see how the arrival varies within one run
    const repetitions = Math.max(1, Number(process.env.PANEL_BENCH_ARRIVALS) || 1);
    const arrivals = [];
    let frame;
    for (let repetition = 1; repetition <= repetitions; repetition++) {
      if (repetition > 1) {
        await feeder(port, 'close');
        await until(async () => !(await panelFrame(page)), 'the live debugger frame goes away', 30_000, 50);
        // the closed webview's garbage is collected before the next one opens, not in its arrival
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.detach();
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      const opened = await openAndArrive(page, port, filled.size, { arrivalTimeoutMs, log, phase: repetitions > 1 ? `while the events arrive ${repetition}` : 'while the events arrive' });
      if (opened.failed) return { failed: repetitions > 1 ? `repetition ${repetition}: ${opened.failed}` : opened.failed };
      frame = opened.frame;
      const { arrival, commandAt } = opened;
      const longest = [...arrival.longFrames].sort((a, b) => b[1] - a[1]).slice(0, 5);
      arrivals.push({ firstRows: arrival.rowsAt - commandAt, firstRowsBeforeWatch: arrival.rowsAlready, allHeld: arrival.allAt - commandAt, longestFrame: arrival.longestFrame, over50: arrival.longFrames.length });
      const prefix = repetitions > 1 ? `  [arrival ${repetition} of ${repetitions}]` : ' ';
      log(`${prefix} arrival in the webview: ${arrival.sizes.filter((_, index) => index % 10 === 0).map(([at, size]) => `+${((at - commandAt) / 1000).toFixed(1)} s: ${size}`).join(', ')}; all held after ${(arrival.allAt - commandAt).toFixed(0)} ms; longest webview frame meanwhile ${arrival.longestFrame.toFixed(0)} ms`);
      const listedLong = longest.map(([at, length, size]) => `${length} ms at ${size.toLocaleString('en-US')} held (+${((at - commandAt) / 1000).toFixed(1)} s)`).join(', ');
      log(`${prefix} frames over 50 ms while they arrive: ${arrival.longFrames.length}; longest: ${listedLong || 'none'}`);
    }
    if (repetitions > 1) {
      const held = arrivals.map((arrival) => arrival.allHeld);
      log(`  arrivals: ${arrivals.filter((arrival) => arrival.over50 === 0).length} of ${repetitions} with no frame over 50 ms; longest frame at most ${Math.max(...arrivals.map((arrival) => arrival.longestFrame)).toFixed(0)} ms; all held after ${median(held).toFixed(0)} ms median (${held.map((time) => time.toFixed(0)).join(', ')})`);
    }
    const listed = await frame.evaluate(listAndScroll, SCROLL_TIMEOUT_MS);
    const stopKeystrokeProfile = await startProfile(page, 'search keystrokes');
    const stopKeystrokeTrace = await startFrameTrace(page, 'search keystrokes');
    const typed = await frame.evaluate(keystrokes);
    await stopKeystrokeProfile?.(log);
    await stopKeystrokeTrace?.(log);
    const stopTabKeystrokeTrace = await startFrameTrace(page, 'search keystrokes on Sessions and Tools');
    const tabsTyped = { connections: await frame.evaluate(tabKeystrokes, 'connections'), tools: await frame.evaluate(tabKeystrokes, 'tools') };
    await stopTabKeystrokeTrace?.(log);
    // the live stream is measured on the Event Log, following its end, as before
    await frame.evaluate(() => document.getElementById('tab-events').click());

    await frame.evaluate(() => window.__frame());
    await frame.evaluate(startFrameLog);
    const stopStreamProfile = await startProfile(page, 'live stream');
    const stopStreamTrace = await startFrameTrace(page, 'live stream');
    const streamed = await feeder(port, 'stream', { rate, seconds });
    await stopStreamProfile?.(log);
    await stopStreamTrace?.(log);
    const streamEnded = Date.now();
    const hostSize = await feeder(port, 'size');
    // late is not lost: wait (up to a minute) for the webview to hold what the store holds
    await until(() => frame.evaluate((size) => window.mcpLiveDebuggerPanel.store.size >= size, hostSize.size), 'the webview catches up', 60_000, 100).catch(() => undefined);
    const caughtUpAfter = Date.now() - streamEnded;
    const afterStream = await frame.evaluate(stopFrameLog);

    const imports = {};
    // the Import command on each export, then our export dropped on the panel from outside VS Code
    for (const [name, written] of withImports ? [...Object.entries(exports), ['drop', { ...exports.ours, drop: true }]] : []) {
      const { otlp } = written;
      if (written.drop) {
        const text = readFileSync(join(scratch, 'bench-trace.json'), 'utf8');
        for (let start = 0; start < text.length; start += DROP_PIECE_CHARS) await frame.evaluate(holdDropPiece, text.slice(start, start + DROP_PIECE_CHARS));
        await frame.evaluate(makeDropFile, 'bench-trace.json');
      }
      // the drop is traced (started before the watch: starting a trace holds the page's frames for a while)
      const stopImportTrace = written.drop ? await startFrameTrace(page, 'drop our export') : undefined;
      await frame.evaluate(() => window.__frame());
      await frame.evaluate(watchImport, written.events);
      const { at } = written.drop ? { at: await frame.evaluate(dropHeldFile) } : await feeder(port, 'import', { otlp });
      try {
        const watched = await until(() => frame.evaluate(() => window.__import.allAt && window.__import), `the webview holds the ${name} import`, Math.min(arrivalTimeoutMs, 120_000), 100);
        await stopImportTrace?.(log);
        const longest = [...watched.longFrames].sort((a, b) => b[1] - a[1]).slice(0, 3);
        log(`  ${name} import: frames over 50 ms ${watched.longFrames.length}; longest ${longest.map(([frameAt, length, size]) => `+${((frameAt - at) / 1000).toFixed(1)} s ${length} ms (${size} held)`).join(', ')}`);
        imports[name] = {
          events: written.events, bytes: written.bytes, firstRows: watched.rowsAt - at, allHeld: watched.allAt - at,
          longestFrame: watched.longestFrame, over50: watched.longFrames.length, arriving: watched.arriving,
          arrivingOver50: watched.longFrames.filter(([frameAt, length]) => frameAt + length >= watched.rowsAt - 1).length,
        };
      } catch (error) {
        const partial = await frame.evaluate(() => window.__import);
        imports[name] = { events: written.events, bytes: written.bytes, failed: `${error.message}; held ${partial.held}` };
      }
      await frame.evaluate(backToLive);
    }
    return {
      loaded: filled.size,
      arrivals, firstRows: median(arrivals.map((arrival) => arrival.firstRows)), firstRowsBeforeWatch: arrivals.some((arrival) => arrival.firstRowsBeforeWatch),
      allHeld: median(arrivals.map((arrival) => arrival.allHeld)), listDrawn: listed.drawn, scrolledToEnd: listed.scrolled,
      listed, keystrokes: typed, tabsTyped, stream: { ...streamed, ...afterStream, hostSize: hostSize.size, expected: filled.size + streamed.sent, caughtUpAfter },
      imports,
    };
  } finally {
    await browser.close();
    await server.stop();
    server.cleanup();
    rmSync(scratch, { recursive: true, force: true });
    rmSync(vsix, { force: true });
  }
}
