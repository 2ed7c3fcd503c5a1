// Finding a line in a source file by what it says: a piece of its text, or the definition of a
// function. Pure (lines in, line numbers out), so unit tests pin every case.

export interface LineMatchCandidate {
  line: number;
  content: string;
}

export type LineContentMatch =
  /** One line chosen: the only match, or the match nearest to the line given. */
  | { found: 'one'; line: number; candidates: LineMatchCandidate[] }
  /** Several matches and no line to choose by. */
  | { found: 'many'; candidates: LineMatchCandidate[] }
  /** No line holds the text; `close` are lines that nearly do. */
  | { found: 'none'; close: LineMatchCandidate[] };

const MAX_CANDIDATES = 10;
const MAX_CLOSE = 3;

/** The line(s) of `lines` (1-based) whose text contains `text`, ignoring the text's outer whitespace. */
export function matchLineContent(lines: readonly string[], text: string, near?: number): LineContentMatch {
  const wanted = text.trim();
  const candidates = lines.flatMap((content, index) => (content.includes(wanted) ? [{ line: index + 1, content: content.trim() }] : []));
  if (candidates.length === 0) return { found: 'none', close: closeMatches(lines, wanted) };
  if (candidates.length === 1) return { found: 'one', line: candidates[0].line, candidates };
  if (near === undefined) return { found: 'many', candidates: candidates.slice(0, MAX_CANDIDATES) };
  // the nearest match wins; of two equally near, the earlier
  const nearest = candidates.reduce((best, candidate) => (Math.abs(candidate.line - near) < Math.abs(best.line - near) ? candidate : best));
  return { found: 'one', line: nearest.line, candidates: candidates.slice(0, MAX_CANDIDATES) };
}

/** Lines that hold the text up to case and spacing, else those sharing most of its words. */
function closeMatches(lines: readonly string[], wanted: string): LineMatchCandidate[] {
  const normalize = (value: string) => value.toLowerCase().replace(/\s+/g, ' ').trim();
  const normalized = normalize(wanted);
  const loose = lines.flatMap((content, index) => (normalize(content).includes(normalized) ? [{ line: index + 1, content: content.trim() }] : []));
  if (loose.length > 0) return loose.slice(0, MAX_CLOSE);
  const words = new Set(normalized.match(/[\p{L}\p{N}_$]+/gu) ?? []);
  if (words.size === 0) return [];
  const scored = lines.map((content, index) => {
    const present = new Set(normalize(content).match(/[\p{L}\p{N}_$]+/gu) ?? []);
    const shared = [...words].filter((word) => present.has(word)).length;
    return { line: index + 1, content: content.trim(), score: shared / words.size };
  });
  return scored
    .filter((candidate) => candidate.score >= 0.5)
    .sort((a, b) => b.score - a.score || a.line - b.line)
    .slice(0, MAX_CLOSE)
    .map(({ line, content }) => ({ line, content }));
}

export interface FunctionDefinition {
  /** Where the definition starts (`def f(`, `function f(`, `f = (…) =>`, a method `f(…) {`). */
  definitionLine: number;
  /** Where a breakpoint stops when the function is called: the body's first line, or the definition itself for a one-line function. */
  bodyLine: number;
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function definitionPatterns(name: string): RegExp[] {
  const id = escape(name);
  return [
    new RegExp(`^\\s*(?:async\\s+)?def\\s+${id}\\s*[([]`),
    new RegExp(`\\bfunction\\s*\\*?\\s*${id}\\s*[(<]`),
    new RegExp(`(?:^|[^\\w$.])${id}\\s*[:=]\\s*(?:async\\s+)?(?:function\\b|\\([^)]*\\)\\s*(?::[^=]*)?=>|[A-Za-z_$][\\w$]*\\s*=>)`),
    new RegExp(`^\\s*(?:(?:public|private|protected|static|async|override|get|set)\\s+)*\\*?${id}\\s*\\([^)]*\\)\\s*(?::[^{]*)?\\{\\s*$`),
    new RegExp(`\\b(?:func|fn|fun|sub|proc)\\s+${id}\\b`),
  ];
}

/**
 * The first definition of `functionName` (its last segment, for `Class.method` or `module::f`).
 * The breakpoint goes on the body's first line: in Python a breakpoint on the `def` line stops
 * when the module defines the function, not when it is called.
 */
export function findFunctionDefinition(lines: readonly string[], functionName: string): FunctionDefinition | undefined {
  const name = functionName.split(/\.|::|#/).filter(Boolean).at(-1) ?? functionName;
  // the surest kind of definition first, so a call that looks like a method never wins over a def
  let index = -1;
  for (const pattern of definitionPatterns(name)) {
    index = lines.findIndex((line) => !isComment(line) && pattern.test(line));
    if (index >= 0) break;
  }
  if (index < 0) return undefined;
  return { definitionLine: index + 1, bodyLine: bodyLineAfter(lines, index) + 1 };
}

/** Names the file defines as functions, for an answer that did not find the one asked for. */
export function definedFunctionNames(lines: readonly string[]): string[] {
  const names = new Set<string>();
  for (const line of lines) {
    const match = /^\s*(?:async\s+)?def\s+([\w]+)/.exec(line) ?? /\bfunction\s*\*?\s*([\w$]+)\s*\(/.exec(line) ?? /\b([\w$]+)\s*=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*=>)/.exec(line);
    if (match) names.add(match[1]);
  }
  return [...names];
}

function isComment(line: string): boolean {
  return /^\s*(?:#|\/\/|\/\*|\*)/.test(line);
}

/** 0-based index of the first line of the body of the definition at `start`. */
function bodyLineAfter(lines: readonly string[], start: number): number {
  // the signature may span lines: it ends where its parentheses balance
  let depth = 0;
  let end = start;
  for (; end < lines.length && end < start + 30; end++) {
    for (const char of stripComment(lines[end])) {
      if (char === '(') depth++;
      else if (char === ')') depth--;
    }
    if (depth <= 0) break;
  }
  const header = stripComment(lines[Math.min(end, lines.length - 1)]).trimEnd();
  const opensBody = /[{:]$|=>$/.test(header);
  if (!opensBody) return start;
  let body = end + 1;
  while (body < lines.length && (lines[body].trim() === '' || isComment(lines[body]) || lines[body].trim() === '{')) body++;
  // a docstring is no statement a call stops at
  const docstring = /^\s*[rbuRBU]?("""|''')/.exec(lines[body] ?? '');
  if (docstring) {
    const quote = docstring[1];
    const closesOnSameLine = (lines[body] ?? '').split(quote).length > 2;
    if (!closesOnSameLine) while (body + 1 < lines.length && !lines[++body].includes(quote));
    body++;
    while (body < lines.length && (lines[body].trim() === '' || isComment(lines[body]))) body++;
  }
  return body < lines.length ? body : start;
}

function stripComment(line: string): string {
  return line.replace(/\s(?:#|\/\/).*$/, '');
}
