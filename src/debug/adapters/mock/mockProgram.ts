// Compiles a `.mock` program, line by line, into flat instruction lists (one per function) with
// jumps, so that execution can stop before any instruction and resume there.
import { BUILTINS, ExpressionParser, MockError, tokenize, type Expression } from './mockExpression';

/** A place a value can be stored: a name, `list[i]` or `object.field`. */
export type AssignTarget = Extract<Expression, { kind: 'name' | 'index' | 'member' }>;

export type Instruction =
  | { op: 'assign'; line: number; target: AssignTarget; declare: boolean; value: Expression }
  /** A call of a user function: a new frame; the result goes to `target`, or is returned again. */
  | { op: 'call'; line: number; callee: string; args: Expression[]; target?: AssignTarget | 'return'; declare: boolean }
  | { op: 'eval'; line: number; value: Expression }
  | { op: 'print'; line: number; stream: 'stdout' | 'stderr'; value: Expression }
  | { op: 'sleep'; line: number; value: Expression }
  | { op: 'exit'; line: number; value?: Expression }
  | { op: 'throw'; line: number; value: Expression }
  | { op: 'return'; line?: number; value?: Expression }
  | { op: 'branch'; line: number; condition: Expression; otherwise: number }
  | { op: 'jump'; to: number };

export interface CompiledFunction {
  name: string;
  params: string[];
  /** 1-based line of the `function` header (0 for the main program). */
  line: number;
  body: Instruction[];
}

export interface CompiledProgram {
  main: CompiledFunction;
  functions: Map<string, CompiledFunction>;
  /** Sorted 1-based lines where execution can stop. */
  executableLines: number[];
  lineCount: number;
}

type Block =
  | { kind: 'function'; fn: CompiledFunction }
  | { kind: 'if'; branch: Extract<Instruction, { op: 'branch' }>; skipElse?: Extract<Instruction, { op: 'jump' }> }
  | { kind: 'while'; branch: Extract<Instruction, { op: 'branch' }>; start: number };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['let', 'print', 'eprint', 'sleep', 'exit', 'throw', 'return', 'if', 'else', 'while', 'end', 'function', 'true', 'false', 'null']);

/** Compiles the program or throws a MockError naming the line. */
export function compileProgram(source: string): CompiledProgram {
  const lines = source.split(/\r?\n/);
  const main: CompiledFunction = { name: 'main', params: [], line: 0, body: [] };
  const functions = new Map<string, CompiledFunction>();
  const blocks: Block[] = [];
  const calls: { callee: string; line: number }[] = [];
  const currentFunction = (): CompiledFunction => {
    for (let index = blocks.length - 1; index >= 0; index--) {
      const block = blocks[index];
      if (block.kind === 'function') return block.fn;
    }
    return main;
  };

  lines.forEach((rawText, index) => {
    const line = index + 1;
    const text = rawText.trim();
    if (text === '' || text.startsWith('#')) return;
    try {
      const body = currentFunction().body;
      const [keyword, rest] = splitKeyword(text);
      switch (keyword) {
        case 'function': {
          if (blocks.length > 0) throw new MockError('functions can only be defined at the top level');
          const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)]*)\)$/.exec(rest);
          if (!match) throw new MockError('expected `function name(param, ...)`');
          const params = match[2].split(',').map((param) => param.trim()).filter((param) => param.length > 0);
          for (const param of params) if (!IDENTIFIER.test(param)) throw new MockError(`'${param}' is not a parameter name`);
          if (functions.has(match[1]) || match[1] in BUILTINS) throw new MockError(`function '${match[1]}' is already defined`);
          const fn: CompiledFunction = { name: match[1], params, line, body: [] };
          functions.set(fn.name, fn);
          blocks.push({ kind: 'function', fn });
          return;
        }
        case 'if': {
          const branch = { op: 'branch' as const, line, condition: expressionOf(rest), otherwise: -1 };
          body.push(branch);
          blocks.push({ kind: 'if', branch });
          return;
        }
        case 'while': {
          const start = body.length;
          const branch = { op: 'branch' as const, line, condition: expressionOf(rest), otherwise: -1 };
          body.push(branch);
          blocks.push({ kind: 'while', branch, start });
          return;
        }
        case 'else': {
          const block = blocks[blocks.length - 1];
          if (rest !== '' || block?.kind !== 'if' || block.skipElse) throw new MockError("'else' without a matching 'if'");
          block.skipElse = { op: 'jump', to: -1 };
          body.push(block.skipElse);
          block.branch.otherwise = body.length;
          return;
        }
        case 'end': {
          const block = blocks.pop();
          if (rest !== '' || !block) throw new MockError("'end' without an open 'function', 'if' or 'while'");
          if (block.kind === 'function') block.fn.body.push({ op: 'return' });
          else if (block.kind === 'while') {
            body.push({ op: 'jump', to: block.start });
            block.branch.otherwise = body.length;
          } else if (block.skipElse) block.skipElse.to = body.length;
          else block.branch.otherwise = body.length;
          return;
        }
        case 'print':
        case 'eprint':
          body.push({ op: 'print', line, stream: keyword === 'print' ? 'stdout' : 'stderr', value: expressionOf(rest) });
          return;
        case 'sleep':
          body.push({ op: 'sleep', line, value: expressionOf(rest) });
          return;
        case 'exit':
          body.push({ op: 'exit', line, value: rest === '' ? undefined : expressionOf(rest) });
          return;
        case 'throw':
          body.push({ op: 'throw', line, value: expressionOf(rest) });
          return;
        case 'return': {
          if (currentFunction() === main) throw new MockError("'return' outside a function; use 'exit' to end the program");
          const call = rest === '' ? undefined : userCallOf(rest);
          if (call) {
            calls.push({ callee: call.callee, line });
            body.push({ op: 'call', line, callee: call.callee, args: call.args, target: 'return', declare: false });
          } else {
            body.push({ op: 'return', line, value: rest === '' ? undefined : expressionOf(rest) });
          }
          return;
        }
      }
      body.push(statementOf(text, calls, line));
    } catch (error) {
      if (error instanceof MockError) throw new MockError(`line ${line}: ${error.message}`);
      throw error;
    }
  });

  const open = blocks.pop();
  if (open) throw new MockError(`line ${lines.length}: missing 'end' for the '${open.kind}' block`);
  for (const call of calls) {
    if (!functions.has(call.callee)) throw new MockError(`line ${call.line}: '${call.callee}' is not a function of this program or a built-in`);
  }
  const executable = new Set<number>();
  for (const fn of [main, ...functions.values()]) {
    for (const instruction of fn.body) if ('line' in instruction && instruction.line !== undefined) executable.add(instruction.line);
  }
  return { main, functions, executableLines: [...executable].sort((a, b) => a - b), lineCount: lines.length };
}

