import * as vscode from 'vscode';
import { Command } from '../common/contributions';
import { Disposable, type IDisposable } from '../common/disposable';
import type { ToolEndpointPanelState } from '../shared/toolEndpoint';
import type { HostMessage, WebviewMessagePayloads } from '../shared/protocol';
import { executeCommand } from '../vscodeContributions';

/** Where the panel reads the debug endpoint's state (the extension hands it the endpoint's panel source). */
export interface ToolEndpointPanelFeed {
  readonly state: ToolEndpointPanelState;
  onDidChange(listener: () => void): IDisposable;
}

/**
 * The panel's side of the Debug Tokens tab: sends token state (never a token value) once the
 * webview is ready and at each change, and runs what the tab asks through the same commands and
 * dialogs as the Command Palette, so the token is still shown once, by the host.
 */
export class ToolEndpointPanelLink extends Disposable {
  constructor(private readonly feed: ToolEndpointPanelFeed, private readonly post: (message: HostMessage) => void, private readonly isReady: () => boolean) {
    super();
    this.register(feed.onDidChange(() => {
      if (this.isReady()) this.sendState();
    }));
  }

  sendState(): void {
    this.post({ type: 'toolEndpoint', state: this.feed.state });
  }

  async runCommand(message: WebviewMessagePayloads['endpointTokenCommand']): Promise<void> {
    await executeCommand(message.command === 'start' ? Command.StartDebugToken : Command.StopDebugToken);
  }

  async copy(message: WebviewMessagePayloads['copyText']): Promise<string> {
    await vscode.env.clipboard.writeText(message.text);
    return `Copied the ${message.what} to the clipboard.`;
  }
}
