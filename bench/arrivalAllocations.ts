// What the webview allocates per arriving event, and where: the 100,000 events of the panel bench
// (the feeder's, bench/panelFeeder/extension.js, summarised as the host summarises them) packed as the
// host packs them (a 1,000-event snapshot, then 5,000-event appends), then read, decoded, appended
// to a PanelEventStore and extended into FilteredEvents as webview/hostBridge.ts and webview/app.ts
// do, in the same 250-event slices, all in this Node process. V8's sampling heap profiler, told to
// keep what minor and major GCs collected, gives the bytes allocated by site; they are an estimate
// (one sample per `SAMPLE_BYTES` on average), good for ranking sites and for before/after.
//   node --import tsx bench/arrivalAllocations.ts [--sites N]
import { Session } from 'node:inspector/promises';
import { summarizeEvent } from '../src/shared/eventSummary';
import { decodeSummaries, eventsToFill, packEnvelope, readPackedEnvelope, type PackedEnvelope } from '../src/shared/packedEnvelope';
import type { HostMessage } from '../src/shared/protocol';
import type { TraceConnection, TraceEvent } from '../src/shared/trace';
import { handleInTimeSlices, handleRangeInTimeSlices, TaskBudget, type SliceOptions } from '../webview/arrivalQueue';
import { FilteredEvents } from '../webview/filteredEvents';
import { PanelEventStore } from '../webview/panelEventStore';

const EVENTS = 100_000;
const SESSIONS = 200;
const SAMPLE_BYTES = 256;
const TOOLS = ['set_breakpoint', 'step_over', 'get_local_variables', 'evaluate_expression', 'continue_execution', 'get_stack_trace', 'start_debugging'];
const METHODS = ['tools/call', 'tools/call', 'tools/call', 'tools/call', 'tools/list', 'resources/read', 'notifications/progress'];

/** The feeder's event `index` (bench/panelFeeder/extension.js), as the store records it. */
function feederEvent(index: number, timestamp: number): TraceEvent {
  const method = METHODS[index % METHODS.length];
  const tool = method === 'tools/call' ? TOOLS[index % TOOLS.length] : undefined;
  const failed = index % 23 === 0;
  const line = 1 + (index % 80);
  return {
    id: index + 1, timestamp, connectionId: `bench-conn-${index % SESSIONS}`, source: 'debugger',
    kind: method.startsWith('notifications/') ? 'notification' : 'request', method, tool,
    status: failed ? 'error' : 'ok', error: failed ? 'NameError: name c is not defined' : undefined,
    latencyMs: 3 + (index % 97), requestBytes: 180, responseBytes: 640,
    request: { jsonrpc: '2.0', id: index, method, params: tool ? { name: tool, arguments: { line } } : { uri: `file:///work/demo/notes-${index % 40}.md` } },
    response: { jsonrpc: '2.0', id: index, result: tool ? { structuredContent: { success: !failed } } : { tools: method === 'tools/list' ? TOOLS.map((name) => ({ name })) : undefined } },
    trace: tool ? { name: 'tool.run', start: timestamp, duration_ms: 3, status: 'ok', children: [] } : undefined,
  } as TraceEvent;
}

function hostMessages(): PackedEnvelope[] {
  const now = Date.now();
  const connections: TraceConnection[] = Array.from({ length: SESSIONS }, (_, index) => ({
    id: `bench-conn-${index}`, source: 'debugger', transport: 'streamable-http', clientName: ['claude-code', 'cursor', 'copilot'][index % 3],
    clientVersion: '1.0.0', startedAt: now - EVENTS, lastActivityAt: now, status: 'active',
  } as TraceConnection));
  const summaries = Array.from({ length: EVENTS }, (_, index) => summarizeEvent(feederEvent(index, now - EVENTS + index)));
  const bodies: HostMessage[] = [{ type: 'snapshot', connections, events: summaries.slice(0, 1_000), droppedCount: 0, maxEvents: EVENTS * 2, endpoint: { status: 'listening', url: 'http://127.0.0.1:1/mcp' } } as HostMessage];
  for (let start = 1_000; start < EVENTS; start += 5_000) bodies.push({ type: 'append', connections: [], events: summaries.slice(start, start + 5_000), droppedCount: 0, firstKeptId: 0 });
  return bodies.map((body, index) => packEnvelope({ messageId: index + 1, body }));
}

