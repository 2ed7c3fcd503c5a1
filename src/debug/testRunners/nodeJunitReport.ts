// The JUnit XML that node's test runner writes (`--test-reporter=junit`): nested <testsuite>s, their
// <testcase>s with a <failure> or <skipped>, and the run's counts as comments. Read for exactly that
// shape, which node generates itself, so a tag scanner is enough.

export interface JunitCase {
  /** The names of the enclosing suites, outermost first. */
  suites: string[];
  name: string;
  skipped: boolean;
  failure?: { type: string; message: string; body: string };
}

export interface JunitReport {
  cases: JunitCase[];
  /** The closing comments, `<!-- pass 1 -->` and so on, by name. */
  counts: Record<string, number>;
}

const TOKEN = /<(\/?)(testsuites|testsuite|testcase|failure|skipped)\b((?:[^>"]|"[^"]*")*?)(\/?)>|<!--\s*(\w+)\s+([\d.]+)\s*-->/g;

/** The report, or undefined when the text is not a whole node JUnit report (node writes its start first). */
export function parseJunitReport(text: string | undefined): JunitReport | undefined {
  if (!text || !/<testsuites\b/.test(text) || !/<\/testsuites>\s*$/.test(text)) return undefined;
  const cases: JunitCase[] = [];
  const counts: Record<string, number> = {};
  const suites: string[] = [];
  let current: JunitCase | undefined;
  for (const match of text.matchAll(TOKEN)) {
    const [, closing, tag, attributeText, selfClosing, countName, countValue] = match;
    if (countName) {
      counts[countName] = Number(countValue);
      continue;
    }
    const attributes = parseAttributes(attributeText ?? '');
    if (tag === 'testsuite') {
      if (closing) suites.pop();
      else if (!selfClosing) suites.push(attributes.name ?? '');
    } else if (tag === 'testcase') {
      if (closing) current = undefined;
      else {
        current = { suites: [...suites], name: attributes.name ?? '', skipped: false };
        cases.push(current);
        if (selfClosing) current = undefined;
      }
    } else if (tag === 'skipped' && current && !closing) current.skipped = true;
    else if (tag === 'failure' && current && !closing) {
      const bodyStart = (match.index ?? 0) + match[0].length;
      const bodyEnd = selfClosing ? bodyStart : text.indexOf('</failure>', bodyStart);
      current.failure = { type: attributes.type ?? '', message: attributes.message ?? '', body: decodeEntities(text.slice(bodyStart, bodyEnd < 0 ? text.length : bodyEnd)).trim() };
    }
  }
  return { cases, counts };
}

function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([\w:-]+)="([^"]*)"/g)) attributes[match[1]] = decodeEntities(match[2]);
  return attributes;
}

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g, (_entity, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (decimal) return String.fromCodePoint(Number(decimal));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[name as 'lt' | 'gt' | 'amp' | 'quot' | 'apos'];
  });
}
