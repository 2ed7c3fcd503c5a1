// A JUnit XML report (pytest's --junitxml, node:test's junit reporter) read into a TestResult.
// These reports are flat and regular: testcase elements with an optional failure, error or
// skipped child. A small reader of just that, so no XML dependency enters the bundle.
import type { TestFailure, TestResult } from './testRunner';

const TESTCASE = /<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g;
const PROBLEM = /<(failure|error)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/;
const SKIPPED = /<skipped\b/;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
/** pytest's long traceback ends with the crash location: `path/to/test_x.py:12: AssertionError`. */
const CRASH_LINE = /^(\S[^\n]*?\.\w+):(\d+): \w[^\n]*$/gm;
const MAX_MESSAGE_CHARS = 2000;

/** What a report says, or undefined when the text is not a JUnit report. */
export function readJUnitReport(xml: string): TestResult | undefined {
  if (!/<testsuites?\b/.test(xml)) return undefined;
  let passed = 0;
  let failed = 0;
  let collectionErrors = 0;
  const failures: TestFailure[] = [];
  for (const match of xml.matchAll(TESTCASE)) {
    const attributes = readAttributes(match[1]);
    const body = match[2] ?? '';
    const problem = PROBLEM.exec(body);
    if (!problem) {
      if (!SKIPPED.test(body)) passed++;
      continue;
    }
    const problemAttributes = readAttributes(problem[2]);
    const text = decodeEntities(problem[3] ?? '');
    const message = capMessage(problemAttributes.message ?? (firstLine(text) || problem[1]));
    // pytest reports a module that cannot be imported as an error of a nameless test case
    if (problem[1] === 'error' && /^collection failure/i.test(message)) collectionErrors++;
    else failed++;
    const name = [attributes.classname, attributes.name].filter((part) => part !== undefined && part !== '').join('.');
    const failure: TestFailure = { name: attributes.name ?? name, message };
    const crash = lastCrashLine(text);
    if (crash) {
      failure.file = crash.file;
      failure.line = crash.line;
    } else if (attributes.file !== undefined) {
      failure.file = attributes.file;
      // xunit1's line is pytest's 0-based line of the test's definition
      if (attributes.line !== undefined && /^\d+$/.test(attributes.line)) failure.line = Number(attributes.line) + 1;
    }
    failures.push(failure);
  }
  const status: TestResult['status'] = failed > 0 ? 'failed' : collectionErrors > 0 || passed === 0 ? 'error' : 'passed';
  return { status, passed, failed, failures };
}

function readAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(ATTRIBUTE)) attributes[match[1]] = decodeEntities(match[2] ?? match[3] ?? '');
  return attributes;
}

function lastCrashLine(text: string): { file: string; line: number } | undefined {
  let last: { file: string; line: number } | undefined;
  for (const match of text.matchAll(CRASH_LINE)) last = { file: match[1], line: Number(match[2]) };
  return last;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? entity;
  });
}

function firstLine(text: string): string {
  return text.trim().split(/\r?\n/)[0] ?? '';
}

export function capMessage(message: string): string {
  const trimmed = message.trim();
  return trimmed.length > MAX_MESSAGE_CHARS ? `${trimmed.slice(0, MAX_MESSAGE_CHARS)}…` : trimmed;
}
