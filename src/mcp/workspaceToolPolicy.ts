import * as vscode from 'vscode';
import { Setting } from '../common/contributions';
import { readSetting } from '../vscodeContributions';
import type { ToolPolicySource } from './toolPolicy';

/** The tool policy as VS Code states it: workspace trust and the `tools.deny` setting, read per call. */
export function workspaceToolPolicy(): ToolPolicySource {
  return {
    isTrusted: () => vscode.workspace.isTrusted,
    deniedPatterns: () => readSetting(Setting.ToolsDeny),
  };
}
