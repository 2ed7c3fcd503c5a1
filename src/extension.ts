import * as vscode from 'vscode';
import { registerMockDebugAdapter } from './debug/adapters/mock/mockDebugAdapter';
import { registerPythonDebugAdapter } from './debug/adapters/python/pythonDebugAdapter';
import { createLanguageRegistry } from './debug/languageRegistry';
import { VscodeDebugBridge } from './debug/vscodeDebugBridge';
import { LoopbackHost, type LoopbackHostEndpoint } from './http/loopbackHost';
import { debuggingGuideTool, serverInstructions } from './mcp/agentGuidance';
import { createToolEndpointPart } from './toolEndpoint/toolEndpointPart';
import type { EndpointTokenManager } from './toolEndpoint/endpointTokens';
import { LanguageModelToolsPart } from './mcp/languageModelTools';
import { MCP_PATH, McpEndpoint } from './mcp/mcpEndpoint';
import { OfferedTools } from './mcp/offeredTools';
import { SessionResources } from './mcp/sessionResources';
import { ToolCallReplayer } from './mcp/toolCallReplayer';
import { createTools } from './mcp/tools';
import { applyToolPolicy } from './mcp/toolPolicy';
import { workspaceToolPolicy } from './mcp/workspaceToolPolicy';
import { registerCopyConfigurationCommand, registerMcpServerDefinition } from './mcp/vscodeRegistration';
import { LivePanelManager } from './panel/livePanelManager';
import { createRecordingProxyPart } from './proxy/recordingProxyPart';
import type { RecordingProxy } from './proxy/recordingProxy';
import { OtlpExportPart } from './telemetry/otlpExportPart';
import { TraceStore } from './trace/traceStore';
import { Setting } from './common/contributions';
import { readSetting } from './vscodeContributions';

/** What the extension hands to other extensions and to its integration tests. */
export interface McpLiveDebuggerApi {
  /** Resolves once the loopback endpoint listens (the token is in the discovery file, not here). */
  endpoint: Promise<Omit<LoopbackHostEndpoint, 'token'>>;
  traceStore: TraceStore;
  /** The MCP endpoint's open connections and the answers their transports still hold (the soak watches both). */
  mcpEndpoint: Pick<McpEndpoint, 'connectionCount' | 'heldAnswerCount'>;
  /** Debug token state (active token without its value, history) and its changes. */
  endpointTokens: Pick<EndpointTokenManager, 'state' | 'onDidChange'>;
  /** Where VS Code lets the extension write, so tests can show what is (not) persisted. */
  storage: { global: vscode.Uri; workspace?: vscode.Uri; log: vscode.Uri };
  /** The live debugger panel (open it, ask what it shows). */
  livePanel: LivePanelManager;
  /** The recording proxy: configured upstreams and its recording counters (`recordingStats.dropped` for the panel). */
  recordingProxy: Pick<RecordingProxy, 'upstreamNames' | 'recordingStats' | 'onDidDropRecordings' | 'flushRecordings' | 'upstreamProcessIds'>;
  /** The OTLP export: its counters, `ready` after a settings change, and `flush()` to send what is queued. */
  otlpExport: Pick<OtlpExportPart, 'state' | 'stats' | 'ready' | 'flush' | 'toOtlpJson'>;
}

export function activate(context: vscode.ExtensionContext): McpLiveDebuggerApi {
  const version = String(context.extension.packageJSON.version);

  const traceStore = new TraceStore();
  context.subscriptions.push(traceStore);

  const languages = createLanguageRegistry();
  context.subscriptions.push(languages, registerMockDebugAdapter(), registerPythonDebugAdapter(languages.defaultPython, context.extensionPath));

  const debugBridge = new VscodeDebugBridge(languages);
  context.subscriptions.push(debugBridge);

  const policy = workspaceToolPolicy();
  context.subscriptions.push(policy);
  const tools = applyToolPolicy(createTools(debugBridge), policy);
  const host = new LoopbackHost({
    port: readSetting(Setting.ServerPort),
    advertisedPath: MCP_PATH,
    version,
    workspaceFolders: () => (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.toString()),
  });
  context.subscriptions.push(host);

  const offeredTools = new OfferedTools(tools, policy);
  context.subscriptions.push(offeredTools, policy.onDidChange(() => offeredTools.refresh()));
  const mcpEndpoint = new McpEndpoint({
    identity: { name: 'mcp-live-debugger', version },
    token: host.token,
    store: traceStore,
    tools: () => tools,
    offered: offeredTools,
    instructions: serverInstructions(tools.map((tool) => tool.name)),
    guidance: { resources: new SessionResources(debugBridge) },
    progressSessions: debugBridge,
  });
  context.subscriptions.push(mcpEndpoint, host.addRoute(mcpEndpoint));

  const started = host.start();
  started.catch((error: unknown) => {
    void vscode.window.showErrorMessage(`MCP Live Debugger could not start its MCP endpoint: ${error instanceof Error ? error.message : String(error)}`);
  });
  context.subscriptions.push(
    registerMcpServerDefinition(started, version),
    registerCopyConfigurationCommand(started),
  );

  const languageModelTools = [...tools, ...applyToolPolicy([debuggingGuideTool], policy)];
  context.subscriptions.push(new LanguageModelToolsPart({ tools: () => languageModelTools, store: traceStore, sessions: debugBridge }));

  const toolEndpoint = createToolEndpointPart({
    routes: host,
    store: traceStore,
    tools: () => tools,
    origin: started.then(({ port }) => `http://127.0.0.1:${port}`),
  });
  context.subscriptions.push(toolEndpoint);

  const recordingProxy = createRecordingProxyPart({ routes: host, token: host.token, store: traceStore, endpoint: started, extensionUri: context.extensionUri, version });
  context.subscriptions.push(recordingProxy);

  const otlpExport = new OtlpExportPart({ secrets: context.secrets, store: traceStore, serviceVersion: version, endpoint: started });
  context.subscriptions.push(otlpExport);

  const toolReplayer = new ToolCallReplayer({
    store: traceStore,
    tools: { debugger: () => tools, 'debug-endpoint': () => tools, 'language-model-tools': () => languageModelTools },
    secrets: [host.token],
  });
  const livePanel = new LivePanelManager({
    extensionUri: context.extensionUri, store: traceStore, endpoint: started, toolEndpoint: toolEndpoint.panelSource, otlpExport,
    replayTargets: [toolReplayer, recordingProxy.replayer], globalState: context.globalState,
  });
  context.subscriptions.push(livePanel);

  return {
    endpoint: started.then(({ token: _token, ...publicInfo }) => publicInfo),
    traceStore,
    mcpEndpoint,
    livePanel,
    recordingProxy: recordingProxy.proxy,
    endpointTokens: toolEndpoint.tokens,
    otlpExport,
    storage: { global: context.globalStorageUri, workspace: context.storageUri, log: context.logUri },
  };
}

export function deactivate(): void {
  // everything is released through context.subscriptions
}
