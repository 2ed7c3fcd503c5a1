import * as assert from 'node:assert/strict';
import { DebugError } from '../../src/debug/debugErrors';
import type { TestResult } from '../../src/debug/debugBridge';
import { fakeBridgeTools } from './toolCall';

const FAILED: TestResult = {
  status: 'failed',
  passed: 1,
  failed: 1,
  failures: [{ name: 'test_swap', message: 'assert (2, 2) == (2, 1)\n  more', file: '/w/test_a.py', line: 6 }],
};

describe('debug_test against a fake bridge', () => {
  const fake = fakeBridgeTools();
  const { call, createdSession } = fake;

  it('passes file, testName and framework to the bridge with a 30 s default wait, and answers the stop with its source', async () => {
    const id = await createdSession();
    const paused = await call('debug_test', { sessionId: id, file: 'test_a.py', testName: 'test_swap', framework: 'pytest' });
    assert.deepEqual(fake.bridge.calls.filter((entry) => entry.startsWith('debugTest')), ['debugTest test_a.py test_swap framework=pytest wait=30000']);
    assert.equal(paused.success, true);
    assert.equal(paused.state, 'paused');
    assert.equal(paused.framework, 'pytest');
    assert.deepEqual(paused.location, { file: '/w/a.py', line: 2, column: 1, function: 'f' });
    assert.equal((paused.context as { lineContent: string }).lineContent, '    x = 1');
    assert.equal(paused.message, 'Debugging test test_swap of /w/test_a.py with pytest. Current state: paused');
    assert.deepEqual((paused.data as { invocation: unknown }).invocation, { module: 'pytest', args: ['/w/test_a.py'], cwd: '/w' });
    await call('debug_test', { sessionId: (await createdSession()), file: 'test_a.py', timeoutMs: 5000 });
    assert.equal(fake.bridge.calls.filter((entry) => entry.startsWith('debugTest'))[1], 'debugTest test_a.py wait=5000');
  });

  it('a run that ended answers state stopped with testResult, and the first failure in the message', async () => {
    const id = await createdSession();
    fake.bridge.testOutcome = { ...fake.bridge.testOutcome, state: 'stopped', reason: undefined, location: undefined, exitCode: 1, testResult: FAILED };
    const ended = await call('debug_test', { sessionId: id, file: '/w/test_a.py' });
    assert.equal(ended.state, 'stopped');
    assert.deepEqual(ended.testResult, FAILED);
    assert.match(String(ended.message), /the program ended with exit code 1\..* Tests failed: 1 passed, 1 failed\. test_swap at \/w\/test_a\.py:6: assert \(2, 2\) == \(2, 1\)\. Set a breakpoint there/);
  });

  it('continue_execution answers the testResult of a test run that ends there', async () => {
    const id = await createdSession();
    fake.bridge.setState(id, 'paused', 'breakpoint');
    fake.bridge.stepOutcome = { state: 'stopped', exitCode: 1, testResult: FAILED };
    const ended = await call('continue_execution', { sessionId: id });
    assert.deepEqual(ended.testResult, FAILED);
    assert.match(String(ended.message), /Tests failed: 1 passed, 1 failed/);
  });

  it('an unknown test name answers the file\'s tests; a file no runner detects answers the runners looked for', async () => {
    const id = await createdSession();
    fake.bridge.testError = new DebugError({ kind: 'unknown_test', file: '/w/test_a.py', testName: 'test_nope', framework: 'pytest', known: ['test_swap', 'TestK::test_m'] });
    const unknown = await call('debug_test', { sessionId: id, file: '/w/test_a.py', testName: 'test_nope' });
    assert.deepEqual({ success: unknown.success, code: unknown.code, tests: unknown.tests, framework: unknown.framework }, { success: false, code: 'unknown_test', tests: ['test_swap', 'TestK::test_m'], framework: 'pytest' });
    assert.equal(unknown.error, 'No test "test_nope" in /w/test_a.py (pytest). Its tests: test_swap; TestK::test_m. Call debug_test again with one of these as testName, or without testName to run them all.');
    fake.bridge.testError = new DebugError({ kind: 'no_test_runner', file: '/w/notes.txt', root: '/w', lookedFor: ['pytest', 'unittest', 'jest'] });
    const none = await call('debug_test', { sessionId: id, file: '/w/notes.txt' });
    assert.deepEqual({ success: none.success, code: none.code, lookedFor: none.lookedFor }, { success: false, code: 'no_test_runner', lookedFor: ['pytest', 'unittest', 'jest'] });
    assert.match(String(none.error), /No test runner detected for \/w\/notes\.txt \(project root \/w\): looked for pytest, unittest, jest .* name it with framework \(one of: pytest, unittest, jest\)/);
  });

  it('refuses an unknown framework by its schema, and a session that is running', async () => {
    const id = await createdSession();
    const wrong = await call('debug_test', { sessionId: id, file: '/w/test_a.py', framework: 'nose' });
    assert.equal(wrong.success, false);
    assert.match(String(wrong.error), /framework/);
    fake.bridge.setState(id, 'running');
    const busy = await call('debug_test', { sessionId: id, file: '/w/test_a.py' });
    assert.equal(busy.code, 'wrong_state');
    assert.deepEqual(fake.bridge.calls.filter((entry) => entry.startsWith('debugTest')), []);
  });
});
