import * as vscode from 'vscode';
import { Command, Setting } from '../common/contributions';
import type { HttpRoutes } from '../http/httpRoute';
import type { LoopbackHostEndpoint } from '../http/loopbackHost';
import { readSetting, registerCommand, updateSetting } from '../vscodeContributions';
import type { TraceStore } from '../trace/traceStore';
import { parseJsonc } from './jsonc';
import { ProxyCallReplayer } from './proxyCallReplayer';
import { proxyClientConfigurationSnippet } from './proxyClientConfiguration';
import { RecordingProxy } from './recordingProxy';
import { parseUpstreams, settingEntryOf, upstreamsFromMcpJson, type UpstreamDefinition } from './upstreamConfiguration';

export interface RecordingProxyPartOptions {
  /** The listener the `/proxy/<name>/mcp` routes mount on. */
  routes: HttpRoutes;
  /** The listener's bearer token (the same one `/mcp` takes). */
  token: string;
  store: TraceStore;
  /** The listener once it listens: its URL and token go into the copied client configuration. */
  endpoint: Promise<LoopbackHostEndpoint>;
  extensionUri: vscode.Uri;
  /** The extension's version, as the replay client names itself. */
  version: string;
}

export interface RecordingProxyPart extends vscode.Disposable {
  proxy: RecordingProxy;
  /** Runs a recorded call of an upstream again through the proxy (the panel's Replay). */
  replayer: ProxyCallReplayer;
}

/**
 * The recording proxy as one owned part: upstreams from the setting (followed live), the route on
 * the extension's listener, and the "Record an MCP Server…" command.
 */
export function createRecordingProxyPart(options: RecordingProxyPartOptions): RecordingProxyPart {
  const proxy = new RecordingProxy({ store: options.store, token: options.token });
  let reported = '';
  const applySetting = () => {
    const { upstreams, problems } = parseUpstreams(readSetting(Setting.ProxyServers));
    proxy.setUpstreams(upstreams);
    const text = problems.join(' ');
    if (text && text !== reported) void vscode.window.showWarningMessage(`MCP Live Debugger: ${text}`);
    reported = text;
  };
  applySetting();
  const route = options.routes.addRoute(proxy);
  const watcher = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(Setting.ProxyServers)) applySetting();
  });
  // the setting is restricted: an untrusted workspace's own servers (commands to start) count once it is trusted
  const trusted = vscode.workspace.onDidGrantWorkspaceTrust(applySetting);
  const bridgeScript = vscode.Uri.joinPath(options.extensionUri, 'dist', 'proxy-stdio.js').fsPath;
  const command = registerCommand(Command.RecordServer, () => recordServer(proxy, options.endpoint, bridgeScript));
  const disposable = vscode.Disposable.from(command, watcher, trusted, { dispose: () => route.dispose() }, proxy);
  const replayer = new ProxyCallReplayer({ proxy, endpoint: options.endpoint, version: options.version });
  return { proxy, replayer, dispose: () => disposable.dispose() };
}

interface ServerPick extends vscode.QuickPickItem {
  definition: UpstreamDefinition;
  configured: boolean;
}

/**
 * Picks a server from the workspace's `.vscode/mcp.json` (or one already recorded), adds it to
 * the setting and copies the client configuration that points at its proxy endpoint.
 */
async function recordServer(proxy: RecordingProxy, endpoint: Promise<LoopbackHostEndpoint>, bridgeScript: string): Promise<string | undefined> {
  const configured = parseUpstreams(readSetting(Setting.ProxyServers)).upstreams;
  const fromWorkspace = await readWorkspaceMcpJson();
  const picks: ServerPick[] = [
    ...configured.map((definition) => ({ label: definition.name, description: describe(definition), detail: 'Already recorded: copies its client configuration again', definition, configured: true })),
    ...fromWorkspace.upstreams.filter((definition) => !configured.some((known) => known.name === definition.name))
      .map((definition) => ({ label: definition.name, description: describe(definition), detail: 'From .vscode/mcp.json', definition, configured: false })),
  ];
  if (picks.length === 0) {
    const problems = fromWorkspace.problems.length ? ` (${fromWorkspace.problems.join(' ')})` : '';
    void vscode.window.showInformationMessage(`MCP Live Debugger: no MCP server to record. Declare one in .vscode/mcp.json or in the setting mcpLiveDebugger.proxy.servers${problems}.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(picks, { title: 'Record an MCP Server', placeHolder: 'The server whose sessions and calls the Live Debugger should show' });
  if (!picked) return undefined;
  if (!picked.configured) {
    const setting = readSetting(Setting.ProxyServers);
    const current = typeof setting === 'object' && setting !== null && !Array.isArray(setting) ? setting : {};
    // an untrusted workspace's value of this restricted setting is not read, so the pick would not count there
    const target = vscode.workspace.workspaceFolders?.length && vscode.workspace.isTrusted ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await updateSetting(Setting.ProxyServers, { ...current, [picked.definition.name]: settingEntryOf(picked.definition) }, target);
    proxy.setUpstreams(parseUpstreams(readSetting(Setting.ProxyServers)).upstreams);
  }
  const { url, token } = await endpoint;
  const proxyUrl = new URL(url);
  proxyUrl.pathname = `/proxy/${picked.definition.name}/mcp`;
  const snippet = proxyClientConfigurationSnippet(picked.definition.name, proxyUrl.toString(), token, bridgeScript);
  try {
    await vscode.env.clipboard.writeText(snippet);
    void vscode.window.showInformationMessage(`MCP Live Debugger records "${picked.definition.name}" at ${proxyUrl.toString()}; client configurations copied to the clipboard.`);
  } catch {
    // some remote and web set-ups refuse clipboard writes: show the text instead
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: snippet, language: 'markdown' }), { preview: true });
  }
  return proxyUrl.toString();
}

async function readWorkspaceMcpJson(): Promise<{ upstreams: UpstreamDefinition[]; problems: string[] }> {
  const upstreams: UpstreamDefinition[] = [];
  const problems: string[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'mcp.json');
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    } catch {
      continue;
    }
    try {
      const parsed = upstreamsFromMcpJson(parseJsonc(text));
      upstreams.push(...parsed.upstreams.map((definition) => resolveFolderVariable(definition, folder.uri.fsPath)));
      problems.push(...parsed.problems);
    } catch (error) {
      problems.push(`${file.fsPath} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { upstreams, problems };
}

/** `${workspaceFolder}` is the one variable of mcp.json whose value the extension knows for sure. */
function resolveFolderVariable(definition: UpstreamDefinition, folder: string): UpstreamDefinition {
  return JSON.parse(JSON.stringify(definition).split('${workspaceFolder}').join(folder.replace(/\\/g, '\\\\'))) as UpstreamDefinition;
}

function describe(definition: UpstreamDefinition): string {
  return definition.kind === 'stdio' ? `stdio: ${[definition.command, ...definition.args].join(' ')}` : `http: ${definition.url}`;
}
