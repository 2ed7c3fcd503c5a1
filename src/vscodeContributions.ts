// VS Code's command and configuration API, taking only the ids of the typed map in
// src/common/contributions.ts. It sits beside extension.ts because the mcp, proxy and panel parts
// all use it and none of them may own what the others import; src/common may not import vscode.
import * as vscode from 'vscode';
import { settingValue, type CommandId, type SettingKey, type SettingValue, type ViewId } from './common/contributions';

/** The setting's value (machine, user, workspace as VS Code merges them), or its default when unset or of the wrong type. */
export function readSetting<Key extends SettingKey>(key: Key): SettingValue<Key> {
  // read within its section: without one, getConfiguration() copies every top-level setting into
  // the object it returns, on each read (the tool policy reads tools.deny on every call)
  const dot = key.lastIndexOf('.');
  return settingValue(key, vscode.workspace.getConfiguration(key.slice(0, dot)).get<unknown>(key.slice(dot + 1)));
}

/** Settings of VS Code itself that the extension follows (never writes). */
export type VscodeSettingKey = 'chat.mcp.access';

/** A VS Code setting as VS Code has it: its type is VS Code's to change, so the caller checks it. */
export function readVscodeSetting(key: VscodeSettingKey): unknown {
  return vscode.workspace.getConfiguration().get<unknown>(key);
}

/** A key of VS Code's own `launch` section (launch.json) in a folder, the workspace, and the user's settings: VS Code's to shape, so the caller checks it. */
export function inspectLaunchSection(key: 'configurations' | 'compounds', folder?: vscode.Uri): { globalValue?: unknown; workspaceValue?: unknown; workspaceFolderValue?: unknown } | undefined {
  return vscode.workspace.getConfiguration('launch', folder).inspect<unknown>(key);
}

export function updateSetting<Key extends SettingKey>(key: Key, value: SettingValue<Key>, target: vscode.ConfigurationTarget): Thenable<void> {
  return vscode.workspace.getConfiguration().update(key, value, target);
}

export function registerCommand<Args extends unknown[]>(id: CommandId, handler: (...args: Args) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, handler);
}

export function executeCommand<Result = unknown>(id: CommandId, ...args: unknown[]): Thenable<Result> {
  return vscode.commands.executeCommand<Result>(id, ...args);
}

export function registerWebviewView(id: ViewId, provider: vscode.WebviewViewProvider): vscode.Disposable {
  return vscode.window.registerWebviewViewProvider(id, provider);
}

/** Shows a contributed view (opening its container), with VS Code's own `<view>.focus` command. */
export function focusView(id: ViewId): Thenable<unknown> {
  return vscode.commands.executeCommand(`${id}.focus`);
}
