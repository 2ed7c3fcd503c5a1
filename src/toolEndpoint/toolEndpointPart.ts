import * as vscode from 'vscode';
import { Setting } from '../common/contributions';
import type { HttpRoutes } from '../http/httpRoute';
import type { TraceStore } from '../trace/traceStore';
import { readSetting } from '../vscodeContributions';
import { ToolEndpoint } from './toolEndpoint';
import { ToolEndpointPanelSource } from './toolEndpointPanelSource';
import { ToolEndpointRecorder } from './toolEndpointRecorder';
import { registerEndpointTokenCommands } from './endpointTokenCommands';
import { EndpointTokenManager, MAX_ENDPOINT_TOKEN_MS } from './endpointTokens';
import type { ToolDefinition } from '../mcp/toolDefinition';

const HOUR_MS = 60 * 60 * 1000;

export interface ToolEndpointPartOptions {
  /** The listener the `/debug/<tool>` route mounts on. */
  routes: HttpRoutes;
  store: TraceStore;
  tools: () => readonly ToolDefinition[];
  /** The loopback origin (`http://127.0.0.1:<port>`) once the listener is up. */
  origin: Promise<string>;
}

export interface ToolEndpointPart extends vscode.Disposable {
  tokens: EndpointTokenManager;
  /** Token state, origin and tools for the live panel's Debug Tokens tab. */
  panelSource: ToolEndpointPanelSource;
}

/** The debug endpoint with its tokens, commands and in-memory recording, as one owned part. */
export function createToolEndpointPart(options: ToolEndpointPartOptions): ToolEndpointPart {
  // the start command reports a listener that failed; nothing else waits on this
  options.origin.catch(() => undefined);
  const tokens = new EndpointTokenManager({ maxDurationMs: configuredMaxDurationMs });
  const recorder = new ToolEndpointRecorder(options.store, tokens.onDidChange);
  const route = options.routes.addRoute(new ToolEndpoint({ tokens, tools: options.tools, recorder }));
  const commands = registerEndpointTokenCommands({ tokens, origin: options.origin });
  const panelSource = new ToolEndpointPanelSource(tokens, options.tools, options.origin);
  const settingWatcher = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(Setting.DebugTokenMaxHours)) panelSource.refresh();
  });
  const disposable = vscode.Disposable.from(settingWatcher, panelSource, commands, route, recorder, tokens);
  return { tokens, panelSource, dispose: () => disposable.dispose() };
}

function configuredMaxDurationMs(): number {
  const hours = readSetting(Setting.DebugTokenMaxHours);
  return hours > 0 ? Math.min(hours * HOUR_MS, MAX_ENDPOINT_TOKEN_MS) : MAX_ENDPOINT_TOKEN_MS;
}
