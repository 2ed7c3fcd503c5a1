import * as assert from 'node:assert/strict';
import { CallCancellations, requestIdsIn } from '../../src/mcp/callCancellations';

describe('CallCancellations', () => {
  it('aborts the calls of a request whose client left, and only those', () => {
    const calls = new CallCancellations();
    const first = calls.open(1, new AbortController().signal);
    const second = calls.open('b', new AbortController().signal);
    calls.cancel([1]);
    assert.equal(first.signal.aborted, true);
    assert.match(String((first.signal.reason as Error).message), /disconnected/);
    assert.equal(second.signal.aborted, false);
  });

  it('follows the SDK signal (a cancel notification) too', () => {
    const calls = new CallCancellations();
    const sdk = new AbortController();
    const call = calls.open(7, sdk.signal);
    sdk.abort('cancelled by client');
    assert.equal(call.signal.aborted, true);
  });

  it('forgets closed calls so a reused id is not cancelled by mistake', () => {
    const calls = new CallCancellations();
    const done = calls.open(1, new AbortController().signal);
    done.close();
    calls.cancelAll();
    assert.equal(done.signal.aborted, false);
  });

  it('reads request ids from single messages and batches, skipping notifications and answers', () => {
    assert.deepEqual(requestIdsIn({ jsonrpc: '2.0', id: 3, method: 'tools/call' }), [3]);
    assert.deepEqual(requestIdsIn([{ id: 'a', method: 'x' }, { method: 'notifications/x' }, { id: 4, result: {} }, null]), ['a']);
    assert.deepEqual(requestIdsIn('junk'), []);
  });
});
