// The mock debugger's runtime: executes a compiled `.mock` program statement by statement and
// stops for breakpoints, steps, pauses and exceptions. Pure: no VS Code and no DAP in here, so
// it is unit-testable and deterministic; the debug session translates it to DAP.
import { Emitter } from '../../../common/emitter';
import { MockError, evaluate, parseExpression, type Scope } from './mockExpression';
import { compileProgram, parseAssignment, type AssignTarget, type CompiledFunction, type CompiledProgram, type Instruction } from './mockProgram';
import { isMockObject, printValue, isTruthy, type MockValue } from './mockValue';
import { MockVariableReferences, type MockVariable, type VariablesPage } from './mockVariables';

export type StopReason = 'entry' | 'step' | 'breakpoint' | 'pause' | 'exception';

export interface StopEvent {
  reason: StopReason;
  line: number;
  /** Ids of the breakpoints that caused a 'breakpoint' stop. */
  breakpointIds: number[];
  /** The exception message for an 'exception' stop. */
  text?: string;
}

export interface OutputEvent {
  category: 'stdout' | 'stderr' | 'console';
  text: string;
  line?: number;
}

export interface BreakpointRequest {
  line: number;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
}

export interface BreakpointResult {
  id: number;
  verified: boolean;
  /** Where the breakpoint actually is: the requested line or the next executable one. */
  line: number;
  message?: string;
}

export interface StackFrameInfo {
  id: number;
  name: string;
  line: number;
}

export interface ScopeInfo {
  name: string;
  presentationHint: 'locals' | 'globals';
  variablesReference: number;
  namedVariables: number;
}

export interface MockRuntimeOptions {
  /** Statements run between yields to the event loop, so pause and other requests get through. */
  statementsPerSlice?: number;
  /** Program arguments, visible as the global `args`. */
  args?: string[];
}

interface Frame {
  id: number;
  fn: CompiledFunction;
  pc: number;
  locals: Map<string, MockValue>;
}

interface Breakpoint extends BreakpointRequest {
  id: number;
  hits: number;
}

type RunMode =
  | { kind: 'continue' }
  | { kind: 'stepIn'; reason: 'step' | 'entry' }
  | { kind: 'stepOver'; depth: number }
  | { kind: 'stepOut'; depth: number };

export type RuntimeState = 'notStarted' | 'running' | 'paused' | 'exited';

const MAX_DEPTH = 200;
const DEFAULT_SLICE = 500;

export class MockRuntime {
  readonly program: CompiledProgram;
  private readonly stopEmitter = new Emitter<StopEvent>();
  private readonly outputEmitter = new Emitter<OutputEvent>();
  private readonly exitEmitter = new Emitter<number>();
  readonly onStop = this.stopEmitter.event;
  readonly onOutput = this.outputEmitter.event;
  readonly onExit = this.exitEmitter.event;

  private readonly statementsPerSlice: number;
  private readonly globals = new Map<string, MockValue>();
  private readonly frames: Frame[] = [];
  private readonly references = new MockVariableReferences();
  private breakpoints: Breakpoint[] = [];
  private nextBreakpointId = 1;
  private nextFrameId = 1;
  private breakOnExceptions = true;
  private stateValue: RuntimeState = 'notStarted';
  private mode: RunMode = { kind: 'continue' };
  private pauseRequested = false;
  /** Set on resume: the instruction we stopped before runs without stopping there again. */
  private resuming = false;
  private pendingException: string | undefined;
  private cancelSleep: (() => void) | undefined;
  private exitCodeValue: number | undefined;

  /** Compiles the program; a syntax error throws a MockError naming the line. */
  constructor(source: string, options: MockRuntimeOptions = {}) {
    this.program = compileProgram(source);
    this.statementsPerSlice = options.statementsPerSlice ?? DEFAULT_SLICE;
    this.globals.set('args', [...(options.args ?? [])]);
  }

  get state(): RuntimeState {
    return this.stateValue;
  }

  get exitCode(): number | undefined {
    return this.exitCodeValue;
  }

  get exceptionMessage(): string | undefined {
    return this.pendingException;
  }

  /** The executable line at or after `line`, or undefined when there is none. */
  executableLineAtOrAfter(line: number): number | undefined {
    return this.program.executableLines.find((candidate) => candidate >= line);
  }

  setBreakpoints(requests: readonly BreakpointRequest[]): BreakpointResult[] {
    this.breakpoints = [];
    return requests.map((request) => {
      const id = this.nextBreakpointId++;
      const line = this.executableLineAtOrAfter(request.line);
      if (line === undefined) {
        return { id, verified: false, line: request.line, message: `no executable line at or after line ${request.line}` };
      }
      this.breakpoints.push({ ...request, line, id, hits: 0 });
      return { id, verified: true, line };
    });
  }

