// Every test runner we know, and the choice among them for one test file: the one the
// call names, else the one the project points to most strongly.
import { jestRunner } from './jestRunner';
import { mochaRunner } from './mochaRunner';
import { nodeTestRunner } from './nodeTestRunner';
import { pytestRunner } from './pytestRunner';
import type { TestFramework, TestProject, TestRunner } from './testRunner';
import { unittestRunner } from './unittestRunner';
import { vitestRunner } from './vitestRunner';

export const TEST_RUNNERS: readonly TestRunner[] = [pytestRunner, unittestRunner, jestRunner, vitestRunner, mochaRunner, nodeTestRunner];

export type RunnerChoice = { runner: TestRunner } | { lookedFor: TestFramework[] };

/** `framework` wins when given (and known); else the highest detection score above 0, the earlier runner on a tie. */
export function chooseRunner(project: TestProject, framework: TestFramework | undefined, runners: readonly TestRunner[] = TEST_RUNNERS): RunnerChoice {
  if (framework !== undefined) {
    const named = runners.find((runner) => runner.framework === framework);
    return named ? { runner: named } : { lookedFor: runners.map((runner) => runner.framework) };
  }
  let best: { runner: TestRunner; score: number } | undefined;
  for (const runner of runners) {
    const score = runner.detect(project);
    if (score > 0 && (best === undefined || score > best.score)) best = { runner, score };
  }
  return best ? { runner: best.runner } : { lookedFor: runners.map((runner) => runner.framework) };
}
