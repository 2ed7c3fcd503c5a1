// VS Code loads this as CommonJS, and `vscode` can only be reached through require().
/* eslint-disable @typescript-eslint/no-require-imports */
// Bench-only development extension: answers GET http://127.0.0.1:$MLD_SOAK_PROBE_PORT/ with what
// the extension host holds right now (heap after a full GC, RSS, open handles, the trace store and
// the live panel's counts), so the soak benchmark can watch the process for growth from outside.
// To find what grows: GET /heap-snapshot?to=<file> writes a heap snapshot (after a full GC),
// GET /sampling/start starts V8's sampling heap profiler and GET /sampling/stop?to=<file> writes
// where the objects still alive were allocated (bench/soak/heapDiff.mjs reads both).
const http = require('node:http');
const fs = require('node:fs');
const inspector = require('node:inspector');
const vscode = require('vscode');

exports.activate = (context) => {
  const port = Number(process.env.MLD_SOAK_PROBE_PORT);
  if (!port) return;
  // the bound the soak asks for, set as a user would (the store and the panel follow the setting)
  const maxEvents = Number(process.env.MLD_SOAK_MAX_EVENTS);
  const bounded = maxEvents > 0
    ? Promise.resolve(vscode.workspace.getConfiguration('mcpLiveDebugger').update('trace.maxEvents', maxEvents, vscode.ConfigurationTarget.Global))
    : Promise.resolve();
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  const collectGarbage = () => post('HeapProfiler.collectGarbage');
  const writeSnapshot = async (to) => {
    await collectGarbage();
    const file = fs.createWriteStream(to);
    const onChunk = (message) => file.write(message.params.chunk);
    session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    try {
      await post('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    } finally {
      session.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
      await new Promise((resolve) => file.end(resolve));
    }
    return { written: to };
  };
  const startSampling = async () => {
    await post('HeapProfiler.enable');
    // every 32 KB allocated on average: enough samples over minutes without slowing the host
    await post('HeapProfiler.startSampling', { samplingInterval: 32768 });
    return { sampling: true };
  };
  const stopSampling = async (to) => {
    await collectGarbage();
    const { profile } = await post('HeapProfiler.stopSampling');
    fs.writeFileSync(to, JSON.stringify(profile));
    return { written: to };
  };
  const read = async () => {
    await bounded;
    const extension = vscode.extensions.getExtension('mcp-live-debugger.mcp-live-debugger');
    const api = extension.isActive ? extension.exports : await extension.activate();
    // a busy webview may answer late: that minute then shows no panel count rather than failing
    const panel = await api.livePanel.describe().catch(() => undefined);
    await collectGarbage();
    const memory = process.memoryUsage();
    return {
      heapUsed: memory.heapUsed,
      rss: memory.rss,
      handles: process.getActiveResourcesInfo().length,
      storeSize: api.traceStore.size,
      storeBytes: api.traceStore.byteSize,
      dropped: api.traceStore.droppedCount,
      connections: api.mcpEndpoint.connectionCount,
      heldAnswers: api.mcpEndpoint.heldAnswerCount ?? null,
      panelEvents: panel ? panel.eventCount : null,
      live: panel ? panel.live : null,
    };
  };
  const answer = (url) => {
    const to = url.searchParams.get('to');
    if (url.pathname === '/heap-snapshot' && to) return writeSnapshot(to);
    if (url.pathname === '/sampling/start') return startSampling();
    if (url.pathname === '/sampling/stop' && to) return stopSampling(to);
    return read();
  };
  const server = http.createServer((request, response) => {
    answer(new URL(request.url, 'http://127.0.0.1')).then(
      (value) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(value)),
      (error) => response.writeHead(500).end(String(error && error.stack)),
    );
  });
  server.listen(port, '127.0.0.1');
  context.subscriptions.push({ dispose: () => { server.close(); session.disconnect(); } });
};
