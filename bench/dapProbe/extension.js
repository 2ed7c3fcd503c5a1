// VS Code loads this as CommonJS, and `vscode` can only be reached through require().
/* eslint-disable @typescript-eslint/no-require-imports */
// Bench-only development extension: logs, with sub-millisecond wall-clock times, every DAP message
// between VS Code and every debug adapter (as a tracker in the extension host sees it) and every
// tools/call MCP Live Debugger records (with its spans), one JSON object per line, to the file
// named by MLD_BENCH_DAP_LOG. The debugger bench reads it to split a tool call into its hops.
const { appendFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const vscode = require('vscode');

const now = () => performance.timeOrigin + performance.now();

exports.activate = async function activate(context) {
  const file = process.env.MLD_BENCH_DAP_LOG;
  if (!file) return;
  const write = (entry) => appendFileSync(file, `${JSON.stringify(entry)}\n`);
  const summary = (message) => ({
    type: message.type, seq: message.seq, command: message.command, event: message.event, request_seq: message.request_seq,
    success: message.success, body: message.type === 'event' && message.event === 'output' ? undefined : message.body,
    arguments: message.arguments,
  });
  context.subscriptions.push(vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker(session) {
      return {
        onWillReceiveMessage: (message) => write({ at: now(), kind: 'dap', direction: 'toAdapter', session: session.id, debugType: session.type, ...summary(message) }),
        onDidSendMessage: (message) => write({ at: now(), kind: 'dap', direction: 'fromAdapter', session: session.id, debugType: session.type, ...summary(message) }),
        onExit: (code) => write({ at: now(), kind: 'session', what: 'adapterExit', session: session.id, debugType: session.type, code }),
      };
    },
  }));
  // when VS Code itself starts and ends each debug session (the teardown after a program's end)
  context.subscriptions.push(
    vscode.debug.onDidStartDebugSession((session) => write({ at: now(), kind: 'session', what: 'started', session: session.id, debugType: session.type, parent: session.parentSession?.id })),
    vscode.debug.onDidTerminateDebugSession((session) => write({ at: now(), kind: 'session', what: 'terminated', session: session.id, debugType: session.type, parent: session.parentSession?.id })),
  );
  const ours = vscode.extensions.getExtension('mcp-live-debugger.mcp-live-debugger');
  if (!ours) return;
  const api = ours.isActive ? ours.exports : await ours.activate();
  context.subscriptions.push(api.traceStore.onDidAppend((event) => {
    if (event.method !== 'tools/call') return;
    write({ at: now(), kind: 'tool', tool: event.tool, timestamp: event.timestamp, latencyMs: event.latencyMs, status: event.status, trace: event.trace });
  }));
};

exports.deactivate = function deactivate() {};
