// The live debugger as a view in VS Code's bottom panel, beside the Debug Console, inside the real
// workbench: opened from its command while the editor tab stays available, both showing the one store.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PanelDescription } from '../../src/shared/protocol';
import { activateExtension, until } from './support';

describe('live debugger in the bottom panel (inside VS Code)', function () {
  this.timeout(60_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('opens as a webview view in the panel from its command, and shows what the editor tab shows', async () => {
    const api = await activateExtension();
    await api.endpoint;
    await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebuggerInPanel');
    const view = await until(async () => api.livePanel.view, (found) => found !== undefined, 'VS Code created the view');
    assert.ok(view);
    await view.whenReady();
    assert.equal(view.panel.viewType, 'mcpLiveDebugger.liveView');
    assert.equal(view.panel.visible, true);

    await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebugger');
    const tab = api.livePanel.panel;
    assert.ok(tab, 'the editor tab is still there to open');
    await tab.whenReady();
    assert.equal(view.panel.visible, true, 'opening the tab leaves the panel view shown');

    const store = api.traceStore;
    const now = Date.now();
    const connectionId = `bottom-view-${now}`;
    store.upsertConnection({ id: connectionId, source: 'debugger', transport: 'streamable-http', clientName: 'bottom-view-client', clientVersion: '1.0.0', startedAt: now, lastActivityAt: now, status: 'active' });
    for (let call = 0; call < 3; call++) {
      store.append({ timestamp: now + call, connectionId, source: 'debugger', kind: 'request', method: 'tools/call', tool: 'list_debug_sessions', status: call === 2 ? 'error' : 'ok', error: call === 2 ? 'failed on purpose' : undefined, latencyMs: 3 });
    }
    const shows = (description: PanelDescription) => {
      const row = description.connections.find((candidate) => candidate.id === connectionId);
      return description.eventCount === store.size && row?.calls === 3 && row.errors === 1;
    };
    const inView = await until(() => view.describe(), shows, 'the panel view shows the new connection');
    const inTab = await until(() => tab.describe(), shows, 'the editor tab shows it too');
    assert.equal(inView.eventCount, inTab.eventCount);
    assert.deepEqual(inView.connections.find((row) => row.id === connectionId), inTab.connections.find((row) => row.id === connectionId));
    assert.equal(inView.connections.find((row) => row.id === connectionId)?.client, 'bottom-view-client 1.0.0');
  });
});
