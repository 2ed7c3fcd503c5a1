// Issue 14, "where debug views live": the live debugger as a view in the bottom panel of the real
// workbench, driven as a user does: opened from the command palette, it lists what an MCP client
// just did, and a location in an event opens in the editor area above it, in the group the user
// was reading (not in a new group beside), while the panel stays open.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { connectClient, fixtureWorkspace, panelFrame, runCommand, toolAnswer, useWorkbenchHost, waitForDiscovery } from './support.mjs';

describe('e2e: the live debugger in the bottom panel', function () {
  this.timeout(240_000);
  const workbench = useWorkbenchHost();

  it('shows the live store\'s rows, and an event\'s location opens in the editor area', async () => {
    const page = await workbench().openWorkspace();
    const info = await waitForDiscovery(workbench().server.dirs.discoveryHome);
    await page.locator('.monaco-workbench').waitFor();
    const client = await connectClient(info, 'bottom-view-e2e');
    const program = join(fixtureWorkspace, 'tools_suite.mock');
    try {
      const created = toolAnswer(await client.callTool({ name: 'create_debug_session', arguments: { language: 'mock', name: 'bottom view e2e' } }));
      assert.equal(created.success, true, JSON.stringify(created));
      const set = toolAnswer(await client.callTool({ name: 'set_breakpoint', arguments: { sessionId: created.sessionId, file: program, line: 10 } }));
      assert.equal(set.success, true, JSON.stringify(set));

      // the user reads a file in the editor area, then opens the live debugger in the panel below
      await page.keyboard.press('Control+P');
      await page.keyboard.type('swap_vars.js');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'swap_vars.js' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.part.editor .tab.active', { hasText: 'swap_vars.js' }).waitFor();
      await runCommand(page, 'MCP Live Debugger: Open Live Debugger in the Panel');
      await page.locator('.part.panel').waitFor({ state: 'visible' });
      const frame = await panelFrame(page);

      await frame.click('#tab-events');
      const row = frame.locator('.event-log .grid-body [role="row"][data-event-id]', { hasText: 'set_breakpoint' });
      await row.first().waitFor();
      const rows = await frame.locator('.event-log .grid-body [role="row"][data-event-id] .col-tool-method').allInnerTexts();
      for (const expected of ['initialize', 'create_debug_session', 'set_breakpoint']) assert.ok(rows.includes(expected), `${expected} is listed: ${rows.join(', ')}`);

      await row.first().click();
      const link = frame.locator('.event-log .detail-cell .loc-link', { hasText: 'tools_suite.mock:10' }).first();
      await link.waitFor();
      await link.click();

      await page.locator('.part.editor .tab.active', { hasText: 'tools_suite.mock' }).waitFor();
      assert.equal(await page.locator('.part.editor .editor-group-container').count(), 1, 'it opened in the group the user was reading, not in a new group beside');
      assert.equal(await page.locator('.part.editor .tab', { hasText: 'swap_vars.js' }).count(), 1, 'next to the file the user was reading');
      await page.locator('.statusbar-item', { hasText: /Ln 10, Col 1/ }).first().waitFor();
      assert.equal(await page.locator('.part.panel').isVisible(), true, 'the bottom panel stays open');
      assert.ok(await frame.locator('#tab-events').isVisible(), 'and shows the live debugger still');
    } finally {
      await client.close().catch(() => {});
    }
  });
});
