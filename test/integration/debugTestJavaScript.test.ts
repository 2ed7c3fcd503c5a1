// debug_test with the JavaScript runners, in the real VS Code host with real Jest, Vitest, Mocha
// and node:test from npm (test/fixtures/workspace/tests-js/<runner>/, each with a passing test
// and one that fails by the swap bug): detected from each project, paused at a breakpoint in the
// failing test through js-debug, continued to the end with the runner's own result.
import * as assert from 'node:assert/strict';
import { ok, reportTimeToPause, stopLocation, suiteAgent, testResultOf } from './debuggerSupport';
import { fixturePath } from './support';

interface Framework {
  framework: string;
  file: string;
  /** The failing test's assertion, on `[a, b]` that swap(1, 2) answered: the breakpoint, and the failure's line. */
  line: number;
}

const FRAMEWORKS: readonly Framework[] = [
  { framework: 'jest', file: fixturePath('tests-js', 'jest', 'swap.test.js'), line: 11 },
  { framework: 'vitest', file: fixturePath('tests-js', 'vitest', 'swap.test.js'), line: 12 },
  { framework: 'mocha', file: fixturePath('tests-js', 'mocha', 'swap.spec.js'), line: 12 },
  { framework: 'node:test', file: fixturePath('tests-js', 'node-test', 'swap.test.js'), line: 13 },
];
const FAILING = 'swap exchanges two values';
const PASSING = 'swap keeps equal values';

describe('debug_test with Jest, Vitest, Mocha and node:test', function () {
  this.timeout(300_000);
  const agent = suiteAgent('debug-test-javascript');
  const { call } = agent;
  const session = (): Promise<string> => agent.session('javascript');

  for (const { framework, file, line } of FRAMEWORKS) {
    it(`${framework}: detected, paused at a breakpoint in the failing test, then ended with its testResult`, async () => {
      const id = await session();
      await ok(call, 'set_breakpoint', { sessionId: id, file, line });
      const paused = await ok(call, 'debug_test', { sessionId: id, file, testName: FAILING, timeoutMs: 50_000 });
      assert.equal(paused.state, 'paused', JSON.stringify(paused));
      assert.equal(paused.framework, framework);
      assert.deepEqual(stopLocation(paused), { file, line });
      const swapped = await ok(call, 'evaluate_expression', { sessionId: id, expression: 'JSON.stringify([a, b])' });
      assert.equal(swapped.result, "'[2,2]'");
      const ended = await ok(call, 'continue_execution', { sessionId: id, timeoutMs: 50_000 });
      assert.equal(ended.state, 'stopped', JSON.stringify(ended));
      const result = testResultOf(ended);
      assert.deepEqual({ status: result.status, passed: result.passed, failed: result.failed }, { status: 'failed', passed: 0, failed: 1 }, JSON.stringify(ended));
      assert.deepEqual({ name: result.failures[0].name, file: result.failures[0].file, line: result.failures[0].line }, { name: FAILING, file, line });
    });
  }

  it('vitest: a whole file without breakpoints ends with one passed and one failed test', async () => {
    const { file, line } = FRAMEWORKS[1];
    const id = await session();
    const ended = await ok(call, 'debug_test', { sessionId: id, file, timeoutMs: 50_000 });
    assert.equal(ended.state, 'stopped', JSON.stringify(ended));
    const result = testResultOf(ended);
    assert.deepEqual(result.failures.map((failure) => [failure.name, failure.line]), [[FAILING, line]]);
    assert.deepEqual({ status: result.status, passed: result.passed, failed: result.failed }, { status: 'failed', passed: 1, failed: 1 });
  });

  it('node:test: the passing test alone ends passed', async () => {
    const { file } = FRAMEWORKS[3];
    const id = await session();
    const ended = await ok(call, 'debug_test', { sessionId: id, file, testName: PASSING, timeoutMs: 50_000 });
    assert.equal(ended.state, 'stopped', JSON.stringify(ended));
    assert.deepEqual(testResultOf(ended), { status: 'passed', passed: 1, failed: 0, failures: [] });
  });

  for (const { framework, file } of [FRAMEWORKS[0], FRAMEWORKS[2]]) {
    it(`${framework}: an unknown test name answers the file's tests`, async () => {
      const id = await session();
      const answer = await call('debug_test', { sessionId: id, file, testName: 'swap rotates three values', timeoutMs: 50_000 });
      assert.equal(answer.success, false, JSON.stringify(answer));
      assert.equal(answer.framework, framework);
      assert.deepEqual(answer.tests, [PASSING, FAILING]);
    });
  }

  it('figures: debug_test call → paused at a breakpoint in a Jest test, median of 5', async () => {
    const { file, line } = FRAMEWORKS[0];
    await reportTimeToPause(agent, 'debug_test (Jest, one test) call → paused', {
      language: 'javascript',
      breakpoint: { file, line },
      tool: 'debug_test',
      args: { file, testName: FAILING, timeoutMs: 50_000 },
    });
  });
});
