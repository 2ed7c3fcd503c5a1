import * as assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { checkBearer, checkHostAndOrigin, readAuthorization, secretsEqual } from '../../src/http/requestGuard';

function requestWith(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

describe('request guard', () => {
  it('accepts the loopback names with the right port only', () => {
    for (const host of ['127.0.0.1:4000', 'localhost:4000', '[::1]:4000']) {
      assert.deepEqual(checkHostAndOrigin(requestWith({ host }), 4000), { ok: true });
    }
    for (const host of ['127.0.0.1:4001', 'evil.example:4000', 'localhost', '']) {
      const verdict = checkHostAndOrigin(requestWith({ host }), 4000);
      assert.equal(verdict.ok, false);
      assert.equal(!verdict.ok && verdict.status, 403);
    }
  });

  it('refuses browser origins other than the server itself (DNS rebinding)', () => {
    assert.equal(checkHostAndOrigin(requestWith({ host: 'localhost:80', origin: 'http://localhost:80' }), 80).ok, true);
    const verdict = checkHostAndOrigin(requestWith({ host: 'localhost:80', origin: 'http://attacker.example' }), 80);
    assert.equal(verdict.ok, false);
    assert.equal(checkHostAndOrigin(requestWith({ host: 'localhost:80', origin: 'null' }), 80).ok, false);
  });

  it('reads only the asked authorization scheme', () => {
    assert.equal(readAuthorization(requestWith({ authorization: 'Bearer abc' }), 'Bearer'), 'abc');
    assert.equal(readAuthorization(requestWith({ authorization: 'bearer  abc ' }), 'Bearer'), 'abc');
    assert.equal(readAuthorization(requestWith({ authorization: 'Token abc' }), 'Bearer'), undefined);
    assert.equal(readAuthorization(requestWith({}), 'Token'), undefined);
  });

  it('checks bearer tokens: missing and wrong are 401 with what to do', () => {
    assert.deepEqual(checkBearer(requestWith({ authorization: 'Bearer secret-token' }), 'secret-token'), { ok: true });
    const missing = checkBearer(requestWith({}), 'secret-token');
    assert.ok(!missing.ok && missing.status === 401 && /discovery file/.test(missing.message));
    const wrong = checkBearer(requestWith({ authorization: 'Bearer secret-tokeX' }), 'secret-token');
    assert.ok(!wrong.ok && wrong.status === 401);
  });

  it('compares secrets of any lengths', () => {
    assert.equal(secretsEqual('a', 'a'), true);
    assert.equal(secretsEqual('a', 'ab'), false);
    assert.equal(secretsEqual('', 'x'), false);
  });
});
