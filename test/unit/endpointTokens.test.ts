import * as assert from 'node:assert/strict';
import { EndpointTokenManager, MAX_ENDPOINT_TOKEN_MS } from '../../src/toolEndpoint/endpointTokens';
import { secretsEqual } from '../../src/http/requestGuard';
import type { EndpointTokenState } from '../../src/shared/toolEndpoint';
import { FakeClock } from './endpointTokensFakeClock';

const HOUR = 60 * 60 * 1000;

describe('EndpointTokenManager', () => {
  let clock: FakeClock;
  let maxHours: number;
  let tokens: EndpointTokenManager;
  let changes: EndpointTokenState[];

  beforeEach(() => {
    clock = new FakeClock();
    maxHours = 4;
    tokens = new EndpointTokenManager({ clock, maxDurationMs: () => maxHours * HOUR });
    changes = [];
    tokens.onDidChange((state) => changes.push(state));
  });

  afterEach(() => tokens.dispose());

  it('creates a token that is accepted until it expires after the configured time', () => {
    const created = tokens.create('alice');
    assert.match(created.value, /^mld_[A-Za-z0-9_-]{43}$/);
    assert.equal(created.token.by, 'alice');
    assert.equal(created.token.expiresAt - created.token.createdAt, 4 * HOUR);
    assert.deepEqual(tokens.check(created.value), { ok: true, token: created.token });

    clock.advance(4 * HOUR - 1);
    assert.equal(tokens.check(created.value).ok, true, 'still valid one millisecond before expiry');
    clock.advance(1);
    const verdict = tokens.check(created.value);
    assert.equal(verdict.ok, false);
    assert.ok(!verdict.ok && verdict.status === 403 && verdict.reason === 'expired');
    assert.match(!verdict.ok ? verdict.message : '', /expired/);
    assert.equal(tokens.active, undefined);
    assert.deepEqual(tokens.history.map((entry) => [entry.endedHow, entry.durationMs]), [['expired', 4 * HOUR]]);
  });

  it('expires by its timer too, telling listeners without anyone asking', () => {
    tokens.create('alice');
    assert.equal(clock.pendingTimers, 1);
    changes.length = 0;
    clock.advance(4 * HOUR);
    assert.equal(changes.length, 1);
    assert.equal(changes[0].active, undefined);
    assert.equal(changes[0].history[0].endedHow, 'expired');
    assert.equal(clock.pendingTimers, 0);
  });

  it('takes a shorter life from the setting and never more than 4 hours', () => {
    maxHours = 0.25;
    const short = tokens.create('alice');
    assert.equal(short.token.expiresAt - short.token.createdAt, 15 * 60 * 1000);
    maxHours = 10;
    const capped = tokens.create('alice');
    assert.equal(capped.token.expiresAt - capped.token.createdAt, MAX_ENDPOINT_TOKEN_MS);
    maxHours = -1;
    assert.equal(tokens.maxDurationMs, MAX_ENDPOINT_TOKEN_MS, 'a nonsense setting falls back to the ceiling');
  });

  it('keeps one token active: a new one replaces the old, which then answers 403 replaced', () => {
    const first = tokens.create('alice');
    clock.advance(10 * 60 * 1000);
    const second = tokens.create('bob');
    assert.equal(second.replaced?.id, first.token.id);
    assert.equal(second.replaced?.endedHow, 'replaced');
    assert.equal(second.replaced?.durationMs, 10 * 60 * 1000);
    assert.notEqual(first.value, second.value);
    assert.equal(tokens.active?.id, second.token.id);
    const old = tokens.check(first.value);
    assert.ok(!old.ok && old.status === 403 && old.reason === 'replaced');
    assert.equal(tokens.check(second.value).ok, true);
    assert.equal(clock.pendingTimers, 1, 'the replaced token\'s timer is cancelled');
  });

  it('stops the active token at once; stopping again is a no-op', () => {
    const created = tokens.create('alice');
    clock.advance(5000);
    const stopped = tokens.stop();
    assert.equal(stopped?.endedHow, 'stopped');
    assert.equal(stopped?.durationMs, 5000);
    const verdict = tokens.check(created.value);
    assert.ok(!verdict.ok && verdict.status === 403 && verdict.reason === 'stopped');
    assert.match(!verdict.ok ? verdict.message : '', /stopped/);
    assert.equal(tokens.stop(), undefined);
    assert.equal(clock.pendingTimers, 0);
  });

  it('answers 401 for a missing, empty or unknown token, even when one is active', () => {
    tokens.create('alice');
    for (const given of [undefined, '']) {
      const verdict = tokens.check(given);
      assert.ok(!verdict.ok && verdict.status === 401 && verdict.reason === 'missing');
    }
    const wrong = tokens.check('mld_not-the-token');
    assert.ok(!wrong.ok && wrong.status === 401 && wrong.reason === 'wrong');
  });

  it('answers 401 (not 403) when no token was ever started', () => {
    const verdict = tokens.check('mld_anything');
    assert.ok(!verdict.ok && verdict.status === 401);
  });

  it('keeps a history of who, when, how long and how it ended, newest first, without token values', () => {
    const values: string[] = [];
    values.push(tokens.create('alice').value);
    clock.advance(1000);
    values.push(tokens.create('bob').value);
    clock.advance(2000);
    tokens.stop();
    values.push(tokens.create('carol').value);
    clock.advance(4 * HOUR);
    const history = tokens.history;
    assert.deepEqual(history.map((entry) => [entry.by, entry.endedHow, entry.durationMs]), [
      ['carol', 'expired', 4 * HOUR],
      ['bob', 'stopped', 2000],
      ['alice', 'replaced', 1000],
    ]);
    for (const entry of history) assert.deepEqual(Object.keys(entry).sort(), ['by', 'createdAt', 'durationMs', 'endedAt', 'endedHow', 'id']);
    const everythingHandedOut = JSON.stringify([tokens.state, changes]);
    for (const value of values) {
      assert.ok(!everythingHandedOut.includes(value), 'no token value in the state or change events');
      assert.ok(!everythingHandedOut.includes(value.slice(4, 20)), 'not even part of one');
    }
  });

  it('bounds the history', () => {
    const small = new EndpointTokenManager({ clock, historyLimit: 3 });
    for (let index = 0; index < 6; index++) small.create(`user${index}`);
    assert.equal(small.history.length, 3);
    assert.equal(small.history[0].by, 'user4');
    small.dispose();
  });

  it('compares every known token in constant time through the injected comparison', () => {
    const compared: [string, string][] = [];
    const counting = new EndpointTokenManager({
      clock,
      compare: (given, expected) => {
        compared.push([given, expected]);
        return secretsEqual(given, expected);
      },
    });
    const first = counting.create('alice');
    counting.stop();
    const second = counting.create('alice');
    counting.stop();
    const active = counting.create('alice');

    compared.length = 0;
    assert.equal(counting.check(active.value).ok, true);
    assert.equal(compared.length, 3, 'the active token and both ended ones are compared, no early exit');
    compared.length = 0;
    assert.equal(counting.check('mld_wrong').ok, false);
    assert.equal(compared.length, 3);
    compared.length = 0;
    const verdict = counting.check(first.value);
    assert.ok(!verdict.ok && verdict.reason === 'stopped');
    assert.equal(compared.length, 3);
    assert.ok(compared.every(([given]) => !given.includes(second.value)), 'ended tokens are compared by digest only');
    counting.dispose();
  });

  it('drops its timer on dispose', () => {
    tokens.create('alice');
    tokens.dispose();
    assert.equal(clock.pendingTimers, 0);
  });
});
