// Issue 12 §3: trust and tools.deny judge a call by what it does (its effects, from the tool and
// its arguments), so an inline attach or a conditional breakpoint cannot slip past a name.
import * as assert from 'node:assert/strict';
import type { AttachSpec, ExecutionOutcome, LaunchPlan } from '../../src/debug/debugBridge';
import { CODE_RUNNING_EFFECTS, effectsOf, TOOL_EFFECTS } from '../../src/mcp/toolEffects';
import { applyToolPolicy, refusalReason } from '../../src/mcp/toolPolicy';
import { runTool } from '../../src/mcp/toolRunner';
import { createTools } from '../../src/mcp/tools';
import { defineTool } from '../../src/mcp/toolDefinition';
import { FakeDebugBridge } from './toolsFakeBridge';

const policy = (trusted: boolean, denied: string[] = []) => ({ isTrusted: () => trusted, deniedPatterns: () => denied });
const untrusted = policy(false);
const inlineAttach = { language: 'python', port: 5678 };

/** The fake bridge, also logging attaches (the tools' own fake does not). */
class RecordingBridge extends FakeDebugBridge {
  override async attach(id: string, spec: AttachSpec): Promise<ExecutionOutcome & LaunchPlan> {
    this.calls.push(`attach ${spec.port}`);
    return super.attach(id, spec);
  }
}

describe('tool effects: what a call does', () => {
  it('gives every tool the server serves an entry of known effects', () => {
    const tools = createTools(new FakeDebugBridge());
    assert.ok(tools.length > 0);
    for (const tool of tools) {
      const effects = effectsOf(tool.name, {});
      assert.ok(effects && effects.length > 0, `${tool.name} has an entry in the effect table`);
      for (const effect of effects) assert.ok(TOOL_EFFECTS.includes(effect), `${tool.name}: ${effect} is a known effect`);
    }
    assert.equal(effectsOf('made_up_tool', {}), undefined);
    assert.equal(effectsOf('toString', {}), undefined, 'only the table\'s own entries count');
  });

  it('names the code-running tools by their effects, arguments included', () => {
    const running = createTools(new FakeDebugBridge())
      .filter((tool) => effectsOf(tool.name, {})!.some((effect) => CODE_RUNNING_EFFECTS.has(effect)))
      .map((tool) => tool.name);
    assert.deepEqual(running.sort(), ['attach_to_process', 'debug_test', 'evaluate_expression', 'redefine_classes', 'restart_debugging', 'start_debugging']);
    assert.deepEqual(effectsOf('create_debug_session', { language: 'python' }), ['session']);
    assert.deepEqual(effectsOf('create_debug_session', inlineAttach), ['session', 'attach']);
    assert.deepEqual(effectsOf('create_debug_session', { language: 'python', host: 'localhost' }), ['session'], 'host alone attaches nothing');
    assert.deepEqual(effectsOf('start_debugging', { sessionId: 's', scriptPath: 'a.py' }), ['launch']);
    assert.deepEqual(effectsOf('start_debugging', { sessionId: 's', scriptPath: 'a.py', dryRunSpawn: false }), ['launch']);
    assert.deepEqual(effectsOf('start_debugging', { sessionId: 's', scriptPath: 'a.py', dryRunSpawn: true }), ['inspect']);
    assert.deepEqual(effectsOf('start_debugging', { sessionId: 's', configurationName: 'Build and run', dryRunSpawn: true }), ['launch'], 'a named configuration is no dry run: its start runs the preLaunchTask');
    assert.deepEqual(effectsOf('restart_debugging', { sessionId: 's' }), ['launch']);
    assert.deepEqual(effectsOf('debug_test', { file: 'test_a.py' }), ['launch'], 'it runs the tests\' code');
    assert.deepEqual(effectsOf('set_breakpoint', { sessionId: 's', file: 'a.py', line: 2 }), ['breakpoints']);
    for (const field of ['condition', 'hitCondition', 'logMessage']) {
      assert.deepEqual(effectsOf('set_breakpoint', { sessionId: 's', file: 'a.py', line: 2, [field]: 'x > 1' }), ['breakpoints', 'evaluate'], field);
    }
    assert.deepEqual(effectsOf('continue_execution', { sessionId: 's' }), ['control']);
    assert.deepEqual(effectsOf('close_debug_session', { sessionId: 's' }), ['end']);
  });
});

