// Runs the built webview (dist/webview.js) in Chromium on a page that stands in for VS Code's
// webview host: it fakes acquireVsCodeApi (recording what the panel posts and the state it saves),
// sets a theme's CSS variables, and lets a test post scripted host messages.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Envelope, HostMessage, WebviewMessage } from '../../src/shared/protocol';
import type { TraceEvent } from '../../src/shared/trace';
import CHROMIUM from '../../scripts/chromium.json';
import { THEMES, type ThemeName } from './themes';

export const repoRoot = join(__dirname, '..', '..');

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.html': 'text/html', '.map': 'application/json' };



/** Serves the repository's dist/ and media/ and the test page on a loopback port. */
export async function startPageServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (path === '/' || path === '/panel.html') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(pageHtml());
      return;
    }
    const file = normalize(join(repoRoot, path));
    if (!file.startsWith(join(repoRoot, 'dist')) && !file.startsWith(join(repoRoot, 'media'))) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/panel.html`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function pageHtml(): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="/dist/codicon.css">
<link rel="stylesheet" href="/media/panel.css">
<script>
  // VS Code's webview API, as the panel sees it; the saved state survives reloads like VS Code's does
  window.__posted = [];
  // the host holds the bodies; like the panel host, this page answers getEventDetail from them
  window.__details = { live: {}, imported: {} };
  let replyId = 1000000;
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => {
      window.__posted.push(message);
      if (message.body.type === 'getEventDetail') {
        const event = window.__details[message.body.imported ? 'imported' : 'live'][message.body.id];
        setTimeout(() => window.postMessage({ messageId: replyId++, inReplyTo: message.messageId, body: { type: 'eventDetail', event } }, '*'), 0);
      }
    },
    getState: () => JSON.parse(sessionStorage.getItem('panel-state') || 'null'),
    setState: (state) => sessionStorage.setItem('panel-state', JSON.stringify(state)),
  });
  // every ResizeObserver the page makes, with what it watches, so a test can see which are left running
  window.__resizeObservers = [];
  const NativeResizeObserver = window.ResizeObserver;
  window.ResizeObserver = class extends NativeResizeObserver {
    constructor(callback) {
      super(callback);
      this.watched = new Set();
      window.__resizeObservers.push(this);
    }
    observe(target, options) { this.watched.add(target); super.observe(target, options); }
    unobserve(target) { this.watched.delete(target); super.unobserve(target); }
    disconnect() { this.watched.clear(); super.disconnect(); }
  };
  window.__setTheme = (themeClass, variables) => {
    document.body.className = themeClass;
    const style = document.documentElement.style;
    for (let i = style.length - 1; i >= 0; i--) if (style[i].startsWith('--vscode-')) style.removeProperty(style[i]);
    for (const [name, value] of Object.entries(variables)) style.setProperty(name, value);
  };
</script>
</head><body><div id="app" class="app"></div>
<script type="module" src="/dist/webview.js"></script>
</body></html>`;
}

export async function launchBrowser(): Promise<Browser> {
  // scripts/test.mjs passes the Chromium its lookup found (a snap on Ubuntu); the JSON default otherwise
  return chromium.launch({ executablePath: process.env.MLD_CHROMIUM || CHROMIUM.executablePath, args: CHROMIUM.args });
}

type PanelPageOptions = { theme?: ThemeName; width?: number; height?: number };

/**
 * One page server and one Chromium for a suite (started before it, closed after it); call inside
 * `describe`. Returns how to open a fresh panel page.
 */
export function usePanelPages(): (options?: PanelPageOptions) => Promise<PanelPage> {
  let server: Awaited<ReturnType<typeof startPageServer>> | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startPageServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return (options = {}) => {
    if (!browser || !server) throw new Error('usePanelPages() opens pages only once its before() hook has run');
    return PanelPage.open(browser, server.url, options);
  };
}

export class PanelPage {
  private nextId = 1;

  constructor(readonly page: Page) {}

