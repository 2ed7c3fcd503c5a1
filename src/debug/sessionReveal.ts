// Bringing one session forward in VS Code's debug UI, and saying what that did: the Run and
// Debug view with its Call Stack, the paused line in an editor, and which session VS Code
// holds active (extensions cannot choose it: the user does, in the Call Stack or the toolbar).
import * as vscode from 'vscode';
import type { RevealOutcome } from './debugBridge';
import type { ProgramInspection } from './programInspection';
import type { DebugRecord } from './sessionRegistry';

const VIEW_COMMANDS = ['workbench.view.debug', 'workbench.debug.action.focusCallStackView'] as const;

export async function revealSession(record: DebugRecord, inspection: ProgramInspection): Promise<RevealOutcome> {
  const available = new Set(await vscode.commands.getCommands(true));
  const views: string[] = [];
  for (const command of VIEW_COMMANDS) {
    if (!available.has(command)) continue;
    await vscode.commands.executeCommand(command);
    views.push(command);
  }
  const outcome: RevealOutcome = { views, isActiveSession: false };
  if (record.state === 'paused') {
    const top = await inspection.topFrame(record).catch(() => undefined);
    if (top && top.line > 0 && top.file.startsWith('/')) {
      const position = new vscode.Position(top.line - 1, Math.max(0, top.column - 1));
      const editor = await Promise.resolve(vscode.window.showTextDocument(vscode.Uri.file(top.file), { selection: new vscode.Range(position, position), preserveFocus: true, preview: true })).catch(() => undefined);
      if (editor) outcome.editor = { file: editor.document.uri.fsPath, line: editor.selection.active.line + 1 };
    }
  }
  const active = vscode.debug.activeDebugSession;
  if (active) {
    outcome.activeSessionId = active.id;
    outcome.isActiveSession = active.id === record.handleId || active.id === record.rootHandle?.id;
  }
  record.exposed = true;
  return outcome;
}
