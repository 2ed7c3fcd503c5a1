import * as vscode from 'vscode';
import type { CommandId } from '../common/contributions';
import { Disposable } from '../common/disposable';
import type { EndpointState } from '../shared/protocol';
import { isCall } from '../shared/traceStats';
import type { TraceStore } from '../trace/traceStore';

const REFRESH_MS = 250;

/** Endpoint state and the number of calls recorded, in the status bar; a click opens the panel. */
export class LiveStatusBarItem extends Disposable {
  private readonly item = vscode.window.createStatusBarItem('mcpLiveDebugger.status', vscode.StatusBarAlignment.Left, 50);
  private calls = 0;
  private endpoint: EndpointState = { status: 'starting' };
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(store: TraceStore, openCommand: CommandId) {
    super();
    this.item.name = 'MCP Live Debugger';
    this.item.command = openCommand;
    this.calls = store.query().filter(isCall).length;
    this.register(store.onDidAppend((event) => {
      if (!isCall(event)) return;
      this.calls++;
      this.scheduleRefresh();
    }));
    this.register(store.onDidClear(() => {
      this.calls = 0;
      this.scheduleRefresh();
    }));
    this.register({ dispose: () => clearTimeout(this.refreshTimer) });
    this.register(this.item);
    this.refresh();
    this.item.show();
  }

  get text(): string {
    return this.item.text;
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
    const { status, url, error } = this.endpoint;
    const icon = status === 'listening' ? '$(radio-tower)' : status === 'failed' ? '$(error)' : '$(loading~spin)';
    this.item.text = `${icon} MCP ${this.calls} ${this.calls === 1 ? 'call' : 'calls'}`;
    this.item.tooltip = status === 'listening'
      ? `MCP Live Debugger listening on ${url}\n${this.calls} calls recorded. Click to open the Live Debugger.`
      : status === 'failed' ? `MCP Live Debugger endpoint failed: ${error ?? 'unknown error'}` : 'MCP Live Debugger endpoint starting…';
    this.item.backgroundColor = status === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }
}
