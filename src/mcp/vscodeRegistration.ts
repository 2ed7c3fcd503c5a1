import * as vscode from 'vscode';
import { Command } from '../common/contributions';
import { registerCommand } from '../vscodeContributions';
import type { LoopbackHostEndpoint } from '../http/loopbackHost';
import { clientConfigurationSnippet } from './clientConfiguration';

export const MCP_PROVIDER_ID = 'mcpLiveDebugger';
export const MCP_SERVER_LABEL = 'MCP Live Debugger';

/**
 * Lets VS Code's own MCP client (and so Copilot's agent mode) find the endpoint with no set-up.
 * The definition waits for the listener, so a client asking early still gets the real port.
 */
export function registerMcpServerDefinition(endpoint: Promise<LoopbackHostEndpoint>, version: string): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const registration = vscode.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions: async () => {
      const { url, token } = await endpoint;
      return [new vscode.McpHttpServerDefinition(MCP_SERVER_LABEL, vscode.Uri.parse(url), { Authorization: `Bearer ${token}` }, version)];
    },
  });
  return vscode.Disposable.from(registration, changed);
}

export function registerCopyConfigurationCommand(endpoint: Promise<LoopbackHostEndpoint>): vscode.Disposable {
  return registerCommand(Command.CopyClientConfiguration, async () => {
    const { url, token } = await endpoint;
    await vscode.env.clipboard.writeText(clientConfigurationSnippet(url, token));
    void vscode.window.showInformationMessage('MCP Live Debugger: client configuration for Claude Code, Cursor and VS Code copied to the clipboard.');
  });
}
