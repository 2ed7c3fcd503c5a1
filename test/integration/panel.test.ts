// The live debugger panel inside the real VS Code: opened from its command, fed by a real MCP
// session (the SDK client over HTTP driving the mock debugger), and revealing a stop location
// from the trace in the editor beside it.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { findLocations } from '../../src/shared/sourceLocations';
import type { LivePanel } from '../../src/panel/livePanel';
import { DROP_CHUNK_BYTES, type PanelDescription } from '../../src/shared/protocol';
import type { NewTraceEvent } from '../../src/shared/trace';
import type { TraceStore } from '../../src/trace/traceStore';
import { ok, sdkCaller, stopAllDebugSessions } from './debuggerSupport';
import { activateExtension, connectSdkClient, dropOnPanel, fixturePath, report, until } from './support';

const CLIENT = 'panel-integration-client';

describe('live debugger panel (inside VS Code)', function () {
  this.timeout(60_000);
  let client: Client | undefined;

  after(async () => {
    await client?.close().catch(() => undefined);
    await stopAllDebugSessions();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** A file in the first group and the panel opened beside it from its command, as a user does. */
  async function openPanelBesideEditor() {
    const api = await activateExtension();
    await api.endpoint;
    await vscode.window.showTextDocument(vscode.Uri.file(fixturePath('swap_vars.js')), { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebugger');
    const live = api.livePanel.panel;
    assert.ok(live, 'the command created the panel');
    await live.whenReady();
    return { api, live };
  }

  async function connectedClient(): Promise<Client> {
    client ??= await connectSdkClient(CLIENT);
    return client;
  }

  it('opens from its command beside the editor, with the endpoint in the status bar', async () => {
    const { api, live } = await openPanelBesideEditor();
    assert.equal(live.panel.visible, true);
    assert.equal(live.panel.viewColumn, vscode.ViewColumn.Two, 'beside the active editor');
    assert.equal(await api.livePanel.groupLocked, true, 'alone in its new group, the panel locked it');
    assert.match(api.livePanel.statusText, /^\$\(radio-tower\) MCP \d+ calls?$/);
  });

  it('shows a live MCP session driven by the SDK client, with the store\'s counts', async () => {
    const { api } = await openPanelBesideEditor();
    const client = await connectedClient();
    await client.listTools();
    const call = sdkCaller(client);
    await call('no_such_tool_for_the_panel').catch(() => undefined);
    const session = api.traceStore.listConnections().find((candidate) => candidate.clientName === CLIENT);
    assert.ok(session, 'the store recorded the client\'s session');
    const expected = () => {
      const events = api.traceStore.query({ connectionId: session.id });
      return { calls: events.filter((event) => event.kind === 'request').length, errors: events.filter((event) => event.status !== 'ok').length };
    };
    const described = await until(() => api.livePanel.describe(), (description: PanelDescription) => {
      const row = description.connections.find((candidate) => candidate.id === session.id);
      return row !== undefined && row.calls === expected().calls && row.errors === expected().errors;
    }, 'the panel shows the session with the store\'s counts');
    const row = described.connections.find((candidate) => candidate.id === session.id);
    assert.equal(row?.client, `${CLIENT} 1.0.0`);
    assert.equal(row?.status, 'active');
    assert.ok((row?.calls ?? 0) >= 3, 'initialize, tools/list and the failed call');
    assert.ok((row?.errors ?? 0) >= 1, 'the call of an unknown tool failed');
    assert.equal(described.eventCount, api.traceStore.size);
    assert.equal(described.live, true);

    // hidden behind an editor in its group, the webview is torn down; shown again, it asks for a
    // fresh snapshot and shows the same session
    const live = api.livePanel.panel;
    assert.ok(live);
    await vscode.window.showTextDocument(vscode.Uri.file(fixturePath('swap_vars.js')), { viewColumn: live.panel.viewColumn, preview: false });
    await until(async () => live.panel.visible, (visible) => !visible, 'the panel is hidden');
    await client.listTools();
    live.panel.reveal(undefined, false);
    const again = await api.livePanel.describe();
    assert.equal(again.eventCount, api.traceStore.size, 'everything recorded while hidden is shown');
    assert.equal(again.connections.find((candidate) => candidate.id === session.id)?.calls, expected().calls);
  });

  it('reveals a stop location from the trace in the editor beside the panel, at that line', async () => {
    const { api } = await openPanelBesideEditor();
    const call = sdkCaller(await connectedClient());
    const program = fixturePath('tools_suite.mock');
    const created = await ok(call, 'create_debug_session', { language: 'mock', name: 'panel reveal' });
    await ok(call, 'set_breakpoint', { sessionId: created.sessionId, file: program, line: 10 });
    await ok(call, 'start_debugging', { sessionId: created.sessionId, scriptPath: program });
    const started = api.traceStore.query({ tool: 'start_debugging' }).at(-1);
    assert.ok(started?.trace, 'start_debugging was traced');
    // the same search the webview does to turn locations into links
    const stop = findLocations([started.trace.outputs, started.response]).find((location) => location.path.endsWith('tools_suite.mock'));
    assert.ok(stop, `a stop location in ${JSON.stringify(started.trace.outputs)}`);
    assert.equal(stop.line, 10);

    const live = api.livePanel.panel;
    assert.ok(live);
    // what a row's expansion and an export get from the host: the whole event, with its trace tree
    const detail = live.eventDetail(started.id, false);
    assert.equal(detail?.trace?.tool, 'start_debugging');
    assert.ok((detail?.trace?.children.length ?? 0) > 0, 'the DAP requests it caused are its children');
    const exported = live.exportOf([started.id], false);
    assert.deepEqual(exported.events.map((event) => event.id), [started.id]);
    assert.deepEqual(exported.connections.map((session) => session.id), [started.connectionId]);
    // the workbench itself shows the paused frame; the panel was the active editor, but its group
    // is locked, so the frame opens in the neighbouring group and the panel stays in view
    const paused = await until(async () => vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.fsPath === program), (shown) => shown !== undefined,
      'the workbench shows the paused frame', 10_000);
    assert.notEqual(paused?.viewColumn, live.panel.viewColumn, 'the paused frame opened beside the panel, not over it');
    assert.equal(live.panel.visible, true, 'the panel stays in view when the session stops');
    // a user clicks the link in the panel, so it is in front again, focused, when the reveal comes
    const groupsBefore = vscode.window.tabGroups.all.length;
    live.panel.reveal(undefined, false);
    await until(async () => live.panel.active, (active) => active, 'the panel is active again');
    await live.handle({ messageId: 1, body: { type: 'revealSource', location: stop } });
    const editor = await until(async () => vscode.window.activeTextEditor,
      (found) => found?.document.uri.fsPath === program, 'the stop location\'s file is the active editor');
    assert.ok(editor);
    const columns = vscode.window.visibleTextEditors.map((candidate) => `${candidate.document.uri.fsPath}@${candidate.viewColumn}`).join(', ');
    assert.equal(editor.selection.active.line, 9, 'line 10 (1-based) is selected');
    assert.ok(vscode.window.visibleTextEditors.includes(editor), 'the revealed editor is visible');
    assert.notEqual(editor.viewColumn, live.panel.viewColumn, `the file opened beside the panel (column ${live.panel.viewColumn}), not over it; editors: ${columns}`);
    assert.equal(live.panel.visible, true, `the panel stays visible; editors: ${columns}`);
    assert.equal(editor.viewColumn, paused?.viewColumn, `the link opened the file in the group already showing it; editors: ${columns}`);
    assert.equal(vscode.window.tabGroups.all.length, groupsBefore, 'and opened no new group');
    await stopAllDebugSessions();
  });

  it('closes the group it locked once the panel is closed, even where VS Code keeps empty groups', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const workbench = vscode.workspace.getConfiguration('workbench.editor');
    await workbench.update('closeEmptyGroups', false, vscode.ConfigurationTarget.Global);
    try {
      await until(async () => vscode.window.tabGroups.all.length, (count) => count === 1, 'the window is down to one group');
      await vscode.window.showTextDocument(vscode.Uri.file(fixturePath('swap_vars.js')), { viewColumn: vscode.ViewColumn.One });
      await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebugger');
      assert.equal(await api.livePanel.groupLocked, true);
      assert.equal(vscode.window.tabGroups.all.length, 2);
      api.livePanel.panel?.panel.dispose();
      await until(async () => vscode.window.tabGroups.all.length, (count) => count === 1, 'the emptied locked group is closed');
      assert.equal(vscode.window.tabGroups.all[0].tabs.length, 1, 'the user\'s editor stays');
    } finally {
      await workbench.update('closeEmptyGroups', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

/**
 * Issue 12 §6: what the panel counts is what the store holds, however the panel got it. Events of a
 * realistic size (a `list_supported_languages` answer is about 12 KB recorded, a `list_debug_sessions`
 * one under 1 KB) fill the store's 256 MB bound before its 50,000-event bound, so the store drops the
 * oldest for bytes; the panel must forget them too, whether it was open meanwhile or opened after.
 */
describe('live debugger panel counts what the store holds (inside VS Code)', function () {
  this.timeout(180_000);
  const CALLS = 49_000;
  const SESSIONS = 8;

  beforeEach(async () => {
    const api = await activateExtension();
    await api.endpoint;
    api.traceStore.clear();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    (await activateExtension()).traceStore.clear();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** 8 clients alternating a large and a small answer, as the run; yields now and then like real traffic. */
  async function recordCalls(store: TraceStore, calls: number, firstCall = 0): Promise<void> {
    const started = Date.now();
    for (let index = 0; index < SESSIONS; index++) {
      store.upsertConnection({ id: `panel-count-${index}`, source: 'debugger', transport: 'streamable-http', clientName: `agent ${index}`, clientVersion: '1.0.0', startedAt: started, lastActivityAt: started, status: 'active' });
    }
    for (let call = firstCall; call < firstCall + calls; call++) {
      store.append(realisticCall(call, `panel-count-${call % SESSIONS}`, call % 2 === 0 ? 'list_supported_languages' : 'list_debug_sessions'));
      if (call % 2_000 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  async function describedCount(live: LivePanel, store: TraceStore): Promise<PanelDescription> {
    return until(() => live.describe(60_000), (description) => description.eventCount === store.size, 'the panel counts the store\'s events', 60_000);
  }

  it('the status bar counts the calls the store keeps and the MCP clients connected, not every call it saw', async () => {
    const api = await activateExtension();
    const store = api.traceStore;
    await recordCalls(store, CALLS);
    const kept = store.query().filter((event) => event.kind === 'request').length;
    assert.ok(kept < CALLS, `the byte bound dropped some calls (kept ${kept})`);
    await until(() => api.livePanel.statusText, (text) => text === `$(radio-tower) MCP ${kept} calls`, 'the status bar shows the kept calls');
    assert.match(api.livePanel.statusTooltip, new RegExp(`^MCP Live Debugger listening on \\S+\n${SESSIONS} MCP clients connected to the debugger\\.\n${kept} calls in the Live Debugger`));
    store.clear();
    await until(() => api.livePanel.statusText, (text) => text === '$(radio-tower) MCP 0 calls', 'Clear empties the count');
  });

  it('opened after the calls, shows every event the store kept, and forgets what the byte bound dropped', async () => {
    const api = await activateExtension();
    const store = api.traceStore;
    await recordCalls(store, CALLS);
    assert.equal(store.size + store.droppedCount, CALLS, 'every call was recorded or counted as dropped');
    assert.ok(store.droppedCount > 0 && store.size < CALLS, `the byte bound dropped some (kept ${store.size}, ${store.byteSize} bytes)`);
    report(`${CALLS} calls of realistic size: the store kept ${store.size} (${(store.byteSize / 2 ** 20).toFixed(0)} MB), dropped ${store.droppedCount}`);
    await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebugger');
    const live = api.livePanel.panel;
    assert.ok(live);
    const started = Date.now();
    const described = await live.describe(60_000);
    report(`the snapshot of ${store.size} events arrived in ${Date.now() - started} ms`);
    assert.equal(described.eventCount, store.size);
  });

  it('opened after the calls, gets them paced by the webview: never more than two batches ahead, each one digested', async () => {
    const api = await activateExtension();
    const store = api.traceStore;
    await recordCalls(store, CALLS);
    await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebugger');
    const live = api.livePanel.panel;
    assert.ok(live);
    await live.whenReady();
    let most = 0;
    const sampler = setInterval(() => {
      most = Math.max(most, live.batchesAhead);
    }, 5);
    try {
      // a webview that never said `digested` would get a batch per 30 s timeout: far over this minute
      assert.equal((await describedCount(live, store)).eventCount, store.size);
    } finally {
      clearInterval(sampler);
    }
    assert.ok(most >= 1 && most <= 2, `at most two batches ahead of the webview (seen ${most})`);
    await until(async () => live.batchesAhead, (ahead) => ahead === 0, 'the webview digested every batch', 10_000);
  });

  it('open while the calls arrive, ends with the store\'s count, not every event it ever saw', async () => {
    const api = await activateExtension();
    const store = api.traceStore;
    await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebugger');
    const live = api.livePanel.panel;
    assert.ok(live);
    await live.whenReady();
    await recordCalls(store, CALLS);
    assert.ok(store.droppedCount > 0, 'the byte bound dropped some');
    const described = await describedCount(live, store);
    assert.equal(described.eventCount, store.size);
  });

  it('hidden and shown again, or its webview reloaded, shows the store\'s count', async () => {
    const api = await activateExtension();
    const store = api.traceStore;
    await recordCalls(store, CALLS / 2);
    await vscode.window.showTextDocument(vscode.Uri.file(fixturePath('swap_vars.js')), { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebugger');
    const live = api.livePanel.panel;
    assert.ok(live);
    assert.equal((await describedCount(live, store)).eventCount, store.size);

    await vscode.window.showTextDocument(vscode.Uri.file(fixturePath('swap_vars.js')), { viewColumn: live.panel.viewColumn, preview: false });
    await until(async () => live.panel.visible, (visible) => !visible, 'the panel is hidden');
    await recordCalls(store, CALLS / 2, CALLS / 2);
    assert.ok(store.droppedCount > 0, 'the byte bound dropped some while the panel was hidden');
    live.panel.reveal(undefined, false);
    assert.equal((await describedCount(live, store)).eventCount, store.size, 'shown again');

    // Developer: Reload Webviews: the page starts over, says ready, and gets a fresh snapshot
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    await until(async () => live.isReady, (ready) => !ready, 'the reloaded webview is not ready yet', 5_000).catch(() => undefined);
    assert.equal((await describedCount(live, store)).eventCount, store.size, 'after the webview reloaded');
  });
  it('follows the trace.maxEvents setting both ways while open', async () => {
    const api = await activateExtension();
    const store = api.traceStore;
    const settings = vscode.workspace.getConfiguration('mcpLiveDebugger');
    try {
      await settings.update('trace.maxEvents', 100, vscode.ConfigurationTarget.Global);
      // opened under the low bound, the webview bounds itself by it until told otherwise
      await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebugger');
      const live = api.livePanel.panel;
      assert.ok(live);
      await live.whenReady();
      await recordCalls(store, 300);
      assert.equal((await describedCount(live, store)).eventCount, 100);
      await settings.update('trace.maxEvents', 1_000, vscode.ConfigurationTarget.Global);
      await recordCalls(store, 500, 300);
      assert.equal(store.size, 600);
      assert.equal((await describedCount(live, store)).eventCount, 600, 'the raised bound holds in the webview too');
    } finally {
      await settings.update('trace.maxEvents', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

/**
 * Issue 14: a large file opens the way a large store does, paced and packed, and all of it; a file
 * the panel cannot show says why and leaves what it shows as it was.
 */
describe('live debugger panel imports a large trace file (inside VS Code)', function () {
  this.timeout(180_000);
  const EVENTS = 100_000;
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'mld-import-'));
  });

  after(async () => {
    rmSync(folder, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Writes `text` as a file in the test's folder. */
  function file(name: string, text: string): vscode.Uri {
    const path = join(folder, name);
    writeFileSync(path, text);
    return vscode.Uri.file(path);
  }

  it(`shows every one of ${EVENTS.toLocaleString('en-US')} events of an imported export, then refuses a malformed or too large file and keeps showing it`, async () => {
    const api = await activateExtension();
    await api.endpoint;
    const big = file('big.json', exportText(EVENTS));
    await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebugger');
    const live = api.livePanel.panel;
    assert.ok(live);
    await live.whenReady();
    const started = Date.now();
    const outcome = await vscode.commands.executeCommand('mcpLiveDebugger.importTrace', big);
    assert.deepEqual(outcome, { ok: true, events: EVENTS });
    const described = await until(() => live.describe(60_000), (description) => description.imported && description.eventCount === EVENTS, 'the panel holds the whole file', 120_000);
    report(`imported ${EVENTS} events (${(statSync(big.fsPath).size / 2 ** 20).toFixed(0)} MB) and showed all of them in ${Date.now() - started} ms`);
    assert.equal(described.visibleEventCount, EVENTS);
    assert.equal(described.connections.length, 20);
    assert.equal(described.connections.reduce((sum, row) => sum + row.calls, 0), EVENTS, 'every call counted in its session');
    // a row's body comes from the imported file
    assert.equal(live.eventDetail(EVENTS, true)?.id, EVENTS);

    const refusals = [
      { name: 'cut.json', text: exportText(3).slice(0, -40), says: /^Import failed: Not a JSON file \(.+\)\.$/ },
      { name: 'wrong.json', text: JSON.stringify({ format: 'mcp-live-debugger-trace', version: 2, exportedAt: 1, connections: [], events: [{ id: 1, timestamp: 1 }] }), says: /^Import failed: Event 1 of 1 has no "connectionId" string\.$/ },
      { name: 'neither.json', text: '{"spans": []}', says: /^Import failed: Neither an MCP Live Debugger trace export/ },
    ];
    for (const { name, text, says } of refusals) {
      const refused = await vscode.commands.executeCommand<{ ok: boolean; message?: string }>('mcpLiveDebugger.importTrace', file(name, text));
      assert.equal(refused.ok, false, name);
      assert.match(refused.message ?? '', says);
    }
    // larger than a string can hold: refused by its size, before it is read (a sparse file, no disk used)
    const huge = file('huge.json', '');
    truncateSync(huge.fsPath, 600 * 2 ** 20);
    const tooLarge = await vscode.commands.executeCommand<{ ok: boolean; message?: string }>('mcpLiveDebugger.importTrace', huge);
    assert.deepEqual(tooLarge, { ok: false, message: 'Import failed: huge.json is 600 MB, more than the 500 MB a trace file may have. Export a filtered view (or fewer events) and import that.' });
    const after = await live.describe(60_000);
    assert.equal(after.imported, true, 'the file shown before is still shown');
    assert.equal(after.eventCount, EVENTS);
  });
});

/**
 * Issue 14: a file dropped on the panel goes the way an imported one does. From outside VS Code its
 * bytes come from the webview in chunks (driven here through the page's message handler, as the
 * webview's messages reach it; test/e2e/panelDrop.test.mjs drops a real File in the real webview);
 * from VS Code's Explorer it comes as a URI the host reads itself.
 */
describe('live debugger panel takes a dropped trace file (inside VS Code)', function () {
  this.timeout(180_000);
  const EVENTS = 50_000;
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'mld-drop-'));
  });

  after(async () => {
    rmSync(folder, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it(`shows every one of ${EVENTS.toLocaleString('en-US')} events of a dropped export sent in chunks, refuses a file that is not a trace and keeps showing the first`, async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebugger');
    const live = api.livePanel.panel;
    assert.ok(live);
    await live.whenReady();
    const bytes = new TextEncoder().encode(exportText(EVENTS, 'drop'));
    assert.ok(bytes.byteLength > 30 * 2 ** 20, `${bytes.byteLength} bytes`);
    const started = Date.now();
    assert.deepEqual(await dropOnPanel(live, 'dropped.json', bytes), { type: 'result', ok: true });
    const described = await until(() => live.describe(60_000), (description) => description.imported && description.eventCount === EVENTS, 'the panel holds the whole dropped file', 120_000);
    report(`dropped ${EVENTS} events (${(bytes.byteLength / 2 ** 20).toFixed(0)} MB) in chunks of ${DROP_CHUNK_BYTES / 2 ** 20} MB and showed all of them in ${Date.now() - started} ms`);
    assert.equal(described.connections.reduce((sum, row) => sum + row.calls, 0), EVENTS);
    assert.equal(live.eventDetail(EVENTS, true)?.connectionId, 'drop-conn-19');

    const log = new TextEncoder().encode('2026-12-02 12:00:00 INFO started\n'.repeat(200_000));
    const refused = await dropOnPanel(live, 'server.log', log);
    assert.equal(refused.type, 'result');
    assert.match(refused.type === 'result' ? refused.message ?? '' : '', /^Import of server\.log failed: Not a JSON file \(.+\)\.$/);
    const cut = await dropOnPanel(live, 'cut.json', bytes.slice(0, 9 * 2 ** 20));
    assert.match(cut.type === 'result' ? cut.message ?? '' : '', /^Import of cut\.json failed: Not a JSON file/);
    // chunks out of order are refused, and what follows them is not taken
    await live.handle({ messageId: 800_000, body: { type: 'dropFile', name: 'jumbled.json', size: 10 } });
    await live.handle({ messageId: 800_001, body: { type: 'dropChunk', upload: 800_000, offset: 4, bytes: new Uint8Array(6) } });
    await live.handle({ messageId: 800_002, body: { type: 'dropChunk', upload: 800_000, offset: 0, bytes: new Uint8Array(4) } });
    const after = await live.describe(60_000);
    assert.equal(after.imported, true, 'the dropped file is still shown');
    assert.equal(after.eventCount, EVENTS);
  });

  it('reads a file dragged from VS Code (its URI) itself, and refuses one that is not a trace', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('mcpLiveDebugger.openLiveDebugger');
    const live = api.livePanel.panel;
    assert.ok(live);
    await live.whenReady();
    const path = join(folder, 'from-explorer.json');
    writeFileSync(path, exportText(300, 'uri'));
    await live.handle({ messageId: 700_000, body: { type: 'importUri', uri: vscode.Uri.file(path).toString() } });
    const described = await until(() => live.describe(), (description) => description.imported && description.eventCount === 300, 'the panel shows the file the URI names');
    assert.equal(described.connections.length, 20);
    const notTrace = join(folder, 'notes.json');
    writeFileSync(notTrace, '{"spans": []}');
    await live.handle({ messageId: 700_001, body: { type: 'importUri', uri: vscode.Uri.file(notTrace).toString() } });
    await live.handle({ messageId: 700_002, body: { type: 'importUri', uri: vscode.Uri.file(join(folder, 'missing.json')).toString() } });
    const after = await live.describe();
    assert.equal(after.imported, true);
    assert.equal(after.eventCount, 300, 'the file shown before is still shown');
  });
});

/** An export of `count` calls over 20 sessions (`<prefix>-conn-<n>`) in our format, as Export writes one without its indentation. */
function exportText(count: number, prefix = 'import'): string {
  const connections = Array.from({ length: 20 }, (_, index) => ({
    id: `${prefix}-conn-${index}`, source: 'debugger', transport: 'streamable-http', clientName: 'ci-agent', clientVersion: '1.0.0',
    startedAt: 1_000, lastActivityAt: 1_000 + count, endedAt: 1_000 + count, status: 'ended',
  }));
  const events = Array.from({ length: count }, (_, index) => {
    const { timestamp: _timestamp, ...call } = realisticCall(index, `${prefix}-conn-${index % 20}`, 'list_debug_sessions');
    return { ...call, id: index + 1, timestamp: 1_000 + index };
  });
  return JSON.stringify({ format: 'mcp-live-debugger-trace', version: 2, exportedAt: 1_000 + count, connections, events });
}

/** A recorded `tools/call` as the exchange recorder stores it, with an answer of a realistic size. */
function realisticCall(call: number, sessionId: string, tool: string): NewTraceEvent {
  const large = tool === 'list_supported_languages';
  const languages = Array.from({ length: large ? 7 : 0 }, (_, index) => ({
    id: `language-${index}`, displayName: `Language ${index}`, installed: index % 3 !== 0, version: '1.0.0', debugType: `type-${index}`,
    description: 'Debugs programs of this language through its debug adapter, launched or attached, with breakpoints and stepping.',
    requires: ['an interpreter on PATH', 'the debug adapter package'], modes: { launch: true, attach: index % 2 === 0 },
  }));
  const result = large ? { success: true, languages, available: languages.filter((language) => language.installed) } : { success: true, sessions: [], count: 0 };
  const text = JSON.stringify(result);
  const timestamp = Date.now();
  return {
    timestamp, connectionId: sessionId, source: 'debugger', kind: 'request', method: 'tools/call', tool, status: 'ok', latencyMs: 1.5,
    requestBytes: 90, responseBytes: text.length * 2,
    request: { jsonrpc: '2.0', id: call, method: 'tools/call', params: { name: tool, arguments: {} } },
    response: { jsonrpc: '2.0', id: call, result: { content: [{ type: 'text', text }], structuredContent: result } },
    trace: { name: 'tool', start: timestamp, duration_ms: 1.2, status: 'ok', tool, inputs: {}, outputs: result, children: [] },
  };
}
