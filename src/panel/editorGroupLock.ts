import * as vscode from 'vscode';

const LOCK_GROUP_SETTING = 'panel.lockGroup';

/**
 * Locks the editor group the live panel was just opened in, when it is alone there, so that files
 * the workbench opens on its own (the paused frame of a stopped session above all) go to the
 * neighbouring group instead of covering the panel. A group the user already had editors in is
 * left alone, and `mcpLiveDebugger.panel.lockGroup: false` turns this off. Resolves whether it locked.
 */
export async function lockPanelGroup(panel: vscode.WebviewPanel, isOpen: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  if (!vscode.workspace.getConfiguration('mcpLiveDebugger').get<boolean>(LOCK_GROUP_SETTING, true)) return false;
  const viewType = panel.viewType;
  // lockEditorGroup acts on the active group, so that must be the panel's, with the panel alone in
  // it; the extension host's tab model follows the workbench asynchronously, hence the wait
  const ready = () => isOpen() && panel.active && activePanelGroup(viewType) !== undefined;
  const deadline = Date.now() + timeoutMs;
  while (!ready() && isOpen() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!ready() || activePanelGroup(viewType)?.tabs.length !== 1) return false;
  await vscode.commands.executeCommand('workbench.action.lockEditorGroup');
  return true;
}

function activePanelGroup(viewType: string): vscode.TabGroup | undefined {
  const group = vscode.window.tabGroups.activeTabGroup;
  // a webview tab's viewType is the extension's, prefixed by the workbench (mainThreadWebview-)
  return group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewType)) ? group : undefined;
}