  /** Whether an uncaught exception stops the program (before it ends with exit code 1). */
  setBreakOnExceptions(enabled: boolean): void {
    this.breakOnExceptions = enabled;
  }

  start(stopOnEntry = false): void {
    if (this.stateValue !== 'notStarted') throw new MockError('the program has already started');
    this.frames.push({ id: this.nextFrameId++, fn: this.program.main, pc: 0, locals: this.globals });
    this.resume(stopOnEntry ? { kind: 'stepIn', reason: 'entry' } : { kind: 'continue' });
  }

  continue(): void {
    this.resume({ kind: 'continue' });
  }

  stepOver(): void {
    this.resume({ kind: 'stepOver', depth: this.frames.length });
  }

  stepIn(): void {
    this.resume({ kind: 'stepIn', reason: 'step' });
  }

  stepOut(): void {
    this.resume({ kind: 'stepOut', depth: this.frames.length });
  }

  /** Stops before the next statement; a `sleep` in progress ends early. Paused already: nothing. */
  pause(): void {
    if (this.stateValue !== 'running') return;
    this.pauseRequested = true;
    this.cancelSleep?.();
  }

  terminate(): void {
    if (this.stateValue === 'exited') return;
    this.stateValue = 'exited';
    this.cancelSleep?.();
    this.references.clear();
  }

  /** Innermost first. */
  stack(): StackFrameInfo[] {
    return [...this.frames].reverse().map((frame) => ({ id: frame.id, name: frame.fn.name, line: lineOf(frame) }));
  }

  scopes(frameId: number): ScopeInfo[] | undefined {
    const frame = this.frames.find((candidate) => candidate.id === frameId);
    if (!frame) return undefined;
    const scopes: ScopeInfo[] = [
      { name: 'Locals', presentationHint: 'locals', variablesReference: this.references.forBindings(frame.locals), namedVariables: frame.locals.size },
    ];
    if (frame.locals !== this.globals) {
      scopes.push({ name: 'Globals', presentationHint: 'globals', variablesReference: this.references.forBindings(this.globals), namedVariables: this.globals.size });
    }
    return scopes;
  }

  variables(reference: number, page?: VariablesPage): MockVariable[] | undefined {
    return this.references.children(reference, page);
  }

  /**
   * Evaluates an expression in a frame (the innermost by default); `[let] target = value`
   * assigns, as a side effect, and answers the value.
   */
  evaluate(text: string, frameId?: number): MockVariable {
    const frame = frameId === undefined ? this.frames[this.frames.length - 1] : this.frames.find((candidate) => candidate.id === frameId);
    if (frameId !== undefined && !frame) throw new MockError(`there is no frame ${frameId} (the program may have moved on)`);
    const scopeFrame = frame ?? { id: 0, fn: this.program.main, pc: 0, locals: this.globals };
    const assignment = parseAssignment(text);
    if (assignment) {
      const value = evaluate(assignment.value, this.scopeOf(scopeFrame));
      this.assign(scopeFrame, assignment.target, assignment.declare, value);
      return this.references.describe(text, value);
    }
    return this.references.describe(text, evaluate(parseExpression(text), this.scopeOf(scopeFrame)));
  }

  /** Sets a variable shown under `reference` (a scope or a collection) from an expression. */
  setVariable(reference: number, name: string, valueText: string): MockVariable {
    const frame = this.frames[this.frames.length - 1];
    const value = evaluate(parseExpression(valueText), frame ? this.scopeOf(frame) : this.scopeOf({ id: 0, fn: this.program.main, pc: 0, locals: this.globals }));
    if (!this.references.assign(reference, name, value)) throw new MockError(`cannot set '${name}': the reference ${reference} is not valid now`);
    return this.references.describe(name, value);
  }

