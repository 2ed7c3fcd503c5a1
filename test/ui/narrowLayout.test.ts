// The panel at 360 × 900 px, the width it gets beside a file with the Chat view open. Element boxes
// are measured: a column out of reach, a name cut mid-word or a filter bar that pushes the rows
// down fails here.
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeEvent } from '../../src/shared/eventSummary';
import type { Span, TraceEvent } from '../../src/shared/trace';
import { BASE, fixtureTrace, syntheticEvents } from './fixtureTrace';
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

  it('keeps the Columns menus\' choices across a reload (webview state), tells the host, and takes the host\'s copy', async () => {
    const shownIn = (view: string) => panel.page.$$eval(`${view} [role="columnheader"]`, (headers) => headers
      .filter((header) => (header as HTMLElement).offsetParent !== null)
      .map((header) => [...header.classList].find((name) => name.startsWith('col-'))!.slice(4)));
    await panel.clearPosted();
    await toggleColumn(panel, '.connections', 'duration');
    const saved = await panel.waitForPosted('saveColumnChoices');
    assert.deepEqual(saved.body.choices, { connections: { narrow: ['id', 'duration', 'calls', 'errors', 'status', 'tools'] } });
    await panel.tab('events');
    await toggleColumn(panel, '.event-log', 'type');
    await panel.page.waitForTimeout(300);

    await panel.page.reload();
    await panel.setTheme('dark');
    await panel.waitForPosted('ready');
    // drawn from the webview's own state, before the host says anything
    assert.deepEqual(await shownIn('.event-log'), ['time', 'type', 'tool-method', 'total', 'status']);
    await panel.tab('connections');
    assert.deepEqual(await shownIn('.connections'), ['id', 'duration', 'calls', 'errors', 'status', 'tools']);

    // the host's copy (chosen in the other place the live debugger shows, or another window) wins
    await panel.post({ type: 'columnChoices', choices: { connections: { narrow: ['id', 'started', 'calls', 'status'] }, tools: { narrow: ['name', 'calledBy'] } } });
    assert.deepEqual(await shownIn('.connections'), ['id', 'started', 'calls', 'status']);
    await panel.tab('events');
    assert.deepEqual(await shownIn('.event-log'), ['time', 'tool-method', 'total', 'status'], 'a grid the host has no choice for goes back to its defaults');
    await panel.tab('tools');
    assert.deepEqual(await shownIn('.tools'), ['name', 'calledBy']);
    // the wide layout keeps its own defaults
    await panel.page.setViewportSize({ width: 1200, height: HEIGHT });
    await panel.nextFrame();
    assert.equal((await shownIn('.tools')).length, 9);
    await panel.page.setViewportSize({ width: WIDTH, height: HEIGHT });
    await panel.nextFrame();
    await panel.page.waitForTimeout(300);
    await panel.page.reload();
    await panel.setTheme('dark');
    await panel.waitForPosted('ready');
    await panel.tab('tools');
    assert.deepEqual(await shownIn('.tools'), ['name', 'calledBy'], 'the host\'s choices were saved in the webview state too');
  });

  it('gives its own choices to a host that has none yet, and ignores columns it does not have', async () => {
    await toggleColumn(panel, '.connections', 'source');
    await panel.clearPosted();
    await panel.post({ type: 'columnChoices', choices: {} });
    const offered = await panel.waitForPosted('saveColumnChoices');
    assert.deepEqual(offered.body.choices, { connections: { narrow: ['id', 'calls', 'errors', 'status', 'tools', 'source'] } });
    await panel.post({ type: 'columnChoices', choices: { connections: { narrow: ['id', 'no-such-column', 'calls'] }, events: { narrow: ['gone'] } } });
    const headers = await panel.page.$$eval('.connections [role="columnheader"]', (found) => found.filter((header) => (header as HTMLElement).offsetParent !== null).length);
    assert.equal(headers, 2);
  });

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

  it('Event Log: a row places its cells where a grid of its columns would, not laid out as a grid, in every layout and column choice', async () => {
    await panel.tab('events');
    // each shown cell's box as drawn, and as the same row laid out as the grid its header is
    const boxes = () => panel.page.$$eval('.event-log .grid-body .grid-row', (rows) => rows.map((row) => {
      const element = row as HTMLElement;
      const shown = [...element.children].filter((cell) => (cell as HTMLElement).offsetParent !== null) as HTMLElement[];
      const layout = getComputedStyle(element).display;
      const [placed, grid] = [false, true].map((asGrid) => {
        element.style.display = asGrid ? 'grid' : '';
        for (const cell of shown) Object.assign(cell.style, { position: asGrid ? 'static' : '', width: asGrid ? 'auto' : '' });
        return shown.map((cell) => {
          const box = cell.getBoundingClientRect();
          return { column: cell.className.split(' ').find((name) => name.startsWith('col-')), left: box.left, width: box.width };
        });
      });
      element.style.display = '';
      for (const cell of shown) Object.assign(cell.style, { position: '', width: '' });
      return { layout, placed, grid };
    }));
    const check = async (what: string) => {
      const rows = await boxes();
      assert.ok(rows.length > 5, what);
      for (const row of rows) {
        assert.equal(row.layout, 'block', `${what}: the row is not a grid`);
        // (to a fraction of a pixel: the grid rounds its tracks, calc() does not)
        const near = (a: number, b: number) => Math.abs(a - b) < 0.5;
        assert.ok(row.placed.length === row.grid.length && row.placed.every((cell, index) => cell.column === row.grid[index].column
          && near(cell.left, row.grid[index].left) && near(cell.width, row.grid[index].width)),
        `${what}: the cells are where the grid puts them (${JSON.stringify(row)})`);
      }
    };
    await check('narrow, its defaults');
    await toggleColumn(panel, '.event-log', 'tool-method');
    await check('narrow, without the flexible column');
    await toggleColumn(panel, '.event-log', 'tool-method');
    for (const column of ['type', 'upstream', 'proxy']) await toggleColumn(panel, '.event-log', column);
    // (seven columns are wider than 360 px: the grid runs past the row's end, and so do the cells)
    await check('narrow, every column');
    await panel.page.setViewportSize({ width: 1200, height: HEIGHT });
    await panel.nextFrame();
    await check('wide');
  });

  it('Event Log and Sessions: methods are never cut mid-word; a namespace that does not fit goes whole', async () => {
    await panel.tab('events');
    await toggleColumn(panel, '.event-log', 'type');
    const methods = new Set(fixtureTrace().events.map((event) => event.method));
    for (const selector of ['.event-log .grid-body .col-type', '.event-log .grid-body .col-tool-method']) {
      const cells = await panel.page.$$eval(`${selector} .method`, (labels) => labels.map((label) => {
        const box = label.getBoundingClientRect();
        // what the one-line cell shows: the text on its last line, the one in view
        const seen = [...label.querySelectorAll('.method-ns, .method-name')].filter((part) => {
          const own = part.getBoundingClientRect();
          return own.top >= box.top - 0.5 && own.bottom <= box.bottom + 0.5;
        });
        const name = label.querySelector('.method-name')!;
        return {
          namespace: label.querySelector('.method-ns')?.textContent ?? '',
          method: (label as HTMLElement).dataset.method ?? '', title: label.getAttribute('title'), read: (label as HTMLElement).innerText.replace(/\s+/g, ''),
          shown: seen.map((part) => part.textContent).join(''), nameWhole: name.getBoundingClientRect().right <= box.right + 0.5 && name.scrollWidth <= name.clientWidth + 1,
        };
      }));
      assert.ok(cells.length > 5, selector);
      for (const cell of cells) {
        assert.ok(methods.has(cell.method), cell.method);
        assert.ok(cell.nameWhole, `${selector}: the name of ${cell.method} is whole (${JSON.stringify(cell)})`);
        assert.ok(cell.shown === cell.method || (cell.namespace !== '' && `${cell.namespace}${cell.shown}` === cell.method), `${selector}: ${cell.method} shows whole words (${cell.shown})`);
        assert.equal(cell.title, cell.method);
        assert.equal(cell.read, cell.method, 'and reads out whole');
      }
      if (selector.endsWith('col-type')) assert.ok(cells.some((cell) => cell.method === 'notifications/initialized' && cell.shown === 'initialized'), 'a long namespace gives way in the Type column');
    }
    assert.deepEqual(await clipped(panel, '.event-log .grid-body .col-tool-method .method-name, .event-log .grid-body .col-type .method-name'), []);
    await panel.tab('connections');
    await panel.page.click('[data-connection-id="conn-agent-1"]');
    await panel.nextFrame();
    assert.deepEqual(await clipped(panel, '.connections .timeline-cell > *'), [], 'a connection\'s timeline and summary are not cut');
  });

  it('the trace tree and the waterfall of an expanded call keep span names whole', async () => {
    // long names, nested: what a call that sets exception breakpoints records
    const { connections, events } = fixtureTrace();
    const at = events.at(-1)!.timestamp + 1_000;
    const span = (name: string, start: number, duration: number, fields: Partial<Span>, children: Span[] = []): Span => ({ name, start, duration_ms: duration, status: 'ok', ...fields, children });
    const long: TraceEvent = {
      id: events.length + 1, timestamp: at, connectionId: 'conn-agent-1', source: 'debugger', kind: 'request', method: 'tools/call', tool: 'set_exception_breakpoints',
      status: 'error', error: 'The debug adapter refused the filter "uncaughtExceptionsInPromises"', latencyMs: 64,
      trace: span('tool.run', at, 64, { tool: 'set_exception_breakpoints', inputs: { filters: ['uncaught'] }, status: 'error', error: 'The debug adapter refused the filter "uncaughtExceptionsInPromises"' }, [
        span('dap.request', at + 2, 40, { command: 'setExceptionBreakpoints', request: { filters: ['uncaught'] } }, [
          span('dap.request', at + 5, 30, { command: 'breakpointLocations', request: { source: { path: '/work/demo/swap_vars.py' }, line: 4 } }),
        ]),
        span('dap.event', at + 50, 0, { attributes: { event: 'breakpoint' } }),
      ]),
    };
    await panel.holdDetails([...events, long]);
    await panel.post({ type: 'snapshot', connections, events: [...events, long].map(summarizeEvent), droppedCount: 0, maxEvents: 50_000, endpoint: ENDPOINT });
    await panel.tab('events');
    await panel.page.click(`[data-event-id="${long.id}"]`);
    await panel.page.waitForSelector('.event-log .waterfall .wf-row[data-span-path]');
    await panel.page.click('.event-log .trace-tree [role="treeitem"][aria-level="2"] > .span-label');
    await panel.nextFrame();
    const names = await panel.page.$$eval('.event-log .waterfall .wf-row[data-span-path] .wf-name', (found) => found.map((name) => ({
      text: (name as HTMLElement).innerText, cut: name.scrollWidth > name.clientWidth + 1, right: name.getBoundingClientRect().right,
    })));
    assert.deepEqual(names.map((name) => name.text), ['set_exception_breakpoints', 'setExceptionBreakpoints', 'breakpointLocations', 'breakpoint']);
    assert.ok(names.every((name) => !name.cut && name.right <= WIDTH), `every span name is whole: ${JSON.stringify(names)}`);
    const bars = await panel.page.$$eval('.event-log .waterfall .wf-row[data-span-path] .wf-track', (found) => found.map((track) => track.getBoundingClientRect().width));
    assert.ok(bars.every((width) => width > 150), `each bar has the width of the panel to show its timing (${bars.join(', ')})`);
    const labels = await panel.page.$$eval('.event-log .trace-tree .span-label', (found) => found.filter((label) => (label as HTMLElement).offsetParent !== null).map((label) => {
      const cell = label.closest('.detail-cell')!.getBoundingClientRect();
      const parts = [...label.children].map((part) => ({ text: (part as HTMLElement).innerText, right: Math.round(part.getBoundingClientRect().right), cut: part.scrollWidth > part.clientWidth + 1 }));
      return { parts, inside: parts.every((part) => part.right <= cell.right + 0.5 && !part.cut) };
    }));
    assert.ok(labels.length >= 4, JSON.stringify(labels));
    assert.ok(labels.every((label) => label.inside), `every part of every span label is whole and inside the panel: ${JSON.stringify(labels)}`);
    const overflow = await panel.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
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

  it('the header is one line: the tabs, Pause as its icon and "More actions", every action reachable by mouse and keyboard', async () => {
    const header = await panel.page.evaluate(() => {
      const element = document.querySelector('.header')!;
      const shown = [...element.querySelectorAll('.tab, .actions > *')].filter((child) => (child as HTMLElement).offsetParent !== null && getComputedStyle(child).display !== 'contents');
      const [header, ...children] = [element, ...shown].map((child) => {
        const rect = child.getBoundingClientRect();
        return { id: child.id, top: Math.round(rect.top), bottom: Math.round(rect.bottom), left: Math.round(rect.left), right: Math.round(rect.right), height: Math.round(rect.height) };
      });
      return { header, scroll: element.scrollWidth - element.clientWidth, shown: children };
    });
    assert.ok(header.header.height <= 40, `the header is one line (${JSON.stringify(header.header)})`);
    assert.equal(header.scroll, 0, 'nothing in the header scrolls sideways');
    assert.deepEqual(header.shown.map((child) => child.id), ['tab-connections', 'tab-events', 'tab-tools', 'tab-tokens', 'live-toggle', 'more-actions']);
    for (const child of header.shown) {
      assert.ok(child.left >= 0 && child.right <= WIDTH && child.top >= header.header.top && child.bottom <= header.header.bottom, `${child.id} is within the header's line (${JSON.stringify(child)})`);
    }
    // icons with their words as names and titles
    assert.equal(await panel.page.getAttribute('#live-toggle', 'aria-label'), 'Pause');
    assert.equal((await panel.page.innerText('#live-toggle')).trim(), '');
    assert.match(await panel.page.getAttribute('#more-actions', 'title') ?? '', /^More actions: Export, Import, Compare$/);
    assert.equal(await panel.page.getAttribute('#more-actions', 'aria-expanded'), 'false');
    for (const id of ['export', 'import', 'compare']) assert.equal(await panel.page.isVisible(`#${id}`), false, `${id} is folded`);

    // mouse: open, each action inside the panel, and running one closes the drop-down
    await panel.page.click('#more-actions');
    assert.equal(await panel.page.getAttribute('#more-actions', 'aria-expanded'), 'true');
    for (const id of ['export', 'import', 'compare']) {
      const box = await panel.page.$eval(`#${id}`, (button) => button.getBoundingClientRect().toJSON() as DOMRect);
      assert.ok(box.width > 40 && box.left >= 0 && box.right <= WIDTH && box.bottom <= HEIGHT, `${id} shows whole in the drop-down (${JSON.stringify(box)})`);
      assert.match(await panel.page.innerText(`#${id}`), /^(Export|Import|Compare)$/);
    }
    await panel.clearPosted();
    await panel.page.click('#import');
    await panel.waitForPosted('importFile');
    assert.equal(await panel.page.isVisible('#export'), false, 'the drop-down closed');
    assert.equal(await panel.page.getAttribute('#more-actions', 'aria-expanded'), 'false');

    // keyboard: Enter opens it on its first action, the arrows move, Escape goes back, Enter runs one
    await panel.page.focus('#more-actions');
    await panel.page.keyboard.press('Enter');
    const focused = () => panel.page.evaluate(() => document.activeElement?.id);
    assert.equal(await focused(), 'export');
    await panel.page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'import');
    await panel.page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'compare');
    await panel.page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'export', 'the arrows wrap around');
    await panel.page.keyboard.press('Escape');
    assert.equal(await focused(), 'more-actions');
    assert.equal(await panel.page.isVisible('#export'), false);
    await panel.page.keyboard.press('Space');
    await panel.page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'compare');
    await panel.page.keyboard.press('Enter');
    await panel.page.waitForSelector('dialog.compare-dialog[open]');
    await panel.page.keyboard.press('Escape');
    // and Pause/Resume by keyboard, its name following its state
    await panel.page.focus('#live-toggle');
    await panel.page.keyboard.press('Space');
    assert.equal(await panel.page.getAttribute('#live-toggle', 'aria-pressed'), 'true');
    assert.equal(await panel.page.getAttribute('#live-toggle', 'aria-label'), 'Resume');
    // Tab leaves the drop-down closed behind it
    await panel.page.focus('#more-actions');
    await panel.page.keyboard.press('Enter');
    for (let press = 0; press < 4; press++) await panel.page.keyboard.press('Tab');
    assert.equal(await panel.page.isVisible('#export'), false, 'focus left the actions, so the drop-down closed');

    // wide, the actions are buttons with their words again, and nothing is folded
    await panel.page.setViewportSize({ width: 1200, height: HEIGHT });
    await panel.nextFrame();
    for (const id of ['export', 'import', 'compare']) assert.equal(await panel.page.isVisible(`#${id}`), true, `${id} shows in a wide panel`);
    assert.equal(await panel.page.isVisible('#more-actions'), false);
    assert.equal((await panel.page.innerText('#live-toggle')).trim(), 'Resume');
  });

  it('the footer is one line whose height no total and no width changes; a part that does not fit is out of sight whole, and the toggle shows them all', async () => {
    const { connections, events } = fixtureTrace();
    await panel.post({ type: 'snapshot', connections, events: events.map(summarizeEvent), droppedCount: 40, maxEvents: 25_000, endpoint: ENDPOINT });
    await panel.post({ type: 'otlpExport', state: { enabled: true, target: 'https://otel-collector.example.internal:4318', exported: 1_234, dropped: 5 } });
    await panel.nextFrame();
    await panel.nextFrame();
    // each part's box against the line's: whole in it, or whole below it (on a line it clips)
    const footer = () => panel.page.evaluate(() => {
      const element = document.querySelector('.footer')!;
      const line = document.querySelector('.fold-line')!.getBoundingClientRect();
      const toggle = document.querySelector('.fold-toggle')!;
      const parts = [...document.querySelectorAll<HTMLElement>('.footer-part')].filter((part) => !part.hidden).map((part) => {
        const box = part.getBoundingClientRect();
        return {
          text: part.innerText, inSight: box.top >= line.top - 0.5 && box.bottom <= line.bottom + 0.5 && box.left >= line.left - 0.5 && box.right <= line.right + 0.5,
          below: box.top >= line.bottom - 0.5, cut: part.scrollWidth > part.clientWidth + 1, right: box.right,
        };
      });
      const toggleBox = toggle.getBoundingClientRect();
      return {
        height: element.getBoundingClientRect().height, contain: getComputedStyle(document.querySelector('.footer-box')!).contain, parts,
        toggle: { shown: getComputedStyle(toggle).visibility === 'visible', right: toggleBox.right, bottom: toggleBox.bottom, expanded: toggle.getAttribute('aria-expanded') },
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    });
    const narrow = await footer();
    assert.equal(narrow.contain, 'strict', 'the footer is a layout boundary: its totals re-lay out only the footer');
    assert.ok(narrow.height > 15 && narrow.height <= 24, `one line (${narrow.height} px)`);
    for (const part of narrow.parts) assert.ok(part.inSight !== part.below && !part.cut, `a part shows whole or not at all: ${JSON.stringify(part)}`);
    assert.deepEqual(narrow.parts.filter((part) => part.inSight).map((part) => part.text).slice(0, 2), ['Live', '17 events'], 'the mode and the events total show at 360 px');
    const outOfSight = narrow.parts.filter((part) => part.below).map((part) => part.text);
    assert.ok(outOfSight.includes('(the store keeps at most 25,000 events and 256 MB)') && outOfSight.some((text) => text.startsWith('OTLP')), JSON.stringify(outOfSight));
    assert.ok(narrow.toggle.shown && narrow.toggle.right <= WIDTH && narrow.toggle.bottom <= HEIGHT, `the toggle is there to show the rest (${JSON.stringify(narrow.toggle)})`);

    // the totals grow by digits: the footer keeps its height
    const sessions = ['conn-agent-1', 'conn-proxy-2'];
    for (let firstId = 18; firstId < 30_018; firstId += 10_000) {
      await panel.post({ type: 'append', connections: [], events: syntheticEvents(10_000, firstId, BASE + 20_000 + firstId, sessions).map(summarizeEvent), droppedCount: 40, firstKeptId: 0 });
    }
    // (a large append is handled in time slices)
    await panel.page.waitForFunction(() => document.querySelector('.footer')?.textContent?.includes('25,000 shown'));
    await panel.nextFrame();
    assert.match(await panel.footer(), /25,000 events · 3 sessions · 25,000 shown/);
    const grown = await footer();
    assert.equal(grown.height, narrow.height, 'totals with more digits leave the footer its height');
    for (const part of grown.parts) assert.ok(part.inSight !== part.below && !part.cut, `still whole or out of sight: ${JSON.stringify(part)}`);

    // the whole text: on hover, and unfolded by keyboard
    await panel.page.hover('.fold-line');
    const title = await panel.page.getAttribute('.fold-line', 'title');
    assert.match(title ?? '', /^Live\n25,000 events · 3 sessions · 25,000 shown\n[\d,]+ oldest dropped \(the store keeps at most 25,000 events and 256 MB\)\nOTLP → https:\/\/otel-collector\.example\.internal:4318 · 1,234 spans sent · 5 dropped$/);
    await panel.page.focus('.fold-toggle');
    await panel.page.keyboard.press('Enter');
    await panel.nextFrame();
    const unfolded = await footer();
    assert.equal(unfolded.toggle.expanded, 'true');
    assert.ok(unfolded.height > narrow.height * 2, `unfolded, it takes the lines it needs (${unfolded.height} px)`);
    for (const part of unfolded.parts) assert.ok(part.inSight && !part.cut && part.right <= WIDTH, `unfolded, every part shows whole within the panel: ${JSON.stringify(part)}`);
    assert.equal(unfolded.overflow, 0);
    await panel.page.keyboard.press('Space');
    await panel.nextFrame();
    assert.equal((await footer()).height, narrow.height, 'and folds back to its line');

    // wide, all of it fits on the one line: the same height, and no toggle
    await panel.page.setViewportSize({ width: 1600, height: HEIGHT });
    await panel.nextFrame();
    await panel.nextFrame();
    const wide = await footer();
    assert.equal(wide.height, narrow.height, 'a wider panel leaves the footer its height');
    assert.ok(wide.parts.every((part) => part.inSight), JSON.stringify(wide.parts));
    assert.equal(wide.toggle.shown, false, 'nothing to unfold, no toggle');
    await panel.page.setViewportSize({ width: WIDTH, height: HEIGHT });
    await panel.nextFrame();
    await panel.nextFrame();
    const again = await footer();
    assert.equal(again.height, narrow.height, 'narrowed again, the same height');
    assert.equal(again.toggle.shown, true, 'and the toggle is back');
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
