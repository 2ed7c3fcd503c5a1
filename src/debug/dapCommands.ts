// DAP requests by what they do to the program, for everyone who must know when it runs.

/**
 * Requests after which the program runs until the adapter's next `stopped` event. `goto` and
 * `restartFrame` belong here too: the adapter answers, resumes, and then reports a stop.
 */
export const RESUMING_COMMANDS: ReadonlySet<string> = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'goto', 'restartFrame']);
