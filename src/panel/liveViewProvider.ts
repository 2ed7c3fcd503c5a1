import type * as vscode from 'vscode';
import { View } from '../common/contributions';
import { Disposable } from '../common/disposable';
import { focusView, registerWebviewView } from '../vscodeContributions';
import { LivePanel, type LivePanelContext } from './livePanel';

/**
 * The live debugger as a view in VS Code's bottom panel, where it has the editor's full width. It
 * is the same page and the same feeding as the editor tab (LivePanel over the store); VS Code
 * creates the view when it is first shown and again after it was hidden and disposed.
 */
export class LiveViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private current: LivePanel<vscode.WebviewView> | undefined;
  private readonly waiters: Array<(live: LivePanel<vscode.WebviewView>) => void> = [];

  constructor(private readonly context: LivePanelContext) {
    super();
    // no retained context: a hidden view is torn down and gets a fresh snapshot when shown, as the tab does
    this.register(registerWebviewView(View.LiveDebugger, this));
  }

  get view(): LivePanel<vscode.WebviewView> | undefined {
    return this.current;
  }

  resolveWebviewView(webviewView: vscode.WebviewView): void {
    this.current?.dispose();
    const live = new LivePanel(webviewView, this.context);
    this.current = live;
    live.onDidDispose(() => {
      if (this.current === live) this.current = undefined;
    });
    for (const resolve of this.waiters.splice(0)) resolve(live);
  }

  /** Opens the bottom panel on the view and answers once VS Code has created it. */
  async open(): Promise<LivePanel<vscode.WebviewView>> {
    const created = this.current ? Promise.resolve(this.current) : new Promise<LivePanel<vscode.WebviewView>>((resolve) => this.waiters.push(resolve));
    await focusView(View.LiveDebugger);
    return created;
  }

  override dispose(): void {
    this.current?.dispose();
    super.dispose();
  }
}
