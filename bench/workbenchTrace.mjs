// What the browser workbench's renderer does while one of our `customRequest`s crosses it, for the
// debugger bench with DEBUGGER_BENCH_TRACE=<folder>. The workbench is loaded with VS Code's own
// `logExtensionHostCommunication` payload flag, which logs every extension host ⇄ renderer RPC
// message as the renderer handles it; an init script keeps those lines (time, direction, method,
// a short text of the arguments) instead of printing them and marks each in the trace
// (console.timeStamp). A Chromium trace of a few of our passes then tells, per step_over, when the
// renderer handled the previous stop, when it handled our `$customDebugAdapterRequest`, and what
// its main thread ran in between (tasks, CPU samples by the workbench's own method names); and,
// per tool call, how many RPC messages the extension host sent the renderer and which.
import { threadProfiles } from './frameTrace.mjs';

/** Runs in the page before the workbench loads: keeps the RPC logger's lines in window.__mldRpc. */
export function rpcRecorder() {
  const original = console.log;
  const records = [];
  window.__mldRpc = records;
  const text = (value) => {
    try {
      return JSON.stringify(value, (key, item) => (typeof item === 'string' && item.length > 200 ? `${item.slice(0, 200)}…` : item))?.slice(0, 600) ?? '';
    } catch {
      return '(unserialisable)';
    }
  };
  console.log = function log(...args) {
    const head = args[0];
    const match = typeof head === 'string' ? /^%c\[([^\]]*)\]\[(Ext → Win|Win → Ext)\]%c\[\s*\d+\]%c\[len:\s*(\d+)\]%c\s*(\d+) - (.*)$/s.exec(head) : null;
    if (!match) return original.apply(this, args);
    const [, kind, direction, length, req, label] = match;
    // the arguments of requests only (a reply's or an acknowledgement's text would cost the renderer more than it tells)
    const isRequest = /^receiveRequest |^request: /.test(label);
    const record = { at: performance.timeOrigin + performance.now(), kind, direction: direction === 'Ext → Win' ? 'in' : 'out', length: Number(length), req: Number(req), label, detail: isRequest ? text(args.slice(5)) : '' };
    records.push(record);
    console.timeStamp(`mld-rpc ${records.length - 1}`);
    return undefined;
  };
}

/** The payload entry that turns VS Code's RPC logger on. */
export const RPC_LOG_PAYLOAD = ['logExtensionHostCommunication', 'true'];

/** The RPC records kept since the last call. */
export function takeRpcRecords(page) {
  return page.evaluate(() => window.__mldRpc.splice(0));
}

/**
 * Prints, for each traced pass: per step_over the renderer's timeline from the previous stop to our
 * `next`, with what its main thread ran; and per tool call the RPC messages to the renderer.
 * `passes` holds { name, events, rpc } per traced pass; `probe` the DAP probe's log entries.
 */
