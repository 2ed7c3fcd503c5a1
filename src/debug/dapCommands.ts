// DAP requests by what they do to the program, for everyone who must know when it runs.

/**
 * Requests after which the program runs until the adapter's next `stopped` event. `goto` and
 * `restartFrame` belong here too: the adapter answers, resumes, and then reports a stop.
 */
export const RESUMING_COMMANDS: ReadonlySet<string> = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'goto', 'restartFrame']);

/**
 * Requests a debugger attached to the program serves: in a run without debugging (DAP `noDebug`)
 * there is none, and an adapter's refusal of one of them says no more than that (debugpy refuses
 * even threads; js-debug still lists its process as one).
 */
export const DEBUGGER_COMMANDS: ReadonlySet<string> = new Set([...RESUMING_COMMANDS, 'pause', 'threads', 'stackTrace', 'scopes', 'variables', 'evaluate', 'exceptionInfo', 'setVariable', 'setExpression']);