/** Every slice in one go: the allocations are what they are whatever the clock says. */
const noYields: Partial<SliceOptions> = { budget: new TaskBudget(Number.POSITIVE_INFINITY, () => 0), yieldTask: () => Promise.resolve() };

/** What the webview does with the host's messages as they arrive (hostBridge.ts, then app.ts's handlers and draws). */
async function arrive(messages: readonly PackedEnvelope[]): Promise<PanelEventStore> {
  let store: PanelEventStore | undefined;
  const filtered = new FilteredEvents(() => true);
  for (const message of messages) {
    const { envelope, table } = readPackedEnvelope(message);
    const events = eventsToFill(envelope);
    if (table) await handleRangeInTimeSlices(table.count, (start, end) => decodeSummaries(table, start, end, events), noYields);
    const body = (envelope as { body: HostMessage }).body;
    if (body.type === 'snapshot') {
      const snapshotStore = new PanelEventStore(body.maxEvents);
      snapshotStore.upsertConnections(body.connections);
      await handleInTimeSlices(body.events, (slice) => snapshotStore.appendEvents(slice, body.droppedCount), noYields);
      store = snapshotStore;
      filtered.rebuild(store, () => true);
    } else if (body.type === 'append' && store) {
      const live = store;
      await handleInTimeSlices(body.events, (slice, start) => {
        const message = { ...body, connections: start === 0 ? body.connections : [], events: slice };
        live.upsertConnections(message.connections);
        live.appendEvents(message.events, message.droppedCount, message.firstKeptId);
      }, noYields);
      filtered.extend(live);
    }
  }
  if (!store || store.size !== EVENTS || filtered.size !== EVENTS) throw new Error(`the store holds ${store?.size} events and shows ${filtered.size}, not ${EVENTS}`);
  return store;
}

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

/** Bytes by the innermost frame of ours (webview/, src/) under each sample, else by the innermost frame. */
function bySite(root: SamplingNode): Map<string, number> {
  const sites = new Map<string, number>();
  const walk = (node: SamplingNode, ours: string | undefined): void => {
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(webview|src)\//, '$1/').replace(/^file:\/\/.*\//, '')}:${lineNumber + 1}`;
    const mine = /\/(webview|src)\//.test(url) ? name : ours;
    if (node.selfSize > 0) {
      const key = mine === undefined ? name : mine === name ? name : `${mine} → ${name}`;
      sites.set(key, (sites.get(key) ?? 0) + node.selfSize);
    }
    for (const child of node.children) walk(child, mine);
  };
  walk(root, undefined);
  return sites;
}

async function main(): Promise<void> {
  const siteCount = Number(process.argv[process.argv.indexOf('--sites') + 1]) || 20;
  const messages = hostMessages();
  // a warm-up pass, so what is measured is the steady code, not its first compilation
  await arrive(messages);
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.collectGarbage');
  await session.post('HeapProfiler.startSampling', { samplingInterval: SAMPLE_BYTES, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  const kept = await arrive(messages);
  const { profile } = await session.post('HeapProfiler.stopSampling') as { profile: { head: SamplingNode } };
  await session.post('HeapProfiler.collectGarbage');
  const heapAfter = process.memoryUsage().heapUsed;
  session.disconnect();
  const sites = bySite(profile.head);
  const total = [...sites.values()].reduce((sum, bytes) => sum + bytes, 0);
  console.log(`${EVENTS.toLocaleString('en-US')} events arrived (${kept.size} held): ${(total / 2 ** 20).toFixed(1)} MB allocated, ${Math.round(total / EVENTS)} B per event (sampled every ${SAMPLE_BYTES} B); heap after a GC ${(heapAfter / 2 ** 20).toFixed(1)} MB`);
  for (const [site, bytes] of [...sites].sort((a, b) => b[1] - a[1]).slice(0, siteCount)) {
    console.log(`  ${String(Math.round(bytes / EVENTS)).padStart(5)} B/event  ${site}`);
  }
}

void main();
