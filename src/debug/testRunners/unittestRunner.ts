// unittest: `python -m unittest <module>[.<Class>[.<test>]]`. It writes no report, so the result
// comes from its own summary on stderr (`Ran N tests`, `FAILED (failures=1, errors=1)`) and the
// FAIL/ERROR blocks above it; the tests of a file are listed by its loader, in a `-c` one-off.
import { capMessage } from './junitReport';
import type { RunInvocation, RunnerInvocation, TestFailure, TestProject, TestResult, TestRunner } from './testRunner';
import { isPythonFile, NO_BYTECODE, pythonModuleOf } from './testProjectFacts';

/** Prints the id of every test the loader finds in the module (argv[1]); a module it cannot load exits 3 with why. */
const LIST_TESTS = [
  'import sys, unittest',
  'def walk(suite):',
  '    for test in suite:',
  '        if isinstance(test, unittest.TestSuite): walk(test)',
  "        elif test.id().startswith('unittest.loader._FailedTest'): sys.stderr.write(str(getattr(test, '_exception', test.id()))); sys.exit(3)",
  '        else: print(test.id())',
  'walk(unittest.defaultTestLoader.loadTestsFromName(sys.argv[1]))',
].join('\n');

/** The loader's stand-in for a name it could not load: an error, not a test of the file. */
const LOADER_FAILURE = 'unittest.loader._FailedTest';

export const unittestRunner: TestRunner = {
  framework: 'unittest',
  language: 'python',

  detect(project: TestProject): number {
    if (!isPythonFile(project.file)) return 0;
    return /^\s*(import unittest|from unittest\b)/m.test(project.fileText) && /TestCase\b/.test(project.fileText) ? 5 : 0;
  },

  debugInvocation(project: TestProject, testName: string | undefined): RunnerInvocation {
    const module = pythonModuleOf(project.root, project.file);
    return { module: 'unittest', args: [testName === undefined ? module : `${module}.${testName}`], cwd: project.root, env: { ...NO_BYTECODE } };
  },

  async listTests(project: TestProject, run: RunInvocation): Promise<string[]> {
    const module = pythonModuleOf(project.root, project.file);
    const listed = await run({ args: ['-c', LIST_TESTS, module], cwd: project.root, env: { ...NO_BYTECODE } });
    if (listed.exitCode !== 0) throw new Error(`the unittest loader could not load ${module}: ${capMessage(listed.stderr.trim().split(/\r?\n/).slice(-8).join('\n'))}`);
    const prefix = `${module}.`;
    return listed.stdout.split(/\r?\n/).filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
  },

  parseResult(_report: string | undefined, output: string): TestResult | undefined {
    return parseUnittestOutput(output);
  },
};

const BLOCK_HEADER = /^(FAIL|ERROR|UNEXPECTED SUCCESS): (\S+) \(([^)]*)\)\s*$/;
const RAN = /^Ran (\d+) tests? in /m;
const FRAME = /^ {2}File "([^"]+)", line (\d+)/;

export function parseUnittestOutput(output: string): TestResult | undefined {
  const ran = RAN.exec(output);
  if (!ran) return undefined;
  const lines = output.split(/\r?\n/);
  const failures: TestFailure[] = [];
  let loaderErrors = 0;
  for (let index = 0; index < lines.length; index++) {
    const header = BLOCK_HEADER.exec(lines[index]);
    if (!header) continue;
    const [, kind, method, id] = header;
    const body: string[] = [];
    // the block's traceback starts below its dashed rule and ends at the next rule
    for (index += 2; index < lines.length && !/^(=|-){20,}$/.test(lines[index]); index++) body.push(lines[index]);
    index--;
    if (id.startsWith(LOADER_FAILURE)) loaderErrors++;
    failures.push({ ...describeBlock(body, kind), name: testNameOf(method, id) });
  }
  const summary = /^(OK|FAILED)(?: \(([^)]*)\))?\s*$/m.exec(output.slice(ran.index));
  const counts = new Map<string, number>();
  for (const part of (summary?.[2] ?? '').split(',')) {
    const [key, value] = part.split('=').map((piece) => piece.trim());
    if (key && value && /^\d+$/.test(value)) counts.set(key, Number(value));
  }
  const total = Number(ran[1]) - loaderErrors;
  const failed = (counts.get('failures') ?? 0) + (counts.get('errors') ?? 0) + (counts.get('unexpected successes') ?? 0) - loaderErrors;
  const passed = Math.max(0, total - failed - (counts.get('skipped') ?? 0));
  const status: TestResult['status'] = failed > 0 ? 'failed' : loaderErrors > 0 || total === 0 ? 'error' : 'passed';
  return { status, passed, failed, failures };
}

/** `Class.test` from the header's method and its id (`module.Class.test` since 3.11, `module.Class` before). */
function testNameOf(method: string, id: string): string {
  const parts = id.split('.');
  if (parts[parts.length - 1] === method) parts.pop();
  const className = parts[parts.length - 1];
  return className && !id.startsWith(LOADER_FAILURE) ? `${className}.${method}` : method;
}

/** The innermost frame's file and line, and the exception's text below the traceback. */
function describeBlock(body: readonly string[], kind: string): Omit<TestFailure, 'name'> {
  let lastFrame = -1;
  let where: { file: string; line: number } | undefined;
  body.forEach((line, index) => {
    const frame = FRAME.exec(line);
    if (frame) {
      lastFrame = index;
      where = { file: frame[1], line: Number(frame[2]) };
    }
  });
  const rest = body.slice(lastFrame + 1);
  const start = rest.findIndex((line) => line.length > 0 && !/^\s/.test(line) && !line.startsWith('Traceback'));
  const message = capMessage(start >= 0 ? rest.slice(start).join('\n') : kind);
  return where ? { message, file: where.file, line: where.line } : { message };
}
