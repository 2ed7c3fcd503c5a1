// The live debugger as a view in VS Code's bottom panel, beside the Debug Console, inside the real
// workbench: opened from its command while the editor tab stays available, both showing the one store.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PanelDescription } from '../../src/shared/protocol';
import { activateExtension, fixturePath, until } from './support';

type ExtensionApi = Awaited<ReturnType<typeof activateExtension>>;

/** The bottom panel's view, opened from its command and ready. */
async function openedView(api: ExtensionApi): Promise<NonNullable<ExtensionApi['livePanel']['view']>> {
  await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebuggerInPanel');
  const view = await until(async () => api.livePanel.view, (found) => found !== undefined, 'VS Code created the view');
  assert.ok(view);
  await view.whenReady();
  return view;
}

/** The editor tab, opened from its command and ready. */
async function openedTab(api: ExtensionApi): Promise<NonNullable<ExtensionApi['livePanel']['panel']>> {
  await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebugger');
  const tab = api.livePanel.panel;
  assert.ok(tab, 'the editor tab is there to open');
  await tab.whenReady();
  return tab;
}

describe('live debugger in the bottom panel (inside VS Code)', function () {
  this.timeout(60_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('opens as a webview view in the panel from its command, and shows what the editor tab shows', async () => {
    const api = await activateExtension();
    await api.endpoint;
    const view = await openedView(api);
    assert.equal(view.panel.viewType, 'mcpLiveDebugger.liveView');
    assert.equal(view.panel.visible, true);

    const tab = await openedTab(api);
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

  it('opens a location from the bottom panel in the active editor group, not beside it, and passes over the editor tab of the live debugger', async () => {
    const api = await activateExtension();
    await api.endpoint;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const reading = vscode.Uri.file(fixturePath('swap_vars.js'));
    await vscode.window.showTextDocument(reading, { viewColumn: vscode.ViewColumn.One, preview: false });
    const view = await openedView(api);
    const groupsBefore = vscode.window.tabGroups.all.length;
    assert.equal(groupsBefore, 1);

    const program = fixturePath('tools_suite.mock');
    await view.handle({ messageId: 1, body: { type: 'revealSource', location: { path: program, line: 10 } } });
    const editor = await until(async () => vscode.window.activeTextEditor, (found) => found?.document.uri.fsPath === program, 'the location\'s file is the active editor');
    assert.ok(editor);
    assert.equal(editor.viewColumn, vscode.ViewColumn.One, 'in the active group, where the user was reading');
    assert.equal(editor.selection.active.line, 9, 'line 10 (1-based) is selected');
    assert.equal(vscode.window.tabGroups.all.length, groupsBefore, 'no group opened beside');
    assert.equal(view.panel.visible, true, 'the bottom panel stays open');

    // with the editor tab of the live debugger in front of the active group, the location opens in the other group
    const tab = await openedTab(api);
    await until(async () => tab.panel.active, Boolean, 'the editor tab is the active editor');
    const tabColumn = tab.panel.viewColumn;
    assert.notEqual(tabColumn, vscode.ViewColumn.One);
    const other = fixturePath('replay_counter.mock');
    await view.handle({ messageId: 2, body: { type: 'revealSource', location: { path: other, line: 2 } } });
    const second = await until(async () => vscode.window.activeTextEditor, (found) => found?.document.uri.fsPath === other, 'the second file is the active editor');
    assert.equal(second?.viewColumn, vscode.ViewColumn.One, 'beside the editor tab, not over it');
    assert.equal(tab.panel.visible, true, 'the editor tab stays in view');
    assert.equal(view.panel.visible, true, 'and so does the bottom panel');
  });

  it('shares the Columns menus\' choices between the editor tab and the bottom panel through the host', async () => {
    const api = await activateExtension();
    await api.endpoint;
    const view = await openedView(api);
    const tab = await openedTab(api);
    const chosen = { connections: { narrow: ['id', 'started', 'calls', 'status'] }, tools: { wide: ['name', 'calls', 'p95'] } };
    // what the tab's webview posts when the user ticks a column there
    await tab.handle({ messageId: 11, body: { type: 'saveColumnChoices', choices: chosen } });
    const inView = await until(() => view.describe(), (description) => JSON.stringify(description.columns) === JSON.stringify(chosen), 'the bottom panel shows the tab\'s choice');
    assert.deepEqual(inView.columns, chosen);

    // a page shown later (here the tab, closed and opened again) gets them from the host's global state
    tab.dispose();
    await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebugger');
    const reopened = api.livePanel.panel;
    assert.ok(reopened && reopened !== tab);
    await reopened.whenReady();
    const shown = await until(() => reopened.describe(), (description) => JSON.stringify(description.columns) === JSON.stringify(chosen), 'the new tab shows the saved choice');
    assert.deepEqual(shown.columns, chosen);
  });
});
