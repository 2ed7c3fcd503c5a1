import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DebugError, type DebugFact } from '../../src/debug/debugErrors';
import { wordDebugError } from '../../src/mcp/debugErrorWording';
import { createTools } from '../../src/mcp/tools';
import { FakeDebugBridge } from './toolsFakeBridge';

const DEBUG_LAYER = join(__dirname, '../../src/debug');

function sourcesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('debug errors: facts in the debug layer, words in the tool layer', () => {
  it('the debug layer names no tool', () => {
    const toolNames = createTools(new FakeDebugBridge()).map((tool) => tool.name);
    for (const file of sourcesUnder(DEBUG_LAYER)) {
      const text = readFileSync(file, 'utf8');
      const named = toolNames.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
      assert.deepEqual(named, [], file);
    }
  });

  it('words a fact with its data and the next step, and keeps the stable code', () => {
    const facts: Array<[DebugFact, string, RegExp]> = [
      [{ kind: 'wrong_state', sessionId: 's1', state: 'running', needed: ['paused'] }, 'wrong_state', /step_over: session s1 is running, and this needs paused\. .*pause_execution/],
      [{ kind: 'never_launched', sessionId: 's1', mode: 'attach' }, 'wrong_state', /never launched.*attach session.*start_debugging/],
      [{ kind: 'adapter_refused', command: 'next', adapterMessage: 'not stopped' }, 'adapter_error', /refused next: not stopped/],
      [{ kind: 'line_out_of_range', path: '/w/a.py', line: 9, lineCount: 5 }, 'bad_line', /Line 9 is past the end of \/w\/a\.py, which has 5 line\(s\)/],
      [{ kind: 'launch_failed', language: 'python', reason: 'no python3' }, 'launch_failed', /python debugger did not start: no python3/],
      [
        { kind: 'unknown_exception_filter', sessionId: 's1', unknown: ['raise'], available: [{ id: 'raised', label: 'Raised Exceptions' }, { id: 'uncaught', label: 'Uncaught Exceptions' }] },
        'unknown_filter',
        /Unknown exception filter id\(s\) "raise" for session s1\. Its debugger offers: raised \(Raised Exceptions\); uncaught \(Uncaught Exceptions\)\. Nothing was changed\./,
      ],
    ];
    for (const [fact, code, words] of facts) {
      const error = new DebugError(fact);
      assert.equal(error.code, code, fact.kind);
      assert.match(wordDebugError(error.fact, 'step_over'), words, fact.kind);
    }
  });
});
