// Issue 12 §1: a test that skips because something is missing is a lost check, so under CI=true
// `npm test` counts it as failed. Real mocha runs a suite with a skipping test; its summary goes
// through the same counting scripts/test.mjs does.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '../..');

interface Counts { passed: number; failed: number; skipped?: number }
interface TierCountsModule {
  skipIsFailure(env: Record<string, string | undefined>): boolean;
  mochaCounts(output: string, exitCode: number): Counts;
  addTierCounts(totals: Required<Counts>, problems: string[], tier: string, counts: Counts, skipsFail: boolean): void;
}


function runSkippingSuite(): { output: string; status: number } {
  const run = spawnSync(process.execPath, [join(repoRoot, 'node_modules/mocha/bin/mocha.js'), '--reporter', 'spec', join(repoRoot, 'test/fixtures/skippingSuite/skips.test.mjs')], { encoding: 'utf8', timeout: 60_000 });
  return { output: run.stdout, status: run.status ?? 1 };
}

describe('npm test counts a skipped test as failed under CI', function () {
  this.timeout(60_000);
  // an ES module of the scripts, as scripts/test.mjs imports it (by path, as contributorLoop.test.ts loads .vscode-test.mjs)
  let tierCounts: TierCountsModule;
  before(async () => {
    tierCounts = await import(join(repoRoot, 'scripts/tierCounts.mjs')) as TierCountsModule;
  });

  it('reads CI=true (and any value but "false") as skips fail', () => {
    const { skipIsFailure } = tierCounts;
    assert.equal(skipIsFailure({ CI: 'true' }), true);
    assert.equal(skipIsFailure({ CI: '1' }), true);
    assert.equal(skipIsFailure({ CI: 'false' }), false);
    assert.equal(skipIsFailure({ CI: '' }), false);
    assert.equal(skipIsFailure({}), false);
  });

  it('counts the skip of a real mocha run as a failure under CI, and as a skip otherwise', () => {
    const { mochaCounts, addTierCounts } = tierCounts;
    const { output, status } = runSkippingSuite();
    assert.equal(status, 0, 'mocha itself passes a run with a skip');
    const counts = mochaCounts(output, status);
    assert.deepEqual(counts, { passed: 1, failed: 0, skipped: 1 });

    const underCi: Required<Counts> = { passed: 0, failed: 0, skipped: 0 };
    const ciProblems: string[] = [];
    addTierCounts(underCi, ciProblems, 'unit', counts, true);
    assert.deepEqual(underCi, { passed: 1, failed: 1, skipped: 1 });
    assert.deepEqual(ciProblems, ['unit: 1 skipped, counted as failed under CI (a skipped test checked nothing: install what it needs)']);

    const locally: Required<Counts> = { passed: 0, failed: 0, skipped: 0 };
    const localProblems: string[] = [];
    addTierCounts(locally, localProblems, 'unit', counts, false);
    assert.deepEqual(locally, { passed: 1, failed: 0, skipped: 1 });
    assert.deepEqual(localProblems, []);
  });

  it('counts a run that crashed before its summary as a failure', () => {
    assert.deepEqual(tierCounts.mochaCounts('Error: Cannot find module', 1), { passed: 0, failed: 1, skipped: 0 });
  });
});
