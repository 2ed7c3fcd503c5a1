import * as assert from 'node:assert/strict';
import { OfferedTools } from '../../src/mcp/offeredTools';
import { createTools } from '../../src/mcp/tools';
import { FakeDebugBridge } from './toolsFakeBridge';

describe('offered tools: what tools/list shows under the tool policy, and when it changes', () => {
  const all = createTools(new FakeDebugBridge());
  let trusted: boolean;
  let patterns: string[];
  let offered: OfferedTools;
  let changes: number;

  beforeEach(() => {
    trusted = true;
    patterns = [];
    offered = new OfferedTools(all, { isTrusted: () => trusted, deniedPatterns: () => patterns });
    changes = 0;
    offered.onDidChange(() => changes++);
  });

  afterEach(() => offered.dispose());

  it('offers every tool, as defined, while trusted with nothing denied, and keeps the same list until something changes', () => {
    const first = offered.current();
    assert.deepEqual(first, all);
    offered.refresh();
    assert.equal(offered.current(), first);
    assert.equal(changes, 0);
  });

  it('leaves out the tools tools.deny names, not those an effect pattern names (those are refused per call)', () => {
    patterns = ['evaluate_*', 'effect:launch'];
    offered.refresh();
    assert.equal(changes, 1);
    const names = offered.current().map((tool) => tool.name);
    assert.ok(!names.includes('evaluate_expression'));
    assert.ok(names.includes('start_debugging'));
    assert.equal(names.length, all.length - 1);
  });

  it('says on the code-running tools that they are refused while untrusted, and changes back when trust is granted', () => {
    trusted = false;
    offered.refresh();
    assert.equal(changes, 1);
    const described = (name: string) => offered.current().find((tool) => tool.name === name)?.description ?? '';
    assert.match(described('start_debugging'), /Refused while this workspace is not trusted/);
    assert.match(described('evaluate_expression'), /Refused while this workspace is not trusted/);
    assert.doesNotMatch(described('list_debug_sessions'), /not trusted/);
    trusted = true;
    offered.refresh();
    assert.equal(changes, 2);
    assert.deepEqual(offered.current(), all);
  });
});
