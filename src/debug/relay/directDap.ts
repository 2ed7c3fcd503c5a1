// VS Code glue for relayed adapters: hands VS Code the relay as an inline adapter, and lets the
// debug bridge send a session's DAP requests directly when the session's adapter is one we relay.
import * as vscode from 'vscode';
import { ObservedAnswers } from '../observedAnswers';
import type { DapBackend, DapMessage } from './dapBackend';
import { DapRelay } from './dapRelay';

/** Relays of live sessions, by VS Code debug session id; an entry goes when its adapter is disposed. */
const relays = new Map<string, DapRelay>();

export function relayedAdapterDescriptor(session: vscode.DebugSession, backend: DapBackend): vscode.DebugAdapterInlineImplementation {
  const relay = new DapRelay(backend);
  relays.set(session.id, relay);
  const adapter: vscode.DebugAdapter = {
    onDidSendMessage: (listener) => relay.onDidSendMessage((message) => listener(message)),
    handleMessage: (message) => relay.handleMessage(message as DapMessage),
    dispose: () => {
      if (relays.get(session.id) === relay) relays.delete(session.id);
      relay.dispose();
    },
  };
  return new vscode.DebugAdapterInlineImplementation(adapter);
}

/** The adapters' answers to custom requests as the DAP tracker sees them (dapTracker.ts feeds it). */
export const observedAnswers = new ObservedAnswers();

/**
 * One DAP request to a session's adapter: straight to the adapter when we relay it (no trip
 * through the workbench), otherwise through `DebugSession.customRequest`, answered as soon as the
 * tracker sees the adapter's response (before its trip back through the workbench). Same result
 * either way: the response body, or an error carrying the adapter's message.
 */
export function sendDapRequest<T>(session: vscode.DebugSession, command: string, args?: object): Promise<T> {
  const relay = relays.get(session.id);
  if (relay && !relay.isClosed) return relay.request<T>(command, args as Record<string, unknown> | undefined);
  const observed = observedAnswers.expect<T>(session.id, command, args);
  const custom = Promise.resolve(session.customRequest(command, args) as Thenable<T>);
  custom.then(observed.cancel, observed.cancel);
  return Promise.race([custom, observed.answer]);
}

/** Whether requests of this session go straight to its adapter. */
export function isRelayed(session: vscode.DebugSession): boolean {
  return relays.get(session.id)?.isClosed === false;
}
