import * as vscode from 'vscode';
import type { SourceLocation } from '../shared/protocol';

/** A location's file as a Uri: URI strings (file:, vscode-remote:, untitled:) parse, anything else is a path. */
export function locationUri(location: SourceLocation): vscode.Uri {
  // two letters or more before the colon, so `C:\x` stays a Windows path
  return /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(location.path) ? vscode.Uri.parse(location.path) : vscode.Uri.file(location.path);
}

/** Where the page that asks shows: an editor tab in a column, or the view in VS Code's bottom panel. */
export type RevealOrigin = { place: 'editor'; column: vscode.ViewColumn | undefined } | { place: 'bottom-panel' };

/**
 * Where a location opens. From the editor tab: the group that already shows the file, else the
 * nearest other group (the code the user was reading), else a new group beside; never over the
 * tab. From the bottom panel, below the editors: the group that already shows the file, else the
 * active group, as any link in a panel opens; only the group where the editor tab of the live
 * debugger is in front is passed over, so neither place covers the other.
 */
export function revealColumn(uri: vscode.Uri, origin: RevealOrigin, liveTabViewType: string): vscode.ViewColumn {
  const { tabGroups } = vscode.window;
  const covered = origin.place === 'editor' ? origin.column : tabGroups.all.find((group) => showsWebview(group.activeTab, liveTabViewType))?.viewColumn;
  const others = tabGroups.all.filter((group) => group.viewColumn !== covered);
  const showing = others.find((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()));
  if (showing) return showing.viewColumn;
  if (origin.place === 'bottom-panel') {
    if (others.includes(tabGroups.activeTabGroup)) return tabGroups.activeTabGroup.viewColumn;
    return others[0]?.viewColumn ?? vscode.ViewColumn.Beside;
  }
  const panelColumn = origin.column;
  if (others.length === 0 || panelColumn === undefined) return vscode.ViewColumn.Beside;
  return others.reduce((nearest, group) => (Math.abs(group.viewColumn - panelColumn) < Math.abs(nearest.viewColumn - panelColumn) ? group : nearest)).viewColumn;
}

function showsWebview(tab: vscode.Tab | undefined, viewType: string): boolean {
  // a webview tab's viewType is the extension's, prefixed by the workbench (mainThreadWebview-)
  return tab?.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewType);
}

/**
 * Opens trace locations next to the page that asks (beside the editor tab, above the bottom
 * panel; never over either), selects the line and highlights it until the next reveal, so the
 * code an agent is looking at sits next to the trace.
 */
export class SourceRevealer implements vscode.Disposable {
  /** `liveTabViewType`: the editor tab's webview type, whose group a reveal from the bottom panel passes over. */
  constructor(private readonly liveTabViewType: string) {}

  private readonly highlight = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    border: '1px solid',
    borderColor: new vscode.ThemeColor('editor.rangeHighlightBorder'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  });
  private highlighted: vscode.TextEditor | undefined;

  async reveal(location: SourceLocation, origin: RevealOrigin): Promise<vscode.TextEditor> {
    const uri = locationUri(location);
    const document = await vscode.workspace.openTextDocument(uri);
    const lineIndex = Math.min(Math.max(0, Math.floor(location.line) - 1), Math.max(0, document.lineCount - 1));
    const character = Math.max(0, Math.floor(location.column ?? 1) - 1);
    const position = new vscode.Position(lineIndex, Math.min(character, document.lineAt(lineIndex).text.length));
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: revealColumn(uri, origin, this.liveTabViewType),
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