export function printWorkbenchTraces(passes, probe) {
  const dap = probe.filter((entry) => entry.kind === 'dap');
  const tools = probe.filter((entry) => entry.kind === 'tool' && entry.trace);
  const clients = probe.filter((entry) => entry.kind === 'client');
  console.log('\n  The workbench renderer around our calls (DEBUGGER_BENCH_TRACE; wall-clock ms; "renderer" = when its main thread handled the RPC message):');
  const stepRows = [];
  const perTool = new Map();
  for (const pass of passes) {
    const clock = traceClock(pass.events, pass.rpc);
    if (!clock) {
      console.log(`    ${pass.name}: no RPC marks in the trace`);
      continue;
    }
    const main = clock.thread;
    const onMain = pass.events.filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && typeof event.dur === 'number').sort((a, b) => a.ts - b.ts);
    const taskName = onMain.some((event) => event.name === 'ThreadControllerImpl::RunTask') ? 'ThreadControllerImpl::RunTask' : 'RunTask';
    const tasks = onMain.filter((event) => event.name === taskName);
    const samples = stackSamples(pass.events, main.pid, main.tid);
    const first = pass.rpc[0]?.at ?? 0;
    const last = pass.rpc[pass.rpc.length - 1]?.at ?? 0;
    for (const event of tools.filter((candidate) => candidate.trace.start >= first && candidate.trace.start <= last)) {
      const root = event.trace;
      const client = clients.find((candidate) => candidate.tool === event.tool && candidate.sentAt <= root.start + 1 && candidate.answeredAt >= root.start);
      const from = client?.sentAt ?? root.start;
      const to = client?.answeredAt ?? root.start + root.duration_ms;
      const inbound = pass.rpc.filter((record) => record.direction === 'in' && record.at >= from && record.at <= to && record.label.startsWith('receiveRequest'));
      const bucket = perTool.get(event.tool) ?? [];
      bucket.push(inbound);
      perTool.set(event.tool, bucket);
      if (event.tool !== 'step_over') continue;
      const next = root.children.find((span) => span.name === 'dap.request' && span.command === 'next');
      if (!next) continue;
      const arrived = dap.find((message) => message.direction === 'toAdapter' && message.type === 'request' && message.command === 'next' && message.at >= next.start - 1 && message.at <= next.start + next.duration_ms + 1);
      const stop = [...dap].reverse().find((message) => message.direction === 'fromAdapter' && message.type === 'event' && message.event === 'stopped' && message.at < root.start);
      const stopSeen = stop && pass.rpc.find((record) => record.direction === 'in' && record.at >= stop.at - 1 && /\$acceptDAMessage/.test(record.label) && /"event":"stopped"/.test(record.detail));
      const customSeen = pass.rpc.find((record) => record.direction === 'in' && record.at >= next.start - 1 && /\$customDebugAdapterRequest/.test(record.label) && /"next"/.test(record.detail));
      const forwarded = customSeen && pass.rpc.find((record) => record.direction === 'out' && record.at >= customSeen.at && /\$sendDAMessage/.test(record.label) && /"command":"next"/.test(record.detail));
      const row = {
        pass: pass.name, call: root.start,
        stopAtAdapter: stop?.at, stopSeen: stopSeen?.at, nextSent: next.start, customSeen: customSeen?.at, forwarded: forwarded?.at, arrived: arrived?.at,
      };
      if (stop && customSeen) {
        const fromTs = clock.toTs(stop.at);
        const toTs = clock.toTs(customSeen.at);
        row.window = attribute(tasks, onMain, samples, fromTs, toTs);
        // what else reached the renderer meanwhile, by method
        const meanwhile = pass.rpc.filter((record) => record.at > stop.at && record.at < customSeen.at && /^receiveRequest |^request: /.test(record.label));
        row.inbound = countBy(meanwhile.filter((record) => record.direction === 'in'), (record) => requestLabel(record));
        row.outbound = countBy(meanwhile.filter((record) => record.direction === 'out'), (record) => requestLabel(record));
        // the part of the wait after our call left the extension host: our customRequest → the renderer handled it
        const beforeOurs = attribute(tasks, onMain, samples, clock.toTs(next.start), toTs);
        row.afterOurCall = beforeOurs;
      }
      stepRows.push(row);
    }
  }
  for (const row of stepRows) {
    const rel = (value) => (value === undefined || row.stopAtAdapter === undefined ? '—' : `+${(value - row.stopAtAdapter).toFixed(1)}`);
    console.log(`\n    step_over (${row.pass}): previous stop at js-debug 0; renderer handled it ${rel(row.stopSeen)}; our next customRequest ${rel(row.nextSent)}; renderer handled it ${rel(row.customSeen)}; renderer forwarded ${rel(row.forwarded)}; js-debug got it ${rel(row.arrived)} (out ${row.arrived !== undefined ? (row.arrived - row.nextSent).toFixed(1) : '—'} ms)`);
    if (!row.window) continue;
    const describe = (label, window) => {
      console.log(`      ${label}: ${window.spanMs.toFixed(1)} ms, main thread busy ${window.busyMs.toFixed(1)} ms (on a core ${window.cpuMs.toFixed(1)} ms) in ${window.tasks} tasks (longest ${window.longestMs.toFixed(1)}), CPU samples ${window.sampleCount}`);
      for (const task of window.longTasks) console.log(`        task +${task.startMs.toFixed(1)} ms: ${task.ms.toFixed(1)} ms (on a core ${task.cpuMs.toFixed(1)}): ${task.what}`);
      for (const [what, ms] of window.parts) console.log(`        ${ms.toFixed(1).padStart(6)} ms  ${what}`);
      // a feature's share of the busy samples, applied to the time the thread ran on a core
      for (const [what, share] of window.byFeature) console.log(`        ${(share * 100).toFixed(0).padStart(5)} %  of busy samples ≈ ${(share * window.cpuMs).toFixed(1).padStart(5)} ms on a core: ${what}`);
    };
    describe('renderer from the stop (at js-debug) to handling our request', row.window);
    describe('  of it after our call left the extension host', row.afterOurCall);
    console.log(`      RPC to the renderer meanwhile: ${[...row.inbound].map(([label, count]) => `${label} ×${count}`).join(', ') || 'none'}`);
    console.log(`      RPC from the renderer meanwhile: ${[...row.outbound].map(([label, count]) => `${label} ×${count}`).join(', ') || 'none'}`);
  }
  console.log('\n    Extension host → renderer RPC requests per tool call (client sent → answered), medians over the traced calls; methods seen:');
  for (const [tool, calls] of perTool) {
    const counts = calls.map((inbound) => inbound.length).sort((a, b) => a - b);
    const methods = countBy(calls.flat(), (record) => requestLabel(record));
    const ours = calls.flat().filter((record) => /mcpLiveDebugger|mcp-live-debugger/i.test(record.detail));
    console.log(`      ${tool} (n=${calls.length}): ${counts[Math.floor(counts.length / 2)]} per call; ${[...methods].map(([label, count]) => `${label} ×${count}`).join(', ')}${ours.length ? `; naming our extension: ${[...countBy(ours, shortLabel)].map(([label, count]) => `${label} ×${count}`).join(', ')}` : ''}`);
  }
}

