// What the server tells agents about debugging with its tools: the few lines of the initialize
// result's `instructions`, and the longer guide served as `debug://guide` and `get_debugging_guide`.
import { z } from 'zod';
import { defineTool, type ToolDefinition } from './toolDefinition';

export const GUIDE_URI = 'debug://guide';

/** Names the debugging flow's tools; `debug_test` only when the server offers it. */
export function serverInstructions(toolNames: readonly string[]): string {
  const start = toolNames.includes('debug_test') ? 'start_debugging (or debug_test for one test)' : 'start_debugging';
  return [
    'MCP Live Debugger drives VS Code\'s own debugger; the user watches the same session in VS Code.',
    `Debug in this order: create_debug_session (language) → set_breakpoint (file, line) → ${start} (scriptPath; waits until the program pauses or ends) → inspect while paused (get_local_variables, get_stack_trace, evaluate_expression, get_source_context) → step_over / step_into / step_out / continue_execution (each waits for the next stop) → close_debug_session.`,
    'Every answer is JSON with success: true or false. Failures carry error (what was wrong and what to do next); calls that resume the program answer state (paused, running, stopped), reason, location {file, line} with the source line, and exitCode once the program ended.',
    'Program output is in get_output. Tools that run code (start, restart, attach, evaluate, redefine) are refused with denied: true in untrusted workspaces or by the user\'s mcpLiveDebugger.tools.deny setting: tell the user, do not retry.',
    `The resource ${GUIDE_URI} (or prompts debug-failing-test, find-where-value-goes-wrong, explain-exception) gives step-by-step recipes.`,
  ].join('\n');
}

/** The debugging guide, as markdown. */
export const DEBUGGING_GUIDE = `# Debugging with MCP Live Debugger

The tools drive VS Code's own debugger. The user sees every session you start in VS Code's
debug toolbar, call stack and variables views, and can take over at any time.

## The flow
1. \`create_debug_session\` with \`language\` (\`list_supported_languages\` shows what is installed).
   Keep the \`sessionId\` it answers: every other call takes it.
2. \`set_breakpoint\` with \`file\` and \`line\` (1-based; an executable statement). A \`condition\`
   ("x > 3") pauses only when it holds; a \`logMessage\` logs instead of pausing.
3. \`start_debugging\` with \`scriptPath\` (and \`args\`). It waits until the program pauses at a
   breakpoint, or ends, up to \`timeoutMs\` (default 10 s). \`dapLaunchArgs.stopOnEntry\` pauses at
   the first line. A project with its own \`.vscode/launch.json\`: \`list_launch_configurations\`, then
   \`start_debugging\` with \`configurationName\` (its preLaunchTask builds first; a compound starts
   every part, each with its own \`sessionId\` in \`sessions\`).
4. While paused, inspect:
   - \`get_local_variables\`: the locals of the current frame in one call (\`allFrames: true\` adds callers).
   - \`get_stack_trace\`: the frames (ids for \`frameId\` arguments).
   - \`evaluate_expression\`: any expression in the program's language, in the top frame by default.
   - \`get_source_context\`: the lines around a location.
5. Move on: \`step_over\`, \`step_into\`, \`step_out\` or \`continue_execution\`. Each waits for the next
   stop and answers the new \`location\` with its source line.
6. \`get_output\` reads what the program printed (\`since\` = \`nextSince\` of the last answer).
7. \`close_debug_session\` when done: it stops the program.

## What the answers contain
- Always \`success\`. On failure, \`error\` says what was wrong and what to do; follow it.
- Calls that resume the program answer \`state\`: \`paused\` (with \`reason\` such as breakpoint,
  step, exception, and \`location\`), \`running\` with \`pending: true\` (it did not stop within
  \`timeoutMs\`: call \`pause_execution\` or \`continue_execution\` again), or \`stopped\` with
  \`exitCode\` and the last lines of output.
- Long values are capped (\`truncated: true\`); ask for one variable by \`names\` or page with
  \`get_variables\` (\`scope\` = a \`variablesReference\`).
- \`denied: true\` means the user's policy refused the call (untrusted workspace, or the setting
  \`mcpLiveDebugger.tools.deny\`). Tell the user instead of retrying.

## Recipes
- **A failing test**: \`debug_test\` with the test \`file\` (no breakpoint) answers \`testResult\` with
  each failure's \`file\` and \`line\`; set a breakpoint there (or in the code it calls), call
  \`debug_test\` again with \`testName\`, read the locals at the stop, step back up with the stack
  (\`get_stack_trace\`, \`get_local_variables\` with \`frameId\`).
- **Where a value goes wrong**: breakpoint where the variable is first assigned, then
  \`step_over\` and read it (\`get_local_variables\` with \`names\`) after every step until it changes
  to the wrong value; that line is the culprit.
- **An exception**: start with no breakpoint; an uncaught exception pauses with \`reason\`
  exception (where the debugger breaks on uncaught exceptions; otherwise the program ends and
  \`get_output\` holds the traceback: set a breakpoint on the line it names and restart). Read
  \`get_stack_trace\`, the locals of each frame, and \`evaluate_expression\` for the exception.

## Live resources (MCP clients)
- \`debug://sessions/{sessionId}/output\`: the program's output so far.
- \`debug://sessions/{sessionId}/stop\`: where the session is paused, with source and locals.
Subscribe to them (\`resources/subscribe\`) to be told when they change.
`;

/** The guide as a tool, for Copilot without MCP (language model tools have no resources). */
export const debuggingGuideTool: ToolDefinition = defineTool({
  name: 'get_debugging_guide',
  title: 'Get Debugging Guide',
  description: 'How to debug a program with these tools: the order of the calls, what their answers contain, and recipes for a failing test, a wrong value and an exception. Read it once before debugging.',
  inputSchema: {},
  outputSchema: { success: z.boolean(), guide: z.string().describe('The guide, in Markdown.') },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler() {
    return { success: true, guide: DEBUGGING_GUIDE };
  },
});