function splitKeyword(text: string): [string, string] {
  const match = /^([A-Za-z_]+)(?:\s+(.*))?$/.exec(text);
  if (!match || !RESERVED.has(match[1])) return ['', text];
  return [match[1], (match[2] ?? '').trim()];
}

/** An assignment (`let x = …`, `x = …`, `a[i] = …`, `o.f = …`), a user call, or an expression. */
function statementOf(text: string, calls: { callee: string; line: number }[], line: number): Instruction {
  const assignment = parseAssignment(text);
  if (assignment) {
    const call = userCallOfExpression(assignment.value);
    if (call) {
      calls.push({ callee: call.callee, line });
      return { op: 'call', line, callee: call.callee, args: call.args, target: assignment.target, declare: assignment.declare };
    }
    checkNoNestedUserCalls(assignment.value);
    return { op: 'assign', line, ...assignment };
  }
  const call = userCallOf(text);
  if (call) {
    calls.push({ callee: call.callee, line });
    return { op: 'call', line, callee: call.callee, args: call.args, declare: false };
  }
  return { op: 'eval', line, value: expressionOf(text) };
}

export interface Assignment {
  target: AssignTarget;
  declare: boolean;
  value: Expression;
}

/** `[let] target = value`, or undefined when the text has no top-level `=`. */
export function parseAssignment(text: string): Assignment | undefined {
  let tokens = tokenize(text);
  let declare = false;
  if (tokens[0]?.type === 'name' && tokens[0].value === 'let') {
    declare = true;
    tokens = tokens.slice(1);
  }
  const equals = tokens.findIndex((token) => token.type === 'punct' && token.value === '=');
  if (equals < 0) {
    if (declare) throw new MockError('expected `let name = value`');
    return undefined;
  }
  const left = new ExpressionParser(tokens.slice(0, equals));
  const target = left.expression();
  left.expectEnd();
  if (target.kind !== 'name' && target.kind !== 'index' && target.kind !== 'member') {
    throw new MockError('the left side of `=` must be a name, `list[index]` or `object.field`');
  }
  if (declare && target.kind !== 'name') throw new MockError('`let` declares a plain name');
  if (target.kind === 'name' && RESERVED.has(target.name)) throw new MockError(`'${target.name}' is a reserved word`);
  const right = new ExpressionParser(tokens.slice(equals + 1));
  const value = right.expression();
  right.expectEnd();
  return { target, declare, value };
}

function expressionOf(text: string): Expression {
  if (text === '') throw new MockError('expected an expression');
  const parser = new ExpressionParser(tokenize(text));
  const expression = parser.expression();
  parser.expectEnd();
  checkNoNestedUserCalls(expression);
  return expression;
}

function userCallOf(text: string): { callee: string; args: Expression[] } | undefined {
  const parser = new ExpressionParser(tokenize(text));
  const expression = parser.expression();
  parser.expectEnd();
  return userCallOfExpression(expression);
}

function userCallOfExpression(expression: Expression): { callee: string; args: Expression[] } | undefined {
  if (expression.kind !== 'call' || expression.callee in BUILTINS) return undefined;
  for (const arg of expression.args) checkNoNestedUserCalls(arg);
  return { callee: expression.callee, args: expression.args };
}

/** Calls of user functions create frames, so they must be whole statements, not parts of expressions. */
function checkNoNestedUserCalls(expression: Expression): void {
  switch (expression.kind) {
    case 'call':
      if (!(expression.callee in BUILTINS)) {
        throw new MockError(`'${expression.callee}(…)' must be a statement of its own: \`let result = ${expression.callee}(…)\``);
      }
      expression.args.forEach(checkNoNestedUserCalls);
      return;
    case 'array':
      expression.items.forEach(checkNoNestedUserCalls);
      return;
    case 'object':
      expression.entries.forEach(([, item]) => checkNoNestedUserCalls(item));
      return;
    case 'unary':
      checkNoNestedUserCalls(expression.operand);
      return;
    case 'binary':
      checkNoNestedUserCalls(expression.left);
      checkNoNestedUserCalls(expression.right);
      return;
    case 'index':
      checkNoNestedUserCalls(expression.target);
      checkNoNestedUserCalls(expression.index);
      return;
    case 'member':
      checkNoNestedUserCalls(expression.target);
      return;
    default:
      return;
  }
}
