// Issue 10 on real debuggers (debugpy and js-debug): stops on exceptions with their
// exceptionInfo, the adapter's exception filters, breakpoints by lineContent and functionName,
// and run_to_line with its temporary breakpoint gone afterwards however the run ended.
import * as assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import * as vscode from 'vscode';
import { ok, removeAllBreakpoints, sdkCaller, stopAllDebugSessions, type Caller, type ToolResult } from './debuggerSupport';
import { activateExtension, connectSdkClient, fixturePath } from './support';

interface Location { file: string; line: number; function?: string }
interface ExceptionField { id: string; description?: string; message: string; stackTrace?: string; breakMode?: string }

const locationOf = (result: ToolResult) => result.location as Location;
const exceptionOf = (result: ToolResult) => result.exception as ExceptionField;

/** VS Code's own source breakpoints on a line of a file (the gutter's). */
function vscodeBreakpointsAt(file: string, line: number): vscode.SourceBreakpoint[] {
  return vscode.debug.breakpoints.filter((breakpoint): breakpoint is vscode.SourceBreakpoint =>
    breakpoint instanceof vscode.SourceBreakpoint && breakpoint.location.uri.fsPath === file && breakpoint.location.range.start.line === line - 1);
}

describe('exceptions, breakpoints by content and run_to_line on real debuggers', function () {
  this.timeout(90_000);
  let client: Client;
  let call: Caller;
  let sessionId: string | undefined;

  const session = async (language: string, name: string): Promise<string> => {
    sessionId = (await ok(call, 'create_debug_session', { language, name })).sessionId as string;
    return sessionId;
  };

  /**
   * With no breakpoint, a start answers a stop only if it comes soon after the program began
   * (a short grace); js-debug's child process can take longer than that on a loaded machine.
   */
  const waitForFirstStop = async (id: string): Promise<void> => {
    const file = fixturePath('exceptions.js');
    await ok(call, 'set_breakpoint', { sessionId: id, file, lineContent: "return 'never'" });
  };

  before(async () => {
    await activateExtension();
    client = await connectSdkClient('debugger-exceptions-content');
    call = sdkCaller(client);
  });
  after(async () => {
    await client?.close();
    removeAllBreakpoints();
    await stopAllDebugSessions();
  });
  afterEach(async () => {
    if (sessionId) await call('close_debug_session', { sessionId });
    sessionId = undefined;
    removeAllBreakpoints();
  });

  describe('exceptions', () => {
    it('Python: an agent session stops on the uncaught exception where it was raised, with its exceptionInfo', async () => {
      const id = await session('python', 'uncaught python');
      const started = await ok(call, 'start_debugging', { sessionId: id, scriptPath: fixturePath('exceptions.py'), timeoutMs: 30_000 });
      assert.equal(started.state, 'paused', JSON.stringify(started));
      assert.equal(started.reason, 'exception');
      assert.deepEqual([locationOf(started).file, locationOf(started).line, locationOf(started).function], [fixturePath('exceptions.py'), 3, 'divide']);
      assert.equal((started.context as { lineContent: string }).lineContent, '    return a / b');
      const exception = exceptionOf(started);
      assert.match(exception.id, /ZeroDivisionError/);
      assert.match(exception.message, /division by zero/);
      assert.equal(exception.breakMode, 'unhandled');
      assert.match(String(started.message), /Paused on exception .*ZeroDivisionError/);
      const ended = await ok(call, 'continue_execution', { sessionId: id, timeoutMs: 30_000 });
      assert.equal(ended.state, 'stopped', JSON.stringify(ended));
    });

    it('Python: set_exception_breakpoints answers the available filters, stops on a raised (caught) exception, and refuses an unknown id', async () => {
      const id = await session('python', 'raised python');
      const kept = await ok(call, 'set_exception_breakpoints', { sessionId: id, filters: ['raised', 'uncaught'] });
      assert.deepEqual(kept.applied, ['raised', 'uncaught']);
      const started = await ok(call, 'start_debugging', { sessionId: id, scriptPath: fixturePath('exceptions.py'), timeoutMs: 30_000 });
      assert.equal(started.reason, 'exception', JSON.stringify(started));
      assert.deepEqual([locationOf(started).line, locationOf(started).function], [8, 'caught']);
      assert.match(exceptionOf(started).id, /ValueError/);
      assert.match(exceptionOf(started).message, /invalid literal for int/);

      const applied = await ok(call, 'set_exception_breakpoints', { sessionId: id, filters: ['uncaught'] });
      assert.deepEqual(applied.applied, ['uncaught']);
      assert.equal(applied.pending, undefined);
      const available = applied.available as Array<{ id: string; label: string }>;
      assert.deepEqual(available.map((filter) => filter.id), ['raised', 'uncaught', 'userUnhandled']);
      assert.equal(available.find((filter) => filter.id === 'uncaught')?.label, 'Uncaught Exceptions');
      const trace = (await activateExtension()).traceStore.query({ tool: 'set_exception_breakpoints' }).at(-1)?.trace;
      assert.deepEqual(trace?.children.filter((child) => child.command === 'setExceptionBreakpoints').map((child) => child.request), [{ filters: ['uncaught'] }]);

      const wrong = await call('set_exception_breakpoints', { sessionId: id, filters: ['uncaught', 'everything'] });
      assert.equal(wrong.success, false);
      assert.match(String(wrong.error), /Unknown exception filter id\(s\) "everything".*raised \(Raised Exceptions\); uncaught \(Uncaught Exceptions\); userUnhandled/);

      // only uncaught now: the next stop is the crash, not another raise
      const crashed = await ok(call, 'continue_execution', { sessionId: id, timeoutMs: 30_000 });
      assert.equal(crashed.reason, 'exception', JSON.stringify(crashed));
      assert.match(exceptionOf(crashed).id, /ZeroDivisionError/);
    });

    it('JavaScript: an agent session stops on the uncaught exception at its throw, with its exceptionInfo (js-debug stops on none by default)', async () => {
      const id = await session('javascript', 'uncaught js');
      await waitForFirstStop(id);
      const started = await ok(call, 'start_debugging', { sessionId: id, scriptPath: fixturePath('exceptions.js'), timeoutMs: 30_000 });
      assert.equal(started.state, 'paused', JSON.stringify(started));
      assert.equal(started.reason, 'exception');
      assert.deepEqual([locationOf(started).file, locationOf(started).line], [fixturePath('exceptions.js'), 17]);
      const exception = exceptionOf(started);
      assert.match(`${exception.id} ${exception.description ?? ''}`, /RangeError/);
      assert.match(exception.message, /index 7 is out of range/);
      assert.match(exception.stackTrace ?? '', /at main \(.*exceptions\.js:17/);
    });

    it('JavaScript: filter "all" stops on the caught exception; an unknown id answers which exist', async () => {
      const id = await session('javascript', 'all js');
      await ok(call, 'set_exception_breakpoints', { sessionId: id, filters: ['all'] });
      await waitForFirstStop(id);
      const started = await ok(call, 'start_debugging', { sessionId: id, scriptPath: fixturePath('exceptions.js'), timeoutMs: 30_000 });
      assert.equal(started.reason, 'exception', JSON.stringify(started));
      assert.equal(locationOf(started).line, 3, 'stopped where JSON.parse threw, in parse');
      assert.match(`${exceptionOf(started).id} ${exceptionOf(started).message}`, /SyntaxError/);

      const wrong = await call('set_exception_breakpoints', { sessionId: id, filters: ['raised'] });
      assert.equal(wrong.success, false);
      assert.match(String(wrong.error), /"raised".*all \(Caught Exceptions\); uncaught \(Uncaught Exceptions\)/);
      const applied = await ok(call, 'set_exception_breakpoints', { sessionId: id, filters: [] });
      assert.deepEqual((applied.available as Array<{ id: string }>).map((filter) => filter.id), ['all', 'uncaught']);
      const ended = await ok(call, 'continue_execution', { sessionId: id, timeoutMs: 30_000 });
      assert.equal(ended.state, 'stopped', `no exception stops with no filters: ${JSON.stringify(ended)}`);
    });
  });

  describe('breakpoints by content', () => {
    it('lineContent: a unique text is its line; several answer the candidates, or the nearest to line; a missing one close matches', async () => {
      const id = await session('python', 'line content');
      const file = fixturePath('swap_vars.py');
      const unique = await ok(call, 'set_breakpoint', { sessionId: id, file, lineContent: 'b = a' });
      assert.deepEqual([unique.line, unique.chosenBy], [4, 'lineContent']);
      assert.match(String(unique.why), /line 4 is the only line .* "b = a"/);

      const ambiguous = await call('set_breakpoint', { sessionId: id, file, lineContent: 'swap(' });
      assert.equal(ambiguous.success, false);
      assert.deepEqual((ambiguous.candidates as Array<{ line: number }>).map((candidate) => candidate.line), [1, 11]);
      assert.match(String(ambiguous.error), /occurs on 2 lines.*Give line too/);
      const nearest = await ok(call, 'set_breakpoint', { sessionId: id, file, lineContent: 'swap(', line: 10 });
      assert.equal(nearest.line, 11);

      const missing = await call('set_breakpoint', { sessionId: id, file, lineContent: 'B = A' });
      assert.equal(missing.success, false);
      assert.match(String(missing.error), /"B = A" was not found in .*swap_vars\.py\. Close matches: 4 \(`b = a`\)/);
      assert.equal(vscode.debug.breakpoints.length, 2, 'the failed calls set no breakpoint');

      const started = await ok(call, 'start_debugging', { sessionId: id, scriptPath: file, timeoutMs: 30_000 });
      assert.deepEqual([started.reason, locationOf(started).line], ['breakpoint', 11]);
      const next = await ok(call, 'continue_execution', { sessionId: id });
      assert.deepEqual([next.reason, locationOf(next).line], ['breakpoint', 4]);
    });

    it('functionName on Python: the debugger\'s own function breakpoint, stopping when swap is called', async () => {
      const id = await session('python', 'function python');
      const file = fixturePath('swap_vars.py');
      await ok(call, 'start_debugging', { sessionId: id, scriptPath: file, dapLaunchArgs: { stopOnEntry: true }, timeoutMs: 30_000 });
      const set = await ok(call, 'set_breakpoint', { sessionId: id, file, functionName: 'swap' });
      assert.deepEqual([set.chosenBy, set.functionName], ['functionName', 'swap']);
      assert.match(String(set.why), /function breakpoint on swap/);
      assert.ok(vscode.debug.breakpoints.some((breakpoint) => breakpoint instanceof vscode.FunctionBreakpoint && breakpoint.functionName === 'swap'));
      const listed = await ok(call, 'list_breakpoints', { sessionId: id });
      assert.deepEqual((listed.functionBreakpoints as Array<{ functionName: string; verified: boolean }>).map((breakpoint) => [breakpoint.functionName, breakpoint.verified]), [['swap', true]]);
      const stopped = await ok(call, 'continue_execution', { sessionId: id, timeoutMs: 30_000 });
      assert.equal(stopped.state, 'paused', JSON.stringify(stopped));
      assert.equal(locationOf(stopped).function, 'swap');
      assert.ok([1, 3].includes(locationOf(stopped).line), `stopped on entering swap: ${JSON.stringify(stopped.location)}`);
    });

    it('functionName on JavaScript (js-debug has no function breakpoints): a line breakpoint on the first line of the body, said so', async () => {
      const id = await session('javascript', 'function js');
      const file = fixturePath('swap_vars.js');
      await ok(call, 'set_breakpoint', { sessionId: id, file, line: 9 });
      const started = await ok(call, 'start_debugging', { sessionId: id, scriptPath: file, timeoutMs: 30_000 });
      assert.equal(locationOf(started).line, 9, JSON.stringify(started));
      const set = await ok(call, 'set_breakpoint', { sessionId: id, file, functionName: 'swap' });
      assert.deepEqual([set.chosenBy, set.line], ['functionName', 3]);
      assert.match(String(set.why), /swap is defined at line 2 .*its debugger has no function breakpoints.*first line of its body \(line 3\)/);
      const missing = await call('set_breakpoint', { sessionId: id, file, functionName: 'swop' });
      assert.equal(missing.success, false);
      assert.match(String(missing.error), /No definition of "swop".*The file defines: swap, main/);
      const stopped = await ok(call, 'continue_execution', { sessionId: id, timeoutMs: 30_000 });
      assert.deepEqual([stopped.reason, locationOf(stopped)?.line], ['breakpoint', 3], JSON.stringify(stopped));
    });
  });

  describe('run_to_line', () => {
    const file = fixturePath('swap_vars.py');

    const pausedAtMain = async (name: string): Promise<string> => {
      const id = await session('python', name);
      await ok(call, 'set_breakpoint', { sessionId: id, file, line: 9 });
      const started = await ok(call, 'start_debugging', { sessionId: id, scriptPath: file, timeoutMs: 30_000 });
      assert.equal(locationOf(started).line, 9, JSON.stringify(started));
      return id;
    };

    const assertTemporaryGone = async (id: string, line: number): Promise<void> => {
      const listed = await ok(call, 'list_breakpoints', { sessionId: id });
      assert.ok(!(listed.breakpoints as Array<{ line: number }>).some((breakpoint) => breakpoint.line === line), 'not in list_breakpoints');
      assert.deepEqual(vscodeBreakpointsAt(file, line), [], "not among VS Code's breakpoints");
    };

    it('reaches the line (by lineContent) and leaves no breakpoint there', async () => {
      const id = await pausedAtMain('run to line');
      const ran = await ok(call, 'run_to_line', { sessionId: id, file, lineContent: 'print(f"after swap' });
      assert.equal(ran.reached, true, JSON.stringify(ran));
      assert.deepEqual([ran.state, locationOf(ran).line, ran.targetLine], ['paused', 12, 12]);
      assert.match(String((ran.context as { lineContent: string }).lineContent), /after swap/);
      await assertTemporaryGone(id, 12);
      const ended = await ok(call, 'continue_execution', { sessionId: id, timeoutMs: 30_000 });
      assert.equal(ended.state, 'stopped', 'no stop at line 12 again');
    });

    it('stops at another breakpoint first, says so, and removes the temporary one', async () => {
      const id = await pausedAtMain('run to line preempted');
      await ok(call, 'set_breakpoint', { sessionId: id, file, line: 4 });
      const ran = await ok(call, 'run_to_line', { sessionId: id, file, line: 12 });
      assert.equal(ran.reached, false);
      assert.deepEqual([ran.state, ran.reason, locationOf(ran).line], ['paused', 'breakpoint', 4]);
      assert.match(String(ran.message), /before reaching line 12; the temporary breakpoint at line 12 is removed/);
      await assertTemporaryGone(id, 12);
      assert.equal(vscodeBreakpointsAt(file, 4).length, 1, 'the session\'s own breakpoint stays');
    });

    it('past the program\'s end: answers the end, and removes the temporary breakpoint', async () => {
      const id = await pausedAtMain('run to line past end');
      // line 15 (`if __name__ == ...`) ran before main: the program runs to its end
      const ran = await ok(call, 'run_to_line', { sessionId: id, file, line: 15, timeoutMs: 30_000 });
      assert.equal(ran.reached, false);
      assert.equal(ran.state, 'stopped', JSON.stringify(ran));
      assert.match(String(ran.message), /Line 15 was not reached .*the program ended/);
      await assertTemporaryGone(id, 15);
    });
  });
});
