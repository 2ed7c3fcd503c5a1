// continue_execution of a js-debug session resumes the target over js-debug's CDP proxy, which
// must be the continue VS Code itself would have sent: VS Code's views (read through the
// workbench) show the session running, then the next breakpoint as a breakpoint stop at its
// line, as js-debug reports it to VS Code; and where js-debug may be holding a source map off
// (after a breakpoint in a generated file) the continue goes to js-debug as a DAP request.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as vscode from 'vscode';
import { ok, removeAllBreakpoints, requestsOfLastCall, stopLocation, suiteAgent, type ToolResult } from './debuggerSupport';
import { fixturePath, until } from './support';

interface WorkbenchStop {
  frameId: number;
  file: string;
  line: number;
}

/** The frame VS Code focuses once it shows a stop other than `previousFrameId`'s, and where js-debug (through the workbench) says it is. */
async function workbenchStop(previousFrameId: number | undefined): Promise<WorkbenchStop> {
  const focused = await until(
    () => vscode.debug.activeStackItem,
    (item) => item instanceof vscode.DebugStackFrame && item.frameId !== previousFrameId,
    'VS Code focuses the frame of the new stop',
    15_000,
  ) as vscode.DebugStackFrame;
  const stack = await focused.session.customRequest('stackTrace', { threadId: focused.threadId, startFrame: 0, levels: 1 }) as DebugProtocol.StackTraceResponse['body'];
  const top = stack.stackFrames[0];
  const path = top.source?.path ?? '';
  return { frameId: focused.frameId, file: /^[a-z][a-z0-9+.-]+:\/\//i.test(path) ? vscode.Uri.parse(path).path : path, line: top.line };
}

/** The `continued` and `stopped` events js-debug sends VS Code (what its Call Stack and toolbar follow), of sessions started from now on. */
function adapterEvents(): { seen: DebugProtocol.Event[]; dispose(): void } {
  const seen: DebugProtocol.Event[] = [];
  const registration = vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker: () => ({
      onDidSendMessage(message: DebugProtocol.ProtocolMessage) {
        const event = message as DebugProtocol.Event;
        if (message.type === 'event' && (event.event === 'continued' || event.event === 'stopped')) seen.push(event);
      },
    }),
  });
  return { seen, dispose: () => registration.dispose() };
}

/** The events as `continued` and `stopped:<reason>`. */
function eventNames(events: readonly DebugProtocol.Event[]): string[] {
  return events.map((event) => (event.event === 'stopped' ? `stopped:${(event as DebugProtocol.StoppedEvent).body.reason}` : event.event));
}

/** VS Code shows the session running: its focus leaves the stack frame, and js-debug has no stack to give. */
async function assertShownRunning(session: vscode.DebugSession, threadId: number, what: string): Promise<void> {
  await until(() => vscode.debug.activeStackItem, (item) => !(item instanceof vscode.DebugStackFrame), `${what}: VS Code no longer focuses a stack frame`, 900);
  await assert.rejects(Promise.resolve(session.customRequest('stackTrace', { threadId, startFrame: 0, levels: 1 })), `${what}: js-debug has no paused thread`);
}