describe('tool policy by effect: workspace trust', () => {
  it('refuses an inline attach, a launch, an evaluation in an untrusted workspace, and lets the harmless variants run', () => {
    assert.match(refusalReason('create_debug_session', untrusted, inlineAttach)!, /^Denied: create_debug_session with these arguments attaches the debugger to a running program \(as attach_to_process does\).*not trusted.*Manage Workspace Trust/);
    assert.equal(refusalReason('create_debug_session', untrusted, { language: 'python' }), undefined);
    assert.match(refusalReason('start_debugging', untrusted, { sessionId: 's', scriptPath: 'a.py' })!, /^Denied: start_debugging starts a program.*not trusted/);
    assert.equal(refusalReason('start_debugging', untrusted, { sessionId: 's', scriptPath: 'a.py', dryRunSpawn: true }), undefined, 'a dry run starts nothing');
    assert.match(refusalReason('restart_debugging', untrusted, { sessionId: 's' })!, /starts a program/);
    assert.match(refusalReason('start_debugging', untrusted, { sessionId: 's', configurationName: 'Build and run' })!, /^Denied: start_debugging starts a program.*not trusted/);
    assert.match(refusalReason('start_debugging', untrusted, { sessionId: 's', configurationName: 'Build and run', dryRunSpawn: true })!, /^Denied: start_debugging starts a program.*not trusted/, 'dryRunSpawn does not make a named start a dry run');
    assert.match(refusalReason('debug_test', untrusted, { file: 'test_a.py' })!, /^Denied: debug_test starts a program.*not trusted/);
    assert.match(refusalReason('set_breakpoint', untrusted, { sessionId: 's', file: 'a.py', line: 2, condition: 'x > 1' })!, /runs an expression inside the debugged program \(as evaluate_expression does\)/);
    assert.equal(refusalReason('set_breakpoint', untrusted, { sessionId: 's', file: 'a.py', line: 2 }), undefined);
    assert.match(refusalReason('redefine_classes', untrusted, { sessionId: 's', classesDir: '/c' })!, /replaces code/);
    for (const tool of ['step_over', 'continue_execution', 'get_variables', 'list_debug_sessions', 'close_debug_session', 'detach_from_process', 'expose_session']) {
      assert.equal(refusalReason(tool, untrusted, { sessionId: 's' }), undefined, tool);
    }
  });

  it('refuses a tool the effect table does not know while the workspace is untrusted, and runs it once trusted', async () => {
    let ran = 0;
    const [tool] = applyToolPolicy([defineTool({ name: 'new_tool_without_entry', description: 'x', inputSchema: {}, handler: async () => { ran++; return { success: true }; } })], untrusted);
    const run = await runTool(tool, {}, { signal: new AbortController().signal, source: 'debugger' });
    assert.equal(run.result.denied, true);
    assert.match(run.result.error!, /new_tool_without_entry does not declare what it does.*not trusted/);
    assert.equal(ran, 0);
    assert.equal(refusalReason('new_tool_without_entry', policy(true)), undefined);
  });

  it('decides on the arguments the tool gets: an untrusted inline attach never reaches the bridge, a dry run does', async () => {
    const bridge = new RecordingBridge();
    const tools = applyToolPolicy(createTools(bridge), untrusted);
    const call = async (name: string, input: Record<string, unknown>) =>
      (await runTool(tools.find((tool) => tool.name === name)!, input, { signal: new AbortController().signal, source: 'debugger' })).result;
    const attached = await call('create_debug_session', inlineAttach);
    assert.equal(attached.success, false);
    assert.equal(attached.denied, true);
    assert.equal(bridge.sessions.size, 0, 'no session was created either');
    const created = await call('create_debug_session', { language: 'python' });
    assert.equal(created.success, true, JSON.stringify(created));
    const dryRun = await call('start_debugging', { sessionId: created.sessionId, scriptPath: '/w/a.py', dryRunSpawn: true });
    assert.equal(dryRun.success, true, JSON.stringify(dryRun));
    assert.equal((dryRun.data as { dryRun: boolean }).dryRun, true);
    const launched = await call('start_debugging', { sessionId: created.sessionId, scriptPath: '/w/a.py' });
    assert.equal(launched.denied, true);
    assert.ok(bridge.calls.includes('planLaunch'), bridge.calls.join(', '));
    assert.deepEqual(bridge.calls.filter((call) => /^(attach|launch)/.test(call)), [], 'nothing was attached or launched');
  });
});

