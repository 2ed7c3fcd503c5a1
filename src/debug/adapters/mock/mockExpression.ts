// Expressions of the mock language: a tokenizer, a precedence-climbing parser and an evaluator.
import { isMockObject, isStructured, isTruthy, printValue, typeName, valuesEqual, type MockObject, type MockValue } from './mockValue';

/** A mistake in a program or an expression; the message is shown to the user as is. */
export class MockError extends Error {}

export type Expression =
  | { kind: 'literal'; value: MockValue }
  | { kind: 'name'; name: string }
  | { kind: 'array'; items: Expression[] }
  | { kind: 'object'; entries: [string, Expression][] }
  | { kind: 'unary'; op: '-' | '!'; operand: Expression }
  | { kind: 'binary'; op: BinaryOperator; left: Expression; right: Expression }
  | { kind: 'index'; target: Expression; index: Expression }
  | { kind: 'member'; target: Expression; name: string }
  | { kind: 'call'; callee: string; args: Expression[] };

type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';

const PRECEDENCE: Record<BinaryOperator, number> = {
  '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6,
};

type Token =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'name'; value: string }
  | { type: 'punct'; value: string };

const PUNCTUATION = ['==', '!=', '<=', '>=', '&&', '||', '+', '-', '*', '/', '%', '<', '>', '!', '(', ')', '[', ']', '{', '}', ',', ':', '.', '='];

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === ' ' || char === '\t') {
      index++;
    } else if (char === '#') {
      break;
    } else if (/[0-9]/.test(char)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(text.slice(index));
      tokens.push({ type: 'number', value: Number(match![0]) });
      index += match![0].length;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(index));
      tokens.push({ type: 'name', value: match![0] });
      index += match![0].length;
    } else if (char === '"' || char === "'") {
      let value = '';
      let end = index + 1;
      while (end < text.length && text[end] !== char) {
        if (text[end] === '\\' && end + 1 < text.length) {
          const escaped = text[end + 1];
          value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
          end += 2;
        } else {
          value += text[end++];
        }
      }
      if (end >= text.length) throw new MockError(`unterminated string starting at column ${index + 1}`);
      tokens.push({ type: 'string', value });
      index = end + 1;
    } else {
      const punct = PUNCTUATION.find((candidate) => text.startsWith(candidate, index));
      if (!punct) throw new MockError(`unexpected character '${char}' at column ${index + 1}`);
      tokens.push({ type: 'punct', value: punct });
      index += punct.length;
    }
  }
  return tokens;
}

/** Parses a whole expression; anything left over is an error. */
export function parseExpression(text: string): Expression {
  const parser = new ExpressionParser(tokenize(text));
  const expression = parser.expression();
  parser.expectEnd();
  return expression;
}

export class ExpressionParser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  expectEnd(): void {
    const token = this.tokens[this.position];
    if (token) throw new MockError(`unexpected '${String(token.value)}' after the expression`);
  }

  expression(minPrecedence = 1): Expression {
    let left = this.unary();
    for (;;) {
      const token = this.tokens[this.position];
      if (!token || token.type !== 'punct' || !(token.value in PRECEDENCE)) return left;
      const op = token.value as BinaryOperator;
      const precedence = PRECEDENCE[op];
      if (precedence < minPrecedence) return left;
      this.position++;
      const right = this.expression(precedence + 1);
      left = { kind: 'binary', op, left, right };
    }
  }

  private unary(): Expression {
    if (this.takePunct('-')) return { kind: 'unary', op: '-', operand: this.unary() };
    if (this.takePunct('!')) return { kind: 'unary', op: '!', operand: this.unary() };
    return this.postfix(this.primary());
  }

  private postfix(target: Expression): Expression {
    for (;;) {
      if (this.takePunct('[')) {
        const index = this.expression();
        this.expectPunct(']');
        target = { kind: 'index', target, index };
      } else if (this.takePunct('.')) {
        const token = this.tokens[this.position++];
        if (!token || token.type !== 'name') throw new MockError("expected a field name after '.'");
        target = { kind: 'member', target, name: token.value };
      } else {
        return target;
      }
    }
  }

  private primary(): Expression {
    const token = this.tokens[this.position++];
    if (!token) throw new MockError('expected a value but the expression ended');
    switch (token.type) {
      case 'number':
      case 'string':
        return { kind: 'literal', value: token.value };
      case 'name':
        if (token.value === 'true') return { kind: 'literal', value: true };
        if (token.value === 'false') return { kind: 'literal', value: false };
        if (token.value === 'null') return { kind: 'literal', value: null };
        if (this.takePunct('(')) return { kind: 'call', callee: token.value, args: this.list(')') };
        return { kind: 'name', name: token.value };
      case 'punct':
        if (token.value === '(') {
          const inner = this.expression();
          this.expectPunct(')');
          return inner;
        }
        if (token.value === '[') return { kind: 'array', items: this.list(']') };
        if (token.value === '{') return this.objectLiteral();
        throw new MockError(`unexpected '${token.value}'`);
    }
  }

  private objectLiteral(): Expression {
    const entries: [string, Expression][] = [];
    if (this.takePunct('}')) return { kind: 'object', entries };
    do {
      const key = this.tokens[this.position++];
      if (!key || (key.type !== 'name' && key.type !== 'string')) throw new MockError('expected a field name in the object');
      this.expectPunct(':');
      entries.push([String(key.value), this.expression()]);
    } while (this.takePunct(','));
    this.expectPunct('}');
    return { kind: 'object', entries };
  }

  private list(close: string): Expression[] {
    const items: Expression[] = [];
    if (this.takePunct(close)) return items;
    do items.push(this.expression());
    while (this.takePunct(','));
    this.expectPunct(close);
    return items;
  }

  private takePunct(value: string): boolean {
    const token = this.tokens[this.position];
    if (token?.type === 'punct' && token.value === value) {
      this.position++;
      return true;
    }
    return false;
  }

  private expectPunct(value: string): void {
    if (!this.takePunct(value)) {
      const token = this.tokens[this.position];
      throw new MockError(`expected '${value}' but found ${token ? `'${String(token.value)}'` : 'the end'}`);
    }
  }
}

