// The panel at 360 × 900 px, the width it gets beside a file with the Chat view open. Element boxes
// are measured: a column out of reach, a name cut mid-word or a filter bar that pushes the rows
// down fails here.
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeEvent } from '../../src/shared/eventSummary';
import { fixtureTrace } from './fixtureTrace';
import { PanelPage, repoRoot, usePanelPages } from './panelPage';

const ENDPOINT = { status: 'listening', url: 'http://127.0.0.1:43117/mcp' } as const;
const WIDTH = 360;
const HEIGHT = 900;
const TABS = [
  { tab: 'connections', view: '.connections', columns: ['id', 'client', 'started', 'duration', 'calls', 'errors', 'status', 'tools', 'source'] },
  { tab: 'events', view: '.event-log', columns: ['time', 'type', 'tool-method', 'upstream', 'proxy', 'total', 'status'] },
  { tab: 'tools', view: '.tools', columns: ['name', 'calls', 'errors', 'errorRate', 'p50', 'p95', 'lastListedAt', 'discoveredBy', 'calledBy'] },
] as const;

/** Ticks or unticks a column in the view's Columns menu, then closes the menu with Escape. */
async function toggleColumn(panel: PanelPage, view: string, column: string): Promise<void> {
  if (await panel.page.isHidden(`${view} .column-menu`)) await panel.page.click(`${view} .column-chooser-button`);
  await panel.page.click(`${view} .column-menu vscode-checkbox[data-column="${column}"]`);
  await panel.page.keyboard.press('Escape');
  assert.equal(await panel.page.isHidden(`${view} .column-menu`), true);
  await panel.nextFrame();
}

interface Clip { text: string; scroll: number; client: number }

/** Elements whose content is wider than their box (cut), with their text. */
async function clipped(panel: PanelPage, selector: string): Promise<Clip[]> {
  return panel.page.$$eval(selector, (found) => found
    .filter((element) => (element as HTMLElement).offsetParent !== null)
    .map((element) => ({ text: (element as HTMLElement).innerText, scroll: element.scrollWidth, client: element.clientWidth }))
    .filter((box) => box.scroll > box.client + 1));
}

