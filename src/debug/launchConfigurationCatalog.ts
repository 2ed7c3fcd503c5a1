// The launch configurations and compounds VS Code's Run and Debug offers: each folder's
// `.vscode/launch.json`, the `launch` section of a `.code-workspace` file, and the `launch` section
// of the user's settings.json. A configuration is found by name, and by folder when the name repeats.
import * as vscode from 'vscode';
import { inspectLaunchSection } from '../vscodeContributions';
import { isRecord } from '../common/isRecord';
import { DebugError } from './debugErrors';
import { resolveSourcePath } from './sourceFiles';

/** The `folder` of the user's own configurations, as Run and Debug labels them: `Name (user settings)`. */
export const USER_SETTINGS_FOLDER = 'user settings';

export interface CompoundPart {
  name: string;
  /** The folder (name) a part of a workspace-level compound lives in. */
  folder?: string;
}

export interface LaunchConfigurationEntry {
  name: string;
  type: string;
  request: string;
  /** The folder's path, the `.code-workspace` file's path for workspace-level entries, or USER_SETTINGS_FOLDER. */
  folder: string;
  compound: boolean;
  /** The folder VS Code resolves the configuration's variables and tasks in (none for workspace-level and user ones). */
  workspaceFolder?: vscode.WorkspaceFolder;
  /** The configuration as written (variables unresolved); undefined for a compound. */
  configuration?: Record<string, unknown>;
  parts?: CompoundPart[];
  preLaunchTask?: string;
}

export class LaunchConfigurationCatalog {
  list(): LaunchConfigurationEntry[] {
    const entries: LaunchConfigurationEntry[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      entries.push(...entriesOf(inspectLaunchSection('configurations', folder.uri)?.workspaceFolderValue, inspectLaunchSection('compounds', folder.uri)?.workspaceFolderValue, folder.uri.fsPath, folder));
    }
    const workspaceFile = vscode.workspace.workspaceFile;
    // in a single-folder window the "workspace" value is that folder's launch.json again
    if (workspaceFile && workspaceFile.scheme === 'file') {
      entries.push(...entriesOf(inspectLaunchSection('configurations')?.workspaceValue, inspectLaunchSection('compounds')?.workspaceValue, workspaceFile.fsPath, undefined));
    }
    // Run and Debug lists these last, in every window, a folder open or not
    entries.push(...entriesOf(inspectLaunchSection('configurations')?.globalValue, inspectLaunchSection('compounds')?.globalValue, USER_SETTINGS_FOLDER, undefined));
    return entries;
  }

  /** The entry named `name` (in `folder`, a folder's name or path, when given); otherwise a `DebugError` listing the known ones. */
  find(name: string, folder?: string): LaunchConfigurationEntry {
    const all = this.list();
    const named = all.filter((entry) => entry.name === name && (folder === undefined || inFolder(entry, folder)));
    if (named.length === 1) return named[0];
    if (named.length === 0) {
      throw new DebugError({
        kind: 'unknown_configuration',
        name,
        ...(folder === undefined ? {} : { folder }),
        known: all.map((entry) => ({ name: entry.name, folder: entry.folder, compound: entry.compound })),
      });
    }
    throw new DebugError({ kind: 'ambiguous_configuration', name, folders: named.map((entry) => entry.folder) });
  }
}

function inFolder(entry: LaunchConfigurationEntry, folder: string): boolean {
  if (entry.workspaceFolder?.name === folder) return true;
  return entry.folder === folder || entry.folder === resolveSourcePath(folder);
}

function entriesOf(configurations: unknown, compounds: unknown, folderPath: string, workspaceFolder: vscode.WorkspaceFolder | undefined): LaunchConfigurationEntry[] {
  const entries: LaunchConfigurationEntry[] = [];
  for (const value of Array.isArray(configurations) ? configurations : []) {
    if (!isRecord(value) || typeof value.name !== 'string') continue;
    entries.push({
      name: value.name,
      type: typeof value.type === 'string' ? value.type : '',
      request: typeof value.request === 'string' ? value.request : '',
      folder: folderPath,
      compound: false,
      workspaceFolder,
      configuration: value,
      ...(typeof value.preLaunchTask === 'string' ? { preLaunchTask: value.preLaunchTask } : {}),
    });
  }
  for (const value of Array.isArray(compounds) ? compounds : []) {
    if (!isRecord(value) || typeof value.name !== 'string') continue;
    const parts = (Array.isArray(value.configurations) ? value.configurations : []).flatMap((part: unknown): CompoundPart[] => {
      if (typeof part === 'string') return [{ name: part }];
      if (isRecord(part) && typeof part.name === 'string') return [{ name: part.name, ...(typeof part.folder === 'string' ? { folder: part.folder } : {}) }];
      return [];
    });
    entries.push({
      name: value.name,
      type: 'compound',
      request: 'compound',
      folder: folderPath,
      compound: true,
      workspaceFolder,
      parts,
      ...(typeof value.preLaunchTask === 'string' ? { preLaunchTask: value.preLaunchTask } : {}),
    });
  }
  return entries;
}
