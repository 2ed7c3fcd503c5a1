// Splits each of our tool calls into its hops, from the log bench/dapProbe writes (the DAP
// messages a tracker saw, the tools/call events with their spans) and the bench's own client
// times. For a DAP request of ours: out = span start → the tracker sees the request on its way
// to the adapter (for `customRequest`, the trip through the workbench); adapter = request →
// response; back = response → span end (the trip back). The rest of a call is the bridge's own
// waiting (for a stop, for the workbench's stackTrace) and the MCP layer (client time − tool time).
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** The bench's side of a call, in the same log (wall-clock ms, sub-millisecond), and the workbench link's delay then. */
export function logClientCall(file, tool, sentAt, answeredAt, linkDelayMs = 0, clientBusyMs = undefined) {
  appendFileSync(file, `${JSON.stringify({ kind: 'client', tool, sentAt, answeredAt, linkDelayMs, clientBusyMs })}\n`);
}

export function wallClock() {
  return performance.timeOrigin + performance.now();
}

export function printHops(file) {
  if (!existsSync(file)) {
    console.log(`\n  hops: no probe log at ${file} (did the development extension load?)`);
    return;
  }
  const entries = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const dap = entries.filter((entry) => entry.kind === 'dap');
  const clients = entries.filter((entry) => entry.kind === 'client');
  const tools = entries.filter((entry) => entry.kind === 'tool' && entry.trace);
  const interesting = new Set(['set_breakpoint', 'start_debugging', 'step_over', 'get_local_variables', 'evaluate_expression', 'continue_execution']);
  // with --latency the calls with and without the delayed link are told apart
  const phased = clients.some((client) => client.linkDelayMs > 0);
  const phaseOf = (client) => (!phased ? '' : client?.linkDelayMs > 0 ? ` (+${client.linkDelayMs} ms link)` : ' (direct link)');
  /** tool → list of per-call breakdowns */
  const byTool = new Map();
  /** tool (and phase) → its last call, for the raw timeline */
  const timelineOf = new Map();
  const usedRequests = new Set();
  for (const event of tools) {
    if (!interesting.has(event.tool)) continue;
    const root = event.trace;
    const client = clients.find((candidate) => candidate.tool === event.tool && candidate.sentAt <= root.start + 1 && candidate.answeredAt >= root.start);
    const call = { total: root.duration_ms, client: client ? client.answeredAt - client.sentAt : undefined, clientBusy: client?.clientBusyMs, phase: phaseOf(client), requests: [], workbench: [] };
    for (const span of root.children) {
      // a request over the CDP channel (a continue's Debugger.resume): no DAP message to split it by
      if (span.name === 'cdp.request' && span.command === 'Debugger.resume') {
        call.requests.push({ command: span.command, via: span.attributes?.via, startInCall: span.start - root.start, duration: span.duration_ms });
        // js-debug's `continued` comes from the target's Debugger.resumed, which V8 writes right after
        // the command's answer on the same connection: when js-debug had both, before its proxy's answer reached us
        const continued = dap.find((message) => message.direction === 'fromAdapter' && message.type === 'event' && message.event === 'continued' && message.at >= span.start && message.at <= span.start + 2000);
        if (continued) call.continuedAfterResume = continued.at - span.start;
        continue;
      }
      if (span.name !== 'dap.request') continue;
      if (span.attributes?.requestedBy === 'workbench') {
        call.workbench.push({ command: span.command, start: span.start - root.start, duration: span.duration_ms });
        continue;
      }
      const args = JSON.stringify(span.request ?? {});
      const request = dap.find((message) => message.direction === 'toAdapter' && message.type === 'request' && message.command === span.command
        && !usedRequests.has(message) && message.at >= span.start - 1 && message.at <= span.start + span.duration_ms + 1 && JSON.stringify(message.arguments ?? {}) === args);
      const response = request && dap.find((message) => message.direction === 'fromAdapter' && message.type === 'response' && message.session === request.session && message.request_seq === request.seq && message.at >= request.at);
      if (request) usedRequests.add(request);
      const end = span.start + span.duration_ms;
      call.requests.push({
        command: span.command, via: span.attributes?.via,
        startInCall: span.start - root.start,
        out: request ? request.at - span.start : undefined,
        adapter: request && response ? response.at - request.at : undefined,
        back: response ? end - response.at : undefined,
        duration: span.duration_ms,
      });
    }
    // a resuming call: when the adapter reported the stop, relative to the call's start
    if (['step_over', 'start_debugging', 'continue_execution'].includes(event.tool)) {
      const stop = dap.find((message) => message.direction === 'fromAdapter' && message.type === 'event' && ['stopped', 'terminated'].includes(message.event) && message.at >= root.start && message.at <= root.start + root.duration_ms + 1);
      if (stop) call.stopAt = stop.at - root.start;
      // the workbench's own inspection after that stop: when each request reached the adapter, relative to the stop
      if (stop) {
        call.workbenchAfterStop = dap
          .filter((message) => message.direction === 'toAdapter' && message.type === 'request' && message.session === stop.session && message.at >= stop.at && message.at <= stop.at + 2000 && ['threads', 'stackTrace', 'scopes', 'variables'].includes(message.command))
          .slice(0, 6)
          .map((message) => `${message.command}@+${(message.at - stop.at).toFixed(0)}`);
      }
    }
    // the bench's like-for-like continue apart from the waiting one
    const key = `${event.tool}${root.inputs?.waitForStop === false ? ' (waitForStop: false)' : ''}${call.phase}`;
    byTool.set(key, [...(byTool.get(key) ?? []), call]);
    timelineOf.set(key, event);
  }
  console.log('\n  Where our time goes (from the DAP probe; ms; out/adapter/back per DAP request of ours; medians over calls):');
  for (const [tool, calls] of byTool) {
    const first = calls[0];
    const later = calls.slice(1);
    const line = (label, list) => {
      if (list.length === 0) return;
      const parts = [`${label}: client ${fmt(med(list.map((call) => call.client)))}`, `tool ${fmt(med(list.map((call) => call.total)))}`];
      if (list.some((call) => call.clientBusy !== undefined)) parts.push(`bench process busy ${fmt(med(list.map((call) => call.clientBusy)))}`);
      if (list.some((call) => call.stopAt !== undefined)) parts.push(`stop event at +${fmt(med(list.map((call) => call.stopAt)))}`);
      if (list.some((call) => call.continuedAfterResume !== undefined)) parts.push(`js-debug's continued ${fmt(med(list.map((call) => call.continuedAfterResume)))} after the resume's send`);
      const shape = list[list.length - 1].requests.map((request) => request.command);
      shape.forEach((command, index) => {
        const pick = (key) => med(list.map((call) => call.requests[index]?.command === command ? call.requests[index][key] : undefined));
        parts.push(`${command} [${list[list.length - 1].requests[index].via}] at +${fmt(pick('startInCall'))}: out ${fmt(pick('out'))} / adapter ${fmt(pick('adapter'))} / back ${fmt(pick('back'))} = ${fmt(pick('duration'))}`);
      });
      const observed = list.filter((call) => call.workbench.length > 0).length;
      if (observed > 0) parts.push(`workbench's stackTrace used in ${observed}/${list.length}`);
      const after = list[list.length - 1].workbenchAfterStop;
      if (after?.length) parts.push(`workbench after the stop (last call): ${after.join(' ')}`);
      console.log(`    ${tool} ${parts.join('; ')}`);
    };
    line(`first (n=1)`, [first]);
    line(`later (n=${later.length})`, later);
  }
  // the raw timeline of the last measured step, locals, evaluate and continue: every DAP message in their window
  for (const [tool, event] of timelineOf) {
    if (!['step_over', 'get_local_variables', 'evaluate_expression', 'continue_execution'].some((name) => tool.startsWith(name))) continue;
    const root = event.trace;
    const window = dap.filter((message) => message.at >= root.start - 1 && message.at <= root.start + root.duration_ms + 1 && !(message.type === 'event' && message.event === 'output'));
    const spans = root.children.filter((span) => span.name === 'dap.request' || (span.name === 'cdp.request' && span.command === 'Debugger.resume')).map((span) => `${span.attributes?.requestedBy === 'workbench' ? 'workbench' : 'ours'} ${span.command} +${span.start - root.start}..+${span.start - root.start + span.duration_ms}`);
    console.log(`\n  timeline of the last ${tool} (${root.duration_ms} ms; our spans: ${spans.join(', ') || 'none'}):`);
    for (const message of window) {
      const what = message.type === 'event' ? `event ${message.event}` : `${message.type} ${message.command} seq ${message.type === 'response' ? message.request_seq : message.seq}`;
      console.log(`    +${(message.at - root.start).toFixed(1).padStart(7)} ${message.direction === 'toAdapter' ? '→ adapter' : '← adapter'} ${what} (${message.debugType} ${message.session.slice(0, 8)})`);
    }
  }
  printTeardown(entries);
  console.log(`\n  probe log kept at ${file}`);
}

