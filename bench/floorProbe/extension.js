// VS Code loads this as CommonJS, and `vscode` can only be reached through require().
/* eslint-disable @typescript-eslint/no-require-imports */
// Bench-only development extension for `npm run bench -- floors`: measures, inside the extension
// host and with nothing of MCP Live Debugger on the path, what VS Code's own architecture costs:
// a loopback HTTP round trip answered here (bench/floorEcho.js, the same server a plain Node
// process runs), `vscode.debug.addBreakpoints`, a DAP `next` sent with `customRequest` until the
// `stopped` event a tracker sees, and a resume by DAP `continue` against CDP `Debugger.resume`
// over js-debug's proxy. It listens on a loopback port it writes, with its pid, to the file named
// by MLD_BENCH_FLOOR_FILE; each /floor/* route runs one experiment and answers its timings (ms of
// this process's clock, from the moment the measured call was made).
const { appendFileSync, writeFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const vscode = require('vscode');
const WebSocket = require('ws');
const { createFloorServer, listen } = require('../floorEcho.js');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every DAP message of every session as the extension host passes it on, to whoever waits for one. */
class DapWatch {
  constructor() {
    this.waiters = new Set();
    this.live = new Set();
  }

  tracker(session) {
    const see = (direction, message) => {
      const at = performance.now();
      for (const waiter of [...this.waiters]) {
        if (waiter.match(direction, message, session)) {
          this.waiters.delete(waiter);
          waiter.resolve({ at, message, session });
        }
      }
    };
    return {
      onWillReceiveMessage: (message) => see('toAdapter', message),
      onDidSendMessage: (message) => see('fromAdapter', message),
    };
  }

  /** The next message `match(direction, message, session)` accepts, with the time it passed. */
  next(match, timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve };
      this.waiters.add(waiter);
      setTimeout(() => {
        if (this.waiters.delete(waiter)) reject(new Error(`no matching DAP message within ${timeoutMs} ms`));
      }, timeoutMs).unref();
    });
  }
}

const watch = new DapWatch();
/** MLD_BENCH_FLOOR_TRACE names a file for progress lines (for finding where a run hangs). */
const trace = (text) => {
  if (process.env.MLD_BENCH_FLOOR_TRACE) appendFileSync(process.env.MLD_BENCH_FLOOR_TRACE, `${new Date().toISOString()} ${text}\n`);
};
const probeBreakpoints = new Map();

const isEvent = (name) => (direction, message) => direction === 'fromAdapter' && message.type === 'event' && message.event === name;
const isRequest = (command) => (direction, message) => direction === 'toAdapter' && message.type === 'request' && message.command === command;
const isResponse = (command) => (direction, message) => direction === 'fromAdapter' && message.type === 'response' && message.command === command;

/** Adds one breakpoint: when the call returned, and when its promise (the workbench's answer to $registerBreakpoints) settled. */
async function addBreakpoint({ file, line }) {
  const breakpoint = new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(file), new vscode.Position(line - 1, 0)));
  const started = performance.now();
  const answered = vscode.debug.addBreakpoints([breakpoint]);
  const returnedMs = performance.now() - started;
  await answered;
  const answeredMs = performance.now() - started;
  probeBreakpoints.set(breakpoint.id, breakpoint);
  return { returnedMs, answeredMs };
}

async function removeBreakpoints() {
  const breakpoints = [...probeBreakpoints.values()];
  probeBreakpoints.clear();
  if (breakpoints.length > 0) await vscode.debug.removeBreakpoints(breakpoints);
}

function launchConfiguration(program, node) {
  return { type: 'pwa-node', request: 'launch', name: 'floor probe', program, runtimeExecutable: node, console: 'internalConsole', skipFiles: ['<node_internals>/**'] };
}

/** Starts a js-debug session and waits for its first stop: the session that reported it and its thread. */
async function startUntilStopped(program, node) {
  const stopped = watch.next(isEvent('stopped'), 60_000);
  const folder = vscode.workspace.workspaceFolders?.[0];
  trace('startDebugging');
  if (!(await vscode.debug.startDebugging(folder, launchConfiguration(program, node)))) throw new Error('startDebugging answered false');
  trace('startDebugging answered');
  const { session, message } = await stopped;
  return { session, threadId: message.body.threadId };
}

/** The sessions still alive have all ended. */
async function allEnded() {
  const deadline = performance.now() + 30_000;
  while (watch.live.size > 0) {
    if (performance.now() > deadline) throw new Error(`debug sessions still running 30 s after the end: ${[...watch.live].join(', ')}`);
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 1000);
      const listener = vscode.debug.onDidTerminateDebugSession(() => {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      });
    });
  }
}

/**
 * One DAP request sent as an extension sends it (`customRequest`, which crosses the workbench):
 * ms from the call to the request leaving for the adapter (the tracker sees it), to the adapter's
 * response, to `until` (an event, when given), and to the customRequest's promise settling.
 */
