import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/**
 * Parses JSON with comments and trailing commas, the format of `.vscode/mcp.json`, with the parser
 * VS Code's own settings use; throws on the first syntax error, naming its line and column.
 */
export function parseJsonc(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const [first] = errors;
  if (first) {
    const before = text.slice(0, first.offset).split('\n');
    throw new SyntaxError(`${printParseErrorCode(first.error)} at line ${before.length}, column ${before[before.length - 1].length + 1}`);
  }
  return value;
}
