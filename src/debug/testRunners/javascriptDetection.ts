// The evidence JavaScript runners score a project by, shared so that they weigh it alike: the test
// file's own imports first (a file that imports `vitest` runs under Vitest whatever else the project
// has), then the runner's config file, package.json's key for it, its test script, its dependency.
import { extname } from 'node:path';
import type { TestProject } from './testRunner';

export const SCORE = {
  /** The file imports the runner's module. */
  import: 100,
  configFile: 50,
  packageJsonKey: 40,
  testScript: 30,
  dependency: 20,
  /** A file name or folder the runner's default pattern picks. */
  naming: 5,
} as const;

const JAVASCRIPT_EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx']);

/** The modules whose import ties a file to one runner (and so rules the other runners out). */
export const RUNNER_MODULES = {
  jest: ['@jest/globals'],
  vitest: ['vitest'],
  mocha: ['mocha'],
  'node:test': ['node:test'],
} as const;

export type JavaScriptFramework = keyof typeof RUNNER_MODULES;

export function isJavaScriptFile(file: string): boolean {
  return JAVASCRIPT_EXTENSIONS.has(extname(file).toLowerCase());
}

/** Whether the text imports or requires `module` (statically or with `import()`). */
export function importsModule(text: string, module: string): boolean {
  const name = module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(?:\\bfrom\\s*|\\brequire\\s*\\(\\s*|\\bimport\\s*\\(\\s*|\\bimport\\s+)(['"\`])${name}\\1`).test(text);
}

/** The runner the file's imports tie it to, if any. */
export function importedRunner(text: string): JavaScriptFramework | undefined {
  return (Object.keys(RUNNER_MODULES) as JavaScriptFramework[]).find((framework) => RUNNER_MODULES[framework].some((module) => importsModule(text, module)));
}

/**
 * The score of `framework` for a JavaScript test file: 0 for other files, and for files whose imports
 * tie them to another runner; else the sum of the evidence the runner's own `projectEvidence` found.
 */
export function scoreJavaScriptRunner(framework: JavaScriptFramework, project: TestProject, projectEvidence: (project: TestProject) => number): number {
  if (!isJavaScriptFile(project.file)) return 0;
  const imported = importedRunner(project.fileText);
  if (imported && imported !== framework) return 0;
  return (imported === framework ? SCORE.import : 0) + projectEvidence(project);
}

/** Whether one of the root's entries matches. */
export function hasRootFile(project: TestProject, pattern: RegExp): boolean {
  return project.rootFiles.some((name) => pattern.test(name));
}

/** A test's full name as the runners match it: groups and test joined by spaces, also when given joined by ` > ` (as Vitest prints them). */
export function spacedTestName(testName: string): string {
  return testName.trim().replace(/\s+>\s+/g, ' ');
}

/** The test name as a regular expression that matches it literally, anywhere in a full test name. */
export function literalPattern(testName: string): string {
  return spacedTestName(testName).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
