// How one tier's result adds to the run's. A test skips when something it needs is missing, and
// then it checked nothing: under CI=true a skip counts as a failure.

/** Whether skips count as failures: CI is set (GitHub and most CI systems set CI=true) and not "false". */
export function skipIsFailure(env = process.env) {
  return Boolean(env.CI) && env.CI !== 'false';
}

/** Passed, failed and skipped tests from mocha's spec summary; a crash before the summary is one failure. */
export function mochaCounts(output, exitCode) {
  const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(output)?.[1] ?? 0);
  const counts = { passed: count('passing'), failed: count('failing'), skipped: count('pending') };
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

/** Adds a tier's counts to the totals, and what went wrong to the problems. */
export function addTierCounts(totals, problems, tier, counts, skipsFail) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped ?? 0;
  if (counts.failed > 0) problems.push(`${tier}: ${counts.failed} failed`);
  if (counts.skipped > 0 && skipsFail) {
    totals.failed += counts.skipped;
    problems.push(`${tier}: ${counts.skipped} skipped, counted as failed under CI (a skipped test checked nothing: install what it needs)`);
  }
}
