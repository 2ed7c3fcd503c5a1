import * as vscode from 'vscode';
import type { SourceLocation } from '../shared/protocol';

/** A location's file as a Uri: URI strings (file:, vscode-remote:, untitled:) parse, anything else is a path. */
export function locationUri(location: SourceLocation): vscode.Uri {
  // two letters or more before the colon, so `C:\x` stays a Windows path
  return /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(location.path) ? vscode.Uri.parse(location.path) : vscode.Uri.file(location.path);
}

/**
 * Where a location opens when the panel is in `panelColumn`: the group that already shows the
 * file, else the nearest other group (the code the user was reading), else a new group beside.
 */
export function revealColumn(uri: vscode.Uri, panelColumn: vscode.ViewColumn | undefined): vscode.ViewColumn {
  const others = vscode.window.tabGroups.all.filter((group) => group.viewColumn !== panelColumn);
  const showing = others.find((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()));
  if (showing) return showing.viewColumn;
  if (others.length === 0 || panelColumn === undefined) return vscode.ViewColumn.Beside;
  return others.reduce((nearest, group) => (Math.abs(group.viewColumn - panelColumn) < Math.abs(nearest.viewColumn - panelColumn) ? group : nearest)).viewColumn;
}

/**
 * Opens trace locations beside the panel (never over it), selects the line and highlights it
 * until the next reveal, so the code an agent is looking at sits next to the trace.
 */
export class SourceRevealer implements vscode.Disposable {
  private readonly highlight = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    border: '1px solid',
    borderColor: new vscode.ThemeColor('editor.rangeHighlightBorder'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  });
  private highlighted: vscode.TextEditor | undefined;

  async reveal(location: SourceLocation, panelColumn?: vscode.ViewColumn): Promise<vscode.TextEditor> {
    const uri = locationUri(location);
    const document = await vscode.workspace.openTextDocument(uri);
    const lineIndex = Math.min(Math.max(0, Math.floor(location.line) - 1), Math.max(0, document.lineCount - 1));
    const character = Math.max(0, Math.floor(location.column ?? 1) - 1);
    const position = new vscode.Position(lineIndex, Math.min(character, document.lineAt(lineIndex).text.length));
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: revealColumn(uri, panelColumn),
      preserveFocus: false,
      preview: true,
      selection: new vscode.Range(position, position),
    });
    editor.revealRange(document.lineAt(lineIndex).range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    this.highlighted?.setDecorations(this.highlight, []);
    editor.setDecorations(this.highlight, [document.lineAt(lineIndex).range]);
    this.highlighted = editor;
    return editor;
  }

  dispose(): void {
    this.highlight.dispose();
  }
}