/** Where names are looked up; `assign` is used by assignments only. */
export interface Scope {
  lookup(name: string): MockValue | undefined;
}

const MAX_RANGE = 1_000_000;

type Builtin = (args: MockValue[]) => MockValue;
export const BUILTINS: Readonly<Record<string, Builtin>> = {
  len: ([value]) => {
    if (typeof value === 'string' || Array.isArray(value)) return value.length;
    if (value !== undefined && isMockObject(value)) return Object.keys(value).length;
    throw new MockError(`len() takes a string, array or object, not ${value === undefined ? 'nothing' : typeName(value)}`);
  },
  range: ([from, to]) => {
    const [start, end] = to === undefined ? [0, from] : [from, to];
    if (typeof start !== 'number' || typeof end !== 'number') throw new MockError('range() takes numbers: range(end) or range(start, end)');
    if (end - start > MAX_RANGE) throw new MockError(`range() is limited to ${MAX_RANGE} items`);
    const items: number[] = [];
    for (let value = start; value < end; value++) items.push(value);
    return items;
  },
  str: ([value]) => (value === undefined ? '' : printValue(value)),
  keys: ([value]) => {
    if (value === undefined || !isMockObject(value)) throw new MockError('keys() takes an object');
    return Object.keys(value);
  },
  push: ([target, value]) => {
    if (!Array.isArray(target) || value === undefined) throw new MockError('push() takes an array and a value: push(list, value)');
    target.push(value);
    return target.length;
  },
};

export function evaluate(expression: Expression, scope: Scope): MockValue {
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'name': {
      const value = scope.lookup(expression.name);
      if (value === undefined) throw new MockError(`'${expression.name}' is not defined`);
      return value;
    }
    case 'array':
      return expression.items.map((item) => evaluate(item, scope));
    case 'object': {
      const result: MockObject = {};
      for (const [key, item] of expression.entries) result[key] = evaluate(item, scope);
      return result;
    }
    case 'unary': {
      const operand = evaluate(expression.operand, scope);
      if (expression.op === '!') return !isTruthy(operand);
      if (typeof operand !== 'number') throw new MockError(`cannot negate a ${typeName(operand)}`);
      return -operand;
    }
    case 'binary':
      return binary(expression.op, expression.left, expression.right, scope);
    case 'index': {
      const target = evaluate(expression.target, scope);
      const index = evaluate(expression.index, scope);
      if (Array.isArray(target) || typeof target === 'string') {
        if (typeof index !== 'number' || !Number.isInteger(index)) throw new MockError('an index must be a whole number');
        if (index < 0 || index >= target.length) throw new MockError(`index ${index} is out of range (length ${target.length})`);
        return target[index];
      }
      if (isMockObject(target)) return fieldOf(target, String(index));
      throw new MockError(`cannot index a ${typeName(target)}`);
    }
    case 'member': {
      const target = evaluate(expression.target, scope);
      if (!isMockObject(target)) throw new MockError(`cannot read field '${expression.name}' of a ${typeName(target)}`);
      return fieldOf(target, expression.name);
    }
    case 'call': {
      const builtin = BUILTINS[expression.callee];
      if (!builtin) throw new MockError(`'${expression.callee}' is not a built-in function; call user functions as a whole statement (let x = ${expression.callee}(...))`);
      return builtin(expression.args.map((arg) => evaluate(arg, scope)));
    }
  }
}

function fieldOf(target: MockObject, name: string): MockValue {
  if (!Object.prototype.hasOwnProperty.call(target, name)) throw new MockError(`the object has no field '${name}'`);
  return target[name];
}

function binary(op: BinaryOperator, leftExpression: Expression, rightExpression: Expression, scope: Scope): MockValue {
  const left = evaluate(leftExpression, scope);
  if (op === '&&') return isTruthy(left) ? evaluate(rightExpression, scope) : left;
  if (op === '||') return isTruthy(left) ? left : evaluate(rightExpression, scope);
  const right = evaluate(rightExpression, scope);
  switch (op) {
    case '==':
      return valuesEqual(left, right);
    case '!=':
      return !valuesEqual(left, right);
    case '+':
      if (typeof left === 'string' || typeof right === 'string') return printValue(left) + printValue(right);
      if (Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
      break;
  }
  if (typeof left !== 'number' || typeof right !== 'number') {
    if (isStructured(left) || isStructured(right) || typeof left !== typeof right || typeof left !== 'string') {
      throw new MockError(`cannot apply '${op}' to ${typeName(left)} and ${typeName(right)}`);
    }
  }
  const [a, b] = [left as number | string, right as number | string];
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
  if (typeof a !== 'number' || typeof b !== 'number') throw new MockError(`cannot apply '${op}' to strings`);
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
      if (b === 0) throw new MockError('division by zero');
      return a / b;
    case '%':
      if (b === 0) throw new MockError('division by zero');
      return a % b;
  }
  throw new MockError(`unknown operator '${op}'`);
}
