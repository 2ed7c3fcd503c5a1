import * as assert from 'node:assert/strict';
import type { Span } from '../../src/shared/trace';
import { capBody, DEFAULT_BODY_CAP_BYTES, recordedSpan, REDACTED, redact } from '../../src/trace/redact';

describe('redact', () => {
  it('masks secret-named fields at any depth and leaves the rest', () => {
    const value = { headers: { Authorization: 'Bearer abc', accept: 'json' }, env: { API_KEY: 'k', GITHUB_TOKEN: 't', PATH: '/bin' }, password: 'p', line: 3 };
    assert.deepEqual(redact(value), {
      headers: { Authorization: REDACTED, accept: 'json' },
      env: { API_KEY: REDACTED, GITHUB_TOKEN: REDACTED, PATH: '/bin' },
      password: REDACTED,
      line: 3,
    });
  });

  it('masks known secrets wherever they appear in strings', () => {
    const token = 'tok_1234567890abcdef';
    assert.deepEqual(redact({ note: `use ${token} now`, list: [token] }, [token]), { note: `use ${REDACTED} now`, list: [REDACTED] });
  });

  it('keeps numbers and booleans of secret-looking names (maxTokens is not a secret)', () => {
    assert.deepEqual(redact({ maxTokens: 100, hasPassword: false }), { maxTokens: 100, hasPassword: false });
  });

  it('does not change its input', () => {
    const value = { token: 'x' };
    redact(value);
    assert.equal(value.token, 'x');
  });
});

describe('capBody', () => {
  it('keeps small bodies whole and replaces large ones with a preview', () => {
    assert.deepEqual(capBody({ a: 1 }, 100), { a: 1 });
    const capped = capBody({ text: 'x'.repeat(1000) }, 100) as { truncated: boolean; originalBytes: number; preview: string };
    assert.equal(capped.truncated, true);
    assert.equal(capped.preview.length, 100);
    assert.ok(capped.originalBytes > 1000);
  });
});

describe('recordedSpan', () => {
  it('masks secrets throughout a tool call\'s trace and caps its root\'s inputs and outputs, leaving the trace it was given as it was', () => {
    const secret = 'tok-1234567890';
    const big = 'x'.repeat(DEFAULT_BODY_CAP_BYTES + 10);
    const trace: Span = {
      name: 'tool.run', start: 1, duration_ms: 2, status: 'ok', tool: 'evaluate_expression',
      inputs: { expression: `use ${secret}`, apiKey: 'k' },
      outputs: { success: true, result: big },
      children: [{ name: 'dap.request', start: 1, duration_ms: 1, status: 'ok', command: 'evaluate', request: { token: 't', text: secret }, children: [] }],
    };
    const recorded = recordedSpan(trace, [secret]);
    assert.deepEqual(recorded.inputs, { expression: `use ${REDACTED}`, apiKey: REDACTED });
    assert.deepEqual(recorded.outputs, capBody({ success: true, result: big }));
    assert.equal((recorded.outputs as { truncated?: boolean }).truncated, true);
    assert.deepEqual(recorded.children[0].request, { token: REDACTED, text: REDACTED });
    assert.deepEqual(trace.inputs, { expression: `use ${secret}`, apiKey: 'k' }, 'the given trace is not changed');
    assert.equal(Object.hasOwn(recordedSpan({ name: 'tool.run', start: 0, duration_ms: 0, status: 'ok', children: [] }), 'inputs'), false, 'no inputs key is added');
  });
});
