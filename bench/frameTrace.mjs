// A Chromium performance trace of a phase of the panel benchmark, reduced to what made its long frames
// long: every gap over 50 ms between two animation frames of the panel's document, with whose work the
// main thread did in it (the panel's, VS Code's workbench or webview host, the page's shared rendering:
// in this set-up the webview's frames are same-origin, so one thread runs them all), the tasks that ran
// in it, what each consisted of (script by entry point, style, layout, paint, GC) and the functions the
// CPU samples found in it. Written whole to PANEL_BENCH_TRACE (a folder) as well, to open in the DevTools
// Performance panel; `node bench/frameTrace.mjs <trace.json>` reduces a saved one again.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CATEGORIES = [
  'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame',
  'v8', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.gc', 'disabled-by-default-v8.cpu_profiler',
];
const LONG_FRAME_MS = 50;
/** Events inside a task worth naming (the rest counts as the task's own). */
const PARTS = new Set(['FunctionCall', 'EvaluateScript', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'UpdateLayoutTree', 'Layout',
  'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR', 'BlinkGC.AtomicPhase',
  'ParseHTML', 'v8.compile', 'v8.compileModule', 'HitTest', 'ScheduleStyleRecalculation', 'IntersectionObserverController::computeIntersections',
  'RunMicrotasks', 'v8.run', 'ResizeObserver', 'UpdateLayerTree', 'ProfileCall']);

/** Starts a trace on the page's renderer; the returned function stops it and prints the long frames. */
export async function startFrameTrace(page, phase) {
  const folder = process.env.PANEL_BENCH_TRACE;
  if (!folder) return undefined;
  const stop = await startTrace(page);
  return async (log) => {
    const { file, events } = await stop(folder, phase);
    log(`  [trace: ${phase}] ${file}`);
    for (const line of longFrames(events)) log(`    ${line}`);
  };
}

/**
 * Starts a Chromium trace of the page's renderer (CPU samples included); the returned function
 * stops it, writes it whole to `folder` as `<name>.json` and answers the file and its events.
 */
export async function startTrace(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: CATEGORIES } });
  return async (folder, name) => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    const { stream } = await complete;
    const chunks = [];
    for (;;) {
      const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 4 << 20 });
      chunks.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
      if (eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    await cdp.detach();
    const text = chunks.join('');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, text);
    const parsed = JSON.parse(text);
    return { file, events: Array.isArray(parsed) ? parsed : parsed.traceEvents };
  };
}

