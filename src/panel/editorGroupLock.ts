import * as vscode from 'vscode';
import { Setting } from '../common/contributions';
import { readSetting } from '../vscodeContributions';

/**
 * Locks the editor group the live panel was just opened in, when it is alone there, so that files
 * the workbench opens on its own (the paused frame of a stopped session above all) go to the
 * neighbouring group instead of covering the panel. A group the user already had editors in is
 * left alone, and `mcpLiveDebugger.panel.lockGroup: false` turns this off. Resolves the locked group.
 */
export async function lockPanelGroup(panel: vscode.WebviewPanel, isOpen: () => boolean, timeoutMs = 10_000): Promise<vscode.TabGroup | undefined> {
  if (!readSetting(Setting.PanelLockGroup)) return undefined;
  const viewType = panel.viewType;
  // lockEditorGroup acts on the active group, so that must be the panel's, with the panel alone in
  // it; the extension host's tab model follows the workbench asynchronously, hence the wait
  const ready = () => isOpen() && panel.active && activePanelGroup(viewType) !== undefined;
  const deadline = Date.now() + timeoutMs;
  while (!ready() && isOpen() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  const group = ready() ? activePanelGroup(viewType) : undefined;
  if (group?.tabs.length !== 1) return undefined;
  await vscode.commands.executeCommand('workbench.action.lockEditorGroup');
  return group;
}

/**
 * Closes the group the panel locked once the panel has left it empty. VS Code closes empty groups
 * itself by default; with `workbench.editor.closeEmptyGroups: false` an empty locked group would
 * otherwise stay behind and keep refusing editors.
 */
export async function closeEmptyLockedGroup(group: vscode.TabGroup, timeoutMs = 2_000): Promise<boolean> {
  const present = () => vscode.window.tabGroups.all.includes(group);
  const deadline = Date.now() + timeoutMs;
  while (present() && group.tabs.length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!present() || group.tabs.length > 0) return false;
  return vscode.window.tabGroups.close(group);
}

function activePanelGroup(viewType: string): vscode.TabGroup | undefined {
  const group = vscode.window.tabGroups.activeTabGroup;
  // a webview tab's viewType is the extension's, prefixed by the workbench (mainThreadWebview-)
  return group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewType)) ? group : undefined;
}
