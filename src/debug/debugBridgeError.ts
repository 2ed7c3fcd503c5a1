// The one error type the bridge throws for wrong calls: a code the tools can branch on and a
// message that already says what was wrong and what to do.

export type DebugBridgeErrorCode =
  | 'unknown_session'
  | 'wrong_state'
  | 'unknown_language'
  | 'file_not_found'
  | 'bad_line'
  | 'bad_reference'
  | 'unsupported'
  | 'adapter_error'
  | 'launch_failed';

export class DebugBridgeError extends Error {
  constructor(readonly code: DebugBridgeErrorCode, message: string) {
    super(message);
    this.name = 'DebugBridgeError';
  }
}
