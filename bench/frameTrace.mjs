// A Chromium performance trace of a phase of the panel benchmark, reduced to what made its long frames
// long: every gap over 50 ms between two animation frames of the panel's document, with the main-thread
// tasks that ran in it, what each consisted of (script by entry point, style, layout, paint, GC) and the
// functions the CPU samples found in it. Written whole to PANEL_BENCH_TRACE (a folder) as well, to open
// in the DevTools Performance panel.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
  const onThread = events.filter((event) => event.pid === pid && event.tid === tid && event.ph === 'X' && typeof event.dur === 'number').sort((a, b) => a.ts - b.ts);
  const animationFrames = onThread.filter((event) => event.name === 'FireAnimationFrame' && (!frameId || event.args?.data?.frame === frameId)).map((event) => event.ts);
  // the scheduler's task event and the one nested in it cover the same time: count one of them
  const taskName = onThread.some((event) => event.name === 'ThreadControllerImpl::RunTask') ? 'ThreadControllerImpl::RunTask' : 'RunTask';
  const tasks = onThread.filter((event) => event.name === taskName);
  const samples = cpuSamples(events, pid, tid);
  const lines = [];
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
    for (const task of inGap.filter((candidate) => candidate.dur > 3_000).sort((a, b) => b.dur - a.dur).slice(0, 4)) {
      lines.push(`  task ${(task.dur / 1000).toFixed(1)} ms: ${parts(onThread, task, frameId).join(', ')}`);
      const top = topFunctions(samples, task.ts, task.ts + task.dur);
      if (top.length > 0) lines.push(`    samples: ${top.join('; ')}`);
    }
  }
  lines.unshift(`${animationFrames.length} animation frames of the panel, ${gaps} gaps over ${LONG_FRAME_MS} ms`);
  return lines;
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
