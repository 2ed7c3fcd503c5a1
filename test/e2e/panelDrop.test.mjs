// Issue 14: a trace file dropped on the live panel from outside VS Code, in the real workbench: a
// real File in a real drop on the real webview, its bytes read there in chunks and sent to the
// extension host, which shows every event; a file that is not a trace says so and changes nothing.
import * as assert from 'node:assert/strict';
import { panelFrame, runCommand, useWorkbenchHost, waitForDiscovery } from './support.mjs';

const EVENTS = 35_000;

/**
 * Runs in the webview: builds a file (an export of `count` calls, or any text) and drops it on the
 * panel as a drop from outside VS Code comes; answers its size and whether dragenter was claimed.
 */
function dropFile({ name, count, text }) {
  let content = text;
  if (content === undefined) {
    const answer = JSON.stringify({ success: true, sessions: [], count: 0, note: 'x'.repeat(600) });
    const connections = Array.from({ length: 20 }, (_, index) => ({
      id: `drop-conn-${index}`, source: 'debugger', transport: 'streamable-http', clientName: 'ci-agent', clientVersion: '1.0.0',
      startedAt: 1_000, lastActivityAt: 1_000 + count, endedAt: 1_000 + count, status: 'ended',
    }));
    const events = Array.from({ length: count }, (_, index) => ({
      id: index + 1, timestamp: 1_000 + index, connectionId: `drop-conn-${index % 20}`, source: 'debugger', kind: 'request',
      method: 'tools/call', tool: 'list_debug_sessions', status: 'ok', latencyMs: 1.5, requestBytes: 90, responseBytes: answer.length,
      request: { jsonrpc: '2.0', id: index, method: 'tools/call', params: { name: 'list_debug_sessions', arguments: {} } },
      response: { jsonrpc: '2.0', id: index, result: { content: [{ type: 'text', text: answer }] } },
    }));
    content = JSON.stringify({ format: 'mcp-live-debugger-trace', version: 2, exportedAt: 1_000 + count, connections, events });
  }
  const file = new File([content], name, { type: 'application/json' });
  const transfer = new DataTransfer();
  transfer.items.add(file);
  const claimed = !document.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  document.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  document.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  return { size: file.size, claimed };
}

describe('e2e: a trace file dropped on the live panel', function () {
  this.timeout(240_000);
  const workbench = useWorkbenchHost();

  it(`shows every one of ${EVENTS.toLocaleString('en-US')} events of a dropped export, and a dropped file that is not a trace changes nothing`, async () => {
    const page = await workbench().openWorkspace();
    // (the extension has started once its discovery file is there: its command is in the palette)
    await waitForDiscovery(workbench().server.dirs.discoveryHome);
    await page.locator('.monaco-workbench').waitFor();
    await runCommand(page, 'MCP Live Debugger: Open Live Debugger');
    const frame = await panelFrame(page, 90_000);

    const dropped = await frame.evaluate(dropFile, { name: 'dropped.json', count: EVENTS });
    const started = Date.now();
    assert.ok(dropped.size > 30 * 2 ** 20, `${dropped.size} bytes`);
    assert.equal(dropped.claimed, true);
    // VS Code lets the page keep the drag (it blocks the webview's pointer events when it takes one over)
    const blocked = await page.evaluate(() => [...document.querySelectorAll('iframe.webview')].some((element) => element.style.pointerEvents === 'none'));
    assert.equal(blocked, false, 'VS Code did not take the drop over');
    // every byte posted once the notice says the host opens the file
    await frame.waitForFunction(() => /^Opening dropped\.json/.test(document.querySelector('.notice')?.textContent ?? '') || document.querySelector('.is-imported') !== null, undefined, { timeout: 120_000, polling: 100 });
    const sentAfter = Date.now() - started;
    await frame.waitForFunction(() => document.querySelector('.is-imported .view:not([hidden]) .grid-body [role="row"]') !== null, undefined, { timeout: 120_000, polling: 100 });
    const rowsAfter = Date.now() - started;
    await frame.waitForFunction((count) => /read-only: ([\d,]+) events/.exec(document.querySelector('.import-banner')?.textContent ?? '')?.[1] === count.toLocaleString('en-US')
      && !/Loading/.test(document.querySelector('.import-banner')?.textContent ?? ''), EVENTS, { timeout: 120_000 });
    console.log(`      · dropped ${(dropped.size / 2 ** 20).toFixed(0)} MB (made in the webview): every byte sent ${sentAfter} ms, first rows ${rowsAfter} ms, all ${EVENTS} events ${Date.now() - started} ms after the file was made`);
    assert.match(await frame.innerText('.import-banner'), /Imported dropped\.json .*read-only: 35,000 events, 20 sessions/);
    assert.match((await frame.innerText('.footer')).replace(/\s+/g, ' '), /Imported \(read-only\) 35,000 events/);

    await frame.evaluate(dropFile, { name: 'server.log', text: '2026-12-02 12:00:00 INFO started\n'.repeat(200_000) });
    await frame.waitForFunction(() => /Import of server\.log failed: Not a JSON file/.test(document.querySelector('.notice')?.textContent ?? ''), undefined, { timeout: 60_000 });
    assert.match(await frame.innerText('.import-banner'), /Imported dropped\.json .*read-only: 35,000 events/, 'the file shown before is still shown');
  });
});
