import * as vscode from 'vscode';
import { Setting } from '../common/contributions';
import type { HttpRoutes } from '../http/httpRoute';
import type { TraceStore } from '../trace/traceStore';
import { readSetting } from '../vscodeContributions';
import { DebugEndpoint } from './debugEndpoint';
import { DebugEndpointPanelSource } from './debugEndpointPanelSource';
import { DebugEndpointRecorder } from './debugEndpointRecorder';
import { registerDebugTokenCommands } from './debugTokenCommands';
import { DebugTokenManager, MAX_DEBUG_TOKEN_MS } from './debugTokens';
import type { ToolDefinition } from './toolDefinition';

const HOUR_MS = 60 * 60 * 1000;

export interface DebugEndpointPartOptions {
  /** The listener the `/debug/<tool>` route mounts on. */
  routes: HttpRoutes;
  store: TraceStore;
  tools: () => readonly ToolDefinition[];
  /** The loopback origin (`http://127.0.0.1:<port>`) once the listener is up. */
  origin: Promise<string>;
}

export interface DebugEndpointPart extends vscode.Disposable {
  tokens: DebugTokenManager;
  /** Token state, origin and tools for the live panel's Debug Tokens tab. */
  panelSource: DebugEndpointPanelSource;
}

/** The debug endpoint with its tokens, commands and in-memory recording, as one owned part. */
export function createDebugEndpointPart(options: DebugEndpointPartOptions): DebugEndpointPart {
  // the start command reports a listener that failed; nothing else waits on this
  options.origin.catch(() => undefined);
  const tokens = new DebugTokenManager({ maxDurationMs: configuredMaxDurationMs });
  const recorder = new DebugEndpointRecorder(options.store, tokens.onDidChange);
  const route = options.routes.addRoute(new DebugEndpoint({ tokens, tools: options.tools, recorder }));
  const commands = registerDebugTokenCommands({ tokens, origin: options.origin });
  const panelSource = new DebugEndpointPanelSource(tokens, options.tools, options.origin);
  const settingWatcher = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(Setting.DebugTokenMaxHours)) panelSource.refresh();
  });
  const disposable = vscode.Disposable.from(settingWatcher, panelSource, commands, route, recorder, tokens);
  return { tokens, panelSource, dispose: () => disposable.dispose() };
}

function configuredMaxDurationMs(): number {
  const hours = readSetting(Setting.DebugTokenMaxHours);
  return hours > 0 ? Math.min(hours * HOUR_MS, MAX_DEBUG_TOKEN_MS) : MAX_DEBUG_TOKEN_MS;
}