/** The long frames of the thread that runs the panel's script, one block of lines each. */
export function longFrames(events) {
  const panel = events.find((event) => event.name === 'FunctionCall' && /webview\.js/.test(event.args?.data?.url ?? ''));
  if (!panel) return ['no script of the panel in the trace'];
  const { pid, tid } = panel;
  const frameId = panel.args.data.frame;
  const onThread = events.filter((event) => event.pid === pid && event.tid === tid && event.ph === 'X' && typeof event.dur === 'number')
    // (an event before the ones it holds, when they start together)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const animationFrames = onThread.filter((event) => event.name === 'FireAnimationFrame' && (!frameId || event.args?.data?.frame === frameId)).map((event) => event.ts);
  // the scheduler's task event and the one nested in it cover the same time: count one of them
  const taskName = onThread.some((event) => event.name === 'ThreadControllerImpl::RunTask') ? 'ThreadControllerImpl::RunTask' : 'RunTask';
  const tasks = onThread.filter((event) => event.name === taskName);
  const samples = cpuSamples(events, pid, tid);
  const owners = new Owners(events, onThread, frameId, scriptSamples(events, pid, tid));
  const lines = [];
  const byLargest = new Map();
  let gaps = 0;
  for (let index = 1; index < animationFrames.length; index++) {
    const from = animationFrames[index - 1];
    const to = animationFrames[index];
    const gapMs = (to - from) / 1000;
    if (gapMs <= LONG_FRAME_MS) continue;
    gaps++;
    const inGap = tasks.filter((task) => task.ts + task.dur > from && task.ts < to);
    const busy = inGap.reduce((sum, task) => sum + Math.min(task.ts + task.dur, to) - Math.max(task.ts, from), 0) / 1000;
    lines.push(`gap ${gapMs.toFixed(1)} ms at +${((from - animationFrames[0]) / 1e6).toFixed(2)} s: ${inGap.length} tasks, main thread busy ${busy.toFixed(1)} ms`);
    const cpu = owners.inGap(inGap, from, to);
    const ranked = [...cpu].sort((a, b) => b[1] - a[1]);
    const largest = ranked[0]?.[0] ?? 'nothing';
    byLargest.set(largest, (byLargest.get(largest) ?? 0) + 1);
    lines.push(`  cpu ms by whose: ${ranked.filter(([, us]) => us >= 500).map(([owner, us]) => `${owner} ${(us / 1000).toFixed(1)}`).join(', ')}`);
    for (const task of inGap.filter((candidate) => candidate.dur > 3_000).sort((a, b) => b.dur - a.dur).slice(0, 4)) {
      lines.push(`  task ${(task.dur / 1000).toFixed(1)} ms: ${parts(onThread, task, frameId).join(', ')}`);
      const top = topFunctions(samples, task.ts, task.ts + task.dur);
      if (top.length > 0) lines.push(`    samples: ${top.join('; ')}`);
    }
  }
  lines.unshift(`${animationFrames.length} animation frames of the panel, ${gaps} gaps over ${LONG_FRAME_MS} ms; by the largest cpu share in the gap: `
    + `${[...byLargest].sort((a, b) => b[1] - a[1]).map(([owner, count]) => `${owner} ${count}`).join(', ') || 'none'}`);
  return lines;
}

/** Script by where it came from, in whose frame. */
function scriptOwner(url, frame, panelFrame) {
  if (/webview\.js/.test(url)) return 'panel';
  if (!url) return frame === panelFrame ? 'bench' : 'VS Code workbench';
  if (/\/pre\/|index\.html/.test(url)) return 'VS Code webview host';
  return 'VS Code workbench';
}

/** Rendering steps of the whole page (every frame of it at once): nobody's alone. */
const SHARED_RENDERING = new Set(['Layerize', 'Commit', 'PrePaint', 'UpdateLayer', 'UpdateLayerTree', 'IntersectionObserverController::computeIntersections']);

/**
 * Whose work a stretch of the main thread was: each trace event's self time goes to the script that ran
 * it (the panel's bundle, VS Code's workbench or its webview host page, the bench's evaluated code), or to
 * the document its style, layout or paint was for (a layout a script forced is said so), or to the page's
 * shared rendering. A task's own time outside every named event goes by the CPU samples in it to the
 * script they were in (promise continuations, such as a sliced pass resumed after a yield, run as
 * microtasks without a FunctionCall of their own), the rest is "native task" (message decoding,
 * scheduling). CPU time (`tdur`) where the trace has it, so a wait for a core counts for no one.
 */
class Owners {
  constructor(events, onThread, panelFrame, samples) {
    this.onThread = onThread;
    this.panelFrame = panelFrame;
    this.samples = samples;
    const frames = new Map();
    for (const event of events) for (const frame of event.args?.data?.frames ?? []) frames.set(frame.frame, frame);
    this.hostFrame = frames.get(panelFrame)?.parent;
  }

  documentOwner(frame) {
    return frame === this.panelFrame ? 'panel' : frame === this.hostFrame ? 'VS Code webview host' : 'VS Code workbench';
  }

  ownerOf(event, parent) {
    const data = event.args?.data ?? {};
    if (event.name === 'FunctionCall' || event.name === 'EvaluateScript') return `${scriptOwner(data.url ?? '', data.frame, this.panelFrame)} script`;
    if (event.name === 'UpdateLayoutTree' || event.name === 'Layout' || event.name === 'Paint') {
      const kind = event.name === 'Paint' ? 'paint' : event.name === 'Layout' ? 'layout' : 'style';
      const whose = this.documentOwner(event.args?.beginData?.frame ?? data.frame);
      return parent?.endsWith(' script') ? `${whose} ${kind} forced by ${parent.slice(0, -' script'.length)}` : `${whose} ${kind}`;
    }
    if (SHARED_RENDERING.has(event.name)) return 'page rendering';
    if (/GC|Scavenge|MarkCompact/.test(event.name)) return !parent ? 'GC' : parent === 'GC' || parent.endsWith(' (GC)') ? parent : `${parent} (GC)`;
    return parent;
  }

