// continue_execution of a js-debug session resumes the target over js-debug's CDP proxy, which
// must be the continue a DAP `continue` to js-debug is: what js-debug tells VS Code, what VS Code
// focuses and what js-debug itself answers (read through the workbench) are the same, the next
// breakpoint shows as a breakpoint stop at its line, a pause still works; and where js-debug may
// be holding a source map off (after a breakpoint in a generated file) the continue goes to
// js-debug as a DAP request.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as vscode from 'vscode';
import { focusedNewStop, ok, removeAllBreakpoints, requestsOfLastCall, stopLocation, suiteAgent, type ToolResult } from './debuggerSupport';
import { activateExtension, fixturePath, until } from './support';

interface WorkbenchStop {
  frameId: number;
  threadId: number;
  session: vscode.DebugSession;
  file: string;
  line: number;
}

/** The frame VS Code focuses once it shows a stop other than `previousFrameId`'s, and where js-debug (through the workbench) says it is. */
async function workbenchStop(previousFrameId: number | undefined): Promise<WorkbenchStop> {
  const focused = await focusedNewStop(previousFrameId);
  const stack = await focused.session.customRequest('stackTrace', { threadId: focused.threadId, startFrame: 0, levels: 1 }) as DebugProtocol.StackTraceResponse['body'];
  const top = stack.stackFrames[0];
  const path = top.source?.path ?? '';
  return { frameId: focused.frameId, threadId: focused.threadId, session: focused.session, file: /^[a-z][a-z0-9+.-]+:\/\//i.test(path) ? vscode.Uri.parse(path).path : path, line: top.line };
}

/**
 * The `continued` and `stopped` events js-debug sends VS Code (what its Call Stack and toolbar
 * follow), of sessions started from now on, and `breakpointsAnswered` for each setBreakpoints it answers.
 */
function adapterEvents(): { seen: string[]; breakpointsAnswered: number; dispose(): void } {
  const seen: string[] = [];
  const registration = vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker: () => ({
      onDidSendMessage(message: DebugProtocol.ProtocolMessage) {
        if (message.type === 'response' && (message as DebugProtocol.Response).command === 'setBreakpoints') observed.breakpointsAnswered++;
        const event = message as DebugProtocol.Event;
        if (message.type !== 'event') return;
        if (event.event === 'continued') seen.push('continued');
        if (event.event === 'stopped') seen.push(`stopped:${(event as DebugProtocol.StoppedEvent).body.reason}`);
      },
    }),
  });
  const observed = { seen, breakpointsAnswered: 0, dispose: () => registration.dispose() };
  return observed;
}

/** What VS Code and js-debug show from a continue of `from` until VS Code focuses the next stop. */
interface ContinueSeen {
  /** js-debug's events to VS Code meanwhile. */
  events: string[];
  /** What VS Code focused meanwhile (each change of its active stack item). */
  focus: string[];
  /** js-debug's answer to a stackTrace once it said the program runs (it has no paused thread then). */
  stackWhileRunning: string;
  next: WorkbenchStop;
}

async function seenAcross(from: WorkbenchStop, events: { seen: string[] }, resume: () => Promise<unknown>): Promise<ContinueSeen> {
  const eventsBefore = events.seen.length;
  const focus: string[] = [];
  const listener = vscode.debug.onDidChangeActiveStackItem((item) => {
    focus.push(item instanceof vscode.DebugStackFrame ? 'frame' : item instanceof vscode.DebugThread ? 'thread' : 'none');
  });
  try {
    await resume();
    // each stop of three_stops.js comes three seconds after the one before: once js-debug said so, the program runs
    await until(() => events.seen.slice(eventsBefore), (seen) => seen.includes('continued'), 'js-debug tells VS Code the program runs');
    const answered = await Promise.resolve(from.session.customRequest('stackTrace', { threadId: from.threadId, startFrame: 0, levels: 1 })).then(
      () => 'answered',
      (error: unknown) => `refused: ${error instanceof Error ? error.message : String(error)}`,
    );
    // a workbench slow enough (a loaded machine) to deliver it after the next stop asked too late
    const stackWhileRunning = events.seen.slice(eventsBefore).some((event) => event.startsWith('stopped')) ? `${answered}, but after the next stop` : answered;
    const next = await workbenchStop(from.frameId);
    return { events: events.seen.slice(eventsBefore), focus, stackWhileRunning, next };
  } finally {
    listener.dispose();
  }
}