/** Maps wall-clock ms (performance.timeOrigin + now in the page) to trace µs, from the RPC marks. */
function traceClock(events, rpc) {
  const marks = events.filter((event) => event.name === 'TimeStamp' && /^mld-rpc \d+$/.test(event.args?.data?.message ?? ''));
  if (marks.length === 0) return undefined;
  const offsets = marks.map((event) => event.ts - rpc[Number(event.args.data.message.split(' ')[1])]?.at * 1000).filter(Number.isFinite).sort((a, b) => a - b);
  // a mark is emitted right after its time is read: the smallest offset is the closest pairing
  const offset = offsets[0];
  return { thread: { pid: marks[0].pid, tid: marks[0].tid }, toTs: (wallMs) => wallMs * 1000 + offset };
}

/** The main thread between two trace times: busy time, the named kinds of work, and the CPU samples by workbench feature. */
function attribute(tasks, onMain, samples, fromTs, toTs) {
  const inWindow = tasks.filter((task) => task.ts + task.dur > fromTs && task.ts < toTs);
  const clip = (event) => Math.max(0, Math.min(event.ts + event.dur, toTs) - Math.max(event.ts, fromTs));
  const busy = inWindow.reduce((sum, task) => sum + clip(task), 0);
  // thread time, scaled to the clipped part: what ran on a core, apart from waiting for one
  const cpu = inWindow.reduce((sum, task) => sum + (task.tdur ?? task.dur) * (clip(task) / Math.max(1, task.dur)), 0);
  const longTasks = inWindow.filter((task) => clip(task) > 8_000).map((task) => {
    const during = samples.filter(([time, stack]) => time >= task.ts && time <= task.ts + task.dur && feature(stack) !== '(idle)');
    const top = [...countBy(during, ([, stack]) => feature(stack))].slice(0, 3).map(([what, count]) => `${what} ${Math.round((count / Math.max(1, during.length)) * 100)}%`).join(', ');
    return { startMs: (task.ts - fromTs) / 1000, ms: clip(task) / 1000, cpuMs: (task.tdur ?? task.dur) / 1000, what: top || 'no samples' };
  });
  const parts = new Map();
  for (const event of onMain) {
    if (event.ts + event.dur <= fromTs || event.ts >= toTs) continue;
    if (!['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'MajorGC', 'MinorGC', 'v8.compile', 'ParseHTML'].includes(event.name)) continue;
    parts.set(event.name, (parts.get(event.name) ?? 0) + clip(event));
  }
  const inSamples = samples.filter(([time, stack]) => time >= fromTs && time <= toTs && feature(stack) !== '(idle)');
  const byFeature = countBy(inSamples, ([, stack]) => feature(stack));
  const total = inSamples.length || 1;
  return {
    spanMs: (toTs - fromTs) / 1000,
    busyMs: busy / 1000,
    cpuMs: cpu / 1000,
    longTasks,
    tasks: inWindow.length,
    longestMs: Math.max(0, ...inWindow.map((task) => clip(task) / 1000)),
    parts: [...parts].map(([name, us]) => [name, us / 1000]).sort((a, b) => b[1] - a[1]),
    sampleCount: inSamples.length,
    byFeature: [...byFeature].map(([what, count]) => [what, count / total]).sort((a, b) => b[1] - a[1]).slice(0, 14),
  };
}

/**
 * What a CPU sample was doing, from its stack (outermost first): the workbench feature whose method
 * names it passes through, else its outermost named frames. The names are the workbench's own
 * (its bundle keeps method names), so the list follows VS Code's source.
 */
const FEATURES = [
  [/^\(idle\)$/, (name) => name],
  [/^\(program\)$/, () => '(program): the renderer\'s native work outside script (style, layout, paint, layerize, IPC)'],
  [/^\(garbage collector\)$/, () => 'GC'],
  [/^rpcRecorder|^log$/, () => 'the bench\'s RPC recorder'],
  [/^(updateTitleArea|updateActions|setActions|_updateToolbar|updateEditorActionsToolbar|createEditorActions|onDidChangeContext|getPrimaryActions|createMenu)$/, () => 'menus/toolbars after a context key change'],
  [/InlineValue|inlineValue/i, () => 'debug: inline values'],
  [/CallStack|callStack/, () => 'debug: Call Stack view'],
  [/[Vv]ariablesView|VariablesRenderer|scopes/, () => 'debug: Variables view'],
  [/[Ww]atch/, () => 'debug: Watch view'],
  [/DebugEditorDecoration|updateBreakpointDecorations|createCallStackDecorations|focusStackFrame|DebugEditorContribution/, () => 'debug: editor decorations/contribution'],
  [/breakpoint|Breakpoint/, () => 'debug: breakpoints'],
  [/\$acceptDAMessage|acceptMessage|onDidStopped|fetchThreads|fetchCallStack|getCallStack|DebugSession|DebugModel|rawUpdate/, () => 'debug: session/model'],
  [/Minimap|minimap/, () => 'editor: minimap'],
  [/revealRange|revealLine|reveal/, () => 'editor: reveal'],
  [/StatusbarEntry|setEntry|StatusbarPart|statusbar/i, () => 'status bar'],
  [/setContext|ContextKey|contextKey/, () => 'context keys'],
  [/tokeniz|Tokeniz|TextMate|textmate|onig/, () => 'editor: tokenization'],
  [/ViewLines|renderLines|ViewModel|ViewLayout|_actualRender|EditorScrollbar|Cursor|decoration/i, () => 'editor: view render'],
  [/TreeView|AsyncDataTree|ListView|renderElement|splice/, () => 'list/tree rendering'],
  [/Outline|Breadcrumb/, () => 'breadcrumbs/outline'],
  [/\$acceptMessages|Webview|webview/, () => 'webview'],
  [/Output|output/, () => 'output channel'],
  [/receiveOneMessage|_receiveRequest|_receiveReply|RPCProtocol|_invokeHandler/, () => 'RPC dispatch (other)'],
  [/requestAnimationFrame|runAtThisOrScheduleAtNextAnimationFrame|AnimationFrame|layout/, () => 'layout/animation-frame callbacks'],
];

function feature(stack) {
  for (const [pattern, label] of FEATURES) {
    const hit = stack.find((name) => pattern.test(name));
    if (hit) return label(hit);
  }
  return `other: ${stack.filter((name) => name && name !== '(root)' && !name.startsWith('(anonymous)')).slice(0, 3).join(' › ') || stack.slice(-1)[0] || '?'}`;
}

/** CPU samples of one thread with their stacks (function names, outermost first). */
function stackSamples(events, pid, tid) {
  const samples = [];
  for (const profile of threadProfiles(events, pid, tid)) {
    const stackOf = new Map();
    const stack = (id) => {
      if (stackOf.has(id)) return stackOf.get(id);
      const node = profile.nodes.get(id);
      const value = node ? [...(node.parent !== undefined ? stack(node.parent) : []), node.callFrame.functionName || '(anonymous)'] : [];
      stackOf.set(id, value);
      return value;
    };
    for (const [time, id] of profile.samples) samples.push([time, stack(id)]);
  }
  return samples.sort((a, b) => a[0] - b[0]);
}

/** A request's method, with the command or event of a DAP message and the key of a setContext, which tell whose it is. */
function requestLabel(record) {
  const base = shortLabel(record);
  const command = /"command":"([^"]+)"/.exec(record.detail)?.[1];
  const event = /"event":"([^"]+)"/.exec(record.detail)?.[1];
  if (/\$executeCommand/.test(base)) return `${base} ${/^\["([^"]+)"(?:,\[?"([^"]+)")?/.exec(record.detail)?.slice(1).filter(Boolean).join(' ') ?? ''}`;
  if (/DAMessage|customDebugAdapterRequest/.test(base)) return `${base} ${event ? `event ${event}` : command ?? /^\["[^"]*","([^"]+)"/.exec(record.detail)?.[1] ?? ''}`;
  if (/\$refresh|\$setEntry|fireCommandActivationEvent/.test(base)) return `${base} ${/^\["([^"]+)"/.exec(record.detail)?.[1] ?? ''}`;
  return base;
}

function shortLabel(record) {
  return `${record.kind === 'Remote' ? '' : `[${record.kind}] `}${record.label.replace(/^receiveRequest |^request: /, '').replace(/\($/, '')}`;
}

function countBy(items, keyOf) {
  const counts = new Map();
  for (const item of items) {
    const key = keyOf(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Map([...counts].sort((a, b) => b[1] - a[1]));
}