  /** CPU µs by owner of the tasks overlapping [from, to], each clipped to it. */
  inGap(tasks, from, to) {
    const totals = new Map();
    for (const task of tasks) {
      const scale = task.tdur && task.dur ? task.tdur / task.dur : 1;
      for (const [owner, us] of this.inTask(task, from, to)) totals.set(owner, (totals.get(owner) ?? 0) + us * scale);
    }
    return totals;
  }

  /** Wall µs by owner within one task, clipped to [from, to]: self time of its events, innermost first. */
  inTask(task, from, to) {
    const end = task.ts + task.dur;
    const totals = new Map();
    const unowned = [];
    const charge = (owner, start, stop) => {
      const clipped = Math.min(stop, to) - Math.max(start, from);
      if (clipped <= 0) return;
      totals.set(owner, (totals.get(owner) ?? 0) + clipped);
      if (owner === 'native task') unowned.push([Math.max(start, from), Math.min(stop, to)]);
    };
    const stack = [{ end, owner: 'native task' }];
    let cursor = task.ts;
    const closeUntil = (time) => {
      while (stack.length > 1 && stack[stack.length - 1].end <= time) {
        const top = stack.pop();
        charge(top.owner, cursor, top.end);
        cursor = top.end;
      }
    };
    let first = 0;
    for (let step = this.onThread.length; step > 0; step >>= 1) {
      while (first + step < this.onThread.length && this.onThread[first + step - 1].ts < task.ts) first += step;
    }
    for (let index = first; index < this.onThread.length; index++) {
      const event = this.onThread[index];
      if (event.ts < task.ts || event === task) continue;
      if (event.ts >= end) break;
      if (event.ts + event.dur > end) continue;
      closeUntil(event.ts);
      const parent = stack[stack.length - 1];
      charge(parent.owner, cursor, event.ts);
      cursor = event.ts;
      const inherited = parent.owner === 'native task' ? undefined : parent.owner;
      stack.push({ end: event.ts + event.dur, owner: this.ownerOf(event, inherited) ?? parent.owner });
    }
    closeUntil(Number.POSITIVE_INFINITY);
    charge('native task', cursor, end);
    return this.byScript(totals, unowned);
  }

  /** Splits the task's own stretches among the scripts the samples in them found, in proportion. */
  byScript(totals, stretches) {
    const own = totals.get('native task');
    if (!own) return totals;
    const counts = new Map();
    let all = 0;
    for (const [start, stop] of stretches) {
      let index = 0;
      for (let step = this.samples.length; step > 0; step >>= 1) {
        while (index + step < this.samples.length && this.samples[index + step - 1][0] < start) index += step;
      }
      for (; index < this.samples.length && this.samples[index][0] <= stop; index++) {
        if (this.samples[index][0] < start) continue;
        const owner = this.samples[index][1];
        counts.set(owner, (counts.get(owner) ?? 0) + 1);
        all++;
      }
    }
    if (all === 0) return totals;
    totals.delete('native task');
    for (const [owner, count] of counts) totals.set(owner, (totals.get(owner) ?? 0) + (own * count) / all);
    return totals;
  }
}

