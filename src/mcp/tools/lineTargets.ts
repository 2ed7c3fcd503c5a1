// The line a call means: given as `line`, or found by `lineContent` (with `line` to choose among
// several matches), answered with how it was chosen, or with the candidates when it cannot be.
import type { DebugBridge } from '../../debug/debugBridge';
import type { ToolResult } from '../toolDefinition';
import { matchLineContent, type LineMatchCandidate } from './sourceLineMatch';

export type LineTarget =
  | { line: number; chosenBy: 'line' | 'lineContent'; why: string }
  | { failure: ToolResult };

export function quoteLines(candidates: readonly LineMatchCandidate[]): string {
  return candidates.map((candidate) => `${candidate.line} (\`${candidate.content}\`)`).join(', ');
}

export async function resolveLineTarget(bridge: DebugBridge, file: string, input: { line?: number; lineContent?: string }): Promise<LineTarget> {
  if (input.lineContent === undefined) {
    return { line: input.line ?? 1, chosenBy: 'line', why: `line ${input.line} was given` };
  }
  const source = await bridge.readSource(file);
  const text = JSON.stringify(input.lineContent.trim());
  const match = matchLineContent(source.lines, input.lineContent, input.line);
  switch (match.found) {
    case 'one':
      return {
        line: match.line,
        chosenBy: 'lineContent',
        why: match.candidates.length === 1
          ? `line ${match.line} is the only line of ${source.path} that contains ${text}`
          : `${text} occurs on lines ${match.candidates.map((candidate) => candidate.line).join(', ')}; line ${match.line} is the nearest to the given line ${input.line}`,
      };
    case 'many':
      return {
        failure: {
          success: false,
          error: `${text} occurs on ${match.candidates.length} lines of ${source.path}: ${quoteLines(match.candidates)}. Give line too (the match nearest to it is chosen), or more of the line's text so that it matches one line.`,
          candidates: match.candidates,
        },
      };
    case 'none':
      return {
        failure: {
          success: false,
          error: `${text} was not found in ${source.path}.${match.close.length > 0 ? ` Close matches: ${quoteLines(match.close)}.` : ''} lineContent must be text that occurs on one line of the file (get_source_context shows the file).`,
          closeMatches: match.close,
        },
      };
  }
}