  private resume(mode: RunMode): void {
    if (this.stateValue === 'exited') return;
    if (this.stateValue === 'running') throw new MockError('the program is already running');
    if (this.pendingException !== undefined) {
      const message = this.pendingException;
      this.pendingException = undefined;
      this.stateValue = 'running';
      this.finishWithUncaught(message);
      return;
    }
    const firstStart = this.stateValue === 'notStarted';
    this.stateValue = 'running';
    this.mode = mode;
    this.resuming = !firstStart;
    this.pauseRequested = false;
    this.references.clear();
    // run after the caller has answered its request, as a real debuggee would
    setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    let executed = 0;
    while (this.stateValue === 'running') {
      if (++executed > this.statementsPerSlice) {
        executed = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      const frame = this.frames[this.frames.length - 1];
      const instruction = frame.fn.body[frame.pc];
      if (!instruction) {
        this.exit(0);
        return;
      }
      if (instruction.op !== 'jump' && instruction.line !== undefined) {
        if (!this.resuming && this.shouldStop(instruction.line)) return;
        this.resuming = false;
      }
      try {
        const pending = this.execute(frame, instruction);
        if (pending) await pending;
      } catch (error) {
        if (!(error instanceof MockError)) throw error;
        this.raise(error.message, instruction);
        return;
      }
    }
  }

  /** Decides, before a statement, whether to stop there; logs log points on the way. */
  private shouldStop(line: number): boolean {
    if (this.pauseRequested) return this.stop({ reason: 'pause', line, breakpointIds: [] });
    const hit: number[] = [];
    for (const breakpoint of this.breakpoints) {
      if (breakpoint.line !== line || !this.breakpointApplies(breakpoint)) continue;
      if (breakpoint.logMessage !== undefined) {
        this.outputEmitter.fire({ category: 'console', text: `${this.interpolate(breakpoint.logMessage)}\n`, line });
      } else {
        hit.push(breakpoint.id);
      }
    }
    if (hit.length > 0) return this.stop({ reason: 'breakpoint', line, breakpointIds: hit });
    const depth = this.frames.length;
    const mode = this.mode;
    if (
      mode.kind === 'stepIn' ||
      (mode.kind === 'stepOver' && depth <= mode.depth) ||
      (mode.kind === 'stepOut' && depth < mode.depth)
    ) {
      return this.stop({ reason: mode.kind === 'stepIn' ? mode.reason : 'step', line, breakpointIds: [] });
    }
    return false;
  }

  private breakpointApplies(breakpoint: Breakpoint): boolean {
    if (breakpoint.condition) {
      try {
        if (!isTruthy(this.evaluateHere(breakpoint.condition))) return false;
      } catch (error) {
        // a broken condition stops, so the user sees it, rather than silently never stopping
        this.outputEmitter.fire({ category: 'console', text: `breakpoint condition '${breakpoint.condition}' failed: ${(error as Error).message}\n` });
        return true;
      }
    }
    breakpoint.hits++;
    return breakpoint.hitCondition ? hitConditionMet(breakpoint.hitCondition, breakpoint.hits) : true;
  }

  private interpolate(message: string): string {
    return message.replace(/\{([^}]+)\}/g, (_whole, expression: string) => {
      try {
        return printValue(this.evaluateHere(expression));
      } catch (error) {
        return `<${(error as Error).message}>`;
      }
    });
  }

  private evaluateHere(text: string): MockValue {
    return evaluate(parseExpression(text), this.scopeOf(this.frames[this.frames.length - 1]));
  }

  private stop(event: StopEvent): true {
    this.stateValue = 'paused';
    this.pauseRequested = false;
    this.stopEmitter.fire(event);
    return true;
  }

  /** Runs one instruction; answers a promise only for `sleep`. */
  private execute(frame: Frame, instruction: Instruction): Promise<void> | undefined {
    const scope = this.scopeOf(frame);
    switch (instruction.op) {
      case 'assign':
        this.assign(frame, instruction.target, instruction.declare, evaluate(instruction.value, scope));
        frame.pc++;
        return undefined;
      case 'eval':
        evaluate(instruction.value, scope);
        frame.pc++;
        return undefined;
      case 'print':
        this.outputEmitter.fire({ category: instruction.stream, text: `${printValue(evaluate(instruction.value, scope))}\n`, line: instruction.line });
        frame.pc++;
        return undefined;
      case 'branch':
        frame.pc = isTruthy(evaluate(instruction.condition, scope)) ? frame.pc + 1 : instruction.otherwise;
        return undefined;
      case 'jump':
        frame.pc = instruction.to;
        return undefined;
      case 'call': {
        const fn = this.program.functions.get(instruction.callee);
        if (!fn) throw new MockError(`'${instruction.callee}' is not defined`);
        const args = instruction.args.map((arg) => evaluate(arg, scope));
        if (args.length !== fn.params.length) {
          throw new MockError(`${fn.name}() takes ${fn.params.length} argument(s) but got ${args.length}`);
        }
        if (this.frames.length >= MAX_DEPTH) throw new MockError(`stack overflow: more than ${MAX_DEPTH} nested calls`);
        this.frames.push({ id: this.nextFrameId++, fn, pc: 0, locals: new Map(fn.params.map((param, index) => [param, args[index]])) });
        return undefined;
      }
      case 'return':
        this.returnFrom(instruction.value === undefined ? null : evaluate(instruction.value, scope));
        return undefined;
      case 'sleep': {
        const milliseconds = evaluate(instruction.value, scope);
        if (typeof milliseconds !== 'number' || milliseconds < 0) throw new MockError('sleep takes a number of milliseconds');
        frame.pc++;
        return new Promise<void>((resolve) => {
          const done = (): void => {
            clearTimeout(timer);
            this.cancelSleep = undefined;
            resolve();
          };
          const timer = setTimeout(done, milliseconds);
          this.cancelSleep = done;
        });
      }
      case 'exit': {
        const code = instruction.value === undefined ? 0 : evaluate(instruction.value, scope);
        if (typeof code !== 'number' || !Number.isInteger(code)) throw new MockError('exit takes a whole number');
        this.exit(code);
        return undefined;
      }
      case 'throw':
        throw new MockError(printValue(evaluate(instruction.value, scope)));
    }
  }

