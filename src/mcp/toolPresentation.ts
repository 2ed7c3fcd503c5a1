// How tools/list presents each tool to a client: a human title and complete annotations (MCP's
// behaviour hints), in one table, so a client can tell reading from running code and undoing.
import type { ToolDefinition } from './toolDefinition';

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

type Hints = Pick<ToolAnnotations, 'readOnlyHint' | 'destructiveHint' | 'idempotentHint'>;

const reads: Hints = { readOnlyHint: true, destructiveHint: false, idempotentHint: true };
/** Changes the debugger's state and adds to it; calling again changes it again (a step steps again). */
const steers: Hints = { readOnlyHint: false, destructiveHint: false, idempotentHint: false };
/** Removes, stops or replaces something, or lets code an agent chose run (which can do anything). */
const destroys: Hints = { readOnlyHint: false, destructiveHint: true, idempotentHint: false };

/** Every tool's hints. A tool missing here is presented with the specification's cautious defaults. */
const HINTS: { readonly [tool: string]: Hints } = {
  create_debug_session: steers,
  list_supported_languages: reads,
  list_debug_sessions: reads,
  close_debug_session: { ...destroys, idempotentHint: true },
  set_breakpoint: { ...steers, idempotentHint: true },
  list_breakpoints: reads,
  remove_breakpoint: { ...destroys, idempotentHint: true },
  clear_breakpoints: { ...destroys, idempotentHint: true },
  set_exception_breakpoints: { ...steers, idempotentHint: true },
  list_launch_configurations: reads,
  start_debugging: destroys,
  restart_debugging: destroys,
  attach_to_process: steers,
  detach_from_process: { ...destroys, idempotentHint: true },
  step_over: steers,
  step_into: steers,
  step_out: steers,
  continue_execution: steers,
  pause_execution: { ...steers, idempotentHint: true },
  run_to_line: steers,
  debug_test: destroys,
  list_threads: reads,
  get_stack_trace: reads,
  get_scopes: reads,
  get_variables: reads,
  get_local_variables: reads,
  evaluate_expression: destroys,
  get_source_context: reads,
  get_output: reads,
  expose_session: { ...steers, idempotentHint: true },
  unexpose_session: { ...steers, idempotentHint: true },
  redefine_classes: destroys,
  get_debugging_guide: reads,
};

/** The specification's defaults: assume the worst of a tool that says nothing. */
const UNKNOWN: Hints = { readOnlyHint: false, destructiveHint: true, idempotentHint: false };

export function toolTitle(definition: Pick<ToolDefinition, 'name' | 'title'>): string {
  return definition.title ?? definition.name.split('_').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

/** Every hint stated; the tools only act on this VS Code and the programs it debugs (no open world). */
export function toolAnnotations(definition: Pick<ToolDefinition, 'name' | 'annotations'>): ToolAnnotations {
  const hints = Object.hasOwn(HINTS, definition.name) ? HINTS[definition.name] : UNKNOWN;
  return { ...hints, openWorldHint: false, ...definition.annotations };
}

/** Whether the table knows the tool (a unit test keeps it complete). */
export function hasToolHints(name: string): boolean {
  return Object.hasOwn(HINTS, name);
}