/** The requests of the last continue_execution that resumed the program. */
async function resumeRequests(): Promise<string[]> {
  return (await requestsOfLastCall('continue_execution')).filter((request) => request === 'dap:continue' || request === 'cdp:Debugger.resume');
}

describe("continue_execution over js-debug's CDP proxy is js-debug's own continue", function () {
  this.timeout(120_000);
  const agent = suiteAgent('debugger-js-continue');
  const call = agent.call;

  /** A JavaScript session of three_stops.js paused at the first of its breakpoints on lines 4 and 8, as VS Code shows it. */
  async function pausedAtFirstOfTwoStops(): Promise<{ sessionId: string; first: WorkbenchStop }> {
    const program = fixturePath('three_stops.js');
    const sessionId = await agent.session('javascript');
    for (const line of [4, 8]) await ok(call, 'set_breakpoint', { sessionId, file: program, line });
    await ok(call, 'start_debugging', { sessionId, scriptPath: program });
    return { sessionId, first: await workbenchStop(undefined) };
  }

  it('JavaScript, waitForStop:false: answered at the target\'s acknowledgement; VS Code and js-debug show the run and the next breakpoint stop as for a DAP continue, and a later call sees that stop', async () => {
    const program = fixturePath('three_stops.js');
    const events = adapterEvents();
    try {
      const sessionId = await agent.session('javascript');
      for (const line of [4, 8, 12]) await ok(call, 'set_breakpoint', { sessionId, file: program, line });
      assert.equal(stopLocation(await ok(call, 'start_debugging', { sessionId, scriptPath: program })).line, 4);
      const first = await workbenchStop(undefined);

      // what our continue sent until now: a DAP continue through the workbench
      const overDap = await seenAcross(first, events, () => Promise.resolve(first.session.customRequest('continue', { threadId: first.threadId })));
      assert.deepEqual([overDap.next.file, overDap.next.line], [program, 8]);

      const overCdp = await seenAcross(overDap.next, events, async () => {
        const answer = await ok(call, 'continue_execution', { sessionId, waitForStop: false });
        assert.equal(answer.state, 'running', JSON.stringify(answer));
        assert.deepEqual(await resumeRequests(), ['cdp:Debugger.resume'], 'resumed over CDP, no DAP continue');
      });
      assert.deepEqual([overCdp.next.file, overCdp.next.line], [program, 12], 'VS Code shows the stop at the next breakpoint');
      assert.deepEqual(overCdp.events, ['continued', 'stopped:breakpoint'], 'js-debug told VS Code: running, then paused on a breakpoint');
      assert.match(overCdp.stackWhileRunning, /^refused/, 'js-debug has no paused thread while the program runs');
      assert.deepEqual({ ...overCdp, next: undefined }, { ...overDap, next: undefined }, 'the same as for the DAP continue');

      const stack = await ok(call, 'get_stack_trace', { sessionId });
      const top = (stack.stackFrames as ToolResult[])[0];
      assert.deepEqual([stack.stopReason, top.file, top.line], ['breakpoint', program, 12], 'a later call sees that stop');
      const ended = await ok(call, 'continue_execution', { sessionId });
      assert.equal(ended.state, 'stopped', JSON.stringify(ended));
      assert.deepEqual(await resumeRequests(), ['cdp:Debugger.resume']);
      assert.match(JSON.stringify(ended.lastOutput), /count=6/, 'the program ran to its end');
    } finally {
      events.dispose();
    }
  });

  it('JavaScript, waiting: answers the next breakpoint stop, at its line as VS Code shows it', async () => {
    const { sessionId, first } = await pausedAtFirstOfTwoStops();
    const stopped = await ok(call, 'continue_execution', { sessionId });
    assert.equal(stopped.state, 'paused', JSON.stringify(stopped));
    assert.deepEqual(await resumeRequests(), ['cdp:Debugger.resume']);
    const second = await workbenchStop(first.frameId);
    assert.deepEqual([stopped.reason, stopLocation(stopped).file, stopLocation(stopped).line], ['breakpoint', second.file, second.line], 'the stop VS Code shows');
    assert.equal(second.line, 8);
  });

  it('a pause after a continue over CDP stops as after a DAP continue, where VS Code shows it', async () => {
    const program = fixturePath('wait_loop.js');
    const events = adapterEvents();
    try {
      const sessionId = await agent.session('javascript');
      await ok(call, 'set_breakpoint', { sessionId, file: program, line: 4 });
      await ok(call, 'start_debugging', { sessionId, scriptPath: program });
      const atBreakpoint = await workbenchStop(undefined);
      // the loop runs every 50 ms: the breakpoint must be gone from js-debug before either continue
      const answeredBefore = events.breakpointsAnswered;
      removeAllBreakpoints();
      await until(() => events.breakpointsAnswered, (answered) => answered > answeredBefore, 'js-debug answers the removal');
      const pauses: { reason: unknown; line: number; shown: number }[] = [];
      let previous = atBreakpoint;
      for (const resume of ['dap', 'cdp']) {
        if (resume === 'dap') await previous.session.customRequest('continue', { threadId: previous.threadId });
        else {
          assert.equal((await ok(call, 'continue_execution', { sessionId, waitForStop: false })).state, 'running');
          assert.deepEqual(await resumeRequests(), ['cdp:Debugger.resume']);
        }
        await until(async () => (await ok(call, 'list_debug_sessions')).sessions as ToolResult[], (list) => list.some((session) => String(session.id) === sessionId && session.state === 'running'), `the loop runs after the ${resume} continue`);
        const paused = await ok(call, 'pause_execution', { sessionId });
        assert.equal(paused.state, 'paused', JSON.stringify(paused));
        previous = await workbenchStop(previous.frameId);
        pauses.push({ reason: paused.reason, line: stopLocation(paused).line, shown: previous.line });
      }
      const [afterDap, afterCdp] = pauses;
      assert.equal(afterCdp.line, afterCdp.shown, 'the pause VS Code shows');
      assert.deepEqual(afterCdp, afterDap, 'the same pause as after the DAP continue');
    } finally {
      events.dispose();
    }
  });

  it('a pwa-node session the user started from VS Code: continued over CDP to its next breakpoint, and VS Code follows', async () => {
    const program = fixturePath('three_stops.js');
    const events = adapterEvents();
    try {
      vscode.debug.addBreakpoints([4, 8].map((line) => new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(program), new vscode.Position(line - 1, 0)))));
      assert.ok(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], { type: 'pwa-node', request: 'launch', name: 'user continue session', program, console: 'internalConsole' }));
      const sessions = await until(
        async () => ((await ok(call, 'list_debug_sessions')).sessions as ToolResult[]),
        (list) => list.some((session) => session.name === 'user continue session' && session.state === 'paused'),
        'the user session paused at its breakpoint',
        30_000,
      );
      const sessionId = String((sessions.find((session) => session.name === 'user continue session') as ToolResult).id);
      const first = await workbenchStop(undefined);
      assert.equal(first.line, 4);
      const seen = await seenAcross(first, events, async () => {
        const stopped = await ok(call, 'continue_execution', { sessionId });
        assert.deepEqual([stopped.reason, stopLocation(stopped).line], ['breakpoint', 8], JSON.stringify(stopped));
      });
      assert.deepEqual(await resumeRequests(), ['cdp:Debugger.resume']);
      assert.deepEqual([seen.next.line, seen.events], [8, ['continued', 'stopped:breakpoint']]);
    } finally {
      events.dispose();
    }
  });

  it('a function breakpoint added in VS Code (which js-debug takes none of) does not hold the continue back for an answer that never comes', async () => {
    const { sessionId, first } = await pausedAtFirstOfTwoStops();
    // VS Code sends function breakpoints only to an adapter that supports them: no answer comes
    const added = new vscode.FunctionBreakpoint('notAFunctionOfThisProgram');
    vscode.debug.addBreakpoints([added]);
    try {
      assert.equal((await ok(call, 'continue_execution', { sessionId, waitForStop: false })).state, 'running');
      const root = (await activateExtension()).traceStore.query({ tool: 'continue_execution' }).at(-1)?.trace;
      const resume = root?.children.find((child) => child.name === 'cdp.request' && child.command === 'Debugger.resume');
      assert.ok(root && resume, JSON.stringify(root?.children.map((child) => child.name)));
      assert.equal(root.children.some((child) => child.name === 'wait.breakpoints'), false, 'no wait for a breakpoint answer');
      // the wait it had was the full bound (1 s) before the resume was sent
      assert.ok(resume.start - root.start < 900, `resumed ${resume.start - root.start} ms into the call`);
      assert.equal((await workbenchStop(first.frameId)).line, 8, 'stopped at the next breakpoint');
    } finally {
      vscode.debug.removeBreakpoints([added]);
    }
  });

  it('TypeScript with source maps: continued over CDP; the next stop is in the .ts source, as VS Code shows it', async () => {
    const source = fixturePath('ts', 'swap_vars.ts');
    const sessionId = await agent.session('typescript');
    await ok(call, 'set_breakpoint', { sessionId, file: source, line: 11 });
    await ok(call, 'set_breakpoint', { sessionId, file: source, line: 3 });
    const started = await ok(call, 'start_debugging', { sessionId, scriptPath: fixturePath('ts', 'swap_vars.js') });
    assert.equal(started.state, 'paused', JSON.stringify(started));
    const first = await workbenchStop(undefined);
    assert.deepEqual([first.file, first.line], [source, 11]);
    const stopped = await ok(call, 'continue_execution', { sessionId });
    assert.deepEqual(await resumeRequests(), ['cdp:Debugger.resume'], 'a breakpoint in the original source holds no source map off');
    const second = await workbenchStop(first.frameId);
    assert.deepEqual([stopped.reason, stopLocation(stopped).file, stopLocation(stopped).line], ['breakpoint', source, 3]);
    assert.deepEqual([second.file, second.line], [source, 3], 'VS Code shows the mapped stop');
  });

  it('after a stop at a breakpoint in a generated file, the continue goes to js-debug, which ends its hold of that file\'s source map', async () => {
    const compiled = fixturePath('ts', 'swap_vars.js');
    const sessionId = await agent.session('typescript');
    // swap_vars.js line 11 is `[x, y] = swap(x, y);`, a breakpoint in the generated file itself
    await ok(call, 'set_breakpoint', { sessionId, file: compiled, line: 11 });
    await ok(call, 'set_breakpoint', { sessionId, file: fixturePath('ts', 'swap_vars.ts'), line: 3 });
    const started = await ok(call, 'start_debugging', { sessionId, scriptPath: compiled });
    assert.equal(started.state, 'paused', JSON.stringify(started));
    // removed after its stop: js-debug holds the map off all the same, until its own continue
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints.filter((breakpoint) => breakpoint instanceof vscode.SourceBreakpoint && breakpoint.location.uri.fsPath === compiled));
    const stopped = await ok(call, 'continue_execution', { sessionId });
    assert.deepEqual(await resumeRequests(), ['dap:continue'], 'js-debug may hold the map of swap_vars.js off: its own continue ends that');
    assert.deepEqual([stopped.reason, stopLocation(stopped).file, stopLocation(stopped).line], ['breakpoint', fixturePath('ts', 'swap_vars.ts'), 3], JSON.stringify(stopped));
    // that continue ended every hold, and this stop's breakpoints are in the original source only
    const ended = await ok(call, 'continue_execution', { sessionId });
    assert.equal(ended.state, 'stopped', JSON.stringify(ended));
    assert.deepEqual(await resumeRequests(), ['cdp:Debugger.resume']);
  });
});
