import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { ObservedAnswers, requestKey } from '../../src/debug/observedAnswers';

function request(seq: number, command: string, args?: object): DebugProtocol.Request {
  return { seq, type: 'request', command, arguments: args };
}

function response(requestSeq: number, command: string, body: unknown, success = true, message?: string): DebugProtocol.Response {
  return { seq: requestSeq + 1000, type: 'response', request_seq: requestSeq, command, success, body, ...(message ? { message } : {}) };
}

/** Whether a promise has settled after the pending microtasks ran, without waiting for it. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(() => { done = true; }, () => { done = true; });
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('ObservedAnswers (answers to custom requests, seen by the tracker)', () => {
  it('answers with the response to the request the tracker sees after the wait began', async () => {
    const answers = new ObservedAnswers();
    const { answer } = answers.expect<{ scopes: unknown[] }>('s1', 'scopes', { frameId: 7 });
    answers.sawRequest('s1', request(10, 'scopes', { frameId: 7 }));
    answers.sawResponse('s1', response(10, 'scopes', { scopes: [{ name: 'Local' }] }));
    assert.deepEqual(await answer, { scopes: [{ name: 'Local' }] });
  });

  it('never takes the answer to a request with other arguments, of another command, or on another session', async () => {
    const answers = new ObservedAnswers();
    const { answer } = answers.expect('s1', 'variables', { variablesReference: 3 });
    answers.sawRequest('s1', request(1, 'variables', { variablesReference: 4 }));
    answers.sawResponse('s1', response(1, 'variables', { variables: [{ name: 'old' }] }));
    answers.sawRequest('s1', request(2, 'scopes', { variablesReference: 3 }));
    answers.sawResponse('s1', response(2, 'scopes', { scopes: [] }));
    answers.sawRequest('s2', request(3, 'variables', { variablesReference: 3 }));
    answers.sawResponse('s2', response(3, 'variables', { variables: [{ name: 'other session' }] }));
    assert.equal(await settled(answer), false);
    answers.sawRequest('s1', request(4, 'variables', { variablesReference: 3 }));
    answers.sawResponse('s1', response(4, 'variables', { variables: [{ name: 'a', value: '2' }] }));
    assert.deepEqual(await answer, { variables: [{ name: 'a', value: '2' }] });
  });

  it('ignores a response whose request it never saw (one sent before the wait began)', async () => {
    const answers = new ObservedAnswers();
    answers.sawRequest('s1', request(5, 'evaluate', { expression: 'a', frameId: 1, context: 'repl' }));
    const { answer } = answers.expect('s1', 'evaluate', { expression: 'a', frameId: 1, context: 'repl' });
    answers.sawResponse('s1', response(5, 'evaluate', { result: 'before' }));
    assert.equal(await settled(answer), false);
  });

  it('matches arguments whatever their key order, and without undefined fields', () => {
    assert.equal(requestKey('evaluate', { frameId: 2, expression: 'a + b', context: 'repl' }), requestKey('evaluate', { context: 'repl', expression: 'a + b', frameId: 2, extra: undefined }));
    assert.notEqual(requestKey('evaluate', { expression: 'a', frameId: 2 }), requestKey('evaluate', { expression: 'a', frameId: 3 }));
  });

  it("fails with the adapter's formatted error, like VS Code's custom request", async () => {
    const answers = new ObservedAnswers();
    const { answer } = answers.expect('s1', 'evaluate', { expression: 'nope' });
    answers.sawRequest('s1', request(8, 'evaluate', { expression: 'nope' }));
    const failed = response(8, 'evaluate', { error: { id: 1, format: '{name} is not defined', variables: { name: 'nope' } } }, false, 'evaluate failed');
    answers.sawResponse('s1', failed);
    await assert.rejects(answer, /^Error: nope is not defined$/);
  });

  it('two waits for the same request take two requests, in order; a cancelled wait takes none', async () => {
    const answers = new ObservedAnswers();
    const first = answers.expect('s1', 'threads', undefined);
    const cancelled = answers.expect('s1', 'threads', undefined);
    cancelled.cancel();
    const second = answers.expect('s1', 'threads', undefined);
    answers.sawRequest('s1', request(1, 'threads'));
    answers.sawRequest('s1', request(2, 'threads'));
    answers.sawResponse('s1', response(2, 'threads', { threads: [{ id: 2, name: 'second' }] }));
    answers.sawResponse('s1', response(1, 'threads', { threads: [{ id: 1, name: 'first' }] }));
    assert.deepEqual(await first.answer, { threads: [{ id: 1, name: 'first' }] });
    assert.deepEqual(await second.answer, { threads: [{ id: 2, name: 'second' }] });
    assert.equal(await settled(cancelled.answer), false);
  });

  describe('reads seen since the last change', () => {
    function event(name: string): DebugProtocol.Event {
      return { seq: 1, type: 'event', event: name };
    }

    it('a read the workbench made answers the same read later, before and after its response came', async () => {
      const answers = new ObservedAnswers();
      answers.sawRequest('s1', request(20, 'scopes', { frameId: 3 }));
      const whileInFlight = answers.recentRead('s1', 'scopes', { frameId: 3 });
      assert.ok(whileInFlight);
      assert.equal(await settled(whileInFlight), false);
      answers.sawResponse('s1', response(20, 'scopes', { scopes: [{ name: 'Local: swap' }] }));
      assert.deepEqual(await whileInFlight, { scopes: [{ name: 'Local: swap' }] });
      assert.deepEqual(await answers.recentRead('s1', 'scopes', { frameId: 3 }), { scopes: [{ name: 'Local: swap' }] });
      assert.equal(answers.recentRead('s1', 'scopes', { frameId: 4 }), undefined, 'another frame is another read');
      assert.equal(answers.recentRead('s2', 'scopes', { frameId: 3 }), undefined, 'another session is another read');
    });

    it('any other request forgets them: an evaluate, a step, a changed variable', () => {
      for (const change of [request(31, 'evaluate', { expression: 'a = 7', frameId: 3, context: 'repl' }), request(32, 'next', { threadId: 1 }), request(33, 'setVariable', { variablesReference: 5, name: 'a', value: '7' })]) {
        const answers = new ObservedAnswers();
        answers.sawRequest('s1', request(30, 'variables', { variablesReference: 5 }));
        answers.sawResponse('s1', response(30, 'variables', { variables: [{ name: 'a', value: '1' }] }));
        answers.sawRequest('s1', change);
        assert.equal(answers.recentRead('s1', 'variables', { variablesReference: 5 }), undefined, change.command);
      }
    });

    it('a stop, a resume or an invalidation forgets them; output does not', () => {
      for (const name of ['stopped', 'continued', 'invalidated', 'terminated']) {
        const answers = new ObservedAnswers();
        answers.sawRequest('s1', request(40, 'stackTrace', { threadId: 1, startFrame: 0, levels: 20 }));
        answers.sawResponse('s1', response(40, 'stackTrace', { stackFrames: [] }));
        answers.sawEvent('s1', event('output'));
        assert.ok(answers.recentRead('s1', 'stackTrace', { threadId: 1, startFrame: 0, levels: 20 }), `kept after output (${name} run)`);
        answers.sawEvent('s1', event(name));
        assert.equal(answers.recentRead('s1', 'stackTrace', { threadId: 1, startFrame: 0, levels: 20 }), undefined, name);
      }
    });

    it('a failed read is forgotten, and only reads are kept', async () => {
      const answers = new ObservedAnswers();
      answers.sawRequest('s1', request(50, 'variables', { variablesReference: 9 }));
      const reused = answers.recentRead('s1', 'variables', { variablesReference: 9 });
      answers.sawResponse('s1', response(50, 'variables', undefined, false, 'no such reference'));
      await assert.rejects(reused as Promise<unknown>, /no such reference/);
      assert.equal(answers.recentRead('s1', 'variables', { variablesReference: 9 }), undefined);
      answers.sawRequest('s1', request(51, 'threads'));
      answers.sawResponse('s1', response(51, 'threads', { threads: [] }));
      assert.equal(answers.recentRead('s1', 'threads', undefined), undefined);
    });
  });
});
