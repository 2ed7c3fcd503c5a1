// Issue 10 at the tool layer against the fake bridge: set_breakpoint by lineContent and
// functionName says which line it chose and why, run_to_line and exception stops answer as
// continue_execution does, set_exception_breakpoints hands the adapter's ids through.
import * as assert from 'node:assert/strict';
import type { ToolDefinition } from '../../src/mcp/toolDefinition';
import { createTools } from '../../src/mcp/tools';
import { FakeDebugBridge } from './toolsFakeBridge';
import { callNamedTool } from './toolCall';

const FILE = '/w/swap.py';

describe('breakpoints by content, run_to_line and exceptions (tool layer)', () => {
  let bridge: FakeDebugBridge;
  let tools: ToolDefinition[];
  let sessionId: string;
  const call = (name: string, input: Record<string, unknown> = {}): Promise<Record<string, unknown>> => callNamedTool(tools, name, input);

  beforeEach(async () => {
    bridge = new FakeDebugBridge();
    bridge.sources.set(FILE, ['def swap(a, b):', '    a = b', '    b = a', '    return a, b', '', 'swap(1, 2)', 'b = a']);
    tools = createTools(bridge);
    sessionId = (await call('create_debug_session', { language: 'python' })).sessionId as string;
  });

  it('sets a lineContent breakpoint on its one line, and says so', async () => {
    const result = await call('set_breakpoint', { sessionId, file: FILE, lineContent: 'return a' });
    assert.deepEqual([result.success, result.chosenBy, result.requestedLine], [true, 'lineContent', 4]);
    assert.match(String(result.message), /Chosen by lineContent: line 4 is the only line of \/w\/swap\.py that contains "return a"/);
    assert.deepEqual(bridge.calls.filter((entry) => entry.startsWith('setBreakpoint')), ['setBreakpoint /w/swap.py:4']);
  });

  it('sets no breakpoint for an ambiguous or missing lineContent, and answers the candidates or close matches', async () => {
    const ambiguous = await call('set_breakpoint', { sessionId, file: FILE, lineContent: 'b = a' });
    assert.equal(ambiguous.success, false);
    assert.deepEqual(ambiguous.candidates, [{ line: 3, content: 'b = a' }, { line: 7, content: 'b = a' }]);
    const nearest = await call('set_breakpoint', { sessionId, file: FILE, lineContent: 'b = a', line: 6 });
    assert.equal(nearest.requestedLine, 7);
    assert.match(String(nearest.why), /occurs on lines 3, 7; line 7 is the nearest to the given line 6/);
    const missing = await call('set_breakpoint', { sessionId, file: FILE, lineContent: 'A = B' });
    assert.equal(missing.success, false);
    assert.deepEqual(missing.closeMatches, [{ line: 2, content: 'a = b' }]);
    assert.deepEqual(bridge.calls.filter((entry) => entry.startsWith('setBreakpoint')), ['setBreakpoint /w/swap.py:7']);
  });

  it('refuses no target, both functionName and a line, and a multi-line lineContent', async () => {
    for (const input of [{}, { functionName: 'swap', line: 2 }, { lineContent: 'a\nb' }]) {
      const result = await call('set_breakpoint', { sessionId, file: FILE, ...input });
      assert.equal(result.success, false, JSON.stringify(input));
    }
    assert.ok(!bridge.calls.some((entry) => entry.startsWith('setBreakpoint')));
  });

  it('functionName: the adapter\'s function breakpoint where it has them, else the body\'s first line, saying why', async () => {
    const fallback = await call('set_breakpoint', { sessionId, file: FILE, functionName: 'swap' });
    assert.deepEqual([fallback.chosenBy, fallback.requestedLine], ['functionName', 2]);
    assert.match(String(fallback.why), /defined at line 1 .*features are not known before its program first starts/);
    bridge.features = { supportsFunctionBreakpoints: true, supportsExceptionInfoRequest: true, exceptionFilters: [] };
    const native = await call('set_breakpoint', { sessionId, file: FILE, functionName: 'swap' });
    assert.deepEqual([native.functionName, native.chosenBy], ['swap', 'functionName']);
    assert.match(String(native.message), /Breakpoint set on function swap/);
    assert.ok(bridge.calls.includes('setFunctionBreakpoint swap'));
    bridge.features = { supportsFunctionBreakpoints: false, supportsExceptionInfoRequest: true, exceptionFilters: [] };
    const none = await call('set_breakpoint', { sessionId, file: FILE, functionName: 'swop' });
    assert.equal(none.success, false);
    assert.match(String(none.error), /No definition of "swop" .*has no function breakpoints\. The file defines: swap\./);
  });

  it('run_to_line by lineContent answers reached and the location, or where it stopped first', async () => {
    bridge.setState(sessionId, 'paused', 'breakpoint');
    bridge.stepOutcome = { state: 'paused', reason: 'breakpoint', location: { file: FILE, line: 4, column: 1, function: 'swap' } };
    const reached = await call('run_to_line', { sessionId, file: FILE, lineContent: 'return a, b' });
    assert.deepEqual([reached.success, reached.reached, reached.targetLine, reached.message], [true, true, 4, 'Ran to line 4']);
    assert.ok(bridge.calls.includes('runToLine /w/swap.py:4 wait=10000'));
    bridge.setState(sessionId, 'paused', 'breakpoint');
    const first = await call('run_to_line', { sessionId, file: FILE, line: 7 });
    assert.equal(first.reached, false);
    assert.match(String(first.message), /Stopped \(breakpoint\) at \/w\/swap\.py:4 before reaching line 7; the temporary breakpoint at line 7 is removed/);
  });

  it('an exception stop answers exception and says so in the message', async () => {
    bridge.setState(sessionId, 'paused', 'breakpoint');
    bridge.stepOutcome = {
      state: 'paused', reason: 'exception', location: { file: FILE, line: 2, column: 1, function: 'swap' },
      exception: { id: 'ZeroDivisionError', message: 'division by zero', breakMode: 'unhandled' },
    };
    const result = await call('continue_execution', { sessionId });
    assert.deepEqual(result.exception, { id: 'ZeroDivisionError', message: 'division by zero', breakMode: 'unhandled' });
    assert.equal(result.message, 'Continued execution. Paused on exception ZeroDivisionError: division by zero at /w/swap.py:2');
  });

  it('set_exception_breakpoints hands the ids to the bridge and answers applied and available', async () => {
    bridge.features = { supportsFunctionBreakpoints: true, supportsExceptionInfoRequest: true, exceptionFilters: [{ id: 'raised', label: 'Raised Exceptions' }] };
    const result = await call('set_exception_breakpoints', { sessionId, filters: ['raised'] });
    assert.deepEqual([result.applied, result.available, result.message], [['raised'], [{ id: 'raised', label: 'Raised Exceptions' }], 'Stops on exceptions of filter(s) raised.']);
    assert.ok(bridge.calls.includes('setExceptionBreakpoints raised'));
  });
});
