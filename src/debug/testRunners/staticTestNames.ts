// The names of a JavaScript test file's tests read from its text, without running it: the calls
// `describe`/`context`/`suite` (groups) and `it`/`test`/`specify` (tests) whose first argument is a
// string literal, nested by the parentheses of the calls. For runners that cannot list one file's
// tests themselves (Jest lists files only, node:test and Vitest have no dry run on Node 20).

const GROUPS = new Set(['describe', 'context', 'suite']);
const TESTS = new Set(['it', 'test', 'specify']);
const MODIFIERS = new Set(['only', 'skip', 'todo', 'concurrent', 'sequential', 'fails']);

export interface StaticTest {
  /** The names of the groups around the test, outermost first. */
  groups: string[];
  name: string;
}

/** Full names of the file's tests, outer groups first, joined by a space (as Jest, Vitest and Mocha name them), in file order. */
export function staticTestNames(text: string): string[] {
  return staticTests(text).map((test) => [...test.groups, test.name].join(' '));
}

/** The file's tests with their groups, in file order. */
export function staticTests(text: string): StaticTest[] {
  const tests: StaticTest[] = [];
  // one entry per open parenthesis: the group it opened, or undefined for any other parenthesis
  const open: Array<string | undefined> = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '/' && text[index + 1] === '/') index = skipTo(text, index, '\n');
    else if (char === '/' && text[index + 1] === '*') index = text.indexOf('*/', index + 2) < 0 ? text.length : text.indexOf('*/', index + 2) + 2;
    else if (char === '"' || char === "'" || char === '`') index = readString(text, index).end;
    else if (char === '(') { open.push(undefined); index++; }
    else if (char === ')') { open.pop(); index++; }
    else if (/[A-Za-z_$]/.test(char) && (index === 0 || !/[\w$.]/.test(text[index - 1]))) {
      const call = readCall(text, index);
      index = call.end;
      if (!call.kind) continue;
      const literal = readString(text, skipSpace(text, call.end + 1));
      open.push(call.kind === 'group' && literal.value !== undefined ? literal.value : undefined);
      index = call.end + 1;
      if (call.kind === 'test' && literal.value !== undefined) {
        tests.push({ groups: open.filter((group): group is string => group !== undefined), name: literal.value });
      }
    } else index++;
  }
  return tests;
}

/** An identifier chain such as `describe.only` and whether it is a group or test call: `end` is its `(` when it is one. */
function readCall(text: string, start: number): { kind?: 'group' | 'test'; end: number } {
  const match = /^[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*/.exec(text.slice(start, start + 200));
  const chain = (match?.[0] ?? text[start]).split('.').map((part) => part.trim());
  const end = start + (match?.[0].length ?? 1);
  const paren = skipSpace(text, end);
  if (text[paren] !== '(' || !chain.slice(1).every((part) => MODIFIERS.has(part))) return { end };
  const kind = GROUPS.has(chain[0]) ? 'group' : TESTS.has(chain[0]) ? 'test' : undefined;
  return kind ? { kind, end: paren } : { end };
}

/** The string literal at `start`, if one starts there; `value` is undefined for a template with `${}`. */
function readString(text: string, start: number): { value?: string; end: number } {
  const quote = text[start];
  if (quote !== '"' && quote !== "'" && quote !== '`') return { end: start };
  let value = '';
  let interpolated = false;
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') { value += text[index + 1] ?? ''; index++; continue; }
    if (char === quote) return { value: interpolated ? undefined : value, end: index + 1 };
    if (quote === '`' && char === '$' && text[index + 1] === '{') interpolated = true;
    if (quote !== '`' && char === '\n') return { end: index };
    value += char;
  }
  return { end: text.length };
}

function skipSpace(text: string, start: number): number {
  let index = start;
  while (index < text.length && /\s/.test(text[index])) index++;
  return index;
}

function skipTo(text: string, start: number, needle: string): number {
  const found = text.indexOf(needle, start);
  return found < 0 ? text.length : found;
}
