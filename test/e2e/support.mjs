// What the e2e tests share: a VS Code server with the packaged VSIX, its workbench in Chromium,
// and MCP clients found the way outside clients find them, through the discovery file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { packageVsix } from '../../scripts/package.mjs';
import { ensureTestHost, launchChromium, repoRoot, startVscodeServer, workbenchUrl } from '../../scripts/vscodeHost.mjs';

export const fixtureWorkspace = join(repoRoot, 'test/fixtures/workspace');

/** Starts VS Code with the VSIX installed and a browser; `stop()` ends both. */
export async function startWorkbenchHost(options = {}) {
  const server = await startVscodeServer({ host: ensureTestHost(), vsix: packageVsix({ quiet: true }), ...options });
  const browser = await launchChromium();
  return {
    server,
    async openWorkspace(folder = fixtureWorkspace) {
      const page = await browser.context.newPage();
      await page.goto(workbenchUrl(server.port, folder));
      return page;
    },
    async stop() {
      await browser.close();
      await server.stop();
      server.cleanup();
    },
  };
}

/** Starts the host before the suite's tests and stops it after; call inside `describe`. */
export function useWorkbenchHost(options = {}) {
  let host;
  before(async () => {
    host = await startWorkbenchHost(options);
  });
  after(async () => {
    await host?.stop();
  });
  return () => host;
}

/** The first discovery file in `home` whose pid is not `exceptPid`, waiting for it to appear. */
export async function waitForDiscovery(home, exceptPid, timeoutMs = 60_000) {
  const folder = join(home, 'instances');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const names = existsSync(folder) ? readdirSync(folder).filter((name) => /^\d+\.json$/.test(name)) : [];
    const fresh = names.find((name) => Number(name.slice(0, -5)) !== exceptPid);
    if (fresh) {
      try {
        return JSON.parse(readFileSync(join(folder, fresh), 'utf8'));
      } catch {
        // caught mid-write by another process; read again
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no discovery file (other than pid ${exceptPid}) in ${folder} within ${timeoutMs} ms`);
}

/** Reads until `accept` holds (every 100 ms, at most `timeoutMs`); resolves the last value read either way. */
export async function readUntil(read, accept, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!accept(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

export async function connectClient(info, name) {
  const client = new Client({ name, version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(info.url), { requestInit: { headers: { Authorization: `Bearer ${info.token}` } } }));
  return client;
}

/** A tool's answer: structured content on success, JSON text on failure. */
export function toolAnswer(result) {
  return result.structuredContent ?? JSON.parse(result.content[0].text);
}

/**
 * Runs a command from the command palette by its title. It types only once the palette is open (keys
 * typed before it opens are lost, and a loaded machine opens it late) and presses Enter on the row
 * of exactly that title.
 */
export async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await input.fill(`>${title}`);
  const focusedLabel = () => page.evaluate(() => document.querySelector('.quick-input-list .monaco-list-row.focused .label-name')?.textContent?.trim());
  const deadline = Date.now() + 30_000;
  let focused = await focusedLabel();
  while (focused !== title) {
    if (Date.now() > deadline) throw new Error(`the command palette offers no "${title}" (its chosen row: ${focused ?? 'none'})`);
    // a longer title holding this one may be on top: the keyboard moves down to the one asked for
    if (focused !== undefined && await page.locator('.quick-input-list .label-name', { hasText: title }).count() > 1) await page.keyboard.press('ArrowDown');
    await new Promise((resolve) => setTimeout(resolve, 100));
    focused = await focusedLabel();
  }
  await page.keyboard.press('Enter');
}

/** The open modal dialog, once it shows. */
export async function dialog(page, text) {
  const box = page.locator('.monaco-dialog-box', { hasText: text });
  await box.waitFor({ timeout: 15_000 });
  return box;
}

/** The token as the dialog shows it: the first line of its detail. */
export async function shownToken(box) {
  const detail = await box.locator('.dialog-message-detail').innerText();
  return detail.split('\n')[0].trim();
}

/** The panel's webview frame, once it has drawn its tabs. */
export async function panelFrame(page, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const tab = await frame.$('#tab-tools').catch(() => null);
      if (tab) return frame;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the live panel did not appear within ${timeoutMs} ms`);
}
