// js-debug's standalone DAP server (the copy vendored in the mcp-debugger peer's npm package, as
// mcp-debugger runs it) driven by a bare DAP client, no VS Code: the server process, and a launch
// through it (a parent session whose `startDebugging` reverse request opens the child session
// that owns the target, as js-debug does in VS Code).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DapClient } from './dapClient.mjs';

const ADAPTER_INITIALIZE = { clientID: 'bench', adapterID: 'pwa-node', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true, supportsStartDebuggingRequest: true, supportsRunInTerminalRequest: false };

/** Starts the server with `node` from the peer package's folder; resolves once it listens. */
export async function startJsDebugServer({ node, peerFolder }) {
  const server = spawn(node, [join(peerFolder, 'dist', 'vendor', 'js-debug', 'vsDebugServer.cjs'), '0', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    let text = '';
    server.stdout.on('data', (chunk) => {
      text += chunk;
      const match = /listening at [^:\s]+:(\d+)/i.exec(text);
      if (match) resolve(Number(match[1]));
    });
    server.once('exit', () => reject(new Error(`js-debug's server exited: ${text}`)));
  });
  return { port, kill: () => server.kill() };
}

/**
 * Launches `configuration` through the server at `port`: resolves with both sessions once the
 * child's launch request is sent. `breakpoints` (lines of `configuration.program`) are set in the
 * child before its configurationDone; `onChild(child)` runs before the child's initialize (to
 * listen to its events from the start).
 */
export async function launchUnderJsDebug(port, { configuration, breakpoints = [], onChild = () => {} }) {
  const parent = await DapClient.connect(port);
  const childReady = new Promise((resolve, reject) => {
    parent.on('request:startDebugging', (args) => {
      void (async () => {
        const child = await DapClient.connect(port);
        onChild(child);
        child.on('initialized', () => void (async () => {
          if (breakpoints.length > 0) await child.request('setBreakpoints', { source: { path: configuration.program }, breakpoints: breakpoints.map((line) => ({ line })) });
          await child.request('configurationDone', {});
        })().catch(reject));
        await child.request('initialize', ADAPTER_INITIALIZE);
        void child.request(args.request, args.configuration).catch(reject);
        resolve(child);
      })().catch(reject);
      return {};
    });
  });
  parent.on('initialized', () => void parent.request('configurationDone', {}));
  await parent.request('initialize', ADAPTER_INITIALIZE);
  void parent.request('launch', configuration);
  const child = await childReady;
  return { parent, child, close: () => { child.close(); parent.close(); } };
}