describe('tool policy by effect: tools.deny', () => {
  it('refuses every call with the effect of a tool a pattern names: attach_* forbids attaching however it is asked', () => {
    const denyAttach = policy(true, ['attach_*']);
    assert.match(refusalReason('attach_to_process', denyAttach, { sessionId: 's', port: 5678 })!, /attach_to_process is refused .*tools\.deny \("attach_\*"\)/);
    assert.match(refusalReason('create_debug_session', denyAttach, inlineAttach)!, /^Denied: create_debug_session with these arguments attaches the debugger to a running program \(as attach_to_process does\), which the setting mcpLiveDebugger\.tools\.deny \("attach_\*"\) refuses/);
    assert.equal(refusalReason('create_debug_session', denyAttach, { language: 'python' }), undefined);
    assert.match(refusalReason('create_debug_session', policy(true, ['attach_to_process']), inlineAttach)!, /"attach_to_process"/);
    assert.match(refusalReason('restart_debugging', policy(true, ['start_debugging']), { sessionId: 's' })!, /restart_debugging starts a program \(as start_debugging does\).*"start_debugging"/);
    assert.match(refusalReason('debug_test', policy(true, ['start_*']), { file: 'test_a.py' })!, /debug_test starts a program \(as start_debugging does\).*"start_\*"/);
    assert.match(refusalReason('debug_test', policy(true, ['effect:launch']), { file: 'test_a.py' })!, /"effect:launch"/);
    assert.match(refusalReason('start_debugging', policy(true, ['effect:launch']), { sessionId: 's', configurationName: 'Build and run', dryRunSpawn: true })!, /"effect:launch"/);
    assert.match(refusalReason('set_breakpoint', policy(true, ['evaluate_*']), { sessionId: 's', file: 'a.py', line: 2, logMessage: 'x={x}' })!, /"evaluate_\*"/);
    assert.equal(refusalReason('set_breakpoint', policy(true, ['evaluate_*']), { sessionId: 's', file: 'a.py', line: 2 }), undefined);
  });

  it('matches effect: patterns against effect names and plain patterns against tool names only', () => {
    assert.match(refusalReason('create_debug_session', policy(true, ['effect:attach']), inlineAttach)!, /tools\.deny \("effect:attach"\)/);
    assert.match(refusalReason('attach_to_process', policy(true, [' effect:att* ']), { sessionId: 's', port: 1 })!, /attaches/);
    assert.match(refusalReason('step_over', policy(true, ['effect:control']), { sessionId: 's' })!, /step_over resumes, steps or pauses the program/);
    assert.equal(refusalReason('start_debugging', policy(true, ['effect:launch']), { sessionId: 's', scriptPath: 'a.py', dryRunSpawn: true }), undefined, 'a dry run launches nothing');
    assert.match(refusalReason('start_debugging', policy(true, ['start_debugging']), { sessionId: 's', scriptPath: 'a.py', dryRunSpawn: true })!, /start_debugging is refused/, 'a denied name refuses every call of that tool');
    assert.equal(refusalReason('list_debug_sessions', policy(true, ['i*', 'effect']), {}), undefined, 'a plain pattern never matches an effect name');
    assert.equal(refusalReason('continue_execution', policy(true, ['step_*']), { sessionId: 's' }), undefined, 'control has no tool of its own: step_* does not refuse continue');
    assert.equal(refusalReason('close_debug_session', policy(true, ['detach_*']), { sessionId: 's' }), undefined);
  });
});
