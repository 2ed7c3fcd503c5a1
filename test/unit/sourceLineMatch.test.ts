// Issue 10: a line found by its text, or by the definition of a function, with every outcome
// (one match, several, the nearest to a given line, none with close matches).
import * as assert from 'node:assert/strict';
import { definedFunctionNames, findFunctionDefinition, matchLineContent } from '../../src/mcp/tools/sourceLineMatch';

const python = [
  'import os',           // 1
  '',                    // 2
  'def swap(a, b):',     // 3
  '    """Swap them."""', // 4
  '    a = b',           // 5
  '    b = a',           // 6
  '    return a, b',     // 7
  '',                    // 8
  'async def fetch(url,', // 9
  '                timeout): # slow', // 10
  '    return url',      // 11
  '',                    // 12
  'def one(): return 1', // 13
  'x, y = swap(1, 2)',   // 14
  'b = a',               // 15
];

const javascript = [
  'function swap(a, b) {', // 1
  '  a = b;',              // 2
  '  return [a, b];',      // 3
  '}',                     // 4
  'const add = (a, b) => a + b;', // 5
  'class Cart {',          // 6
  '  total(items) {',      // 7
  '    return items.length;', // 8
  '  }',                   // 9
  '}',                     // 10
  'swap(1, 2);',           // 11
];

describe('lineContent: the line whose text it is', () => {
  it('answers the only line that contains the text, ignoring its outer whitespace', () => {
    assert.deepEqual(matchLineContent(python, '  return a, b '), { found: 'one', line: 7, candidates: [{ line: 7, content: 'return a, b' }] });
  });

  it('answers the candidates when the text is on several lines and no line was given', () => {
    assert.deepEqual(matchLineContent(python, 'b = a'), { found: 'many', candidates: [{ line: 6, content: 'b = a' }, { line: 15, content: 'b = a' }] });
  });

  it('chooses the match nearest to the given line, the earlier one on a tie', () => {
    assert.equal((matchLineContent(python, 'b = a', 14) as { line: number }).line, 15);
    assert.equal((matchLineContent(python, 'b = a', 2) as { line: number }).line, 6);
    assert.equal((matchLineContent(['x', 'x', 'y', 'x'], 'x', 3) as { line: number }).line, 2);
  });

  it('answers close matches when no line holds the text: case and spacing first, then shared words', () => {
    assert.deepEqual(matchLineContent(python, 'RETURN   A, B'), { found: 'none', close: [{ line: 7, content: 'return a, b' }] });
    assert.deepEqual(matchLineContent(python, 'return url, timeout'), { found: 'none', close: [{ line: 11, content: 'return url' }] });
    assert.deepEqual(matchLineContent(python, 'print(total)'), { found: 'none', close: [] });
  });
});

describe('functionName: where a function is defined and where a call stops', () => {
  it('puts a Python breakpoint on the first statement of the body, past the docstring', () => {
    assert.deepEqual(findFunctionDefinition(python, 'swap'), { definitionLine: 3, bodyLine: 5 });
  });

  it('follows a signature over several lines, and keeps a one-line function on its own line', () => {
    assert.deepEqual(findFunctionDefinition(python, 'fetch'), { definitionLine: 9, bodyLine: 11 });
    assert.deepEqual(findFunctionDefinition(python, 'one'), { definitionLine: 13, bodyLine: 13 });
  });

  it('finds JavaScript declarations, arrow functions and methods (by the last segment of a qualified name), never a call', () => {
    assert.deepEqual(findFunctionDefinition(javascript, 'swap'), { definitionLine: 1, bodyLine: 2 });
    assert.deepEqual(findFunctionDefinition(javascript, 'add'), { definitionLine: 5, bodyLine: 5 });
    assert.deepEqual(findFunctionDefinition(javascript, 'Cart.total'), { definitionLine: 7, bodyLine: 8 });
    assert.equal(findFunctionDefinition(['swap(1, 2);', 'main();'], 'main'), undefined);
  });

  it('answers nothing for a name the file does not define, and names those it does', () => {
    assert.equal(findFunctionDefinition(python, 'missing'), undefined);
    assert.deepEqual(definedFunctionNames(python), ['swap', 'fetch', 'one']);
    assert.deepEqual(definedFunctionNames(javascript), ['swap', 'add']);
  });
});
