import * as vscode from 'vscode';
import { Command, Setting } from '../common/contributions';
import { Disposable } from '../common/disposable';
import type { EndpointState, ExportFormat, PanelDescription } from '../shared/protocol';
import type { ReplayTarget } from '../shared/replay';
import type { TraceStore } from '../trace/traceStore';
import { readSetting, registerCommand } from '../vscodeContributions';
import { CallReplayLink } from './callReplayLink';
import { ColumnChoiceMemory } from './columnChoiceMemory';
import type { ToolEndpointPanelFeed } from './toolEndpointPanelLink';
import { closeEmptyLockedGroup, lockPanelGroup } from './editorGroupLock';
import { LIVE_PANEL_VIEW_TYPE, LivePanel, livePanelOptions, type LivePanelContext, type OtlpExportPanelFeed } from './livePanel';
import { LiveViewProvider } from './liveViewProvider';
import { SourceRevealer } from './sourceRevealer';
import { LiveStatusBarItem } from './statusBar';
import { openTraceExport, saveTraceExport, suggestedExportName } from './traceFiles';

export interface LivePanelManagerOptions {
  extensionUri: vscode.Uri;
  store: TraceStore;
  /** Resolves with the endpoint URL once it listens; rejects when it cannot start. */
  endpoint: Promise<{ url: string }>;
  /** The debug endpoint's token state, for the Debug Tokens tab. */
  toolEndpoint?: ToolEndpointPanelFeed;
  /** The OTLP export: the footer's counters and the OTLP JSON writer. */
  otlpExport?: OtlpExportPanelFeed;
  /** What runs recorded calls again for Replay: our debugger's tools, the recording proxy. */
  replayTargets?: readonly ReplayTarget[];
  /** VS Code's global state, where the Columns menus' choices are kept for every window. */
  globalState?: vscode.Memento;
}

/** What the Import command answers: how many events the panel shows now, or why it shows none of the file. */
export type ImportOutcome = { ok: true; events: number } | { ok: false; message: string };

/**
 * Owns the live debugger's two places, the (single) editor tab and the view in the bottom panel,
 * both fed from the one store: the commands that open, export and import, the serializer that
 * brings the tab back after a reload, the status-bar item, and the store's size bound from the
 * settings.
 */
export class LivePanelManager extends Disposable {
  private current: LivePanel | undefined;
  private endpointState: EndpointState = { status: 'starting' };
  private readonly revealer = this.register(new SourceRevealer(LIVE_PANEL_VIEW_TYPE));
  private readonly statusBar: LiveStatusBarItem;
  private readonly context: LivePanelContext;
  private readonly bottom: LiveViewProvider;
  private lockingGroup: Promise<vscode.TabGroup | undefined> = Promise.resolve(undefined);
  /** Set while the extension shuts down: the window's layout is then VS Code's to keep. */
  private disposing = false;

