// Issue 4: the live panel survives a window reload — VS Code's serializer brings it back with the
// state the user left (here: the selected tab), in the real workbench.
import * as assert from 'node:assert/strict';
import { panelFrame, runCommand, useWorkbenchHost, waitForDiscovery } from './support.mjs';

describe('e2e: the live panel across a window reload', function () {
  this.timeout(240_000);
  const workbench = useWorkbenchHost();

  it('comes back after the reload on the tab the user left it on', async () => {
    const page = await workbench().openWorkspace();
    const before = await waitForDiscovery(workbench().server.dirs.discoveryHome);
    await page.locator('.monaco-workbench').waitFor();
    await runCommand(page, 'MCP Live Debugger: Open Live Debugger');
    const frame = await panelFrame(page);
    await frame.click('#tab-tools');
    assert.equal(await frame.getAttribute('#tab-tools', 'aria-selected'), 'true');
    // the webview saves its state 150 ms after a change
    await new Promise((resolve) => setTimeout(resolve, 1000));

    // the user's way: Developer: Reload Window, which lets the workbench save its state first
    await runCommand(page, 'Developer: Reload Window');
    await waitForDiscovery(workbench().server.dirs.discoveryHome, before.pid);
    const restored = await panelFrame(page);
    assert.equal(await restored.getAttribute('#tab-tools', 'aria-selected'), 'true', 'the restored panel shows the Tools tab again');
  });
});
