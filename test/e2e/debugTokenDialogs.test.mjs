// Issue 5: the debug token's dialogs as a user meets them in the real workbench: the token shown
// once with a Copy button, the confirmation before a new token replaces the active one, and the
// endpoint answering each token as the dialogs said.
import * as assert from 'node:assert/strict';
import { dialog, readUntil, runCommand, shownToken, useWorkbenchHost, waitForDiscovery } from './support.mjs';

async function callEndpoint(origin, token) {
  const response = await fetch(`${origin}/debug/list_debug_sessions`, { headers: { authorization: `Token ${token}` } });
  return { status: response.status, body: await response.json() };
}

describe('e2e: debug token dialogs', function () {
  this.timeout(240_000);
  const workbench = useWorkbenchHost();

  it('shows the token once with Copy, asks before replacing it, and the endpoint follows', async () => {
    const page = await workbench().openWorkspace();
    const info = await waitForDiscovery(workbench().server.dirs.discoveryHome);
    const origin = new URL(info.url).origin;
    await page.locator('.monaco-workbench').waitFor();

    await runCommand(page, 'MCP Live Debugger: Start Debug Token Session');
    const created = await dialog(page, 'debug token created');
    const first = await shownToken(created);
    assert.match(first, /^\S{20,}$/, `the dialog shows the token on its own line: ${first}`);
    await created.getByRole('button', { name: 'Copy Token' }).click();
    await created.waitFor({ state: 'detached' });
    // the extension writes the clipboard once the dialog has closed, over the extension host's round trip
    const copied = await readUntil(() => page.evaluate(() => navigator.clipboard.readText()), (text) => text === first);
    assert.equal(copied, first, 'Copy Token put the shown token on the clipboard');
    const answered = await callEndpoint(origin, first);
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    assert.equal(answered.body.outputs.success, true);

    // a second start asks first; cancelling keeps the active token
    await runCommand(page, 'MCP Live Debugger: Start Debug Token Session');
    let confirm = await dialog(page, 'A debug token session is active');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal((await callEndpoint(origin, first)).status, 200, 'cancelling kept the active token');

    // confirmed, the new token replaces the old one at once
    await runCommand(page, 'MCP Live Debugger: Start Debug Token Session');
    confirm = await dialog(page, 'A debug token session is active');
    await confirm.getByRole('button', { name: 'End It and Start a New One' }).click();
    const replacing = await dialog(page, 'debug token created');
    const second = await shownToken(replacing);
    assert.notEqual(second, first);
    await page.keyboard.press('Escape');
    await replacing.waitFor({ state: 'detached' });
    const old = await callEndpoint(origin, first);
    assert.equal(old.status, 403, JSON.stringify(old.body));
    assert.match(JSON.stringify(old.body), /replaced/);
    assert.equal((await callEndpoint(origin, second)).status, 200);

    await runCommand(page, 'MCP Live Debugger: Stop Debug Token Session');
    const after = await readUntil(() => callEndpoint(origin, second), (answer) => answer.status === 403);
    assert.equal(after.status, 403, JSON.stringify(after.body));
    assert.match(JSON.stringify(after.body), /stopped/);
  });
});