/**
 * The program's end and VS Code's teardown of the session beside our last calls of a pass: per
 * pass, relative to the end of our continue's tool span and to close_debug_session's answer, when
 * js-debug's `exited`/`terminated` came, when VS Code ended each of the pass's debug sessions
 * (onDidTerminateDebugSession) and their adapters exited, and when the next set_breakpoint was
 * sent and answered.
 */
function printTeardown(entries) {
  const clients = entries.filter((entry) => entry.kind === 'client');
  const sessions = entries.filter((entry) => entry.kind === 'session');
  if (sessions.length === 0) return;
  const dap = entries.filter((entry) => entry.kind === 'dap');
  const tools = entries.filter((entry) => entry.kind === 'tool' && entry.trace);
  const rows = [];
  for (const [index, close] of clients.entries()) {
    if (close.tool !== 'close_debug_session') continue;
    const continued = [...clients.slice(0, index)].reverse().find((client) => client.tool === 'continue_execution');
    const start = [...clients.slice(0, index)].reverse().find((client) => client.tool === 'start_debugging');
    if (!continued || !start) continue;
    const nextBreakpoint = clients.slice(index + 1).find((client) => client.tool === 'set_breakpoint');
    const tool = tools.find((event) => event.tool === 'continue_execution' && event.trace.start >= continued.sentAt - 1 && event.trace.start <= continued.answeredAt);
    const continueEnd = tool ? tool.trace.start + tool.trace.duration_ms : undefined;
    const passSessions = new Set(sessions.filter((entry) => entry.what === 'started' && entry.at >= start.sentAt && entry.at <= continued.sentAt).map((entry) => entry.session));
    const ofPass = (what) => sessions.filter((entry) => entry.what === what && passSessions.has(entry.session) && entry.at >= continued.sentAt).map((entry) => entry.at);
    const dapEvent = (name) => dap.find((message) => message.type === 'event' && message.event === name && passSessions.has(message.session) && message.at >= continued.sentAt)?.at;
    rows.push({
      exited: rel(dapEvent('exited'), continueEnd),
      terminatedEvent: rel(dapEvent('terminated'), continueEnd),
      continueAnswered: rel(continued.answeredAt, continueEnd),
      closeSent: rel(close.sentAt, continueEnd),
      closeMs: close.answeredAt - close.sentAt,
      lastEnded: rel(Math.max(...ofPass('terminated')), close.answeredAt),
      lastAdapterExit: rel(Math.max(...ofPass('adapterExit')), close.answeredAt),
      ended: `${ofPass('terminated').length}/${passSessions.size}`,
      nextBreakpointSent: nextBreakpoint ? rel(nextBreakpoint.sentAt, close.answeredAt) : undefined,
      nextBreakpointMs: nextBreakpoint ? nextBreakpoint.answeredAt - nextBreakpoint.sentAt : undefined,
    });
  }
  if (rows.length === 0) return;
  console.log('\n  The end of each pass (ms; exited/terminated events and our continue\'s answer relative to the end of its tool span; VS Code\'s onDidTerminateDebugSession and the adapters\' exit relative to close_debug_session\'s answer; medians, then every pass):');
  const keys = Object.keys(rows[0]).filter((key) => key !== 'ended');
  console.log(`    median: ${keys.map((key) => `${key} ${fmt(med(rows.map((row) => row[key])))}`).join(', ')}`);
  for (const row of rows) console.log(`    ${keys.map((key) => `${key} ${fmt(row[key])}`).join(', ')}, sessions ended ${row.ended}`);
}

function rel(at, base) {
  return at === undefined || base === undefined || !Number.isFinite(at) ? undefined : at - base;
}

function med(values) {
  const defined = values.filter((value) => value !== undefined && Number.isFinite(value)).sort((a, b) => a - b);
  if (defined.length === 0) return undefined;
  const middle = Math.floor(defined.length / 2);
  return defined.length % 2 ? defined[middle] : (defined[middle - 1] + defined[middle]) / 2;
}

function fmt(value) {
  return value === undefined ? '—' : value.toFixed(1);
}
