import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { defineTool } from '../../src/mcp/toolDefinition';
import { applyToolPolicy, patternMatches, refusalReason } from '../../src/mcp/toolPolicy';
import { runTool } from '../../src/mcp/toolRunner';

const policy = (trusted: boolean, denied: string[] = []) => ({ isTrusted: () => trusted, deniedPatterns: () => denied });

describe('tool policy', () => {
  it('matches tool-name patterns with * wildcards and nothing else', () => {
    assert.ok(patternMatches('evaluate_*', 'evaluate_expression'));
    assert.ok(patternMatches('*', 'anything'));
    assert.ok(patternMatches('step_over', 'step_over'));
    assert.ok(!patternMatches('step_over', 'step_over_all'));
    assert.ok(!patternMatches('step.over', 'step_over'), 'a dot is literal');
    assert.ok(!patternMatches('', 'x'));
  });

  it('refuses denied tools for everyone and code-running tools in untrusted workspaces', () => {
    assert.match(refusalReason('step_over', policy(true, ['step_*']))!, /mcpLiveDebugger\.tools\.deny \("step_\*"\)/);
    assert.match(refusalReason('evaluate_expression', policy(false))!, /not trusted/);
    assert.match(refusalReason('start_debugging', policy(false))!, /Manage Workspace Trust/);
    assert.equal(refusalReason('get_stack_trace', policy(false)), undefined);
    assert.equal(refusalReason('evaluate_expression', policy(true)), undefined);
  });

  it('answers a refused call with denied:true without running the handler', async () => {
    let ran = 0;
    const tools = applyToolPolicy([
      defineTool({ name: 'evaluate_expression', description: 'x', inputSchema: { expression: z.string() }, handler: async () => { ran++; return { success: true }; } }),
    ], policy(false));
    const run = await runTool(tools[0], { expression: '1' }, { signal: new AbortController().signal, source: 'debugger' });
    assert.equal(ran, 0);
    assert.equal(run.result.success, false);
    assert.equal(run.result.denied, true);
    assert.equal(run.trace.status, 'error');
  });

  it('still validates input before the policy so a wrong call says what is wrong', async () => {
    const tools = applyToolPolicy([
      defineTool({ name: 'evaluate_expression', description: 'x', inputSchema: { expression: z.string() }, handler: async () => ({ success: true }) }),
    ], policy(false));
    const run = await runTool(tools[0], {}, { signal: new AbortController().signal, source: 'debugger' });
    assert.match(run.result.error!, /Invalid input for evaluate_expression: expression/);
  });
});
