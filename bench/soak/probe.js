// VS Code loads this as CommonJS, and `vscode` can only be reached through require().
/* eslint-disable @typescript-eslint/no-require-imports */
// Bench-only development extension: answers GET http://127.0.0.1:$MLD_SOAK_PROBE_PORT/ with what
// the extension host holds right now (heap after a full GC, RSS, open handles, the trace store and
// the live panel's counts), so the soak benchmark can watch the process for growth from outside.
const http = require('node:http');
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
  const collectGarbage = () => new Promise((resolve, reject) => session.post('HeapProfiler.collectGarbage', (error) => (error ? reject(error) : resolve())));
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
      panelEvents: panel ? panel.eventCount : null,
      live: panel ? panel.live : null,
    };
  };
  const server = http.createServer((request, response) => {
    read().then(
      (value) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(value)),
      (error) => response.writeHead(500).end(String(error && error.stack)),
    );
  });
  server.listen(port, '127.0.0.1');
  context.subscriptions.push({ dispose: () => { server.close(); session.disconnect(); } });
};
