import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileReferencesSourceMap, SourceMapHolds, type BreakpointFile } from '../../src/debug/cdp/sourceMapHolds';

/** Holds over a list of breakpoint files the test changes, and files with a map named by the test. */
function holdsOver(historyKnown: boolean, mapped: readonly string[]): { holds: SourceMapHolds; files: BreakpointFile[]; checked: string[] } {
  const files: BreakpointFile[] = [];
  const checked: string[] = [];
  const holds = new SourceMapHolds(historyKnown, () => files, (file) => {
    checked.push(file);
    return mapped.includes(file);
  });
  return { holds, files, checked };
}

describe("js-debug's source map holds, as a continue over CDP must see them", () => {
  it('holds nothing before the target paused at a breakpoint, and reads no file for that', () => {
    const { holds, files, checked } = holdsOver(true, ['/p/out/app.js']);
    files.push('/p/out/app.js');
    assert.equal(holds.mayHold(), false);
    assert.deepEqual(checked, []);
  });

  it('after a breakpoint hit, holds only when a file with a breakpoint carries a source map', () => {
    const { holds, files } = holdsOver(true, ['/p/out/app.js']);
    files.push('/p/src/app.ts', '/p/plain.js');
    holds.sawBreakpointHit();
    assert.equal(holds.mayHold(), false, 'breakpoints in an original source and in a plain script: nothing held');
    files.push('/p/out/app.js');
    assert.equal(holds.mayHold(), true, 'a breakpoint in the generated file: js-debug may hold its map off');
  });

  it('a breakpoint removed after its hit still counts until the next DAP continue', () => {
    const { holds, files } = holdsOver(true, ['/p/out/app.js']);
    files.push('/p/out/app.js');
    holds.sawBreakpointHit();
    files.splice(0);
    assert.equal(holds.mayHold(), true);
    holds.sawContinue();
    assert.equal(holds.mayHold(), false, "js-debug's continue ended the hold");
  });

  it('a breakpoint file that cannot be checked (not a local file) counts as one with a map', () => {
    const { holds, files } = holdsOver(true, []);
    files.push(undefined);
    holds.sawBreakpointHit();
    assert.equal(holds.mayHold(), true);
  });

  it('a channel that may have missed stops knows nothing until the next DAP continue', () => {
    const late = holdsOver(false, []);
    assert.equal(late.holds.mayHold(), true, 'opened late');
    late.holds.sawContinue();
    assert.equal(late.holds.mayHold(), false);
    const early = holdsOver(true, []);
    early.holds.historyUnknown();
    assert.equal(early.holds.mayHold(), true, 'opened during a pause');
  });
});

describe('whether a file carries a source map reference', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'mld-source-maps-'));
  });
  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('finds the forms V8 reads, and none in a plain script', () => {
    const cases: [string, string, boolean][] = [
      ['compiled.js', 'var a = 1;\n//# sourceMappingURL=compiled.js.map\n', true],
      ['inline.js', 'var a = 1;\n//# sourceMappingURL=data:application/json;base64,e30=\n', true],
      ['old.js', 'var a = 1;\n//@ sourceMappingURL=old.js.map\n', true],
      ['plain.js', 'var a = 1;\n// no map here\n', false],
      ['original.ts', 'let a: number = 1;\n', false],
    ];
    for (const [name, content, expected] of cases) {
      const path = join(folder, name);
      writeFileSync(path, content);
      assert.equal(fileReferencesSourceMap(path), expected, name);
    }
  });

  it('reads a file again when it changed, and takes a missing file to carry a map', () => {
    const path = join(folder, 'rebuilt.js');
    writeFileSync(path, 'var a = 1;\n');
    assert.equal(fileReferencesSourceMap(path), false);
    writeFileSync(path, 'var a = 1;\n//# sourceMappingURL=rebuilt.js.map\n');
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    assert.equal(fileReferencesSourceMap(path), true, 'rebuilt with a map');
    assert.equal(fileReferencesSourceMap(join(folder, 'missing.js')), true);
  });
});
