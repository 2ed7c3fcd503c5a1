import * as assert from 'node:assert/strict';
import { distinguishingStart } from '../../webview/sessionIdLabel';

const own = (ids: string[]) => ids.map((id) => id.slice(distinguishingStart(ids)));

describe('session id labels in a narrow panel', () => {
  it('drops the prefix the shown ids share, at a separator', () => {
    assert.deepEqual(own(['conn-agent-1', 'conn-proxy-2', 'conn-curl-3']), ['agent-1', 'proxy-2', 'curl-3']);
    assert.deepEqual(own(['c-1a2b3c4d', 'c-1a9f0000']), ['1a2b3c4d', '1a9f0000']);
    assert.deepEqual(own(['proxy:payments-1', 'proxy:payments-2']), ['1', '2']);
  });

  it('a lone id drops only its leading word; ids without a shared word stay whole', () => {
    assert.deepEqual(own(['c-1a2b3c4d']), ['1a2b3c4d']);
    assert.deepEqual(own(['abc', 'abd']), ['abc', 'abd']);
    assert.deepEqual(own([]), []);
  });

  it('never hides the whole of an id that is a prefix of another', () => {
    assert.deepEqual(own(['conn-a', 'conn-a-2']), ['a', 'a-2']);
  });
});
