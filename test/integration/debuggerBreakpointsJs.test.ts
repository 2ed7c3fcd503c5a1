// set_breakpoint's answer is what VS Code and the adapter then hold: before start the breakpoint is
// in vscode.debug.breakpoints (file, line, condition) and the next start stops there; on a running
// session the adapter's verification is reported; the line's text follows the file on disk.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ok, removeAllBreakpoints, sdkCaller, stopAllDebugSessions, type Caller } from './debuggerSupport';
import { activateExtension, connectSdkClient, fixturePath } from './support';

/** VS Code's own source breakpoint with this id, as file, 1-based line and condition. */
function heldByVscode(id: unknown): { file: string; line: number; condition: string | undefined } | undefined {
  const breakpoint = vscode.debug.breakpoints.find((candidate) => candidate.id === id);
  if (!(breakpoint instanceof vscode.SourceBreakpoint)) return undefined;
  return { file: breakpoint.location.uri.fsPath, line: breakpoint.location.range.start.line + 1, condition: breakpoint.condition };
}

describe('JavaScript: set_breakpoint answers what VS Code and js-debug hold', function () {
  this.timeout(120_000);
  let client: Client;
  let call: Caller;

  before(async () => {
    await activateExtension();
    client = await connectSdkClient('debugger-breakpoints-js');
    call = sdkCaller(client);
  });
  after(async () => {
    await client?.close();
  });
  afterEach(async () => {
    removeAllBreakpoints();
    await stopAllDebugSessions();
  });

  it('before start: VS Code holds the breakpoint with its condition, and the start stops there; while paused: js-debug verifies a new one', async () => {
    const program = fixturePath('swap_vars.js');
    const sessionId = (await ok(call, 'create_debug_session', { language: 'javascript', name: 'js breakpoints' })).sessionId as string;
    try {
      const early = await ok(call, 'set_breakpoint', { sessionId, file: program, line: 3, condition: 'a === 1' });
      assert.deepEqual([early.file, early.line, early.verified, early.condition, early.content], [program, 3, false, 'a === 1', '  a = b;'], JSON.stringify(early));
      assert.deepEqual(heldByVscode(early.breakpointId), { file: program, line: 3, condition: 'a === 1' }, 'VS Code holds it as answered');

      const started = await ok(call, 'start_debugging', { sessionId, scriptPath: program, timeoutMs: 30_000 });
      assert.deepEqual([started.state, started.reason, (started.location as { line: number } | undefined)?.line], ['paused', 'breakpoint', 3], JSON.stringify(started));

      const late = await ok(call, 'set_breakpoint', { sessionId, file: program, line: 12 });
      assert.deepEqual([late.line, late.verified, late.content], [12, true, '  console.log(`after swap: x=${x} y=${y}`);'], JSON.stringify(late));
      assert.deepEqual(heldByVscode(late.breakpointId), { file: program, line: 12, condition: undefined });
      const listed = await ok(call, 'list_breakpoints', { sessionId });
      assert.deepEqual((listed.breakpoints as Array<{ line: number; verified: boolean }>).map(({ line, verified }) => [line, verified]), [[3, true], [12, true]], JSON.stringify(listed));

      const next = await ok(call, 'continue_execution', { sessionId, timeoutMs: 30_000 });
      assert.deepEqual([next.state, (next.location as { line: number } | undefined)?.line], ['paused', 12], JSON.stringify(next));
    } finally {
      await call('close_debug_session', { sessionId });
    }
  });

  it("answers the line's text as the file now is on disk, and refuses a line past its end or a missing file", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mld-breakpoint-source-'));
    const file = join(folder, 'changing.js');
    const sessionId = (await ok(call, 'create_debug_session', { language: 'javascript', name: 'js changing source' })).sessionId as string;
    try {
      writeFileSync(file, 'let first = 1;\nlet second = 2;\n');
      const before = await ok(call, 'set_breakpoint', { sessionId, file, line: 2 });
      assert.equal(before.content, 'let second = 2;');
      writeFileSync(file, 'let first = 1;\nlet changed = "a longer line";\nlet third = 3;\n');
      const after = await ok(call, 'set_breakpoint', { sessionId, file, line: 3 });
      assert.equal(after.content, 'let third = 3;', JSON.stringify(after));
      const past = await call('set_breakpoint', { sessionId, file, line: 4 });
      assert.equal(past.success, false, JSON.stringify(past));
      assert.match(String(past.error), /which has 3 line/, JSON.stringify(past));
      const missing = await call('set_breakpoint', { sessionId, file: join(folder, 'missing.js'), line: 1 });
      assert.match(String(missing.error), /File not found: .*missing\.js/, JSON.stringify(missing));
      assert.equal(vscode.debug.breakpoints.filter((breakpoint) => breakpoint instanceof vscode.SourceBreakpoint && breakpoint.location.uri.fsPath === file).length, 2, 'the refused call set no breakpoint');
    } finally {
      await call('close_debug_session', { sessionId });
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