  constructor(private readonly options: LivePanelManagerOptions) {
    super();
    this.context = {
      extensionUri: options.extensionUri,
      store: options.store,
      revealer: this.revealer,
      endpoint: () => this.endpointState,
      maxEvents: () => this.maxEvents(),
      toolEndpoint: options.toolEndpoint,
      otlpExport: options.otlpExport,
      replay: new CallReplayLink(options.store, options.replayTargets ?? []),
      columnChoices: options.globalState ? this.register(new ColumnChoiceMemory(options.globalState)) : undefined,
    };
    this.statusBar = this.register(new LiveStatusBarItem(options.store, Command.OpenLiveDebugger));
    this.bottom = this.register(new LiveViewProvider(this.context));
    options.endpoint.then(
      ({ url }) => this.setEndpoint({ status: 'listening', url }),
      (error: unknown) => this.setEndpoint({ status: 'failed', error: error instanceof Error ? error.message : String(error) }),
    );
    options.store.setMaxEvents(this.maxEvents());
    this.register(vscode.workspace.onDidChangeConfiguration((change) => {
      if (!change.affectsConfiguration(Setting.TraceMaxEvents)) return;
      options.store.setMaxEvents(this.maxEvents());
      for (const live of this.pages()) live.storeBoundChanged();
    }));
    this.register(registerCommand(Command.OpenLiveDebugger, () => this.open()));
    this.register(registerCommand(Command.OpenLiveDebuggerInPanel, () => this.openInPanel()));
    this.register(registerCommand(Command.ExportTrace, () => this.exportTrace('trace')));
    this.register(registerCommand(Command.ExportTraceOtlp, () => this.exportTrace('otlp-json')));
    this.register(registerCommand(Command.ImportTrace, (file?: unknown) => this.importTrace(file instanceof vscode.Uri ? file : undefined)));
    this.register(vscode.window.registerWebviewPanelSerializer(LIVE_PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => {
        // the webview restores its own tab, filters and expansions from getState()
        this.adopt(panel);
      },
    }));
  }

  get panel(): LivePanel | undefined {
    return this.current;
  }

  /** The view in the bottom panel, once VS Code has shown it. */
  get view(): LivePanel<vscode.WebviewView> | undefined {
    return this.bottom.view;
  }

  /** Shows the live debugger in the bottom panel (beside the Debug Console); the editor tab stays as it is. */
  openInPanel(): Promise<LivePanel<vscode.WebviewView>> {
    return this.bottom.open();
  }

  /** Whether the last opening of the panel locked its editor group. */
  get groupLocked(): Promise<boolean> {
    return this.lockingGroup.then((group) => group !== undefined);
  }

  get statusText(): string {
    return this.statusBar.text;
  }

  get statusTooltip(): string {
    return this.statusBar.tooltip;
  }

  /** Shows the panel beside the active editor, creating it if needed. */
  open(): LivePanel {
    if (this.current) {
      this.current.panel.reveal(undefined, false);
      return this.current;
    }
    const panel = vscode.window.createWebviewPanel(
      LIVE_PANEL_VIEW_TYPE,
      'MCP Live Debugger',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      livePanelOptions(this.options.extensionUri),
    );
    const live = this.adopt(panel);
    const locking = lockPanelGroup(panel, () => this.current === live).catch(() => undefined);
    this.lockingGroup = locking;
    live.onDidDispose(() => {
      if (!this.disposing) void locking.then((group) => group && closeEmptyLockedGroup(group)).catch(() => undefined);
    });
    return live;
  }

  /** What the open panel shows (opens it first); for tests and diagnostics. */
  async describe(): Promise<PanelDescription> {
    return this.open().describe();
  }

  override dispose(): void {
    this.disposing = true;
    this.current?.dispose();
    super.dispose();
  }

  private adopt(panel: vscode.WebviewPanel): LivePanel {
    this.current?.dispose();
    const live = new LivePanel(panel, this.context);
    this.current = live;
    live.onDidDispose(() => {
      if (this.current === live) this.current = undefined;
    });
    return live;
  }

  private async exportTrace(format: ExportFormat): Promise<void> {
    const shown = this.pages().find((live) => live.isReady);
    if (shown) {
      // the page knows the filtered view the user sees, so it answers with exportView
      shown.requestExport(format);
      return;
    }
    const trace = this.options.store.export();
    const saved = await saveTraceExport(trace, suggestedExportName(), format === 'otlp-json' ? this.options.otlpExport : undefined);
    if (saved) void vscode.window.showInformationMessage(`Exported ${saved.events} events to ${saved.target.fsPath}`);
  }

  /**
   * The Import command; given a file (from another command or an extension), it skips the open
   * dialog. Answers what came of it (nothing when the dialog was cancelled); a file it cannot show
   * changes nothing the panel shows.
   */
  private async importTrace(file?: vscode.Uri): Promise<ImportOutcome | undefined> {
    try {
      const opened = await openTraceExport(undefined, file);
      if (!opened) return undefined;
      const live = this.open();
      await live.whenReady();
      live.showImported(opened);
      return { ok: true, events: opened.trace.events.length };
    } catch (error) {
      const message = `Import failed: ${error instanceof Error ? error.message : String(error)}`;
      void vscode.window.showErrorMessage(message);
      return { ok: false, message };
    }
  }

  private setEndpoint(state: EndpointState): void {
    this.endpointState = state;
    this.statusBar.setEndpoint(state);
    for (const live of this.pages()) live.endpointChanged(state);
  }

  /** The pages open now: the editor tab first, then the bottom-panel view. */
  private pages(): Array<LivePanel | LivePanel<vscode.WebviewView>> {
    const pages: Array<LivePanel | LivePanel<vscode.WebviewView>> = [];
    if (this.current) pages.push(this.current);
    if (this.bottom.view) pages.push(this.bottom.view);
    return pages;
  }

  private maxEvents(): number {
    return readSetting(Setting.TraceMaxEvents);
  }
}
