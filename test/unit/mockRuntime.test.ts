import * as assert from 'node:assert/strict';
import { MockError } from '../../src/debug/adapters/mock/mockExpression';
import { MockRuntime, hitConditionMet, type OutputEvent, type StopEvent } from '../../src/debug/adapters/mock/mockRuntime';

type Outcome = { kind: 'stop'; stop: StopEvent } | { kind: 'exit'; code: number };

/** The next stop or exit of the runtime, with a bound so a broken runtime fails instead of hanging. */
function next(runtime: MockRuntime, timeoutMs = 2000): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop.dispose();
      exit.dispose();
      reject(new Error(`no stop or exit within ${timeoutMs} ms (state ${runtime.state})`));
    }, timeoutMs);
    const stop = runtime.onStop((event) => finish({ kind: 'stop', stop: event }));
    const exit = runtime.onExit((code) => finish({ kind: 'exit', code }));
    function finish(outcome: Outcome): void {
      clearTimeout(timer);
      stop.dispose();
      exit.dispose();
      resolve(outcome);
    }
  });
}

async function stopped(runtime: MockRuntime, action: () => void): Promise<StopEvent> {
  const outcome = next(runtime);
  action();
  const result = await outcome;
  if (result.kind !== 'stop') assert.fail(`expected a stop, the program exited with ${result.code}`);
  return result.stop;
}

async function exited(runtime: MockRuntime, action: () => void): Promise<number> {
  const outcome = next(runtime);
  action();
  const result = await outcome;
  if (result.kind !== 'exit') assert.fail(`expected the program to exit, it stopped (${result.stop.reason}) at line ${result.stop.line}`);
  return result.code;
}

function collectOutput(runtime: MockRuntime): OutputEvent[] {
  const output: OutputEvent[] = [];
  runtime.onOutput((event) => output.push(event));
  return output;
}

function locals(runtime: MockRuntime, frameIndex = 0): Record<string, string> {
  const frame = runtime.stack()[frameIndex];
  const scope = runtime.scopes(frame.id)![0];
  return Object.fromEntries(runtime.variables(scope.variablesReference)!.map((variable) => [variable.name, variable.value]));
}

const SWAP = [
  '# swap that loses a value', // 1
  'function swap(a, b)', //       2
  '  a = b', //                   3
  '  b = a', //                   4
  '  return [a, b]', //           5
  'end', //                       6
  '', //                          7
  'let x = 1', //                 8
  'let y = 2', //                 9
  'let pair = swap(x, y)', //     10
  'print "swapped: " + str(pair)', // 11
].join('\n');

