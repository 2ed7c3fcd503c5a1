// The agent's wording of every debug-layer fact (src/debug/debugErrors.ts): what was wrong, and
// which tool call comes next. The one place where errors of the debugger meet the tools' names.
import type { SessionOrigin, SessionState } from '../debug/debugBridge';
import type { DebugFact } from '../debug/debugErrors';

/** `toolName` is the tool whose call failed. */
export function wordDebugError(fact: DebugFact, toolName: string): string {
  switch (fact.kind) {
    case 'unknown_session': {
      const known = fact.known.map((session) => `${session.id} (${session.name}, ${session.state})`);
      return `Unknown session "${fact.sessionId}". ${known.length > 0 ? `Known sessions: ${known.join('; ')}.` : 'There are no sessions.'} Call list_debug_sessions, or create_debug_session to make one.`;
    }
    case 'wrong_state':
      return `Cannot call ${toolName}: session ${fact.sessionId} is ${fact.state}, and this needs ${fact.needed.join(' or ')}. ${nextStepFrom(fact.state)}`;
    case 'no_program':
      return `Cannot call ${toolName}: session ${fact.sessionId} is ${fact.state} and has no running program. ${fact.state === 'created' ? 'Call start_debugging first.' : 'Call restart_debugging or start_debugging to run it again.'}`;
    case 'no_threads':
      return `Session ${fact.sessionId} has no threads yet. Wait for the program to start, then try again.`;
    case 'never_launched':
      return `Session ${fact.sessionId} was never launched by start_debugging${fact.mode === 'attach' ? ' (it is an attach session)' : ''}, so there is nothing to restart. Call start_debugging.`;
    case 'unknown_language':
      return `Unknown language "${fact.language}". Installed languages: ${fact.installed.join(', ')}. Call list_supported_languages for details.`;
    case 'debugger_missing':
      return `${fact.displayName} has no debugger installed in this VS Code${fact.requiredExtension ? `: install the extension ${fact.requiredExtension}` : ''}, then try again.`;
    case 'file_not_found':
      if (fact.problem === 'not_a_file') return `${fact.path} is not a file. Give the path of a source file.`;
      if (fact.problem === 'too_large') return `${fact.path} is ${fact.bytes ?? 'too many'} bytes, too large to read as source.`;
      return `File not found: ${fact.path}. Give an absolute path${fact.workspaceFolder ? ` or one relative to the workspace folder ${fact.workspaceFolder}` : ''}.`;
    case 'program_not_found':
      return `Script not found: ${fact.path}. Give an absolute path${fact.workspaceFolder ? ` or one relative to the workspace folder ${fact.workspaceFolder}` : ''}.`;
    case 'line_out_of_range':
      return `Line ${fact.line} is past the end of ${fact.path}, which has ${fact.lineCount} line(s). Pick a line between 1 and ${fact.lineCount}.`;
    case 'bad_frame':
      return `No scopes for frameId ${fact.frameId}: ${fact.adapterMessage}. Frame ids come from get_stack_trace at the current stop and change after every step.`;
    case 'bad_variables_reference':
      return `No variables for variablesReference ${fact.variablesReference}: ${fact.adapterMessage}. References come from get_scopes, get_variables or evaluate_expression at the current stop and expire when the program resumes.`;
    case 'bad_thread':
      return `No stack for thread ${fact.threadId}: ${fact.adapterMessage}. Call list_threads for the thread ids.`;
    case 'evaluation_failed':
      return `Evaluating ${JSON.stringify(fact.expression)} failed: ${fact.adapterMessage}${fact.frameId !== undefined ? ` (frameId ${fact.frameId}: frame ids come from get_stack_trace at the current stop)` : ''}.`;
    case 'adapter_refused':
      return `The debug adapter refused ${fact.command}: ${fact.adapterMessage}.`;
    case 'cannot_detach':
      return fact.reason === 'unsupported'
        ? `Cannot detach from session ${fact.sessionId} and leave its program running: its debug adapter does not support leaving a launched program running (no supportTerminateDebuggee capability), so a disconnect would end the program. Nothing was sent; the program still runs under the debugger. Call detach_from_process with terminateProcess: true or close_debug_session to stop it.`
        : `The debug adapter refused to detach from session ${fact.sessionId}: ${fact.adapterMessage ?? 'no reason given'}. Nothing was stopped; the session is still attached.`;
    case 'runs_without_debugging':
      return `Cannot call ${toolName}: session ${fact.sessionId} runs its program without debugging (noDebug: ${fact.startedBy === 'user' ? 'the user started it so' : 'its launch configuration says so'}), so no debugger is attached that could pause, step, show its stack or evaluate in it${fact.command !== undefined ? ` (its debug adapter refused ${fact.command}: ${fact.adapterMessage ?? 'no reason given'})` : ''}. get_output still reads its output. ${startWithDebugging(fact.startedBy)}`;
    case 'unknown_exception_filter': {
      const available = fact.available.map((filter) => `${filter.id} (${filter.label})`);
      return `Unknown exception filter id(s) ${fact.unknown.map((id) => JSON.stringify(id)).join(', ')} for session ${fact.sessionId}. ${available.length > 0 ? `Its debugger offers: ${available.join('; ')}.` : 'Its debugger offers no exception filters.'} Nothing was changed.`;
    }
    case 'not_java':
      return `${toolName} hot-swaps Java classes through the Java Debugger extension's hot code replace; session ${fact.sessionId} is a ${fact.language} session. Nothing was changed.`;
    case 'hot_code_replace_missing':
      return `The Java Debugger extension (${fact.extension}) with hot code replace is not available in this VS Code. Install it and try again.`;
    case 'classes_dir_unreadable':
      return `Cannot read the classes directory ${fact.path} (${fact.problem}). Give the absolute path of the compiled classes (e.g. build/classes/java/main). Nothing was replaced.`;
    case 'launch_failed':
      return `The ${fact.language} debugger did not start: ${fact.reason ?? 'VS Code refused the configuration (see its notification)'}. Check scriptPath, executablePath and adapterLaunchConfig (dryRunSpawn shows the configuration).`;
    case 'unknown_configuration': {
      const known = fact.known.map((entry) => `"${entry.name}"${entry.compound ? ' (compound)' : ''} in ${entry.folder}`);
      return `No launch configuration named "${fact.name}"${fact.folder !== undefined ? ` in folder ${fact.folder}` : ''}. ${known.length > 0 ? `Known configurations: ${known.join('; ')}.` : 'Neither the workspace (.vscode/launch.json) nor the user\'s settings (launch) have launch configurations.'} Call list_launch_configurations for details.`;
    }
    case 'ambiguous_configuration':
      return `Several folders have a launch configuration named "${fact.name}": ${fact.folders.join('; ')}. Give folder too (one of those, or a folder's name).`;
    case 'unknown_task':
      return `The preLaunchTask "${fact.task}" of configuration "${fact.configuration}" is not a task VS Code knows${fact.known.length > 0 ? ` (known tasks: ${fact.known.join('; ')})` : ''}. Nothing was started: fix the task's name in launch.json or define it in tasks.json.`;
    case 'task_failed':
      return fact.timedOutAfterMs !== undefined
        ? `The preLaunchTask "${fact.task}" of configuration "${fact.configuration}" was still running after ${fact.timedOutAfterMs} ms and was terminated; nothing was started. Call again with a larger timeoutMs if the task needs longer. Its output ends with: ${fact.outputTail.join('\n') || '(no output)'}`
        : `The preLaunchTask "${fact.task}" of configuration "${fact.configuration}" failed${fact.exitCode !== undefined ? ` with exit code ${fact.exitCode}` : ''}; the program was not started. Its output ends with: ${fact.outputTail.join('\n') || '(no output)'}. Fix what the task reports, then call start_debugging again.`;
    case 'no_test_runner':
      return fact.named !== undefined
        ? `No test runner "${fact.named}". Known runners: ${fact.lookedFor.join(', ')}. Nothing was started.`
        : `No test runner detected for ${fact.file} (project root ${fact.root}): looked for ${fact.lookedFor.join(', ')} in its config files, package.json and the file's imports. Nothing was started. If the file is a test of one of them, name it with framework (one of: ${fact.lookedFor.join(', ')}).`;
    case 'test_runner_missing':
      return `${fact.file} is a ${fact.framework} test, but ${fact.packageName} is not installed for the project at ${fact.root} (in no node_modules at that folder or above). Install the project's dependencies (npm install) there, or name another runner with framework. Nothing was started.`;
    case 'unknown_test':
      return `No test "${fact.testName}" in ${fact.file} (${fact.framework}). ${fact.known.length > 0 ? `Its tests: ${fact.known.join('; ')}.` : 'The runner found no tests in it.'} Call ${toolName} again with one of these as testName, or without testName to run them all.`;
    case 'test_listing_failed':
      return `Could not list the tests of ${fact.file} with ${fact.framework}: ${fact.problem}`;
  }
}

/** How a program run without debugging comes to run with it, by who started it. */
function startWithDebugging(startedBy: SessionOrigin): string {
  return startedBy === 'user'
    ? 'To debug it, ask the user to start it with Start Debugging (F5) instead, or close it with close_debug_session (which stops the program) and start the script with create_debug_session and start_debugging.'
    : 'To debug it, stop it with detach_from_process (terminateProcess: true), which keeps the session and its breakpoints, and call start_debugging again without noDebug.';
}

function nextStepFrom(state: SessionState): string {
  switch (state) {
    case 'created':
      return 'Call start_debugging (or attach_to_process) first.';
    case 'running':
      return 'Wait for a breakpoint, or call pause_execution.';
    case 'stopped':
      return 'The program has ended: call restart_debugging or start_debugging to run it again.';
    default:
      return `Check list_debug_sessions for the session's state.`;
  }
}