  /** Pops frames for `return`; a caller that was itself returning a call's value keeps unwinding. */
  private returnFrom(value: MockValue): void {
    for (;;) {
      this.frames.pop();
      const caller = this.frames[this.frames.length - 1];
      const call = caller.fn.body[caller.pc];
      if (call.op !== 'call') throw new Error('a frame returned to a statement that is not a call');
      if (call.target === 'return') continue;
      if (call.target) this.assign(caller, call.target, call.declare, value);
      caller.pc++;
      return;
    }
  }

  private raise(message: string, instruction: Instruction): void {
    if (this.breakOnExceptions) {
      this.pendingException = message;
      this.stop({ reason: 'exception', line: 'line' in instruction && instruction.line !== undefined ? instruction.line : 0, breakpointIds: [], text: message });
      return;
    }
    this.finishWithUncaught(message);
  }

  private finishWithUncaught(message: string): void {
    const line = lineOf(this.frames[this.frames.length - 1]);
    this.outputEmitter.fire({ category: 'stderr', text: `Uncaught exception at line ${line}: ${message}\n`, line });
    this.exit(1);
  }

  private exit(code: number): void {
    if (this.stateValue === 'exited') return;
    this.stateValue = 'exited';
    this.exitCodeValue = code;
    this.references.clear();
    this.exitEmitter.fire(code);
  }

  private scopeOf(frame: Frame): Scope {
    return {
      lookup: (name) => (frame.locals.has(name) ? frame.locals.get(name) : this.globals.get(name)),
    };
  }

  private assign(frame: Frame, target: AssignTarget, declare: boolean, value: MockValue): void {
    const scope = this.scopeOf(frame);
    switch (target.kind) {
      case 'name':
        if (declare || frame.locals.has(target.name) || !this.globals.has(target.name)) frame.locals.set(target.name, value);
        else this.globals.set(target.name, value);
        return;
      case 'index': {
        const container = evaluate(target.target, scope);
        const index = evaluate(target.index, scope);
        if (Array.isArray(container)) {
          if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > container.length) {
            throw new MockError(`index ${String(index)} is out of range (length ${container.length})`);
          }
          container[index] = value;
          return;
        }
        if (isMockObject(container)) {
          container[String(index)] = value;
          return;
        }
        throw new MockError('only arrays and objects can be assigned by index');
      }
      case 'member': {
        const container = evaluate(target.target, scope);
        if (!isMockObject(container)) throw new MockError(`cannot set field '${target.name}' on a non-object`);
        container[target.name] = value;
        return;
      }
    }
  }
}

function lineOf(frame: Frame): number {
  for (let pc = frame.pc; pc < frame.fn.body.length; pc++) {
    const instruction = frame.fn.body[pc];
    if (instruction.op !== 'jump' && instruction.line !== undefined) return instruction.line;
    if (instruction.op === 'jump') pc = instruction.to - 1;
    else break;
  }
  return frame.fn.line;
}

/** DAP hit conditions: `3` or `== 3` (exactly), `>= 3`, `> 3`, `< 3`, `<= 3`, `% 3` (every third). */
export function hitConditionMet(condition: string, hits: number): boolean {
  const match = /^\s*(==|>=|<=|>|<|%)?\s*(\d+)\s*$/.exec(condition);
  if (!match) return true;
  const value = Number(match[2]);
  switch (match[1]) {
    case '>=': return hits >= value;
    case '>': return hits > value;
    case '<': return hits < value;
    case '<=': return hits <= value;
    case '%': return value > 0 && hits % value === 0;
    default: return hits === value;
  }
}
