// The CDP channels of live js-debug sessions (jsDebugChannel.ts), one per child session that
// owns a target, opened through js-debug's adapter and closed with the session.
import * as vscode from 'vscode';
import { sendDapRequest } from '../relay/directDap';
import { inSessionOrParents, runsWithoutDebugging } from '../sessionConfigurations';
import { uriToPath } from '../sourceFiles';
import { JsDebugChannel, type ProxyAddress } from './jsDebugChannel';
import type { BreakpointFile } from './sourceMapHolds';

/**
 * js-debug's `extension.js-debug.requestCDPProxy` command sends this request to the session's
 * adapter (and only adds a tunnel for a browser on another machine, which we do not need). The
 * command finds the session in js-debug's own list, which learns of a child session from
 * onDidStartDebugSession: VS Code fires that after the child's `launch` answer, and js-debug
 * answers `launch` once it let the target run, so through the command the first stop often came
 * before the proxy. js-debug's adapter for a child session answers the request as soon as the
 * session's DAP connection exists: asked at the `initialize` answer, the channel is open before
 * the target runs.
 */
const REQUEST_PROXY = 'requestCDPProxy';
/** js-debug's debug types (a launch's child sessions have the parent's type). */
const JS_DEBUG_TYPES: ReadonlySet<string> = new Set(['pwa-node', 'node', 'pwa-chrome', 'pwa-msedge', 'chrome', 'msedge', 'pwa-extensionHost', 'node-terminal']);

/** The channels of live js-debug sessions, by VS Code debug session id. */
export class JsDebugChannels implements vscode.Disposable {
  private readonly channels = new Map<string, JsDebugChannel>();

  /**
   * Opens a channel for a js-debug session: when its adapter answered `initialize` (the earliest
   * moment js-debug's adapter for it exists), when VS Code says it started (a session whose start
   * the tracker missed), and again at a stop until one opened.
   */
  prepare(session: vscode.DebugSession, atInitialize = false): void {
    // js-debug leaves the target's debugger off in a run without debugging: our `Debugger.enable` would turn it on
    if (!JS_DEBUG_TYPES.has(session.type) || !ownsTarget(session) || runsWithoutDebugging(session) || this.channels.has(session.id)) return;
    const channel = new JsDebugChannel(session.id, {
      showsPlainValues: /^en(-|$)/i.test(vscode.env.language) && !hasValueGenerators(session),
      followsFromStart: atInitialize,
      breakpointFiles,
    });
    this.channels.set(session.id, channel);
    // through the workbench, answered as soon as the tracker sees the adapter's answer
    channel.open(() => sendDapRequest<ProxyAddress | undefined>(session, REQUEST_PROXY)).catch(() => {
      // an older js-debug has no proxy, or the session ended: the DAP path answers, and the next stop tries again
      channel.dispose();
      if (this.channels.get(session.id) === channel) this.channels.delete(session.id);
    });
  }

  /** The channel of this VS Code session, if it is open or opening (a read waits for it). */
  get(sessionId: string): JsDebugChannel | undefined {
    const channel = this.channels.get(sessionId);
    return channel?.isOpenOrOpening ? channel : undefined;
  }

  sawResume(sessionId: string): void {
    this.channels.get(sessionId)?.sawResume();
  }

  sawStop(sessionId: string): void {
    this.channels.get(sessionId)?.sawStop();
  }

  sawContinue(sessionId: string): void {
    this.channels.get(sessionId)?.sawContinue();
  }

  sawRequest(sessionId: string, seq: number): void {
    this.get(sessionId)?.sawRequest(seq);
  }

  sawResponse(sessionId: string, requestSeq: number): void {
    this.get(sessionId)?.sawResponse(requestSeq);
  }

  ended(sessionId: string): void {
    this.channels.get(sessionId)?.dispose();
    this.channels.delete(sessionId);
  }

  dispose(): void {
    for (const channel of this.channels.values()) channel.dispose();
    this.channels.clear();
  }
}

/** The files of VS Code's enabled source breakpoints, the ones js-debug is given. */
function breakpointFiles(): BreakpointFile[] {
  return vscode.debug.breakpoints
    .filter((breakpoint): breakpoint is vscode.SourceBreakpoint => breakpoint instanceof vscode.SourceBreakpoint && breakpoint.enabled)
    .map((breakpoint) => {
      const uri = breakpoint.location.uri;
      return uri.scheme === 'file' || uri.scheme === 'vscode-remote' ? uriToPath(uri) : undefined;
    });
}

/** Whether the session or one it was started from formats values by the user's own code. */
function hasValueGenerators(session: vscode.DebugSession): boolean {
  return inSessionOrParents(session, (configuration) => configuration.customDescriptionGenerator !== undefined || configuration.customPropertiesGenerator !== undefined);
}

/**
 * js-debug starts a child session for each target it attaches to, marked with the target's id;
 * the parent has none, and asking it for a proxy would only cost trips through the workbench.
 */
function ownsTarget(session: vscode.DebugSession): boolean {
  return typeof (session.configuration as { __pendingTargetId?: unknown }).__pendingTargetId === 'string';
}