async function timedCustomRequest(session, command, args, until) {
  const out = watch.next((direction, message, from) => from.id === session.id && isRequest(command)(direction, message));
  const responded = watch.next((direction, message, from) => from.id === session.id && isResponse(command)(direction, message));
  const event = until ? watch.next((direction, message, from) => from.id === session.id && isEvent(until)(direction, message)) : undefined;
  const started = performance.now();
  const settled = Promise.resolve(session.customRequest(command, args)).then(() => performance.now() - started);
  const [sent, response, seen, settledMs] = await Promise.all([out, responded, event, settled]);
  return { outMs: sent.at - started, responseMs: response.at - started, eventMs: seen ? seen.at - started : undefined, settledMs };
}

/**
 * The swap program (demo/swap_vars.js) as the debugger bench runs it, from the extension host:
 * the breakpoint on `a = b` added on an idle host, start until paused, a `next` after `settleMs`
 * of quiet (the workbench has drawn the stop) and a second right at the first one's `stopped`
 * (the bench's position: the workbench is still drawing), continue to the end, and a breakpoint
 * added the moment the last session ended (the bench's set_breakpoint after the previous pass's close).
 */
async function swap({ program, line, afterCloseLine, node, settleMs }) {
  await sleep(settleMs);
  const idleBreakpoint = await addBreakpoint({ file: program, line });
  const { session, threadId } = await startUntilStopped(program, node);
  await sleep(settleMs);
  const settledStep = await timedCustomRequest(session, 'next', { threadId }, 'stopped');
  const backToBackStep = await timedCustomRequest(session, 'next', { threadId }, 'stopped');
  await sleep(settleMs);
  const continued = await timedCustomRequest(session, 'continue', { threadId }, 'continued');
  await allEnded();
  const afterCloseBreakpoint = await addBreakpoint({ file: program, line: afterCloseLine });
  await removeBreakpoints();
  return { idleBreakpoint, afterCloseBreakpoint, settledStep, backToBackStep, continued };
}

/** A CDP client on js-debug's proxy for a session (the address comes through the workbench, once). */
async function cdpProxyOf(session) {
  const address = await session.customRequest('requestCDPProxy', {});
  const socket = new WebSocket(`ws://${address.host}:${address.port}${address.path ?? ''}`, { perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
    setTimeout(() => reject(new Error('js-debug\'s proxy did not open within 10 s')), 10_000).unref();
  });
  let nextId = 1;
  const pending = new Map();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.id === undefined) return;
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  return {
    send(method, params = {}) {
      const id = nextId++;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve, reject) => {
        pending.set(id, resolve);
        setTimeout(() => reject(new Error(`${method}: no answer within 10 s`)), 10_000).unref();
      });
    },
    close: () => socket.close(),
  };
}

/**
 * A program that stops at `debugger` again and again (bench/floors.bench.mjs writes it): each stop,
 * after `settleMs` of quiet, is resumed alternately by CDP `Debugger.resume` over js-debug's proxy
 * (our continue's way) and by the DAP `continue` customRequest (through the workbench): ms to the
 * answer (the CDP answer; the DAP response the tracker sees, and customRequest's promise) and to
 * js-debug's `continued` event.
 */
async function resumes({ program, node, count, settleMs, firstWay }) {
  const { session, threadId } = await startUntilStopped(program, node);
  trace('resumes: stopped');
  const proxy = await cdpProxyOf(session);
  trace('resumes: proxy open');
  const samples = { cdp: [], dap: [] };
  try {
    for (let index = 0; index < count; index++) {
      await sleep(settleMs);
      const way = (index % 2 === 0) === (firstWay === 'cdp') ? 'cdp' : 'dap';
      const stopped = watch.next((direction, message, from) => from.id === session.id && isEvent('stopped')(direction, message));
      if (way === 'dap') {
        samples.dap.push(await timedCustomRequest(session, 'continue', { threadId }, 'continued'));
      } else {
        const continued = watch.next((direction, message, from) => from.id === session.id && isEvent('continued')(direction, message));
        const started = performance.now();
        const answer = await proxy.send('Debugger.resume', {});
        const answerMs = performance.now() - started;
        if (answer.error) throw new Error(`Debugger.resume: ${answer.error.message}`);
        samples.cdp.push({ answerMs, eventMs: (await continued).at - started });
      }
      await stopped;
      trace(`resumes: ${way} ${index}`);
    }
  } finally {
    trace('resumes: closing');
    proxy.close();
    await vscode.debug.stopDebugging();
    await allEnded();
  }
  return samples;
}

async function commands({ ids }) {
  for (const id of ids) await vscode.commands.executeCommand(id);
  return {};
}

exports.activate = async function activate(context) {
  const file = process.env.MLD_BENCH_FLOOR_FILE;
  if (!file) return;
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterTrackerFactory('*', { createDebugAdapterTracker: (session) => watch.tracker(session) }),
    vscode.debug.onDidStartDebugSession((session) => watch.live.add(session.id)),
    vscode.debug.onDidTerminateDebugSession((session) => watch.live.delete(session.id)),
  );
  const server = createFloorServer({
    '/floor/addBreakpoint': addBreakpoint,
    '/floor/removeBreakpoints': removeBreakpoints,
    '/floor/swap': swap,
    '/floor/resumes': resumes,
    '/floor/commands': commands,
  });
  const port = await listen(server);
  context.subscriptions.push({ dispose: () => server.close() });
  writeFileSync(file, JSON.stringify({ port, pid: process.pid }));
};

exports.deactivate = function deactivate() {};