describe("continue_execution over js-debug's CDP proxy is VS Code's own continue", function () {
  this.timeout(120_000);
  const agent = suiteAgent('debugger-js-continue');
  const call = agent.call;

  it('JavaScript, waitForStop:false: answered at the target\'s acknowledgement; VS Code shows the session running, then the next breakpoint as a breakpoint stop, which a later call sees', async () => {
    const program = fixturePath('two_stops.js');
    const events = adapterEvents();
    try {
      const sessionId = await agent.session('javascript');
      await ok(call, 'set_breakpoint', { sessionId, file: program, line: 4 });
      await ok(call, 'set_breakpoint', { sessionId, file: program, line: 8 });
      assert.equal(stopLocation(await ok(call, 'start_debugging', { sessionId, scriptPath: program })).line, 4);
      const first = await workbenchStop(undefined);
      assert.equal(first.line, 4);
      const focused = vscode.debug.activeStackItem as vscode.DebugStackFrame;
      const eventsBefore = events.seen.length;

      const answer = await ok(call, 'continue_execution', { sessionId, waitForStop: false });
      assert.equal(answer.state, 'running', JSON.stringify(answer));
      assert.deepEqual(await requestsOfLastCall('continue_execution'), ['cdp:Debugger.resume'], 'resumed over CDP, no DAP continue');
      await assertShownRunning(focused.session, focused.threadId, 'a second before the next stop');

      const second = await workbenchStop(first.frameId);
      assert.deepEqual([second.file, second.line], [program, 8], 'VS Code shows the stop at the next breakpoint');
      assert.deepEqual(eventNames(events.seen.slice(eventsBefore)), ['continued', 'stopped:breakpoint'], 'js-debug told VS Code: running, then paused on a breakpoint');
      const stack = await ok(call, 'get_stack_trace', { sessionId });
      const top = (stack.stackFrames as ToolResult[])[0];
      assert.deepEqual([stack.stopReason, top.file, top.line], ['breakpoint', program, 8], 'a later call sees that stop');
      // and the session goes on as ever: the waiting continue to the end
      const ended = await ok(call, 'continue_execution', { sessionId });
      assert.equal(ended.state, 'stopped', JSON.stringify(ended));
      assert.deepEqual(await requestsOfLastCall('continue_execution'), ['cdp:Debugger.resume']);
      assert.match(JSON.stringify(ended.lastOutput), /count=3/, 'the program ran to its end');
    } finally {
      events.dispose();
    }
  });

  it('JavaScript, waiting: answers the next breakpoint stop, at its line as VS Code shows it', async () => {
    const program = fixturePath('two_stops.js');
    const sessionId = await agent.session('javascript');
    await ok(call, 'set_breakpoint', { sessionId, file: program, line: 4 });
    await ok(call, 'set_breakpoint', { sessionId, file: program, line: 8 });
    await ok(call, 'start_debugging', { sessionId, scriptPath: program });
    const first = await workbenchStop(undefined);
    const stopped = await ok(call, 'continue_execution', { sessionId });
    assert.equal(stopped.state, 'paused', JSON.stringify(stopped));
    assert.deepEqual(await requestsOfLastCall('continue_execution'), ['cdp:Debugger.resume']);
    const second = await workbenchStop(first.frameId);
    assert.deepEqual([stopped.reason, stopLocation(stopped).file, stopLocation(stopped).line], ['breakpoint', second.file, second.line], 'the stop VS Code shows');
    assert.equal(second.line, 8);
  });

  it('pause works on a program continued over CDP, and VS Code shows that pause', async () => {
    const program = fixturePath('wait_loop.js');
    const sessionId = await agent.session('javascript');
    await ok(call, 'set_breakpoint', { sessionId, file: program, line: 4 });
    await ok(call, 'start_debugging', { sessionId, scriptPath: program });
    const first = await workbenchStop(undefined);
    const focused = vscode.debug.activeStackItem as vscode.DebugStackFrame;
    removeAllBreakpoints();
    const running = await ok(call, 'continue_execution', { sessionId, waitForStop: false });
    assert.equal(running.state, 'running');
    assert.deepEqual(await requestsOfLastCall('continue_execution'), ['cdp:Debugger.resume']);
    await assertShownRunning(focused.session, focused.threadId, 'the loop runs');
    const paused = await ok(call, 'pause_execution', { sessionId });
    assert.equal(paused.state, 'paused', JSON.stringify(paused));
    assert.equal(paused.reason, 'pause');
    const shown = await workbenchStop(first.frameId);
    assert.equal(stopLocation(paused).line, shown.line, 'the pause VS Code shows');
  });

  it('a pwa-node session the user started from VS Code: continued over CDP to its next breakpoint, and VS Code follows', async () => {
    const program = fixturePath('two_stops.js');
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
      const eventsBefore = events.seen.length;
      const stopped = await ok(call, 'continue_execution', { sessionId });
      assert.deepEqual(await requestsOfLastCall('continue_execution'), ['cdp:Debugger.resume']);
      const second = await workbenchStop(first.frameId);
      assert.deepEqual([stopped.reason, stopLocation(stopped).line, second.line], ['breakpoint', 8, 8]);
      assert.deepEqual(eventNames(events.seen.slice(eventsBefore)), ['continued', 'stopped:breakpoint']);
    } finally {
      events.dispose();
    }
  });

  it('TypeScript with source maps: continued over CDP; the next stop is in the .ts source, as VS Code shows it', async () => {
    const source = fixturePath('ts', 'swap_vars.ts');
    const sessionId = await agent.session('typescript');
    await ok(call, 'set_breakpoint', { sessionId, file: source, line: 11 });
    await ok(call, 'set_breakpoint', { sessionId, file: source, line: 3 });
    const started = await ok(call, 'start_debugging', { sessionId, scriptPath: fixturePath('ts', 'swap_vars.js') });
    assert.deepEqual([stopLocation(started).file, stopLocation(started).line], [source, 11]);
    const first = await workbenchStop(undefined);
    const stopped = await ok(call, 'continue_execution', { sessionId });
    assert.deepEqual(await requestsOfLastCall('continue_execution'), ['cdp:Debugger.resume'], 'a breakpoint in the original source holds no source map off');
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
    assert.deepEqual(await requestsOfLastCall('continue_execution'), ['dap:continue'], 'js-debug may hold the map of swap_vars.js off: its own continue ends that');
    assert.deepEqual([stopped.reason, stopLocation(stopped).file, stopLocation(stopped).line], ['breakpoint', fixturePath('ts', 'swap_vars.ts'), 3], JSON.stringify(stopped));
    // that continue ended every hold, and this stop's breakpoints are in the original source only
    const ended = await ok(call, 'continue_execution', { sessionId });
    assert.equal(ended.state, 'stopped', JSON.stringify(ended));
    assert.deepEqual(await requestsOfLastCall('continue_execution'), ['cdp:Debugger.resume']);
  });
});
