import * as assert from 'node:assert/strict';
import { answerOf, isTruncatedBody, maskedPaths, replayableCall } from '../../src/shared/replay';
import { capBody, redact } from '../../src/trace/redact';

describe('replay of a recorded call', () => {
  it('reads the tool and arguments of a recorded tools/call', () => {
    const call = replayableCall({ kind: 'request', method: 'tools/call', tool: 'get_local_variables', request: { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'get_local_variables', arguments: { sessionId: 's1' } } } });
    assert.deepEqual(call, { ok: true, tool: 'get_local_variables', arguments: { sessionId: 's1' }, masked: [] });
  });

  it('refuses what is not a tool call, or whose arguments were cut when recorded', () => {
    assert.deepEqual(replayableCall({ kind: 'request', method: 'tools/list', request: {} }), { ok: false, reason: 'Only tools/call requests can be replayed.' });
    const cut = capBody({ params: { name: 't', arguments: { text: 'x'.repeat(100) } } }, 50);
    const refused = replayableCall({ kind: 'request', method: 'tools/call', tool: 't', request: cut });
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.reason, /cut at the recording size limit/);
    assert.ok(isTruncatedBody(cut));
  });

  it('names the arguments that were masked when recorded', () => {
    const recorded = redact({ env: { API_KEY: 'abc', PATH: '/bin' }, args: ['--token-file', 'secret-value-123'], password: 'p' }, ['secret-value-123']);
    assert.deepEqual(maskedPaths(recorded), ['env.API_KEY', 'args[1]', 'password']);
    const call = replayableCall({ kind: 'request', method: 'tools/call', tool: 'start_debugging', request: { params: { name: 'start_debugging', arguments: recorded } } });
    assert.deepEqual(call.ok && call.masked, ['env.API_KEY', 'args[1]', 'password']);
  });

  it('compares answers by what the tool said, not by the envelope or the text copy', () => {
    const structured = { success: true, variables: [{ name: 'x', value: '1' }] };
    assert.deepEqual(answerOf({ jsonrpc: '2.0', id: 7, result: { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured } }), structured);
    assert.deepEqual(answerOf({ jsonrpc: '2.0', id: 8, result: { content: [{ type: 'text', text: '{"success":false,"error":"no"}' }], isError: true } }), { success: false, error: 'no' });
    assert.deepEqual(answerOf({ result: { success: false, error: 'no' } }), { success: false, error: 'no' }, 'a debug endpoint recording');
    assert.deepEqual(answerOf({ id: 9, result: { content: [{ type: 'text', text: '{"total":3}' }], isError: true } }), { isError: true, total: 3 });
    assert.deepEqual(answerOf({ id: 9, result: { content: [{ type: 'text', text: 'plain words' }] } }), { content: [{ type: 'text', text: 'plain words' }] });
    assert.deepEqual(answerOf({ id: 1, error: { code: -32003, message: 'denied' } }), { error: { code: -32003, message: 'denied' } });
  });
});