describe('narrow layout at 360 px (webview in Chromium)', function () {
  this.timeout(90_000);
  const openPanel = usePanelPages();
  let panel: PanelPage;

  beforeEach(async () => {
    panel = await openPanel({ width: WIDTH, height: HEIGHT });
    const { connections, events } = fixtureTrace();
    await panel.holdDetails(events);
    await panel.post({ type: 'snapshot', connections, events: events.map(summarizeEvent), droppedCount: 0, maxEvents: 50_000, endpoint: ENDPOINT });
  });
  afterEach(async () => {
    await panel.page.close();
  });

  for (const { tab, view, columns } of TABS) {
    it(`${tab}: every column is reachable through the Columns menu, and a shown one fits the width`, async () => {
      await panel.tab(tab);
      const shown = async () => panel.page.$$eval(`${view} [role="columnheader"]`, (headers) => headers
        .filter((header) => (header as HTMLElement).offsetParent !== null)
        .map((header) => [...header.classList].find((name) => name.startsWith('col-'))!.slice(4)));
      const before = await shown();
      assert.ok(before.length >= 4 && before.length < columns.length, `a narrow ${tab} shows its main columns (${before.join(', ')})`);
      for (const column of columns.filter((key) => !before.includes(key))) {
        await toggleColumn(panel, view, column);
        const header = await panel.page.$eval(`${view} [role="columnheader"].col-${column}`, (cell) => {
          const box = cell.getBoundingClientRect();
          return { left: box.left, right: box.right, width: box.width };
        });
        assert.ok(header.width > 0 && header.left >= 0 && header.right <= WIDTH, `${column} is shown within the panel (${JSON.stringify(header)})`);
        const cells = await panel.page.$$eval(`${view} .grid-body [role="row"] .col-${column}`, (found) => found.map((cell) => cell.getBoundingClientRect().width));
        assert.ok(cells.length > 0 && cells.every((width) => width > 0), `${column} has its cells in every row`);
        const overflow = await panel.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.equal(overflow, 0, `showing ${column} makes nothing scroll sideways`);
        // and hidden again, so the next one is judged in the narrow layout
        await toggleColumn(panel, view, column);
      }
      assert.deepEqual(await shown(), before);
      assert.deepEqual(await clipped(panel, `${view} [role="columnheader"] .sort-button, ${view} .event-columns[role="row"] [role="columnheader"]`), [], 'no header is cut');
    });
  }

  it('Event Log: tool names are whole, statuses are whole icons that still say their word, times are not cut', async () => {
    await panel.tab('events');
    const tools = new Set(fixtureTrace().events.flatMap((event) => (event.tool ? [event.tool] : [])));
    const cut = await clipped(panel, '.event-log .grid-body .col-tool-method');
    assert.deepEqual(cut.filter((cell) => tools.has(cell.text)), []);
    const shownTools = await panel.page.$$eval('.event-log .grid-body .col-tool-method', (cells) => cells.map((cell) => (cell as HTMLElement).innerText));
    assert.ok(shownTools.includes('evaluate_expression') && shownTools.includes('start_debugging'));
    assert.deepEqual(await clipped(panel, '.event-log .grid-body .col-time, .event-log .grid-body .col-total, .event-log .grid-body .col-status'), []);
    const statuses = await panel.page.$$eval('.event-log .grid-body .col-status', (cells) => cells.map((cell) => {
      const box = cell.getBoundingClientRect();
      const glyph = cell.querySelector('.codicon')!.getBoundingClientRect();
      return { inside: glyph.left >= box.left - 0.5 && glyph.right <= box.right + 0.5 && glyph.width > 8, word: (cell.querySelector('.status') as HTMLElement).title, read: cell.textContent };
    }));
    assert.ok(statuses.every((status) => status.inside), 'each status icon is whole');
    assert.deepEqual([...new Set(statuses.map((status) => `${status.word}=${status.read}`))].sort(), ['denied=denied', 'error=error', 'ok=ok']);
  });

  it('Sessions: the id shows the part that tells sessions apart, tool names are whole', async () => {
    const ids = await panel.page.$$eval('.connections .grid-body .col-id', (cells) => cells.map((cell) => ({
      shown: (cell.querySelector('.id-own') as HTMLElement).innerText, hiddenShared: (cell.querySelector('.id-shared') as HTMLElement).offsetParent === null,
      cut: cell.querySelector('.id-text')!.scrollWidth > cell.querySelector('.id-text')!.clientWidth + 1, title: cell.getAttribute('title'),
    })));
    assert.deepEqual(ids.map((id) => [id.shown, id.title]), [['curl-3', 'conn-curl-3'], ['proxy-2', 'conn-proxy-2'], ['agent-1', 'conn-agent-1']]);
    assert.ok(ids.every((id) => id.hiddenShared && !id.cut));
    const names = await panel.page.$$eval('.connections .grid-body .col-tools', (cells) => cells.map((cell) => {
      const box = cell.getBoundingClientRect();
      const inView = [...cell.querySelectorAll('.tool-name')].filter((name) => {
        const own = name.getBoundingClientRect();
        return own.top < box.bottom - 1;
      });
      return { whole: inView.every((name) => name.getBoundingClientRect().right <= box.right + 0.5), shown: inView.map((name) => (name as HTMLElement).innerText) };
    }));
    assert.ok(names.every((cell) => cell.whole && cell.shown.length >= 1), JSON.stringify(names));
    assert.deepEqual(names.map((cell) => cell.shown[0]), ['get_stack_trace', 'create_payment', 'set_breakpoint']);
  });

  it('Tools: tool names are whole', async () => {
    await panel.tab('tools');
    assert.deepEqual(await clipped(panel, '.tools .grid-body .col-name'), []);
    assert.equal((await panel.page.$$('.tools .grid-body .col-name')).length, 7);
  });

  it('the filters fold into one line until opened, and the first rows show without scrolling', async () => {
    for (const tab of ['connections', 'events', 'tools'] as const) {
      await panel.tab(tab);
      const layout = await panel.page.evaluate(() => {
        const bar = document.querySelector('.filter-bar')!.getBoundingClientRect();
        const rows = [...document.querySelectorAll('.view:not([hidden]) .grid-body [role="row"]')].map((row) => row.getBoundingClientRect()).sort((a, b) => a.top - b.top);
        return { bar: bar.height, firstRowTop: rows[0]?.top ?? Infinity, thirdRowBottom: rows[2]?.bottom ?? Infinity, scrolled: document.querySelector('.view:not([hidden]) .grid-body')!.scrollTop };
      });
      assert.ok(layout.bar <= 40, `${tab}: the folded filter bar is one line (${layout.bar} px)`);
      assert.ok(layout.firstRowTop < 200 && layout.thirdRowBottom <= 900, `${tab}: the first rows show at once (${JSON.stringify(layout)})`);
      assert.equal(layout.scrolled, 0);
    }
    assert.equal(await panel.page.isVisible('#filter-tools'), false);
    await panel.page.click('#filter-toggle');
    assert.equal(await panel.page.getAttribute('#filter-toggle', 'aria-expanded'), 'true');
    assert.equal(await panel.page.isVisible('#filter-tools'), true);
    assert.equal(await panel.page.isVisible('#filter-time'), true);
    await panel.selectValues('filter-status', ['error']);
    await panel.page.click('#filter-toggle');
    assert.equal(await panel.page.isVisible('#filter-tools'), false);
    assert.equal((await panel.page.innerText('#filter-toggle')).trim(), 'Filters (1)');
  });

  it('a wide panel shows every column and the whole filter bar, with no fold button', async () => {
    await panel.page.setViewportSize({ width: 1200, height: HEIGHT });
    await panel.nextFrame();
    for (const { tab, view, columns } of TABS) {
      await panel.tab(tab);
      const shown = await panel.page.$$eval(`${view} [role="columnheader"]`, (headers) => headers.filter((header) => (header as HTMLElement).offsetParent !== null).length);
      assert.equal(shown, columns.length, tab);
    }
    assert.equal(await panel.page.isVisible('#filter-toggle'), false);
    assert.equal(await panel.page.isVisible('#filter-tools'), true);
  });

  // MLD_UPDATE_SCREENSHOTS=1 writes the README's docs/panel-narrow.png; otherwise out/screenshots
  it('renders the narrow-layout screenshot scene for the README', async () => {
    const folder = join(repoRoot, process.env.MLD_UPDATE_SCREENSHOTS ? 'docs' : 'out/screenshots');
    mkdirSync(folder, { recursive: true });
    await panel.page.click('[data-connection-id="conn-agent-1"]');
    await panel.nextFrame();
    assert.deepEqual(await clipped(panel, '.connections [data-timeline-event-id] .tl-tool'), [], 'a connection\'s timeline keeps its tool names whole');
    const png = await panel.page.screenshot({ path: join(folder, 'panel-narrow.png'), clip: { x: 0, y: 0, width: WIDTH, height: 480 } });
    assert.ok(png.length > 10_000 && png.length < 200_000, `the screenshot has content and stays small (${png.length} bytes)`);
  });
});