/** Time in a task by kind of work (the outermost named event in it), largest first; style and layout say whose document. */
function parts(onThread, task, panelFrame) {
  const end = task.ts + task.dur;
  const inside = onThread.filter((event) => event !== task && event.ts >= task.ts && event.ts + event.dur <= end && PARTS.has(event.name));
  const totals = new Map();
  let coveredUpTo = task.ts;
  for (const event of inside) {
    if (event.ts < coveredUpTo) continue;
    coveredUpTo = event.ts + event.dur;
    const data = event.args?.data ?? {};
    const label = event.name === 'FunctionCall' ? `script ${data.functionName || '(anonymous)'}@${(data.url ?? '').split('/').pop()}:${(data.lineNumber ?? 0) + 1}`
      : event.name === 'EventDispatch' ? `event ${data.type}`
        : event.name === 'Layout' || event.name === 'UpdateLayoutTree' ? `${event.name}(${(event.args?.beginData?.frame ?? data.frame) === panelFrame ? 'panel' : 'workbench'})`
          : event.name;
    totals.set(label, (totals.get(label) ?? 0) + event.dur);
  }
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([label, us]) => `${label} ${(us / 1000).toFixed(1)}`);
}

/** The CPU profiles of one thread in a trace: each with its nodes (call frame, parent) by id and its samples as [timestamp µs, node id]. */
export function threadProfiles(events, pid, tid) {
  const profiles = new Map();
  for (const event of events) {
    if (event.pid !== pid) continue;
    if (event.name === 'Profile' && event.tid === tid) profiles.set(event.id, { time: event.args.data.startTime, nodes: new Map(), samples: [] });
    if (event.name !== 'ProfileChunk') continue;
    const profile = profiles.get(event.id);
    if (!profile) continue;
    const { cpuProfile, timeDeltas = [] } = event.args.data;
    for (const node of cpuProfile?.nodes ?? []) profile.nodes.set(node.id, { callFrame: node.callFrame, parent: node.parent });
    (cpuProfile?.samples ?? []).forEach((id, index) => {
      profile.time += timeDeltas[index] ?? 0;
      profile.samples.push([profile.time, id]);
    });
  }
  return [...profiles.values()];
}

/**
 * CPU samples of one thread, as [timestamp µs, whose script]: the innermost frame with a script URL
 * decides ("native task" for samples in none: the engine, GC, idle).
 */
function scriptSamples(events, pid, tid) {
  const samples = [];
  for (const profile of threadProfiles(events, pid, tid)) {
    const owners = new Map();
    const ownerOf = (id) => {
      if (owners.has(id)) return owners.get(id);
      const node = profile.nodes.get(id);
      const url = node?.callFrame?.url ?? '';
      const owner = !node ? 'native task' : url ? `${scriptOwner(url, undefined, null)} script` : node.parent === undefined ? 'native task' : ownerOf(node.parent);
      owners.set(id, owner);
      return owner;
    };
    for (const [time, id] of profile.samples) {
      const label = profile.nodes.get(id)?.callFrame?.functionName ?? '';
      samples.push([time, label === '(idle)' || label === '(program)' || label === '(garbage collector)' ? 'native task' : ownerOf(id)]);
    }
  }
  return samples.sort((a, b) => a[0] - b[0]);
}

/** CPU samples of one thread, as [timestamp µs, function label]. */
export function cpuSamples(events, pid, tid) {
  const samples = [];
  for (const profile of threadProfiles(events, pid, tid)) {
    for (const [time, id] of profile.samples) {
      const frame = profile.nodes.get(id)?.callFrame;
      samples.push([time, frame ? `${frame.functionName || '(anonymous)'} ${(frame.url ?? '').split('/').pop()}:${(frame.lineNumber ?? 0) + 1}` : '?']);
    }
  }
  return samples.sort((a, b) => a[0] - b[0]);
}

function topFunctions(samples, from, to) {
  const counts = new Map();
  let total = 0;
  for (const [time, label] of samples) {
    if (time < from || time > to) continue;
    counts.set(label, (counts.get(label) ?? 0) + 1);
    total++;
  }
  return [...counts].filter(([label]) => !label.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 6)
    .map(([label, count]) => `${Math.round((count / total) * 100)}% ${label}`);
}

// `node bench/frameTrace.mjs <trace.json>`: the long frames of a trace saved before
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const parsed = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  for (const line of longFrames(Array.isArray(parsed) ? parsed : parsed.traceEvents)) console.log(line);
}
