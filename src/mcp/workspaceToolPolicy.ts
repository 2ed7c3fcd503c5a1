import * as vscode from 'vscode';
import { Setting } from '../common/contributions';
import { readSetting } from '../vscodeContributions';
import type { ToolPolicySource } from './toolPolicy';

export interface WorkspaceToolPolicy extends ToolPolicySource, vscode.Disposable {
  /** Fires after the setting or the workspace's trust changed (the policy already reads the new state). */
  readonly onDidChange: vscode.Event<void>;
}

/**
 * The tool policy as VS Code states it: workspace trust, and the `tools.deny` setting, read once
 * per change rather than per call: reading a setting in the extension host builds a configuration
 * object each time, a tenth to a fifth of our own time on the extension host's thread in a
 * list_debug_sessions call (bench/README.md, "hostCall").
 */
export function workspaceToolPolicy(): WorkspaceToolPolicy {
  let denied: readonly string[] | undefined;
  const changed = new vscode.EventEmitter<void>();
  const listeners = [
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(Setting.ToolsDeny)) return;
      denied = undefined;
      changed.fire();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => changed.fire()),
  ];
  return {
    isTrusted: () => vscode.workspace.isTrusted,
    deniedPatterns: () => (denied ??= readSetting(Setting.ToolsDeny)),
    onDidChange: changed.event,
    dispose: () => {
      for (const listener of listeners) listener.dispose();
      changed.dispose();
    },
  };
}
