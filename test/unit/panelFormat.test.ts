import * as assert from 'node:assert/strict';
import { formatBytes, formatDuration, formatMs, groupThousands } from '../../webview/format';

describe('panel number formats', () => {
  it('groups thousands without Intl', () => {
    assert.deepEqual([0, 7, 999, 1000, 12345, 1234567, -2340].map(groupThousands), ['0', '7', '999', '1,000', '12,345', '1,234,567', '-2,340']);
  });

  it('reads durations, latencies and sizes the way the issue shows them', () => {
    assert.equal(formatMs(2340), '2,340 ms');
    assert.equal(formatMs(4.25), '4.3 ms');
    assert.equal(formatMs(undefined), '—');
    assert.deepEqual([850, 9_500, 245_000, 7_380_000].map(formatDuration), ['850 ms', '9.5 s', '4 m 05 s', '2 h 03 m']);
    assert.deepEqual([512, 5_200, 3 * 1024 * 1024].map(formatBytes), ['512 B', '5.1 KB', '3.0 MB']);
  });
});
