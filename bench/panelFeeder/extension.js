// Bench only (bench/panelWorkbench.mjs): fills the installed extension's trace store inside the
// real extension host, runs "Open Live Debugger" as the palette would, and streams events, on
// the bench's word over a loopback HTTP port written to $MLD_BENCH_FEEDER_FILE.
/* eslint-disable @typescript-eslint/no-require-imports */
const http = require('node:http');
const { writeFileSync, statSync } = require('node:fs');
const { dirname, join } = require('node:path');
const vscode = require('vscode');

const TOOLS = ['set_breakpoint', 'step_over', 'get_local_variables', 'evaluate_expression', 'continue_execution', 'get_stack_trace', 'start_debugging'];
const METHODS = ['tools/call', 'tools/call', 'tools/call', 'tools/call', 'tools/list', 'resources/read', 'notifications/progress'];
const SESSIONS = 200;

/** An event as the exchange recorder stores one: small bodies, a trace tree for a tool call. */
function event(index, timestamp) {
  const method = METHODS[index % METHODS.length];
  const tool = method === 'tools/call' ? TOOLS[index % TOOLS.length] : undefined;
  const failed = index % 23 === 0;
  const line = 1 + (index % 80);
  return {
    timestamp, connectionId: `bench-conn-${index % SESSIONS}`, source: 'debugger',
    kind: method.startsWith('notifications/') ? 'notification' : 'request', method, tool,
    status: failed ? 'error' : 'ok', error: failed ? 'NameError: name c is not defined' : undefined,
    latencyMs: 3 + (index % 97), requestBytes: 180, responseBytes: 640,
    request: { jsonrpc: '2.0', id: index, method, params: tool ? { name: tool, arguments: { line } } : { uri: `file:///work/demo/notes-${index % 40}.md` } },
    response: { jsonrpc: '2.0', id: index, result: tool ? { structuredContent: { success: !failed, location: { file: '/work/demo/app.py', line } } } : { tools: method === 'tools/list' ? TOOLS.map((name) => ({ name })) : undefined } },
    trace: tool ? { name: 'tool.run', tool, start: timestamp, duration_ms: 3, status: 'ok', inputs: { line }, outputs: { success: true }, children: [
      { name: 'dap.request', command: 'stackTrace', start: timestamp, duration_ms: 1, status: 'ok', request: { threadId: 1 }, response: { stackFrames: [{ id: 1, name: 'main', line, source: { path: '/work/demo/app.py' } }] }, children: [] },
    ] } : undefined,
  };
}

exports.activate = async (context) => {
  const product = vscode.extensions.getExtension('mcp-live-debugger.mcp-live-debugger');
  if (!product) throw new Error('the packaged MCP Live Debugger is not installed');
  const api = await product.activate();
  const store = api.traceStore;
  let next = 0;
  const exportFiles = [];
  const routes = {
    fill: async ({ count, maxEvents }) => {
      // the bound set as a user would (the store and the panel follow the setting)
      if (maxEvents) {
        await vscode.workspace.getConfiguration('mcpLiveDebugger').update('trace.maxEvents', maxEvents, vscode.ConfigurationTarget.Global);
        // (the store's bound is private to TypeScript, but there at run time: wait until the manager applied it)
        while (store.maxEvents !== undefined && store.maxEvents < maxEvents) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      store.clear();
      const now = Date.now();
      for (let index = 0; index < SESSIONS; index++) {
        store.upsertConnection({ id: `bench-conn-${index}`, source: 'debugger', transport: 'streamable-http', clientName: ['claude-code', 'cursor', 'copilot'][index % 3], clientVersion: '1.0.0', startedAt: now - count, lastActivityAt: now, status: 'active' });
      }
      const started = Date.now();
      for (let index = 0; index < count; index++) store.append(event(next++, now - count + index));
      return { size: store.size, dropped: store.droppedCount, ms: Date.now() - started };
    },
    open: async () => {
      const at = Date.now();
      await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebugger');
      return { at };
    },
    // closes the live debugger's editor tab as a user would (its webview is disposed; the store stays)
    close: async () => {
      const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs)
        .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('mcpLiveDebugger.livePanel'));
      await vscode.window.tabGroups.close(tabs);
      return { closed: tabs.length };
    },
    stream: async ({ rate, seconds }) => {
      const total = rate * seconds;
      const firstIndex = next;
      const started = Date.now();
      await new Promise((resolve) => {
        const timer = setInterval(() => {
          const due = Math.min(total, Math.round(((Date.now() - started) / 1000) * rate)) - (next - firstIndex);
          for (let index = 0; index < due; index++) store.append(event(next++, Date.now()));
          if (next - firstIndex >= total) {
            clearInterval(timer);
            resolve();
          }
        }, 50);
      });
      return { sent: next - firstIndex, ms: Date.now() - started, size: store.size, dropped: store.droppedCount };
    },
    size: async () => ({ size: store.size, dropped: store.droppedCount }),
    // what the store holds now as a file, in our format (as Export writes it) or as OTLP JSON
    writeExport: async ({ otlp }) => {
      const started = Date.now();
      const trace = store.export();
      const text = otlp ? api.otlpExport.toOtlpJson(trace) : `${JSON.stringify(trace, null, 2)}\n`;
      const file = join(dirname(process.env.MLD_BENCH_FEEDER_FILE), otlp ? 'bench-trace.otlp.json' : 'bench-trace.json');
      writeFileSync(file, text);
      exportFiles[otlp ? 1 : 0] = file;
      return { events: trace.events.length, bytes: statSync(file).size, ms: Date.now() - started };
    },
    // the Import command on that file, as another command or the explorer would run it (no open dialog)
    import: async ({ otlp }) => {
      const at = Date.now();
      await vscode.commands.executeCommand('mcpLiveDebugger.importTrace', vscode.Uri.file(exportFiles[otlp ? 1 : 0]));
      return { at, done: Date.now() };
    },
  };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = routes[url.pathname.slice(1)];
    if (!route) return void response.writeHead(404).end();
    const query = Object.fromEntries([...url.searchParams].map(([key, value]) => [key, Number(value)]));
    route(query).then(
      (answer) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)),
      (error) => response.writeHead(500).end(String(error && error.stack || error)),
    );
  });
  server.listen(0, '127.0.0.1', () => {
    if (process.env.MLD_BENCH_FEEDER_FILE) writeFileSync(process.env.MLD_BENCH_FEEDER_FILE, JSON.stringify({ port: server.address().port }));
  });
  context.subscriptions.push({ dispose: () => server.close() });
};