describe('mock runtime', () => {
  it('runs a program to the end, printing and exiting with 0', async () => {
    const runtime = new MockRuntime('let a = 2\nlet b = a * 3 + 1\nprint "b is " + b\neprint "to stderr"');
    const output = collectOutput(runtime);
    assert.equal(await exited(runtime, () => runtime.start()), 0);
    assert.deepEqual(output.map((event) => [event.category, event.text, event.line]), [
      ['stdout', 'b is 7\n', 3],
      ['stderr', 'to stderr\n', 4],
    ]);
    assert.equal(runtime.state, 'exited');
  });

  it('exits with the code of `exit` and runs nothing after it', async () => {
    const runtime = new MockRuntime('print "a"\nexit 3\nprint "never"');
    const output = collectOutput(runtime);
    assert.equal(await exited(runtime, () => runtime.start()), 3);
    assert.deepEqual(output.map((event) => event.text), ['a\n']);
    assert.equal(runtime.exitCode, 3);
  });

  it('lists executable lines, skipping blanks, comments, function headers, else and end', () => {
    const runtime = new MockRuntime(SWAP + '\nif x > 0\n  print 1\nelse\n  print 2\nend');
    assert.deepEqual(runtime.program.executableLines, [3, 4, 5, 8, 9, 10, 11, 12, 13, 15]);
  });

  it('reports syntax errors with their line', () => {
    assert.throws(() => new MockRuntime('let x = 1\nlet y = (2 +\n'), (error: unknown) => error instanceof MockError && /^line 2: /.test(error.message));
    assert.throws(() => new MockRuntime('if 1\nprint 2'), /missing 'end'/);
    assert.throws(() => new MockRuntime('let r = nothere(1)'), /line 1: 'nothere' is not a function/);
    assert.throws(() => new MockRuntime('function f()\nreturn 1\nend\nlet x = 1 + f()'), /must be a statement of its own/);
    assert.throws(() => new MockRuntime('return 1'), /outside a function/);
  });

  it('stops on entry at the first executable line', async () => {
    const runtime = new MockRuntime(SWAP);
    const stop = await stopped(runtime, () => runtime.start(true));
    assert.deepEqual(stop, { reason: 'entry', line: 8, breakpointIds: [] });
    assert.deepEqual(runtime.stack().map((frame) => [frame.name, frame.line]), [['main', 8]]);
  });

  it('verifies breakpoints and moves one on a blank or comment line to the next executable line', () => {
    const runtime = new MockRuntime(SWAP);
    const results = runtime.setBreakpoints([{ line: 1 }, { line: 7 }, { line: 3 }, { line: 40 }]);
    assert.deepEqual(results.map((result) => [result.verified, result.line]), [[true, 3], [true, 8], [true, 3], [false, 40]]);
    assert.match(results[3].message ?? '', /no executable line/);
    assert.equal(new Set(results.map((result) => result.id)).size, 4);
  });

  it('stops at a breakpoint inside a function with a two-frame stack and the swapped-away value', async () => {
    const runtime = new MockRuntime(SWAP);
    const [breakpoint] = runtime.setBreakpoints([{ line: 4 }]);
    const stop = await stopped(runtime, () => runtime.start());
    assert.deepEqual(stop, { reason: 'breakpoint', line: 4, breakpointIds: [breakpoint.id] });
    assert.deepEqual(runtime.stack().map((frame) => [frame.name, frame.line]), [['swap', 4], ['main', 10]]);
    // `a = b` ran: both hold 2, the 1 is lost
    assert.deepEqual(locals(runtime), { a: '2', b: '2' });
    const scopes = runtime.scopes(runtime.stack()[0].id)!;
    assert.deepEqual(scopes.map((scope) => [scope.name, scope.presentationHint]), [['Locals', 'locals'], ['Globals', 'globals']]);
    const globals = runtime.variables(scopes[1].variablesReference)!;
    assert.deepEqual(globals.map((variable) => [variable.name, variable.value]), [['args', 'array(0) []'], ['x', '1'], ['y', '2']]);
  });

  it('steps over, into and out with the expected lines', async () => {
    const runtime = new MockRuntime(SWAP);
    runtime.setBreakpoints([{ line: 10 }]);
    assert.equal((await stopped(runtime, () => runtime.start())).line, 10);
    const into = await stopped(runtime, () => runtime.stepIn());
    assert.deepEqual([into.reason, into.line, runtime.stack().length], ['step', 3, 2]);
    assert.equal((await stopped(runtime, () => runtime.stepOver())).line, 4);
    const out = await stopped(runtime, () => runtime.stepOut());
    assert.deepEqual([out.reason, out.line, runtime.stack().length], ['step', 11, 1]);
    assert.equal(runtime.evaluate('pair').value, 'array(2) [2, 2]');
  });

  it('steps over a call without entering it, but stops at a breakpoint inside', async () => {
    const runtime = new MockRuntime(SWAP);
    runtime.setBreakpoints([{ line: 10 }]);
    await stopped(runtime, () => runtime.start());
    assert.equal((await stopped(runtime, () => runtime.stepOver())).line, 11);

    const second = new MockRuntime(SWAP);
    second.setBreakpoints([{ line: 10 }, { line: 5 }]);
    await stopped(second, () => second.start());
    const stop = await stopped(second, () => second.stepOver());
    assert.deepEqual([stop.reason, stop.line], ['breakpoint', 5]);
  });

  it('steps through loops and branches', async () => {
    const source = 'let i = 0\nwhile i < 2\n  i = i + 1\nend\nif i == 2\n  print "two"\nelse\n  print "other"\nend\nprint "done"';
    const runtime = new MockRuntime(source);
    const lines: number[] = [(await stopped(runtime, () => runtime.start(true))).line];
    for (let guard = 0; guard < 20 && runtime.state !== 'exited'; guard++) {
      const outcome = next(runtime);
      runtime.stepOver();
      const result = await outcome;
      if (result.kind === 'stop') lines.push(result.stop.line);
    }
    assert.deepEqual(lines, [1, 2, 3, 2, 3, 2, 5, 6, 10]);
  });

  it('honours conditions, hit conditions and log points', async () => {
    const source = 'let total = 0\nfor_each = 0\nwhile for_each < 10\n  for_each = for_each + 1\n  total = total + for_each\nend\nprint total';
    const runtime = new MockRuntime(source);
    const output = collectOutput(runtime);
    const [conditional, , counted] = runtime.setBreakpoints([
      { line: 5, condition: 'for_each == 4' },
      { line: 4, logMessage: 'iteration {for_each} total={total}' },
      { line: 7, hitCondition: '1' },
    ]);
    const first = await stopped(runtime, () => runtime.start());
    assert.deepEqual([first.line, first.breakpointIds], [5, [conditional.id]]);
    assert.equal(runtime.evaluate('total').value, '6');
    const second = await stopped(runtime, () => runtime.continue());
    assert.deepEqual([second.line, second.breakpointIds], [7, [counted.id]]);
    const logs = output.filter((event) => event.category === 'console').map((event) => event.text);
    assert.equal(logs.length, 10);
    assert.equal(logs[0], 'iteration 0 total=0\n');
    assert.equal(logs[9], 'iteration 9 total=45\n');
    assert.equal(await exited(runtime, () => runtime.continue()), 0);
    assert.equal(output[output.length - 1].text, '55\n');
  });

  it('interprets DAP hit conditions', () => {
    assert.equal(hitConditionMet('3', 3), true);
    assert.equal(hitConditionMet('3', 4), false);
    assert.equal(hitConditionMet('>= 2', 2), true);
    assert.equal(hitConditionMet('> 2', 2), false);
    assert.equal(hitConditionMet('%2', 4), true);
    assert.equal(hitConditionMet('%2', 3), false);
    assert.equal(hitConditionMet('< 2', 1), true);
  });

  it('evaluates expressions and assignments with side effects in the chosen frame', async () => {
    const runtime = new MockRuntime(SWAP);
    runtime.setBreakpoints([{ line: 4 }]);
    await stopped(runtime, () => runtime.start());
    const [inner, outer] = runtime.stack();
    assert.equal(runtime.evaluate('a + b').value, '4');
    assert.equal(runtime.evaluate('x + y', outer.id).value, '3');
    assert.throws(() => runtime.evaluate('a', outer.id), /'a' is not defined/);
    assert.equal(runtime.evaluate('a = 1', inner.id).value, '1');
    assert.equal(runtime.evaluate('{k: [1, "s"], n: null}').value, '{k: array(2), n: null}');
    assert.throws(() => runtime.evaluate('1 +'), MockError);
    assert.throws(() => runtime.evaluate('x', 9999), /no frame 9999/);
    // the assignment survives: line 4 is `b = a`
    await stopped(runtime, () => runtime.stepOver());
    assert.deepEqual(locals(runtime), { a: '1', b: '1' });
  });

  it('pages large collections', async () => {
    const runtime = new MockRuntime('let big = range(0, 10000)\nlet obj = {a: 1, b: 2, c: 3}\nprint len(big)');
    runtime.setBreakpoints([{ line: 3 }]);
    await stopped(runtime, () => runtime.start());
    const scope = runtime.scopes(runtime.stack()[0].id)![0];
    const big = runtime.variables(scope.variablesReference)!.find((variable) => variable.name === 'big')!;
    assert.equal(big.indexedVariables, 10000);
    const page = runtime.variables(big.variablesReference, { filter: 'indexed', start: 9990, count: 5 })!;
    assert.deepEqual(page.map((variable) => [variable.name, variable.value]), [['9990', '9990'], ['9991', '9991'], ['9992', '9992'], ['9993', '9993'], ['9994', '9994']]);
    const obj = runtime.variables(scope.variablesReference)!.find((variable) => variable.name === 'obj')!;
    assert.deepEqual(runtime.variables(obj.variablesReference, { start: 1, count: 1 })!.map((variable) => variable.name), ['b']);
  });

  it('expires variable references when the program resumes', async () => {
    const runtime = new MockRuntime('let a = [1]\nlet b = 2\nlet c = 3');
    runtime.setBreakpoints([{ line: 2 }, { line: 3 }]);
    await stopped(runtime, () => runtime.start());
    const reference = runtime.scopes(runtime.stack()[0].id)![0].variablesReference;
    assert.deepEqual(runtime.variables(reference)?.map((variable) => [variable.name, variable.value]), [['args', 'array(0) []'], ['a', 'array(1) [1]']]);
    await stopped(runtime, () => runtime.continue());
    assert.equal(runtime.variables(reference), undefined);
  });

  it('sets a variable through its scope reference', async () => {
    const runtime = new MockRuntime('let a = 1\nprint a');
    runtime.setBreakpoints([{ line: 2 }]);
    const output = collectOutput(runtime);
    await stopped(runtime, () => runtime.start());
    const reference = runtime.scopes(runtime.stack()[0].id)![0].variablesReference;
    assert.equal(runtime.setVariable(reference, 'a', '40 + 2').value, '42');
    await exited(runtime, () => runtime.continue());
    assert.equal(output[0].text, '42\n');
  });

  it('stops on an uncaught exception and then exits with 1', async () => {
    const runtime = new MockRuntime('function fail(m)\n  throw "bad: " + m\nend\nfail("x")\nprint "never"');
    const output = collectOutput(runtime);
    const stop = await stopped(runtime, () => runtime.start());
    assert.deepEqual([stop.reason, stop.line, stop.text], ['exception', 2, 'bad: x']);
    assert.equal(runtime.exceptionMessage, 'bad: x');
    assert.deepEqual(runtime.stack().map((frame) => frame.name), ['fail', 'main']);
    assert.equal(await exited(runtime, () => runtime.continue()), 1);
    assert.deepEqual(output.map((event) => [event.category, event.text]), [['stderr', 'Uncaught exception at line 2: bad: x\n']]);
  });

  it('exits with 1 on a runtime error when exception breaks are off', async () => {
    const runtime = new MockRuntime('let a = 1\nlet b = a / 0');
    runtime.setBreakOnExceptions(false);
    const output = collectOutput(runtime);
    assert.equal(await exited(runtime, () => runtime.start()), 1);
    assert.match(output[0].text, /line 2: division by zero/);
  });

  it('pauses a busy loop and a sleep, and pausing a paused program does nothing', async () => {
    const runtime = new MockRuntime('let n = 0\nwhile true\n  n = n + 1\nend', { statementsPerSlice: 50 });
    runtime.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stop = await stopped(runtime, () => runtime.pause());
    assert.equal(stop.reason, 'pause');
    assert.ok([2, 3].includes(stop.line));
    assert.ok(Number(runtime.evaluate('n').value) > 0);
    runtime.pause();
    assert.equal(runtime.state, 'paused');
    runtime.terminate();
    assert.equal(runtime.state, 'exited');

    const sleeper = new MockRuntime('sleep 60000\nprint "woke"');
    sleeper.start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const started = Date.now();
    const sleepStop = await stopped(sleeper, () => sleeper.pause());
    assert.deepEqual([sleepStop.reason, sleepStop.line], ['pause', 2]);
    assert.ok(Date.now() - started < 1000);
    sleeper.terminate();
  });

  it('refuses to resume while running and to start twice', async () => {
    const runtime = new MockRuntime('sleep 50\nprint 1');
    runtime.start();
    assert.throws(() => runtime.continue(), /already running/);
    assert.throws(() => runtime.start(), /already started/);
    runtime.terminate();
  });

  it('guards against runaway recursion', async () => {
    const runtime = new MockRuntime('function f(n)\n  let r = f(n + 1)\nend\nf(0)');
    runtime.setBreakOnExceptions(false);
    const output = collectOutput(runtime);
    assert.equal(await exited(runtime, () => runtime.start()), 1);
    assert.match(output[0].text, /stack overflow/);
  });

  it('exposes program arguments as `args` and mutates collections', async () => {
    const runtime = new MockRuntime('let list = []\npush(list, args[0])\nlist[1] = len(args)\nlet o = {n: 1}\no.n = o.n + 1\nprint str(list) + " " + o.n', { args: ['first', 'second'] });
    const output = collectOutput(runtime);
    assert.equal(await exited(runtime, () => runtime.start()), 0);
    assert.equal(output[0].text, '["first", 2] 2\n');
  });
});
