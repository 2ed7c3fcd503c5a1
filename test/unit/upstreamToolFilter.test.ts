import * as assert from 'node:assert/strict';
import { UpstreamToolFilter } from '../../src/proxy/upstreamToolFilter';

describe('proxy upstream tool filter', () => {
  it('denies by pattern and names the pattern and the setting to change', () => {
    const policy = new UpstreamToolFilter('files', { deny: ['delete_*', 'move_file'] });
    assert.equal(policy.restricts, true);
    assert.deepEqual(policy.check('read_file'), { allowed: true });
    const verdict = policy.check('delete_everything');
    assert.equal(verdict.allowed, false);
    assert.match(verdict.allowed ? '' : verdict.reason, /"delete_everything" is denied .* upstream "files" \(deny pattern "delete_\*"\).*mcpLiveDebugger\.proxy\.servers\.files\.deny/);
    assert.equal(policy.check('move_file').allowed, false);
    assert.equal(policy.check('move_files').allowed, true, 'patterns match whole names');
  });

  it('with an allow list denies everything else, and deny wins over allow', () => {
    const policy = new UpstreamToolFilter('x', { allow: ['get_*', 'echo'], deny: ['get_secret'] });
    assert.equal(policy.check('echo').allowed, true);
    assert.equal(policy.check('get_sum').allowed, true);
    assert.equal(policy.check('get_secret').allowed, false);
    const other = policy.check('write');
    assert.match(other.allowed ? '' : other.reason, /not in its allow list: "get_\*", "echo"/);
  });

  it('treats regular-expression characters in patterns literally', () => {
    const policy = new UpstreamToolFilter('x', { deny: ['a.b', 'c+(d)'] });
    assert.equal(policy.check('a.b').allowed, false);
    assert.equal(policy.check('axb').allowed, true);
    assert.equal(policy.check('c+(d)').allowed, false);
  });

  it('restricts nothing without lists, and filters tools/list results', () => {
    assert.equal(new UpstreamToolFilter('x', {}).restricts, false);
    const policy = new UpstreamToolFilter('x', { deny: ['b'], hideDenied: true });
    assert.equal(policy.hideDenied, true);
    const result = { tools: [{ name: 'a' }, { name: 'b' }, { name: 'c' }], nextCursor: 'n' };
    assert.deepEqual(policy.filterToolsListResult(result), { tools: [{ name: 'a' }, { name: 'c' }], nextCursor: 'n' });
    assert.equal(policy.filterToolsListResult('not a result'), 'not a result');
  });
});
