// debug_test with the Python runners, in the real host with real pytest (Debian python3-pytest)
// and unittest: paused in a test at a breakpoint, ended with the runner's result, an unknown test
// name answered with the file's tests, a file no runner can run.
import * as assert from 'node:assert/strict';
import { ok, reportTimeToPause, stopLocation, suiteAgent, testResultOf } from './debuggerSupport';
import { fixturePath } from './support';

const PYTEST_FILE = fixturePath('pytest_project', 'test_swap.py');
const PYTEST_SWAP = fixturePath('pytest_project', 'swap.py');
const UNITTEST_FILE = fixturePath('unittest_project', 'test_swap_unittest.py');

describe('debug_test with pytest and unittest', function () {
  this.timeout(240_000);
  const agent = suiteAgent('debug-test-python');
  const { call } = agent;
  const session = (language = 'python'): Promise<string> => agent.session(language);

  it('pytest: pauses in the code a test calls at a breakpoint, and the run ends with the result on continue', async () => {
    const id = await session();
    await ok(call, 'set_breakpoint', { sessionId: id, file: PYTEST_SWAP, line: 2 });
    const paused = await ok(call, 'debug_test', { sessionId: id, file: PYTEST_FILE, testName: 'test_swap_exchanges', timeoutMs: 50_000 });
    assert.equal(paused.state, 'paused', JSON.stringify(paused));
    assert.equal(paused.framework, 'pytest');
    assert.deepEqual(stopLocation(paused), { file: PYTEST_SWAP, line: 2 });
    assert.match(String((paused.context as { lineContent: string }).lineContent), /a = b/);
    const locals = await ok(call, 'get_local_variables', { sessionId: id });
    const values = Object.fromEntries((locals.variables as Array<{ name: string; value: string }>).map((variable) => [variable.name, variable.value]));
    assert.deepEqual({ a: values.a, b: values.b }, { a: '1', b: '2' });
    await ok(call, 'remove_breakpoint', { sessionId: id, file: PYTEST_SWAP, line: 2 });
    const ended = await ok(call, 'continue_execution', { sessionId: id, timeoutMs: 40_000 });
    assert.equal(ended.state, 'stopped', JSON.stringify(ended));
    const result = testResultOf(ended);
    assert.deepEqual({ status: result.status, passed: result.passed, failed: result.failed }, { status: 'failed', passed: 0, failed: 1 });
    assert.equal(result.failures[0].name, 'test_swap_exchanges');
  });

  it('pytest: a run without breakpoints ends with testResult: the failing test, its message, file and line', async () => {
    // a session created for another language: the runner's debugger wins
    const id = await session('javascript');
    const ended = await ok(call, 'debug_test', { sessionId: id, file: PYTEST_FILE, timeoutMs: 50_000 });
    assert.equal(ended.state, 'stopped', JSON.stringify(ended));
    assert.equal(ended.language, 'python');
    const result = testResultOf(ended);
    assert.deepEqual({ status: result.status, passed: result.passed, failed: result.failed }, { status: 'failed', passed: 1, failed: 1 });
    assert.equal(result.failures.length, 1);
    const [failure] = result.failures;
    assert.equal(failure.name, 'test_swap_exchanges');
    assert.deepEqual({ file: failure.file, line: failure.line }, { file: PYTEST_FILE, line: 6 });
    assert.match(failure.message, /assert \(2, 2\) == \(2, 1\)/);
    assert.match(String(ended.message), /Tests failed: 1 passed, 1 failed\. test_swap_exchanges at .*test_swap\.py:6/);
    const again = await ok(call, 'restart_debugging', { sessionId: id, timeoutMs: 50_000 });
    assert.equal(again.state, 'stopped', JSON.stringify(again));
    assert.deepEqual(again.testResult, result, 'a restart runs the same tests and reads their new report');
  });

  it('pytest: an unknown test name answers the file\'s tests', async () => {
    const id = await session();
    const answer = await call('debug_test', { sessionId: id, file: PYTEST_FILE, testName: 'test_no_such_thing', timeoutMs: 50_000 });
    assert.equal(answer.success, false, JSON.stringify(answer));
    assert.equal(answer.code, 'unknown_test');
    assert.deepEqual(answer.tests, ['test_swap_exchanges', 'test_swap_keeps_equal']);
    assert.match(String(answer.error), /No test "test_no_such_thing" in .*test_swap\.py \(pytest\)\. Its tests: test_swap_exchanges; test_swap_keeps_equal\./);
  });

  it('unittest: pauses in a test at a breakpoint, then ends with its result parsed from the output', async () => {
    const id = await session();
    await ok(call, 'set_breakpoint', { sessionId: id, file: UNITTEST_FILE, line: 13 });
    const paused = await ok(call, 'debug_test', { sessionId: id, file: UNITTEST_FILE, testName: 'SwapTest.test_swap_exchanges', timeoutMs: 50_000 });
    assert.equal(paused.state, 'paused', JSON.stringify(paused));
    assert.equal(paused.framework, 'unittest');
    assert.equal((paused.location as { line: number }).line, 13);
    const pair = await ok(call, 'evaluate_expression', { sessionId: id, expression: 'pair' });
    assert.equal(pair.result, '(2, 2)');
    await ok(call, 'remove_breakpoint', { sessionId: id, file: UNITTEST_FILE, line: 13 });
    const ended = await ok(call, 'continue_execution', { sessionId: id, timeoutMs: 40_000 });
    assert.equal(ended.state, 'stopped', JSON.stringify(ended));
    const result = testResultOf(ended);
    assert.deepEqual({ status: result.status, passed: result.passed, failed: result.failed }, { status: 'failed', passed: 0, failed: 1 });
    assert.deepEqual({ name: result.failures[0].name, file: result.failures[0].file, line: result.failures[0].line }, { name: 'SwapTest.test_swap_exchanges', file: UNITTEST_FILE, line: 13 });
    assert.match(result.failures[0].message, /^AssertionError: Tuples differ: \(2, 2\) != \(2, 1\)/);
  });

  it('unittest: a whole file ends with both tests counted; an unknown test name answers its tests', async () => {
    const id = await session();
    const ended = await ok(call, 'debug_test', { sessionId: id, file: UNITTEST_FILE, timeoutMs: 50_000 });
    assert.equal(ended.state, 'stopped', JSON.stringify(ended));
    const result = testResultOf(ended);
    assert.deepEqual({ status: result.status, passed: result.passed, failed: result.failed }, { status: 'failed', passed: 1, failed: 1 });
    const unknown = await call('debug_test', { sessionId: id, file: UNITTEST_FILE, testName: 'SwapTest.test_nothing', timeoutMs: 50_000 });
    assert.equal(unknown.code, 'unknown_test', JSON.stringify(unknown));
    assert.deepEqual(unknown.tests, ['SwapTest.test_swap_exchanges', 'SwapTest.test_swap_keeps_equal']);
  });

  it('a file no runner can run says which runners were looked for and how to name one', async () => {
    const id = await session();
    const answer = await call('debug_test', { sessionId: id, file: fixturePath('pytest_project', 'swap.py'), timeoutMs: 20_000 });
    assert.equal(answer.success, false, JSON.stringify(answer));
    assert.equal(answer.code, 'no_test_runner');
    assert.ok((answer.lookedFor as string[]).includes('pytest') && (answer.lookedFor as string[]).includes('unittest'), JSON.stringify(answer.lookedFor));
    assert.match(String(answer.error), /No test runner detected for .*swap\.py.*name it with framework/);
    const listed = await ok(call, 'list_debug_sessions');
    assert.equal((listed.sessions as Array<{ id: string; state: string }>).find((entry) => entry.id === id)?.state, 'created', 'nothing was started');
  });

  it('figures: debug_test with pytest, call → paused at a breakpoint in the test, median of 5', async () => {
    await reportTimeToPause(agent, 'debug_test (pytest) call → paused at a breakpoint in the test', {
      language: 'python',
      breakpoint: { file: PYTEST_FILE, line: 6 },
      tool: 'debug_test',
      args: { file: PYTEST_FILE, testName: 'test_swap_exchanges', timeoutMs: 50_000 },
    });
  });
});
