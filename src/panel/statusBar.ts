import * as vscode from 'vscode';
import type { CommandId } from '../common/contributions';
import { Disposable } from '../common/disposable';
import type { EndpointState } from '../shared/protocol';
import type { TraceStore } from '../trace/traceStore';
import { KeptCallCount, clientsConnected, liveStatusWords } from './liveStatus';

const REFRESH_MS = 250;

/** The endpoint's state, the calls the Live Debugger keeps and the MCP clients connected, in the status bar; a click opens the panel. */
export class LiveStatusBarItem extends Disposable {
  private readonly item = vscode.window.createStatusBarItem('mcpLiveDebugger.status', vscode.StatusBarAlignment.Left, 50);
  private readonly calls: KeptCallCount;
  private endpoint: EndpointState = { status: 'starting' };
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly store: TraceStore, openCommand: CommandId) {
    super();
    this.item.name = 'MCP Live Debugger';
    this.item.command = openCommand;
    this.calls = this.register(new KeptCallCount(store));
    this.register(store.onDidAppend(() => this.scheduleRefresh()));
    this.register(store.onDidChangeConnection(() => this.scheduleRefresh()));
    this.register(store.onDidClear(() => this.scheduleRefresh()));
    this.register({ dispose: () => clearTimeout(this.refreshTimer) });
    this.register(this.item);
    this.refresh();
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : '';
  }

  setEndpoint(endpoint: EndpointState): void {
    this.endpoint = endpoint;
    this.refresh();
  }

  private scheduleRefresh(): void {
    this.refreshTimer ??= setTimeout(() => {
      this.refreshTimer = undefined;
      this.refresh();
    }, REFRESH_MS);
  }

  private refresh(): void {
    const { text, tooltip } = liveStatusWords(this.endpoint, { callsKept: this.calls.count, clientsConnected: clientsConnected(this.store) });
    const failed = this.endpoint.status === 'failed';
    // every assignment sends the whole item to the workbench's renderer, which is busy drawing the stop the DAP events are about
    if (text === this.item.text && tooltip === this.item.tooltip && failed === (this.item.backgroundColor !== undefined)) return;
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = failed ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }
}
