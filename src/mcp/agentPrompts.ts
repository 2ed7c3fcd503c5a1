// The MCP prompts: recipes a user picks in their client ("/debug-failing-test"), each expanding
// into concrete steps with the debugger's tools. No SDK here, so the texts are testable alone.

export interface PromptArgument {
  name: string;
  description: string;
  required: boolean;
}

export interface AgentPrompt {
  name: string;
  title: string;
  description: string;
  arguments: PromptArgument[];
  /** The user message the prompt expands into; arguments are checked before this is called. */
  expand(args: Readonly<Record<string, string>>): string;
}

const closing = 'When you know the cause, say which line is wrong and why, with the values you saw, then call close_debug_session.';

export const AGENT_PROMPTS: readonly AgentPrompt[] = [
  {
    name: 'debug-failing-test',
    title: 'Debug a failing test',
    description: 'Run one failing test under the debugger, pause where it fails, and find out why from the live values.',
    arguments: [
      { name: 'testFile', description: 'The test file (absolute, or relative to the workspace folder).', required: true },
      { name: 'testName', description: 'The name of the failing test.', required: true },
    ],
    expand: ({ testFile, testName }) => [
      `The test "${testName}" in ${testFile} fails. Debug it with the MCP Live Debugger tools:`,
      `1. Read ${testFile} (get_source_context with file "${testFile}" and the line of the test) and find the failing assertion of "${testName}".`,
      `2. create_debug_session with the language of ${testFile}.`,
      `3. set_breakpoint on the line of the failing assertion in ${testFile}, and on the first line of "${testName}".`,
      `4. debug_test with file "${testFile}" and testName "${testName}": it runs only that test with the project's own runner and waits until a breakpoint is hit, or answers testResult when the test ends (an unknown name answers the file's tests). Where it detects no runner, start_debugging with scriptPath "${testFile}" and the arguments that run only "${testName}" (for example pytest's -k "${testName}", mocha's --grep "${testName}").`,
      '5. At each stop: get_local_variables, and evaluate_expression for each side of the assertion. If a value is already wrong, get_stack_trace and read the callers\' locals (get_local_variables with frameId) to see where it came from.',
      '6. step_over / step_into through the code under test until you see the first wrong value; continue_execution to the next breakpoint.',
      '7. get_output for the test runner\'s report.',
      closing,
    ].join('\n'),
  },
  {
    name: 'find-where-value-goes-wrong',
    title: 'Find where a value goes wrong',
    description: 'Follow one variable step by step until it takes a wrong value, and name the line that did it.',
    arguments: [
      { name: 'file', description: 'The source file (absolute, or relative to the workspace folder) to run.', required: true },
      { name: 'variable', description: 'The variable whose value goes wrong.', required: true },
    ],
    expand: ({ file, variable }) => [
      `The variable ${variable} ends up with a wrong value when ${file} runs. Find the line that makes it wrong with the MCP Live Debugger tools:`,
      `1. create_debug_session with the language of ${file}.`,
      `2. Find where ${variable} is first assigned in ${file} (get_source_context) and set_breakpoint there; if you cannot tell, start with dapLaunchArgs { "stopOnEntry": true }.`,
      `3. start_debugging with scriptPath "${file}".`,
      `4. At the stop: get_local_variables with names ["${variable}"] and note its value.`,
      `5. step_over, then get_local_variables with names ["${variable}"] again; repeat. step_into a call that changes ${variable}. When the program leaves the function, get_stack_trace shows where you are.`,
      `6. The step after which ${variable} first holds a wrong value is the culprit: read it with get_source_context and evaluate_expression the parts of that line.`,
      closing,
    ].join('\n'),
  },
  {
    name: 'explain-exception',
    title: 'Explain an exception',
    description: 'Run the program until it raises, and explain the exception from the stack and the live values where it was raised.',
    arguments: [
      { name: 'file', description: 'The program to run (absolute, or relative to the workspace folder); when left out, ask the user or use the file they are looking at.', required: false },
    ],
    expand: ({ file }) => {
      const target = file ? `"${file}"` : 'the program the user means (ask if it is not clear)';
      return [
        `Explain the exception ${file ? `that ${file} raises` : 'the program raises'} with the MCP Live Debugger tools:`,
        `1. create_debug_session with the program's language, then start_debugging with scriptPath ${target} and no breakpoints.`,
        '2. If it answers state "paused" with reason "exception": get_stack_trace, then get_local_variables for the top frame and for the callers (frameId), and evaluate_expression to read the exception (its message and type).',
        '3. If it answers state "stopped" instead: get_output has the traceback; set_breakpoint on the innermost line of your code it names, restart_debugging, and inspect there.',
        '4. get_source_context around the raising line.',
        'Explain what was raised, which values caused it and where they came from, and how to fix it; then call close_debug_session.',
      ].join('\n');
    },
  },
];

/** Why a prompts/get cannot be answered, or undefined when the arguments are complete. */
export function missingArguments(prompt: AgentPrompt, args: Readonly<Record<string, string>>): string | undefined {
  const missing = prompt.arguments.filter((argument) => argument.required && !args[argument.name]?.trim()).map((argument) => argument.name);
  return missing.length > 0 ? `Prompt ${prompt.name} needs the argument${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.` : undefined;
}