  static async open(browser: Browser, url: string, options: PanelPageOptions = {}): Promise<PanelPage> {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1200, height: options.height ?? 720 } });
    page.on('pageerror', (error) => console.error('[page error]', error.message));
    await page.goto(url);
    const panel = new PanelPage(page);
    await panel.setTheme(options.theme ?? 'dark');
    await panel.waitForPosted('ready');
    return panel;
  }

  async setTheme(theme: ThemeName): Promise<void> {
    const { bodyClass, variables } = THEMES[theme];
    await this.page.evaluate(([bodyClass, variables]) => (window as unknown as { __setTheme: (c: string, v: Record<string, string>) => void }).__setTheme(bodyClass, variables), [bodyClass, variables] as const);
  }

  /** Posts a host message the way VS Code delivers it to the webview; answers its message id. */
  async post(body: HostMessage, inReplyTo?: number): Promise<number> {
    const envelope: Envelope<HostMessage> = inReplyTo === undefined ? { messageId: this.nextId++, body } : { messageId: this.nextId++, inReplyTo, body };
    await this.page.evaluate((message) => window.postMessage(message, '*'), envelope);
    // live batches (and the rest of an imported file) are drawn at most every 100 ms (LIVE_DRAW_INTERVAL_MS in webview/frameScheduler.ts)
    if (body.type === 'append' || body.type === 'importedEvents') await this.page.waitForTimeout(120);
    await this.nextFrame();
    return envelope.messageId;
  }

  /** Gives the fake host the full events behind the summaries it posts. */
  async holdDetails(events: readonly TraceEvent[], imported = false): Promise<void> {
    await this.page.evaluate(([events, imported]) => {
      const details = (window as unknown as { __details: Record<string, Record<number, unknown>> }).__details;
      details[imported ? 'imported' : 'live'] = Object.fromEntries(events.map((event) => [event.id, event]));
    }, [events, imported] as const);
  }

  async posted(): Promise<Array<Envelope<WebviewMessage>>> {
    return this.page.evaluate(() => (window as unknown as { __posted: Array<Envelope<WebviewMessage>> }).__posted);
  }

  async waitForPosted<T extends WebviewMessage['type']>(type: T, after = 0): Promise<Envelope<Extract<WebviewMessage, { type: T }>>> {
    const handle = await this.page.waitForFunction(([type, after]) => {
      const posted = (window as unknown as { __posted: Array<{ messageId: number; body: { type: string } }> }).__posted;
      return posted.find((message) => message.body.type === type && message.messageId > after);
    }, [type, after] as const, { timeout: 10_000 });
    return (await handle.jsonValue()) as Envelope<Extract<WebviewMessage, { type: T }>>;
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => {
      (window as unknown as { __posted: unknown[] }).__posted.length = 0;
    });
  }

  async nextFrame(): Promise<void> {
    await this.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }

  async tab(name: 'connections' | 'events' | 'tools' | 'tokens'): Promise<void> {
    await this.page.click(`#tab-${name}`);
    await this.nextFrame();
  }

  /** Text of each drawn row of the visible grid, top to bottom. */
  async rowTexts(selector = '.view:not([hidden]) .grid-body [role="row"]'): Promise<string[]> {
    return this.page.$$eval(selector, (rows) => rows
      .map((row) => ({ top: Number(/translateY\((-?[\d.]+)px\)/.exec((row as HTMLElement).style.transform)?.[1] ?? 0), text: (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim() }))
      .sort((a, b) => a.top - b.top).map((row) => row.text));
  }

  async footer(): Promise<string> {
    return (await this.page.innerText('.footer')).replace(/\s+/g, ' ').trim();
  }

  /** Sets a vscode-elements select's value the way its own dropdown does, then lets it fire change. */
  async selectValues(id: string, values: string[] | string): Promise<void> {
    await this.page.evaluate(([id, values]) => {
      const element = document.getElementById(id) as HTMLElement & { value: unknown };
      element.value = values;
      element.dispatchEvent(new Event('change', { bubbles: true }));
    }, [id, values] as const);
    await this.nextFrame();
  }
}
