// What a tool call does, decided from its tool and its arguments: the one table that workspace
// trust and `mcpLiveDebugger.tools.deny` consult, whichever way the call arrives (MCP, the debug
// endpoint, language model tools), so a call is judged by its effect and not by its tool's name.

/** What a call does to the machine or the debugged program. */
export type ToolEffect =
  /** Starts a program under the debugger. */
  | 'launch'
  /** Connects the debugger to a program that is already running (a debug server or a process). */
  | 'attach'
  /** Runs an expression an agent wrote inside the debugged program. */
  | 'evaluate'
  /** Replaces code in the running program (hot code replace). */
  | 'change-code'
  /** Resumes, steps or pauses the program's own code. */
  | 'control'
  /** Adds or removes breakpoints. */
  | 'breakpoints'
  /** Ends debugging: stops the program or detaches from it. */
  | 'end'
  /** Creates, shows or hides a session record; involves no program. */
  | 'session'
  /** Reads state (sessions, stack, variables, output, sources, a launch plan) and changes nothing. */
  | 'inspect';

/** Effects that make code run which an agent chose (a program, an expression, new classes): refused in an untrusted workspace. */
export const CODE_RUNNING_EFFECTS: ReadonlySet<ToolEffect> = new Set<ToolEffect>(['launch', 'attach', 'evaluate', 'change-code']);

/** How a refusal words an effect: "<tool> <does this>". */
export const EFFECT_DESCRIPTIONS: { readonly [effect in ToolEffect]: string } = {
  launch: 'starts a program',
  attach: 'attaches the debugger to a running program',
  evaluate: 'runs an expression inside the debugged program',
  'change-code': 'replaces code in the running program',
  control: 'resumes, steps or pauses the program',
  breakpoints: 'changes breakpoints',
  end: 'ends debugging of a program',
  session: 'manages a debug session record',
  inspect: 'reads debugger state',
};

/** Every effect, as `effect:<name>` patterns of `tools.deny` name them. */
export const TOOL_EFFECTS = Object.keys(EFFECT_DESCRIPTIONS) as readonly ToolEffect[];

/**
 * The tool whose whole purpose is an effect. A `tools.deny` pattern that names that tool also
 * refuses every other call with the effect: `attach_*` is how a user forbids attaching, so it
 * refuses `create_debug_session` with `port` too.
 */
export const EFFECT_TOOLS: { readonly [effect in ToolEffect]?: string } = {
  launch: 'start_debugging',
  attach: 'attach_to_process',
  evaluate: 'evaluate_expression',
  'change-code': 'redefine_classes',
};

export type ToolArguments = Readonly<Record<string, unknown>>;
type EffectRule = readonly ToolEffect[] | ((args: ToolArguments) => readonly ToolEffect[]);

const inspect: readonly ToolEffect[] = ['inspect'];
const control: readonly ToolEffect[] = ['control'];

/** Every tool's effects, with the arguments that change them. A tool missing here is refused where trust is required. */
const EFFECTS_BY_TOOL: { readonly [tool: string]: EffectRule } = {
  // the reference's inline attach: with port the new session attaches at once
  create_debug_session: (args) => (args.port !== undefined ? ['session', 'attach'] : ['session']),
  list_supported_languages: inspect,
  list_debug_sessions: inspect,
  close_debug_session: ['end'],

  // a condition, hit condition or log message is an expression the adapter evaluates in the program at each hit
  set_breakpoint: (args) => (args.condition !== undefined || args.hitCondition !== undefined || args.logMessage !== undefined ? ['breakpoints', 'evaluate'] : ['breakpoints']),
  list_breakpoints: inspect,
  remove_breakpoint: ['breakpoints'],
  clear_breakpoints: ['breakpoints'],
  set_exception_breakpoints: ['breakpoints'],

  list_launch_configurations: inspect,
  // a dry run starts no program: it builds the configuration, reads the script, looks the interpreter or
  // runtime up and runs the Python interpreter to import debugpy (no script, no workspace module: it runs
  // from the filesystem root), and an interpreter the agent named with executablePath only in a trusted
  // workspace. So it is an inspection wherever it is allowed. A named configuration is no dry run (its
  // start runs the preLaunchTask): the table does not rely on the tool refusing that combination.
  start_debugging: (args) => (args.dryRunSpawn === true && args.configurationName === undefined ? inspect : ['launch']),
  restart_debugging: ['launch'],
  attach_to_process: ['attach'],
  detach_from_process: ['end'],
  step_over: control,
  step_into: control,
  step_out: control,
  continue_execution: control,
  pause_execution: control,
  // its temporary breakpoint is gone when the call answers: what stays is that the program ran
  run_to_line: control,
  // it starts the project's test runner, which runs the tests' code
  debug_test: ['launch'],

  list_threads: inspect,
  get_stack_trace: inspect,
  get_scopes: inspect,
  get_variables: inspect,
  get_local_variables: inspect,
  evaluate_expression: ['evaluate'],
  get_source_context: inspect,
  get_output: inspect,

  expose_session: ['session'],
  unexpose_session: ['session'],
  redefine_classes: ['change-code'],

  // the language model tools' copy of the debugging guide (agentGuidance.ts)
  get_debugging_guide: inspect,
};

/** What calling `tool` with these (validated) arguments does; undefined for a tool the table does not know. */
export function effectsOf(tool: string, args: ToolArguments): readonly ToolEffect[] | undefined {
  if (!Object.hasOwn(EFFECTS_BY_TOOL, tool)) return undefined;
  const rule = EFFECTS_BY_TOOL[tool];
  return typeof rule === 'function' ? rule(args) : rule;
}
