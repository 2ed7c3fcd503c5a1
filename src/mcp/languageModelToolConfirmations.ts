// What Copilot asks the user before a language model tool call runs code: the script, the
// expression or the process, in the words of the call's own inputs. Which calls ask is decided by
// their effect (toolEffects.ts), the same judgement workspace trust makes.
import { CODE_RUNNING_EFFECTS, EFFECT_DESCRIPTIONS, effectsOf } from './toolEffects';

export interface ToolConfirmation {
  title: string;
  /** Markdown. */
  message: string;
}

/** How the confirmation names a session: its name and language, or the bare id when unknown. */
export type SessionDescriber = (sessionId: string) => string;

type Input = Readonly<Record<string, unknown>>;

const BUILDERS: Readonly<Record<string, (input: Input, session: string) => ToolConfirmation>> = {
  start_debugging: (input, session) => ({
    title: 'Run a program under the debugger?',
    message: [
      input.configurationName !== undefined
        ? `Runs the launch configuration ${code(text(input.configurationName))} of launch.json (its preLaunchTask first)${input.scriptPath !== undefined ? ` with program ${code(text(input.scriptPath))}` : ''}${list(input.args) ? ` with arguments ${code(list(input.args))}` : ''} in ${session}.`
        : `Runs ${code(text(input.scriptPath))}${list(input.args) ? ` with arguments ${code(list(input.args))}` : ''} in ${session}.`,
      input.cwd !== undefined ? `Working directory: ${code(text(input.cwd))}.` : '',
      isRecord(input.env) && Object.keys(input.env).length > 0 ? `Extra environment variables: ${Object.keys(input.env).map(code).join(', ')}.` : '',
    ].filter(Boolean).join('\n\n'),
  }),
  restart_debugging: (_input, session) => ({
    title: 'Restart the debugged program?',
    message: `Stops and runs again the program last started in ${session}, with the same configuration.`,
  }),
  create_debug_session: (input) => ({
    title: 'Attach the debugger to a running program?',
    message: `Creates a ${text(input.language)} debug session attached to the debug server at ${code(`${text(input.host ?? '127.0.0.1')}:${text(input.port)}`)}; the debugger can then pause it and run code in it.`,
  }),
  set_breakpoint: (input, session) => ({
    title: 'Set a breakpoint that evaluates an expression?',
    message: [
      `Sets a breakpoint at ${code(`${text(input.file)}:${text(input.line)}`)} in ${session}; the program evaluates at each hit:`,
      ...(['condition', 'hitCondition', 'logMessage'] as const).filter((field) => input[field] !== undefined).map((field) => `${field}:\n\n${codeBlock(text(input[field]))}`),
    ].join('\n\n'),
  }),
  attach_to_process: (input, session) => ({
    title: 'Attach the debugger to a running process?',
    message: `Attaches ${session} to ${input.processId !== undefined ? `process ${code(text(input.processId))}` : `the debug server at ${code(`${text(input.host ?? '127.0.0.1')}:${text(input.port)}`)}`}; the debugger can then pause it and run code in it.`,
  }),
  evaluate_expression: (input, session) => ({
    title: 'Evaluate an expression in the debugged program?',
    message: `Runs this expression in ${session}${input.frameId !== undefined ? ` (frame ${text(input.frameId)})` : ''}; it can change the program's state:\n\n${codeBlock(text(input.expression))}`,
  }),
  redefine_classes: (input, session) => ({
    title: 'Replace classes in the running program?',
    message: `Loads the compiled classes of ${code(text(input.classesDir))} into the program of ${session} (hot code replace).`,
  }),
};

/** The confirmation of a call that runs code; undefined for calls that only read or steer. */
export function confirmationFor(toolName: string, input: Input, describeSession: SessionDescriber): ToolConfirmation | undefined {
  const running = (effectsOf(toolName, input) ?? []).find((effect) => CODE_RUNNING_EFFECTS.has(effect));
  if (running === undefined) return undefined;
  const session = describeSession(typeof input.sessionId === 'string' ? input.sessionId : '');
  const build = BUILDERS[toolName];
  return build ? build(input, session) : { title: `Allow ${toolName}?`, message: `${toolName} ${EFFECT_DESCRIPTIONS[running]} in ${session}.` };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '(none)';
}

function list(value: unknown): string {
  return Array.isArray(value) && value.length > 0 ? value.map((item) => text(item)).join(' ') : '';
}

function code(value: string): string {
  const fence = value.includes('`') ? '``' : '`';
  return `${fence}${value}${fence}`;
}

function codeBlock(value: string): string {
  const fence = '`'.repeat(Math.max(3, ...[...value.matchAll(/`+/g)].map((match) => match[0].length + 1)));
  return `${fence}\n${value}\n${fence}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
