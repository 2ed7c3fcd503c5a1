// The built webview (dist/webview.js) in Chromium, driven by scripted host messages.
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeEvent } from '../../src/shared/eventSummary';
import { packEnvelope } from '../../src/shared/packedEnvelope';
import { DROP_CHUNK_BYTES, type Envelope, type HostMessage } from '../../src/shared/protocol';
import type { TraceExport } from '../../src/shared/trace';
import { BASE, fixtureTrace, SCRIPT, syntheticEvents } from './fixtureTrace';
import { PanelPage, repoRoot, usePanelPages } from './panelPage';
import { THEMES } from './themes';

const ENDPOINT = { status: 'listening', url: 'http://127.0.0.1:43117/mcp' } as const;

function snapshot(overrides: Partial<Extract<HostMessage, { type: 'snapshot' }>> = {}): HostMessage {
  const { connections, events } = fixtureTrace();
  return { type: 'snapshot', connections, events: events.map(summarizeEvent), droppedCount: 0, maxEvents: 50_000, endpoint: ENDPOINT, ...overrides };
}

function append(events: Parameters<typeof summarizeEvent>[0][]): HostMessage {
  return { type: 'append', connections: [], events: events.map(summarizeEvent), droppedCount: 0, firstKeptId: 0 };
}

describe('live debugger panel (webview in Chromium)', function () {
  this.timeout(60_000);
  const openPanel = usePanelPages();
  let panel: PanelPage;

  beforeEach(async () => {
    panel = await openPanel();
    await panel.holdDetails(fixtureTrace().events);
    await panel.post(snapshot());
  });
  afterEach(async () => {
    await panel.page.close();
  });

  describe('Sessions tab', () => {
    it('shows every column for each session, errors highlighted, active/ended status and source', async () => {
      const headers = await panel.page.$$eval('.connections [role="columnheader"]', (cells) => cells.map((cell) => (cell as HTMLElement).innerText.trim()));
      assert.deepEqual(headers, ['SESSION', 'CLIENT', 'STARTED', 'DURATION', 'CALLS', 'ERRORS', 'STATUS', 'TOOLS', 'SOURCE']);
      const agent = await panel.page.$eval('[data-connection-id="conn-agent-1"]', (row) => [...row.querySelectorAll('[role="gridcell"]')].map((cell) => (cell as HTMLElement).innerText.trim()));
      assert.deepEqual(agent, ['conn-agent-1', 'claude-code 1.0.40', new Date(BASE).getFullYear() + agent[2].slice(4), '9.5 s', '5', '1', 'Ended', 'evaluate_expression, set_breakpoint, start_debugging', 'debugger']);
      assert.match(agent[2], /^\d{4}-\d\d-\d\d \d\d:\d\d:40$/);
      const proxy = await panel.page.$eval('[data-connection-id="conn-proxy-2"]', (row) => [...row.querySelectorAll('[role="gridcell"]')].map((cell) => (cell as HTMLElement).innerText.trim()));
      assert.equal(proxy[4], '5');
      assert.equal(proxy[5], '2');
      assert.equal(proxy[6], 'Active');
      assert.equal(proxy[8], 'proxy (payments)');
      assert.equal(await panel.page.$eval('[data-connection-id="conn-proxy-2"] .col-errors', (cell) => cell.classList.contains('has-errors')), true);
      assert.equal(await panel.page.$eval('[data-connection-id="conn-curl-3"] .col-errors', (cell) => cell.classList.contains('has-errors')), false);
      assert.equal((await panel.page.$eval('[data-connection-id="conn-curl-3"] .col-source', (cell) => (cell as HTMLElement).innerText)).trim(), 'debug endpoint');
    });

    it('a screenful of new sessions comes in a few frames of at most 12 new rows, each row with its values, reached by the keyboard', async () => {
      // from empty (a list already drawn shows a redraw whole)
      await panel.post(snapshot({ connections: [], events: [] }));
      assert.equal(await panel.page.$$eval('.connections .grid-body [data-connection-id]', (found) => found.length), 0);
      // 60 sessions of 10 calls each (ids 1 to 600: a call fails when its id is a multiple of 17)
      const ids = Array.from({ length: 60 }, (_, index) => `conn-n-${String(index).padStart(2, '0')}`);
      const connections = ids.map((id, index) => ({ id, source: 'debugger' as const, transport: 'stdio' as const, clientName: 'bench', startedAt: BASE + index * 1_000, lastActivityAt: BASE + 90_000, status: 'ended' as const }));
      const events = syntheticEvents(600, 1, BASE + 60_000, ids);
      const errorsOf = (id: string) => events.filter((event) => event.connectionId === id && event.status === 'error').length;
      const message: Envelope<HostMessage> = { messageId: 9_000, body: snapshot({ connections, events: events.map(summarizeEvent) }) };
      // (tsx names the functions below with esbuild's __name, which the page does not have)
      await panel.page.evaluate('window.__name = (target) => target');
      // rows drawn at each animation frame from the snapshot on, until they stay as many for 10 frames
      const drawn = await panel.page.evaluate(async (message) => {
        const count = () => document.querySelectorAll('.connections .grid-body [data-connection-id^="conn-n-"]').length;
        const counts: number[] = [];
        window.postMessage(message, '*');
        while (counts.length < 10 || counts.slice(-10).some((seen) => seen !== counts[counts.length - 1])) {
          await new Promise((resolve) => requestAnimationFrame(resolve));
          counts.push(count());
        }
        const body = document.querySelector<HTMLElement>('.connections .grid-body')!;
        return { counts, inView: Math.floor(body.clientHeight / 24) + 1 };
      }, message);
      const { counts, inView } = drawn;
      const final = counts[counts.length - 1];
      // the rows the view touches and 6 below them
      assert.equal(final, inView + 6);
      const grown = counts.map((seen, index) => seen - (index === 0 ? 0 : counts[index - 1]));
      assert.ok(grown.every((made) => made >= 0 && made <= 12), `new rows per frame: ${grown.join(' ')}`);
      assert.ok(counts.filter((seen) => seen > 0 && seen < final).length >= 1, `the screenful took more than one frame: ${counts.join(' ')}`);
      const rows = await panel.page.$$eval('.connections .grid-body [data-connection-id]', (found) => found
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        .map((row) => [...row.querySelectorAll('[role="gridcell"]')].map((cell) => (cell as HTMLElement).innerText.trim())));
      // newest first: conn-n-59 down to the last drawn
      const expected = ids.slice().reverse().slice(0, final);
      assert.deepEqual(rows.map((cells) => cells[0]), expected);
      for (const [index, cells] of rows.entries()) {
        assert.deepEqual([cells[1], cells[4], cells[5], cells[6], cells[8]], ['bench', '10', String(errorsOf(expected[index])), 'Ended', 'debugger'], expected[index]);
        assert.match(cells[2], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
        assert.ok(cells[7].split(', ').length >= 1 && cells[7] !== '—', `${expected[index]} tools: ${cells[7]}`);
      }
      await panel.page.focus('[data-connection-id="conn-n-59"]');
      for (let step = 0; step < inView + 3; step++) await panel.page.keyboard.press('ArrowDown');
      assert.equal(await panel.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.connectionId), ids[59 - (inView + 3)]);
    });

    it('sorts by a column and says so with aria-sort', async () => {
      const order = async () => panel.page.$$eval('.connections [data-connection-id]', (rows) => rows
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map((row) => (row as HTMLElement).dataset.connectionId));
      assert.deepEqual(await order(), ['conn-curl-3', 'conn-proxy-2', 'conn-agent-1']);
      await panel.page.click('.connections [data-sort-key="errors"]');
      await panel.nextFrame();
      assert.deepEqual(await order(), ['conn-curl-3', 'conn-agent-1', 'conn-proxy-2']);
      assert.equal(await panel.page.getAttribute('.connections [role="columnheader"][data-key="errors"]', 'aria-sort'), 'ascending');
      await panel.page.click('.connections [data-sort-key="errors"]');
      await panel.nextFrame();
      assert.deepEqual(await order(), ['conn-proxy-2', 'conn-agent-1', 'conn-curl-3']);
      assert.equal(await panel.page.getAttribute('.connections [role="columnheader"][data-key="errors"]', 'aria-sort'), 'descending');
    });

    it('expands a session into its timeline with a summary, and collapses it again', async () => {
      await panel.page.click('[data-connection-id="conn-proxy-2"]');
      await panel.nextFrame();
      const rows = await panel.rowTexts();
      const start = rows.findIndex((row) => row.startsWith('conn-proxy-2'));
      assert.match(rows[start + 1], /connection_start/);
      assert.match(rows[start + 2], /initialize 35 ms ok/);
      assert.match(rows[start + 3], /tools\/list 12 ms ok/);
      assert.match(rows[start + 4], /^\d\d:\d\d:45\.001 tools\/call create_payment 2,340 ms error upstream timeout$/);
      assert.match(rows[start + 7], /^Summary 5 calls 2 errors error rate 40% 6 events shown$/);
      assert.equal(await panel.page.getAttribute('[data-connection-id="conn-proxy-2"]', 'aria-expanded'), 'true');
      await panel.page.click('[data-connection-id="conn-proxy-2"]');
      await panel.nextFrame();
      assert.equal((await panel.rowTexts()).length, 3);
    });

    it('opens a timeline entry in the Event Log, expanded', async () => {
      await panel.page.click('[data-connection-id="conn-proxy-2"]');
      await panel.nextFrame();
      const errorEntry = await panel.page.$$eval('[data-timeline-event-id]', (rows) => rows.find((row) => (row as HTMLElement).innerText.includes('upstream timeout'))?.getAttribute('data-timeline-event-id'));
      await panel.page.click(`[data-timeline-event-id="${errorEntry}"]`);
      await panel.nextFrame();
      assert.equal(await panel.page.getAttribute('#tab-events', 'aria-selected'), 'true');
      assert.equal(await panel.page.getAttribute(`[data-event-id="${errorEntry}"]`, 'aria-expanded'), 'true');
      assert.match(await panel.page.innerText('.event-detail'), /Error: upstream timeout/);
    });
  });

  describe('Event Log tab', () => {
    beforeEach(() => panel.tab('events'));

    it('shows Time, Type, Tool/Method, Upstream, Proxy, Total and Status, with error rows tinted', async () => {
      const headers = await panel.page.$$eval('.event-log [role="columnheader"]', (cells) => cells.map((cell) => (cell as HTMLElement).innerText.trim()));
      assert.deepEqual(headers, ['TIME', 'TYPE', 'TOOL / METHOD', 'UPSTREAM', 'PROXY', 'TOTAL', 'STATUS']);
      const rows = await panel.rowTexts();
      assert.equal(rows.length, 17);
      assert.match(rows.find((row) => row.includes('create_payment') && row.includes('error')) ?? '', /^\d\d:\d\d:45\.001 tools\/call create_payment 2,331 ms 9 ms 2,340 ms error$/);
      assert.match(rows.find((row) => row.includes('passwd')) ?? '', /resources\/read file:\/\/\/etc\/passwd 0 ms 1 ms 1 ms denied$/);
      const tinted = await panel.page.$$eval('.event-log .row-error, .event-log .row-denied', (found) => found.length);
      assert.equal(tinted, 3);
    });

    it('expands an event into its detail and trace tree, with every location a link to the host', async () => {
      const id = (await panel.page.$$eval('[data-event-id]', (rows) => rows.find((row) => (row as HTMLElement).innerText.includes('start_debugging'))?.getAttribute('data-event-id')))!;
      await panel.page.click(`[data-event-id="${id}"]`);
      await panel.page.waitForSelector('.event-bodies:not([aria-busy])');
      const detail = await panel.page.innerText('.event-detail');
      assert.match(detail, /Client\s+claude-code 1\.0\.40/);
      assert.match(detail, /Sizes\s+request 180 B · response 620 B/);
      assert.match(detail, /Total 1,830 ms/);
      const tree = await panel.page.$$eval('.trace-tree [role="treeitem"]', (items) => items.map((item) => item.querySelector('.span-label')?.textContent?.trim()));
      assert.equal(tree.length, 4);
      assert.match(tree[0] ?? '', /^start_debugging\s*tool\.run\s*1,830 ms$/);
      assert.match(tree[1] ?? '', /^launch\s*dap\.request\s*700 ms$/);
      assert.match(tree[2] ?? '', /^stopped\s*dap\.event\s*0 ms$/);
      assert.match(tree[3] ?? '', /^stackTrace\s*dap\.request\s*25 ms$/);
      await panel.clearPosted();
      await panel.page.click('.trace-tree .loc-link');
      const reveal = await panel.waitForPosted('revealSource');
      assert.deepEqual(reveal.body.location, { path: SCRIPT, line: 4 });
      // a child span: its DAP request and response, and the stack frame's location
      await panel.page.click('.trace-tree [role="treeitem"][aria-level="2"]:nth-of-type(3) .span-label');
      const child = await panel.page.innerText('.trace-tree [role="treeitem"][aria-level="2"]:nth-of-type(3)');
      assert.match(child, /request/);
      assert.match(child, /response/);
      assert.match(child, /swap_vars\.py:4/);
      await panel.page.click('.trace-tree [role="treeitem"][aria-level="2"]:nth-of-type(3) details:nth-of-type(2) summary');
      await panel.page.waitForSelector('.trace-tree [role="treeitem"][aria-level="2"]:nth-of-type(3) details[open]:nth-of-type(2) pre:not(:empty)');
      assert.match(await panel.page.innerText('.trace-tree [role="treeitem"][aria-level="2"]:nth-of-type(3) pre.json >> nth=1'), /"stackFrames"/);
    });

    it('shows request and response JSON on demand, and links the session to the Sessions tab', async () => {
      const id = (await panel.page.$$eval('[data-event-id]', (rows) => rows.find((row) => (row as HTMLElement).innerText.includes('set_breakpoint'))?.getAttribute('data-event-id')))!;
      await panel.page.click(`[data-event-id="${id}"]`);
      await panel.page.waitForSelector('.event-bodies:not([aria-busy])');
      await panel.page.click('.event-bodies > details:has(summary:text("Request JSON")) summary');
      await panel.page.waitForSelector('.event-bodies > details[open]:has(summary:text("Request JSON")) pre:not(:empty)');
      assert.match(await panel.page.innerText('.event-bodies > details:has(summary:text("Request JSON")) pre'), /"name": "set_breakpoint"/);
      await panel.page.click('.event-detail .connection-link');
      await panel.nextFrame();
      assert.equal(await panel.page.getAttribute('#tab-connections', 'aria-selected'), 'true');
      assert.equal(await panel.page.getAttribute('[data-connection-id="conn-agent-1"]', 'aria-expanded'), 'true');
    });

    it('moves, expands and collapses rows from the keyboard', async () => {
      await panel.page.focus('[data-event-id="1"]');
      await panel.page.keyboard.press('ArrowDown');
      await panel.page.keyboard.press('ArrowDown');
      assert.equal(await panel.page.evaluate(() => document.activeElement?.getAttribute('data-event-id')), '3');
      await panel.page.keyboard.press('Enter');
      await panel.nextFrame();
      assert.equal(await panel.page.getAttribute('[data-event-id="3"]', 'aria-expanded'), 'true');
      await panel.page.keyboard.press('ArrowLeft');
      await panel.nextFrame();
      assert.equal(await panel.page.getAttribute('[data-event-id="3"]', 'aria-expanded'), 'false');
      await panel.page.keyboard.press('End');
      assert.equal(await panel.page.evaluate(() => document.activeElement?.getAttribute('data-event-id')), '17');
    });
  });

  describe('Tools tab', () => {
    it('lists each tool with calls, errors, error rate, p50/p95, last listed, discovered by and called by', async () => {
      await panel.tab('tools');
      const row = async (tool: string) => panel.page.$eval(`[data-tool="${tool}"]`, (element) => [...element.querySelectorAll('[role="gridcell"]')].map((cell) => (cell as HTMLElement).innerText.trim()));
      const payment = await row('create_payment');
      assert.deepEqual([payment[0], payment[1], payment[2], payment[3], payment[4], payment[5]], ['create_payment', '2', '1', '50%', '220 ms', '2,340 ms']);
      assert.match(payment[6], /:44$/);
      assert.equal(payment[7], 'cursor 0.50.1');
      assert.equal(payment[8], 'cursor 0.50.1');
      const unused = await row('step_over');
      assert.deepEqual([unused[1], unused[2], unused[8]], ['0', '0', 'not called yet']);
      assert.equal(unused[7], 'claude-code 1.0.40');
      const endpointOnly = await row('get_stack_trace');
      assert.equal(endpointOnly[7], 'claude-code 1.0.40');
      assert.equal(endpointOnly[8], 'curl 8.5.0');
      assert.equal((await row('refund_payment'))[8], 'not called yet');
    });

    it('opens a tool\'s calls (and so its failures) in the Event Log', async () => {
      await panel.tab('tools');
      await panel.page.click('[data-tool="create_payment"]');
      await panel.nextFrame();
      assert.equal(await panel.page.getAttribute('#tab-events', 'aria-selected'), 'true');
      const rows = await panel.rowTexts();
      assert.equal(rows.length, 2);
      assert.ok(rows.every((text) => text.includes('create_payment')));
      assert.deepEqual(await panel.page.$eval('#filter-tools', (select) => (select as HTMLElement & { value: string[] }).value), ['create_payment']);
    });
  });

  describe('filters (both tabs)', () => {
    const eventIds = async () => panel.page.$$eval('[data-event-id]', (rows) => rows.map((row) => Number((row as HTMLElement).dataset.eventId)).sort((a, b) => a - b));
    const connectionIds = async () => panel.page.$$eval('[data-connection-id]', (rows) => rows.map((row) => (row as HTMLElement).dataset.connectionId).sort());

    it('free text matches tool, method, session id, error, upstream and client', async () => {
      const search = async (text: string) => {
        await panel.page.fill('#filter-text >> input', text);
        await panel.nextFrame();
      };
      await search('upstream timeout');
      assert.deepEqual(await connectionIds(), ['conn-proxy-2']);
      await panel.tab('events');
      assert.equal((await eventIds()).length, 1);
      await search('payments');
      assert.equal((await eventIds()).length, 6);
      await search('CURL');
      assert.equal((await eventIds()).length, 3);
      await search('conn-agent-1 evaluate');
      assert.equal((await eventIds()).length, 1);
      await search('resources/read');
      assert.equal((await eventIds()).length, 1);
      await search('');
      assert.equal((await eventIds()).length, 17);
      assert.match(await panel.footer(), /17 events · 3 sessions · 17 shown/);
    });

    it('a search in a log that follows its end draws the newest matches at once, and every match once through', async () => {
      const sessions = ['conn-agent-1', 'conn-agent-2'];
      for (let firstId = 18; firstId < 15_018; firstId += 5_000) await panel.post(append(syntheticEvents(5_000, firstId, BASE + 20_000 + firstId, sessions)));
      await panel.tab('events');
      // typed and drawn in one go, as a keystroke: the frame after it shows the newest step_over calls
      const first = await panel.page.evaluate(async () => {
        const app = (window as unknown as { mcpLiveDebuggerPanel: { filtered: { size: number } } }).mcpLiveDebuggerPanel;
        const input = document.getElementById('filter-text')!.shadowRoot!.querySelector('input')!;
        input.value = 'step_over';
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
        const heldAtOnce = app.filtered.size;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const drawn = [...document.querySelectorAll<HTMLElement>('.event-log [data-event-id]')].map((row) => ({ id: Number(row.dataset.eventId), text: row.innerText }));
        return { heldAtOnce, drawn };
      });
      // syntheticEvents gives step_over to ids ≡ 1 (mod 5): 3,000 of the 15,000
      assert.ok(first.heldAtOnce < 3_000, `the first frame waits for the newest page only (${first.heldAtOnce} found)`);
      assert.equal(Math.max(...first.drawn.map((row) => row.id)), 15_016);
      assert.ok(first.drawn.every((row) => row.id % 5 === 1 && row.text.includes('step_over')));
      await panel.page.waitForFunction(() => (window as unknown as { mcpLiveDebuggerPanel: { filtered: { size: number } } }).mcpLiveDebuggerPanel.filtered.size === 3_000);
      await panel.nextFrame();
      assert.match(await panel.footer(), /3,000 shown/);
      assert.equal(Math.max(...(await eventIds())), 15_016, 'still at the newest once through');
      // typing on narrows what is shown
      await panel.page.fill('#filter-text >> input', 'step_over conn-agent-2');
      await panel.page.waitForFunction(() => (window as unknown as { mcpLiveDebuggerPanel: { filtered: { size: number } } }).mcpLiveDebuggerPanel.filtered.size === 1_500);
    });

    describe('a search on the Sessions and Tools tabs, applied in slices', () => {
      // 30,000 events over 12 sessions; "failure 1003" matches ids 1,003 and 10,030 (sessions 7 and 10, evaluate_expression
      // and set_breakpoint), "failure 1004" only 10,047 (session 3, get_variables): see syntheticEvents
      const sessions = Array.from({ length: 12 }, (_, index) => `conn-s-${index}`);
      type Shown = { connections: unknown; rows: string[]; timeline: number[]; footer: string };
      interface PassPage { filterSliceMs: number; filtered: { filtering: boolean }; describe(): { connections: unknown } }

      beforeEach(async () => {
        // tsx keeps the names of functions declared inside page callbacks with a helper of its own, which the page lacks
        await panel.page.evaluate('window.__name = (target) => target');
        const connections = sessions.map((id, index) => ({ id, source: 'debugger' as const, transport: 'stdio' as const, clientName: 'bench', startedAt: BASE + index, lastActivityAt: BASE + 60_000, status: 'ended' as const }));
        for (let firstId = 18; firstId < 30_018; firstId += 5_000) {
          await panel.post({ ...append(syntheticEvents(5_000, firstId, BASE + 20_000 + firstId, sessions)), connections: firstId === 18 ? connections : [] } as HostMessage);
        }
      });

      /** Types into the search field and records, frame by frame until the pass is through, the rows each frame showed. */
      const typeAndWatch = (texts: string[], sliceMs: number, rowSelector: string) => panel.page.evaluate(async ({ texts, sliceMs, rowSelector }) => {
        const app = (window as unknown as { mcpLiveDebuggerPanel: PassPage }).mcpLiveDebuggerPanel;
        const input = document.getElementById('filter-text')!.shadowRoot!.querySelector('input')!;
        const rows = () => [...document.querySelectorAll<HTMLElement>(rowSelector)].map((row) => row.dataset.connectionId ?? row.dataset.tool ?? '').sort().join(' ');
        // (a task posted as the pass posts its slices: they take turns in order)
        const nextTurn = () => (window as unknown as { scheduler: { postTask(task: () => void, options: { priority: string }): Promise<void> } }).scheduler.postTask(() => undefined, { priority: 'user-visible' });
        app.filterSliceMs = sliceMs;
        const before = rows();
        const frames: string[] = [];
        let watching = true;
        const watch = () => {
          frames.push(rows());
          if (watching) requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
        const during: Array<{ filtering: boolean; busy: string | null | undefined; rows: string }> = [];
        for (const [index, text] of texts.entries()) {
          input.value = text;
          input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
          during.push({ filtering: app.filtered.filtering, busy: document.querySelector('.view:not([hidden]) [role="grid"]')?.getAttribute('aria-busy'), rows: rows() });
          // a few slices of this pass before the next keystroke (each slice ends its task by posting the next)
          if (index < texts.length - 1) for (let turn = 0; turn < 3; turn++) await nextTurn();
          if (index < texts.length - 1) during.push({ filtering: app.filtered.filtering, busy: undefined, rows: rows() });
        }
        while (app.filtered.filtering) await new Promise((resolve) => requestAnimationFrame(resolve));
        await new Promise((resolve) => requestAnimationFrame(resolve));
        watching = false;
        return { before, during, frames, after: rows(), busyAfter: document.querySelector('.view:not([hidden]) [role="grid"]')?.getAttribute('aria-busy') };
      }, { texts, sliceMs, rowSelector });

      const shown = async (): Promise<Shown> => ({
        connections: await panel.page.evaluate(() => (window as unknown as { mcpLiveDebuggerPanel: PassPage }).mcpLiveDebuggerPanel.describe().connections),
        rows: await panel.rowTexts(),
        timeline: await panel.page.$$eval('[data-timeline-event-id]', (rows) => rows.map((row) => Number((row as HTMLElement).dataset.timelineEventId))),
        footer: (await panel.footer()).replace(/^.*?(\d[\d,]* events)/, '$1'),
      });

      it('Sessions: the rows stay, marked as updating, until the pass is through, then show what a pass in one go shows', async () => {
        await panel.page.click('[data-connection-id="conn-s-7"]');
        await panel.nextFrame();
        await typeAndWatch(['failure 1003'], Number.POSITIVE_INFINITY, '.connections [data-connection-id]');
        const inOneGo = await shown();
        assert.deepEqual(inOneGo.timeline, [1_003]);
        assert.match(inOneGo.footer, /30,017 events · 15 sessions · 2 shown/);
        await typeAndWatch([''], Number.POSITIVE_INFINITY, '.connections [data-connection-id]');

        // every look at the clock ends a slice: 512 events each, some 60 tasks
        const sliced = await typeAndWatch(['failure 1003'], 0, '.connections [data-connection-id]');
        assert.equal(sliced.during[0].filtering, true, 'the keystroke left the rest of the pass for later tasks');
        assert.equal(sliced.during[0].busy, 'true');
        assert.equal(sliced.during[0].rows, sliced.before, 'no session is left out while its matches may still come');
        assert.equal(sliced.after, 'conn-s-10 conn-s-7');
        assert.equal(sliced.busyAfter, 'false');
        assert.ok(sliced.frames.every((rows) => rows === sliced.before || rows === sliced.after), `only the rows before and after were drawn: ${[...new Set(sliced.frames)].join(' | ')}`);
        assert.deepEqual(await shown(), inOneGo);
      });

      it('Tools: the rows stay, marked as updating, until the pass is through, then show what a pass in one go shows', async () => {
        await panel.tab('tools');
        await typeAndWatch(['failure 1003'], Number.POSITIVE_INFINITY, '.tools [data-tool]');
        const inOneGo = await shown();
        assert.deepEqual(inOneGo.rows.map((row) => row.split(' ')[0]).sort(), ['evaluate_expression', 'set_breakpoint']);
        await typeAndWatch([''], Number.POSITIVE_INFINITY, '.tools [data-tool]');
        const sliced = await typeAndWatch(['failure 1003'], 0, '.tools [data-tool]');
        assert.equal(sliced.during[0].filtering, true);
        assert.equal(sliced.during[0].busy, 'true');
        assert.equal(sliced.during[0].rows, sliced.before);
        assert.equal(sliced.after, 'evaluate_expression set_breakpoint');
        assert.ok(sliced.frames.every((rows) => rows === sliced.before || rows === sliced.after), [...new Set(sliced.frames)].join(' | '));
        assert.deepEqual(await shown(), inOneGo);
      });

      it('Sessions: the draw after the pass reads no layout back (no scrollTop), and shows the rows where the shrunk list is scrolled', async () => {
        // conn-s-7 expanded: its 2,500 calls make the list long enough to be read far down
        await panel.page.click('[data-connection-id="conn-s-7"]');
        await panel.nextFrame();
        await panel.page.$eval('.connections .grid-body', (body) => { body.scrollTop = 30_000; });
        await panel.nextFrame();
        await panel.nextFrame();
        // every read of the list's scrollTop outside its scroll events (where the layout is the frame's own)
        await panel.page.evaluate(() => {
          const body = document.querySelector<HTMLElement>('.connections .grid-body')!;
          const native = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTop')!;
          const reads = { count: 0, inScrollEvent: false };
          (window as unknown as { __scrollTopReads: typeof reads }).__scrollTopReads = reads;
          document.addEventListener('scroll', () => { reads.inScrollEvent = true; }, { capture: true });
          body.addEventListener('scroll', () => { reads.inScrollEvent = false; });
          Object.defineProperty(body, 'scrollTop', {
            configurable: true,
            get() {
              if (!reads.inScrollEvent) reads.count++;
              return native.get!.call(this);
            },
            set(value: number) { native.set!.call(this, value); },
          });
        });
        const sliced = await typeAndWatch(['failure 1003'], 0, '.connections [data-connection-id]');
        assert.equal(sliced.after, 'conn-s-10 conn-s-7');
        assert.equal(await panel.page.evaluate(() => (window as unknown as { __scrollTopReads: { count: number } }).__scrollTopReads.count), 0,
          'the pass and the draw after it read no scroll position from the layout');
        const inView = await panel.page.$eval('.connections .grid-body', (body) => {
          const view = body.getBoundingClientRect();
          return [...body.querySelectorAll<HTMLElement>('[role="row"]')].filter((row) => {
            const box = row.getBoundingClientRect();
            return box.bottom > view.top && box.top < view.bottom;
          }).sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map((row) => row.dataset.connectionId ?? `timeline ${row.dataset.timelineEventId ?? 'summary'}`);
        });
        assert.deepEqual(inView, ['conn-s-10', 'conn-s-7', 'timeline 1003', 'timeline summary'], 'the rows drawn are where the list is scrolled once shrunk');
      });

      it('a pass in slices lets the browser draw between them: frames keep coming while it runs', async () => {
        const seen = await panel.page.evaluate(async () => {
          interface SlowedPage { filterSliceMs: number; filtered: { filtering: boolean; continueFiltering(...args: unknown[]): boolean } }
          const app = (window as unknown as { mcpLiveDebuggerPanel: SlowedPage }).mcpLiveDebuggerPanel;
          // every slice 6 ms long at least, some 60 of them: a pass of many frames' time, whatever the machine
          const filtered = app.filtered;
          const slice = filtered.continueFiltering.bind(filtered);
          filtered.continueFiltering = (...args: unknown[]) => {
            const started = performance.now();
            while (performance.now() - started < 6);
            return slice(...args);
          };
          app.filterSliceMs = 0;
          const input = document.getElementById('filter-text')!.shadowRoot!.querySelector('input')!;
          let framesDuring = 0;
          let watching = true;
          const watch = () => {
            if (filtered.filtering) framesDuring++;
            if (watching) requestAnimationFrame(watch);
          };
          await new Promise((resolve) => requestAnimationFrame(resolve));
          requestAnimationFrame(watch);
          const started = performance.now();
          input.value = 'failure 1003';
          input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
          while (filtered.filtering) await new Promise((resolve) => setTimeout(resolve, 5));
          const passMs = performance.now() - started;
          watching = false;
          return { passMs, framesDuring };
        });
        assert.ok(seen.passMs > 200, `a long pass: ${seen.passMs.toFixed(0)} ms`);
        // (a continuation of scheduler.yield() runs ahead of rendering until it waited ~100 ms: two frames a pass like this one)
        assert.ok(seen.framesDuring >= Math.floor(seen.passMs / 50), `${seen.framesDuring} frames in a pass of ${seen.passMs.toFixed(0)} ms`);
      });

      it('a newer keystroke ends the pass under way: what the older one would show is never drawn', async () => {
        await typeAndWatch(['failure 1004'], Number.POSITIVE_INFINITY, '.connections [data-connection-id]');
        const inOneGo = await shown();
        assert.deepEqual(inOneGo.connections, [{ id: 'conn-s-3', client: 'bench', calls: 2_500, errors: 147, status: 'ended' }]);
        await typeAndWatch([''], Number.POSITIVE_INFINITY, '.connections [data-connection-id]');
        const sliced = await typeAndWatch(['failure 1003', 'failure 1004'], 0, '.connections [data-connection-id]');
        assert.equal(sliced.during[1].filtering, true, 'the first pass was still under way at the second keystroke');
        assert.equal(sliced.during[1].rows, sliced.before);
        assert.equal(sliced.after, 'conn-s-3');
        assert.ok(sliced.frames.every((rows) => rows === sliced.before || rows === sliced.after), `never "conn-s-10 conn-s-7": ${[...new Set(sliced.frames)].join(' | ')}`);
        assert.deepEqual(await shown(), inOneGo);
      });
    });

    it('tools, client, status and event type narrow both tabs', async () => {
      await panel.selectValues('filter-tools', ['create_payment', 'set_breakpoint']);
      assert.deepEqual(await connectionIds(), ['conn-agent-1', 'conn-proxy-2']);
      await panel.tab('events');
      assert.equal((await eventIds()).length, 3);
      await panel.selectValues('filter-tools', []);
      await panel.selectValues('filter-client', 'curl');
      assert.equal((await eventIds()).length, 3);
      await panel.selectValues('filter-client', '');
      await panel.selectValues('filter-status', ['error', 'denied']);
      assert.equal((await eventIds()).length, 3);
      await panel.selectValues('filter-status', ['denied']);
      assert.equal((await eventIds()).length, 1);
      await panel.selectValues('filter-status', []);
      await panel.selectValues('filter-type', ['discovery']);
      assert.equal((await eventIds()).length, 2);
      await panel.selectValues('filter-type', ['connection']);
      assert.equal((await eventIds()).length, 8);
      await panel.selectValues('filter-type', ['notification', 'other']);
      assert.equal((await eventIds()).length, 1);
      await panel.tab('connections');
      assert.deepEqual(await connectionIds(), ['conn-proxy-2']);
    });

    it('time range: presets are relative to now, custom takes from/to', async () => {
      const now = Date.now();
      await panel.post(append(syntheticEvents(3, 100, now - 60_000, ['conn-proxy-2'])));
      await panel.tab('events');
      await panel.selectValues('filter-time', '5m');
      assert.deepEqual(await eventIds(), [100, 101, 102]);
      await panel.selectValues('filter-time', '24h');
      assert.equal((await eventIds()).length, Date.now() - BASE < 24 * 3_600_000 ? 20 : 3);
      await panel.selectValues('filter-time', 'custom');
      assert.equal(await panel.page.isVisible('#filter-from'), true);
      const local = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
      await panel.page.fill('#filter-from', local(BASE + 4_000));
      await panel.page.fill('#filter-to', local(BASE + 5_000));
      await panel.page.dispatchEvent('#filter-to', 'change');
      await panel.nextFrame();
      // 10:08:44.000 to 10:08:45.000: the proxy's start, initialize and tools/list, and the agent's failed evaluate
      assert.equal((await eventIds()).length, 4);
    });

    it('the Sessions tab filters active and ended sessions', async () => {
      await panel.selectValues('filter-connection-status', 'active');
      assert.deepEqual(await connectionIds(), ['conn-proxy-2']);
      await panel.selectValues('filter-connection-status', 'ended');
      assert.deepEqual(await connectionIds(), ['conn-agent-1', 'conn-curl-3']);
      await panel.page.click('#filter-clear');
      await panel.nextFrame();
      assert.equal((await connectionIds()).length, 3);
    });
  });

  describe('live and pause', () => {
    it('appends live and keeps the newest in view; pause freezes the view and counts what arrives', async () => {
      await panel.tab('events');
      const sessions = ['conn-agent-1', 'conn-proxy-2'];
      await panel.post(append(syntheticEvents(500, 18, BASE + 20_000, sessions)));
      assert.match(await panel.footer(), /^Live 517 events · 3 sessions · 517 shown$/);
      const last = async () => panel.page.$$eval('[data-event-id]', (rows) => Math.max(...rows.map((row) => Number((row as HTMLElement).dataset.eventId))));
      assert.equal(await last(), 517);
      // still: an animated dot has the page draw a frame at every display refresh (media/panel.css)
      assert.equal(await panel.page.$eval('.footer-live .live-dot', (dot) => getComputedStyle(dot).animationName), 'none');
      await panel.page.click('#live-toggle');
      await panel.post(append(syntheticEvents(25, 518, BASE + 30_000, sessions)));
      assert.match(await panel.footer(), /^Paused · 25 new 542 events · 3 sessions · 517 shown$/);
      assert.equal(await last(), 517);
      await panel.page.click('#live-toggle');
      await panel.nextFrame();
      assert.match(await panel.footer(), /^Live 542 events · 3 sessions · 542 shown$/);
      assert.equal(await last(), 542);
    });

    it('a session row follows the events arriving live in place: its calls, errors and tools change, the row element stays', async () => {
      const row = '[data-connection-id="conn-agent-1"]';
      await panel.page.$eval(row, (element) => { (element as HTMLElement & { drawnBefore?: boolean }).drawnBefore = true; });
      // ids 18 to 34 (34 fails): four new tools among them
      await panel.post(append(syntheticEvents(17, 18, BASE + 20_000, ['conn-agent-1'])));
      const cells = await panel.page.$eval(row, (element) => [...element.querySelectorAll('[role="gridcell"]')].map((cell) => (cell as HTMLElement).innerText.trim()));
      assert.deepEqual(cells.slice(4, 6), ['22', '2']);
      assert.equal(cells[7], 'continue_execution, evaluate_expression, get_variables, set_breakpoint, start_debugging, step_over');
      assert.equal(await panel.page.getAttribute(`${row} .col-tools`, 'title'), 'continue_execution, evaluate_expression, get_variables, set_breakpoint, start_debugging, step_over');
      assert.equal(await panel.page.$eval(row, (element) => (element as HTMLElement & { drawnBefore?: boolean }).drawnBefore), true);
    });

    it('a Sessions redraw after more events of the same session writes only its changed texts, in place, and reads no cell back', async () => {
      // ids 18 to 34: the session's tools are all there after these
      await panel.post(append(syntheticEvents(17, 18, BASE + 20_000, ['conn-agent-1'])));
      // (tsx names the functions below with esbuild's __name, which the page does not have)
      await panel.page.evaluate('window.__name = (target) => target');
      await panel.page.evaluate(() => {
        const body = document.querySelector('.connections .grid-body')!;
        const seen = { writes: [] as string[], reads: 0 };
        (window as unknown as { __seen: typeof seen }).__seen = seen;
        const where = (node: Node) => {
          const cell = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('[role="gridcell"]');
          const row = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('[role="row"]');
          return `${row?.dataset.connectionId ?? '?'} ${cell ? /col-(\w+)/.exec(cell.getAttribute('class') ?? '')?.[1] : 'row'}`;
        };
        new MutationObserver((records) => {
          for (const record of records) seen.writes.push(`${record.type}${record.attributeName ? ` ${record.attributeName}` : ''} ${where(record.target)}`);
        }).observe(body, { subtree: true, childList: true, characterData: true, attributes: true });
        // what a redraw reads back from the cells of the rows drawn (comparing texts and classes there was half of its script)
        const inCell = (node: Node) => Boolean(node.parentElement?.closest('.connections [role="row"]'));
        for (const [prototype, name] of [[Node.prototype, 'textContent'], [Element.prototype, 'className']] as const) {
          const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
          Object.defineProperty(prototype, name, { ...descriptor, get(this: Node) {
            if (inCell(this)) seen.reads++;
            return descriptor.get!.call(this);
          } });
        }
      });
      // ids 35 to 51 (51 fails): more calls and an error, no new tool
      await panel.post(append(syntheticEvents(17, 35, BASE + 30_000, ['conn-agent-1'])));
      const seen = await panel.page.evaluate(() => (window as unknown as { __seen: { writes: string[]; reads: number } }).__seen);
      const cells = await panel.page.$eval('[data-connection-id="conn-agent-1"]', (row) => [...row.querySelectorAll('[role="gridcell"]')].map((cell) => (cell as HTMLElement).innerText.trim()));
      assert.deepEqual(cells.slice(4, 6), ['39', '3']);
      // (the active session's duration moves with the clock meanwhile: a changed text too)
      assert.deepEqual([...new Set(seen.writes)].filter((write) => write !== 'characterData conn-proxy-2 duration').sort(),
        ['characterData conn-agent-1 calls', 'characterData conn-agent-1 errors']);
      assert.equal(seen.reads, 0);
    });

    it('stops following the newest when the user scrolls up to read, and follows again at the end', async () => {
      await panel.tab('events');
      const sessions = ['conn-agent-1'];
      await panel.post(append(syntheticEvents(500, 18, BASE + 20_000, sessions)));
      const drawn = async () => panel.page.$$eval('[data-event-id]', (rows) => rows.map((row) => Number((row as HTMLElement).dataset.eventId)));
      assert.ok((await drawn()).includes(517));
      await panel.page.evaluate(() => { document.querySelector('.event-log .grid-body')!.scrollTop = 0; });
      await panel.page.waitForTimeout(100);
      await panel.post(append(syntheticEvents(25, 518, BASE + 30_000, sessions)));
      assert.ok(Math.max(...await drawn()) < 100, 'the rows being read stay in place');
      assert.match(await panel.footer(), /542 shown/);
      await panel.page.evaluate(() => { const body = document.querySelector('.event-log .grid-body')!; body.scrollTop = body.scrollHeight; });
      await panel.page.waitForTimeout(100);
      await panel.post(append(syntheticEvents(5, 543, BASE + 40_000, sessions)));
      assert.ok((await drawn()).includes(547), 'back at the end, the view follows again');
    });

    it('a log that follows its end draws no rows above the view; scrolled up to read, a few beyond it each way', async () => {
      await panel.tab('events');
      await panel.post(append(syntheticEvents(500, 18, BASE + 20_000, ['conn-agent-1'])));
      // drawn rows wholly above and below the scrolled view
      const outside = () => panel.page.$eval('.event-log .grid-body', (body) => {
        const top = body.scrollTop;
        const bottom = top + body.clientHeight;
        const offsets = [...body.querySelectorAll<HTMLElement>('[data-event-id]')].map((row) => Number(/translateY\((-?[\d.]+)px\)/.exec(row.style.transform)?.[1]));
        return { above: offsets.filter((offset) => offset + 24 <= top).length, below: offsets.filter((offset) => offset >= bottom).length };
      });
      assert.deepEqual(await outside(), { above: 0, below: 0 }, 'following: every row drawn is in view (each draw rewrites them all)');
      await panel.page.evaluate(() => { document.querySelector('.event-log .grid-body')!.scrollTop = 4_000; });
      await panel.page.waitForTimeout(100);
      const reading = await outside();
      assert.ok(reading.above > 0 && reading.below > 0, `read away from the end: rows beyond the view for the next scroll (${JSON.stringify(reading)})`);
    });

    it('opened while live events arrive on another tab, the Event Log shows the newest and follows them', async () => {
      // the Sessions tab is shown; the host's batches arrive as the store's feed sends them
      const sessions = ['conn-agent-1'];
      for (let firstId = 18; firstId < 618; firstId += 200) await panel.post(append(syntheticEvents(200, firstId, BASE + 20_000 + firstId, sessions)));
      await panel.tab('events');
      const view = () => panel.page.$eval('.event-log .grid-body', (body) => {
        const top = body.scrollTop;
        const bottom = top + body.clientHeight;
        // rows whose whole height is inside the scrolled view
        const visible = [...body.querySelectorAll<HTMLElement>('[data-event-id]')].filter((row) => {
          const offset = Number(/translateY\((-?[\d.]+)px\)/.exec(row.style.transform)?.[1]);
          return offset >= top && offset + row.offsetHeight <= bottom + 1;
        }).map((row) => Number(row.dataset.eventId));
        return { first: Math.min(...visible), last: Math.max(...visible) };
      });
      const opened = await view();
      assert.equal(opened.last, 617, `the newest is in view (rows #${opened.first} to #${opened.last} are)`);
      await panel.post(append(syntheticEvents(5, 618, BASE + 30_000, sessions)));
      assert.equal((await view()).last, 622, 'and the view follows what arrives next');
    });

    it('disconnects every ResizeObserver of its lists when the page goes away', async () => {
      await panel.tab('events');
      await panel.page.focus('[data-event-id="3"]');
      await panel.page.keyboard.press('Enter');
      await panel.nextFrame();
      const watching = () => panel.page.evaluate(() => (window as unknown as { __resizeObservers: Array<{ watched: Set<Element> }> }).__resizeObservers
        .flatMap((observer) => [...observer.watched]).filter((target) => target.closest('.views') !== null)
        .map((target) => target.className));
      const before = await watching();
      assert.ok(before.some((name) => name.includes('grid-body')), `the lists watch their scroll elements: ${before.join(', ')}`);
      await panel.page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
      assert.deepEqual(await watching(), [], 'nothing in the views is watched any more');
    });

    it('shows how many events the bound dropped', async () => {
      await panel.post(snapshot({ maxEvents: 10, droppedCount: 40 }));
      assert.match(await panel.footer(), /47 oldest dropped \(the store keeps at most 10 events and 256 MB\)/);
    });

    it('shows the endpoint state in the header', async () => {
      assert.match(await panel.page.innerText('.endpoint'), /127\.0\.0\.1:43117\/mcp/);
      await panel.post({ type: 'endpoint', endpoint: { status: 'failed', error: 'EADDRINUSE' } });
      assert.match(await panel.page.innerText('.endpoint'), /endpoint failed: EADDRINUSE/);
    });
  });

  describe('export and import', () => {
    it('exports the filtered view, and importing it shows the same rows read-only', async () => {
      await panel.tab('events');
      await panel.selectValues('filter-tools', ['create_payment', 'evaluate_expression']);
      const rowsBefore = await panel.rowTexts();
      await panel.clearPosted();
      await panel.page.click('#export');
      const exported = await panel.waitForPosted('exportView');
      assert.equal(exported.body.imported, false);
      assert.match(exported.body.suggestedName, /^mcp-trace-.*\.json$/);
      // the host writes the listed events with their connections, then reads the file back on import
      const fixture = fixtureTrace();
      const events = fixture.events.filter((event) => exported.body.eventIds.includes(event.id));
      const trace: TraceExport = {
        format: 'mcp-live-debugger-trace', version: 2, exportedAt: BASE + 99_000, events,
        connections: fixture.connections.filter((connection) => events.some((event) => event.connectionId === connection.id)),
      };
      assert.equal(trace.events.length, 3);
      assert.deepEqual(trace.connections.map((connection) => connection.id).sort(), ['conn-agent-1', 'conn-proxy-2']);
      const reread = JSON.parse(JSON.stringify(trace)) as TraceExport;
      await panel.holdDetails(reread.events, true);
      await panel.post({ type: 'imported', info: { name: 'bug-1234.json', exportedAt: reread.exportedAt }, connections: reread.connections, events: reread.events.map(summarizeEvent) });
      assert.deepEqual(await panel.rowTexts(), rowsBefore);
      // rows of the import ask the host for the imported file's bodies
      const evaluate = events.find((event) => event.tool === 'evaluate_expression')!;
      await panel.clearPosted();
      await panel.page.click(`[data-event-id="${evaluate.id}"]`);
      const asked = await panel.waitForPosted('getEventDetail');
      assert.deepEqual(asked.body, { type: 'getEventDetail', id: evaluate.id, imported: true });
      await panel.page.waitForSelector('.event-detail .trace-tree');
      assert.match(await panel.page.innerText('.event-detail .trace-tree'), /evaluate_expression/);
      const rowsImported = await panel.rowTexts();
      assert.match(await panel.page.innerText('.import-banner'), /Imported bug-1234\.json .*read-only: 3 events, 2 sessions/);
      assert.match(await panel.footer(), /Imported \(read-only\)/);
      assert.equal(await panel.page.getAttribute('#live-toggle', 'disabled'), '');
      // live events keep arriving underneath without mixing into the import
      await panel.post(append(syntheticEvents(5, 18, BASE + 20_000, ['conn-agent-1'])));
      assert.deepEqual(await panel.rowTexts(), rowsImported);
      await panel.page.click('#back-to-live');
      await panel.nextFrame();
      assert.match(await panel.footer(), /^Live 22 events/);
    });

    it('a large file arrives in parts, each digested: rows at once, every event in the end; Back to live tells the host which file it left', async () => {
      await panel.tab('events');
      const { connections } = fixtureTrace();
      const file = syntheticEvents(12_000, 1, BASE, connections.map((connection) => connection.id)).map(summarizeEvent);
      const rowsOf = (ids: number[]) => panel.page.$$eval('.event-log .grid-body [data-event-id]', (rows, wanted) => rows.filter((row) => wanted.includes(Number((row as HTMLElement).dataset.eventId))).length, ids);
      await panel.clearPosted();
      const importedId = await panel.post({ type: 'imported', info: { name: 'ci-run.json', exportedAt: BASE }, connections, events: file.slice(0, 1_000), total: 12_000 });
      assert.equal((await panel.waitForPosted('digested')).inReplyTo, importedId);
      assert.match(await panel.page.innerText('.import-banner'), /Imported ci-run\.json .*read-only: 12,000 events, 3 sessions\. Loading: 1,000 of 12,000\./);
      assert.ok(await rowsOf([1, 2, 3]) === 3, 'the file\'s first rows show at once, from its beginning');
      assert.match(await panel.footer(), /Imported \(read-only\) 1,000 events · 3 sessions · 1,000 shown/);
      // at every frame while the rest arrives, the banner counts what the footer counts
      await panel.page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { __countsSeen: string[] }).__countsSeen = seen;
        void (async () => {
          for (let frame = 0; frame < 1_000; frame++) {
            await new Promise((resolve) => requestAnimationFrame(resolve));
            const banner = document.querySelector('.import-banner')?.textContent ?? '';
            const footer = document.querySelector('.footer')?.textContent ?? '';
            seen.push(`${/Loading: ([\d,]+) of/.exec(banner)?.[1] ?? /read-only: ([\d,]+) events/.exec(banner)?.[1]} / ${/\(read-only\)\s*([\d,]+) events/.exec(footer)?.[1]}`);
            if (footer.includes('12,000 shown')) break;
          }
        })();
      });
      const parts = [
        await panel.post({ type: 'importedEvents', connections: [], events: file.slice(1_000, 6_000) }),
        await panel.post({ type: 'importedEvents', connections: [], events: file.slice(6_000) }),
      ];
      await panel.page.waitForFunction(() => document.querySelector('.footer')?.textContent?.includes('12,000 shown'));
      const countsSeen = await panel.page.evaluate(() => (window as unknown as { __countsSeen: string[] }).__countsSeen);
      assert.ok(countsSeen.length > 1, `frames seen while the file arrived: ${countsSeen.join(', ')}`);
      assert.deepEqual(countsSeen.filter((pair) => pair.split(' / ')[0] !== pair.split(' / ')[1]), [], `banner / footer counts per frame: ${countsSeen.join(', ')}`);
      assert.match(await panel.footer(), /Imported \(read-only\) 12,000 events · 3 sessions · 12,000 shown/);
      assert.match(await panel.page.innerText('.import-banner'), /read-only: 12,000 events, 3 sessions\.\s*Back to live$/);
      const digested = (await panel.posted()).filter((message) => message.body.type === 'digested').map((message) => message.inReplyTo);
      assert.deepEqual(digested, [importedId, ...parts]);
      // the last event of the file is there, at the end of the log
      await panel.page.$eval('.event-log .grid-body', (body) => { body.scrollTop = body.scrollHeight; });
      await panel.nextFrame();
      assert.equal(await rowsOf([12_000]), 1);

      await panel.page.click('#back-to-live');
      assert.equal((await panel.waitForPosted('importClosed')).inReplyTo, importedId);
      await panel.nextFrame();
      assert.match(await panel.footer(), /^Live 17 events/);
      // a part the host had posted before it heard of it is digested and dropped
      const late = await panel.post({ type: 'importedEvents', connections: [], events: syntheticEvents(10, 20_000, BASE, ['conn-agent-1']).map(summarizeEvent) });
      await panel.page.waitForFunction((id) => (window as unknown as { __posted: Array<{ inReplyTo?: number }> }).__posted.some((message) => message.inReplyTo === id), late);
      assert.match(await panel.footer(), /^Live 17 events/);
    });

    it('refuses a dropped file too large to read, saying so, and keeps what it shows', async () => {
      await panel.clearPosted();
      const rowsBefore = await panel.rowTexts();
      await panel.page.evaluate(() => {
        // a file that says it is 600 MB (only its size is looked at before it would be read)
        const file = new File([], 'huge.json');
        Object.defineProperty(file, 'size', { value: 600 * 2 ** 20 });
        // (getData as a bound built-in: a function written here would be named by the test's compiler with a helper the page lacks)
        const transfer = { types: ['Files'], files: [file], getData: String.prototype.slice.bind('') };
        for (const type of ['dragover', 'drop']) {
          const event = new Event(type, { bubbles: true, cancelable: true });
          Object.defineProperty(event, 'dataTransfer', { value: transfer });
          document.dispatchEvent(event);
        }
      });
      assert.match(await panel.page.innerText('.notice'), /Import of huge\.json failed: huge\.json is 600 MB, more than the 500 MB a trace file may have/);
      assert.equal((await panel.posted()).some((message) => message.body.type === 'dropFile'), false, 'nothing was read or sent');
      assert.deepEqual(await panel.rowTexts(), rowsBefore);
    });

    /** Drops a File of `megabytes` MB of JSON (kept as window.__droppedText) the way a drop from outside VS Code comes; answers whether dragenter was claimed. */
    async function dropGeneratedFile(name: string, megabytes: number): Promise<boolean> {
      return panel.page.evaluate(([name, megabytes]) => {
        const line = `${JSON.stringify({ id: 1, text: 'x'.repeat(1000), note: 'Grüße' })},`;
        const text = `[${line.repeat(Math.ceil((megabytes * 2 ** 20) / new TextEncoder().encode(line).byteLength))}null]`;
        (window as unknown as { __droppedText: string }).__droppedText = text;
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], name, { type: 'application/json' }));
        const claimed = !document.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        document.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        document.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        return claimed;
      }, [name, megabytes] as const);
    }

    /** The dropChunks posted so far: their ids, offsets and sizes. */
    function postedChunks(): Promise<Array<{ messageId: number; offset: number; length: number }>> {
      return panel.page.evaluate(() => (window as unknown as { __posted: Array<{ messageId: number; body: { type: string; offset: number; bytes: Uint8Array } }> }).__posted
        .filter((message) => message.body.type === 'dropChunk')
        .map((message) => ({ messageId: message.messageId, offset: message.body.offset, length: message.body.bytes.byteLength })));
    }

    it('sends a file dropped from outside VS Code in chunks, at most three unanswered, saying how far it got', async () => {
      await panel.clearPosted();
      assert.equal(await dropGeneratedFile('dropped.json', 20), true, 'dragenter claimed, so VS Code does not open the file itself');
      const begun = await panel.waitForPosted('dropFile');
      assert.equal(begun.body.name, 'dropped.json');
      const size = begun.body.size;
      assert.ok(size > 20 * 2 ** 20);
      await panel.page.waitForTimeout(200);
      assert.deepEqual(await postedChunks(), [], 'nothing read before the host took the file');
      await panel.post({ type: 'dropReceived', received: 0 }, begun.messageId);
      let received = 0;
      let answered = 0;
      while (received < size) {
        await panel.page.waitForFunction((count) => (window as unknown as { __posted: Array<{ body: { type: string } }> }).__posted.filter((message) => message.body.type === 'dropChunk').length > count, answered);
        // the host takes its time: the webview waits with three unanswered, and reads no more
        await panel.page.waitForTimeout(150);
        const chunks = await postedChunks();
        assert.ok(chunks.length - answered <= 3, `${chunks.length - answered} chunks unanswered`);
        if (received + 3 * DROP_CHUNK_BYTES < size) assert.equal(chunks.length - answered, 3, 'three in flight while more are left');
        const chunk = chunks[answered++];
        assert.equal(chunk.offset, received, 'in order');
        assert.ok(chunk.length <= DROP_CHUNK_BYTES);
        received += chunk.length;
        if (answered === 2) assert.match(await panel.page.innerText('.notice'), /^Reading dropped\.json: \d+(\.\d)? of 2\d MB…$/);
        if (received < size) await panel.post({ type: 'dropReceived', received }, chunk.messageId);
        else {
          assert.match(await panel.page.innerText('.notice'), /^Opening dropped\.json \(2\d MB\)…$/);
          await panel.post({ type: 'result', ok: false, message: 'Import of dropped.json failed: Neither an MCP Live Debugger trace export nor an OTLP JSON trace.' }, chunk.messageId);
        }
      }
      assert.equal(answered, Math.ceil(size / DROP_CHUNK_BYTES));
      // what arrived, put together, is the file
      assert.equal(await panel.page.evaluate(() => {
        const posted = (window as unknown as { __posted: Array<{ body: { type: string; bytes: Uint8Array } }> }).__posted;
        const parts = posted.filter((message) => message.body.type === 'dropChunk').map((message) => message.body.bytes);
        const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
        parts.reduce((offset, part) => (whole.set(part, offset), offset + part.byteLength), 0);
        return new TextDecoder().decode(whole) === (window as unknown as { __droppedText: string }).__droppedText;
      }), true);
      assert.match(await panel.page.innerText('.notice'), /Import of dropped\.json failed: Neither/);
      assert.equal((await panel.posted()).some((message) => message.body.type === 'dropCancel'), false);
    });

    it('a second drop replaces the first: the first is cancelled and sends nothing more', async () => {
      await panel.clearPosted();
      await dropGeneratedFile('first.json', 20);
      const first = await panel.waitForPosted('dropFile');
      await panel.post({ type: 'dropReceived', received: 0 }, first.messageId);
      await panel.page.waitForFunction(() => (window as unknown as { __posted: Array<{ body: { type: string } }> }).__posted.filter((message) => message.body.type === 'dropChunk').length === 3);
      await dropGeneratedFile('second.json', 1);
      const cancelled = await panel.waitForPosted('dropCancel');
      assert.equal(cancelled.body.upload, first.messageId);
      const second = await panel.waitForPosted('dropFile', first.messageId);
      assert.equal(second.body.name, 'second.json');
      await panel.post({ type: 'dropReceived', received: DROP_CHUNK_BYTES }, (await postedChunks())[0].messageId);
      await panel.page.waitForTimeout(200);
      assert.equal((await postedChunks()).length, 3, 'the first file sends no more');
    });

    it('a resource dragged from VS Code goes to the host as its URI, not its bytes', async () => {
      await panel.clearPosted();
      await panel.page.evaluate(() => {
        const transfer = new DataTransfer();
        transfer.setData('application/vnd.code.uri-list', 'file:///work/traces/ci-run.json\r\nfile:///work/traces/other.json');
        transfer.setData('text/uri-list', 'file:///work/traces/ci-run.json');
        transfer.setData('text/plain', '/work/traces/ci-run.json');
        document.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        document.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      });
      const posted = await panel.waitForPosted('importUri');
      assert.equal(posted.body.uri, 'file:///work/traces/ci-run.json');
      assert.equal((await panel.posted()).some((message) => message.body.type === 'dropFile'), false);
      await panel.post({ type: 'result', ok: false, message: 'Import of ci-run.json failed: Not a JSON file (Unexpected end of JSON input).' }, posted.messageId);
      assert.match(await panel.page.innerText('.notice'), /Import of ci-run\.json failed: Not a JSON file/);
    });

    it('the Import button asks the host for an open dialog', async () => {
      await panel.clearPosted();
      await panel.page.click('#import');
      await panel.waitForPosted('importFile');
    });
  });

  describe('state and host protocol', () => {
    it('restores tab, filter, expanded rows and sort after a reload', async () => {
      await panel.page.click('[data-connection-id="conn-agent-1"]');
      await panel.page.click('.connections [data-sort-key="calls"]');
      await panel.page.fill('#filter-text >> input', 'conn');
      await panel.tab('events');
      await panel.page.click('[data-event-id="5"]');
      await panel.page.waitForTimeout(300);
      await panel.page.reload();
      await panel.setTheme('dark');
      await panel.waitForPosted('ready');
      await panel.post(snapshot());
      assert.equal(await panel.page.getAttribute('#tab-events', 'aria-selected'), 'true');
      assert.equal(await panel.page.inputValue('#filter-text >> input'), 'conn');
      assert.equal(await panel.page.getAttribute('[data-event-id="5"]', 'aria-expanded'), 'true');
      await panel.tab('connections');
      assert.equal(await panel.page.getAttribute('[data-connection-id="conn-agent-1"]', 'aria-expanded'), 'true');
      assert.equal(await panel.page.getAttribute('.connections [role="columnheader"][data-key="calls"]', 'aria-sort'), 'ascending');
    });

    it('handles a snapshot and a batch after it over many tasks, frames between: in order, each digested once handled, all in the answer to describe', async () => {
      const { connections } = fixtureTrace();
      const sessionIds = connections.map((connection) => connection.id);
      // packed as the panel host packs them (rows as bytes after the body), bytes handed over as numbers
      const packed = (body: HostMessage, messageId: number) => {
        const { packed: bytes, ...rest } = packEnvelope({ messageId, body } as Envelope<HostMessage>);
        return { ...rest, bytes: [...bytes] };
      };
      const first = syntheticEvents(3_000, 1, BASE, sessionIds).map(summarizeEvent);
      const more = syntheticEvents(3_000, 3_001, BASE + 3_000, sessionIds).map(summarizeEvent);
      // (the test's TypeScript names its functions with esbuild's helper, which the page lacks)
      await panel.page.evaluate('window.__name = (target) => target');
      const seen = await panel.page.evaluate(async ({ snapshot, append }) => {
        type Store = { size: number; eventAt(index: number): { id: number } | undefined; appendEvents(...args: unknown[]): unknown };
        const app = (window as unknown as { mcpLiveDebuggerPanel: { store: Store } }).mcpLiveDebuggerPanel;
        // every 250 events stored take 10 ms: more than a slice's budget, so each is a task of its own
        const prototype = Object.getPrototypeOf(app.store) as Store;
        const appendEvents = prototype.appendEvents;
        prototype.appendEvents = function (this: Store, events: unknown, ...rest: unknown[]) {
          const until = performance.now() + (events as unknown[]).length / 25;
          while (performance.now() < until);
          return appendEvents.call(this, events, ...rest);
        };
        const frames: number[] = [];
        let watching = true;
        const watch = () => {
          frames.push(app.store.size);
          if (watching) requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
        const answers: Array<{ type: string; inReplyTo?: number; held: number; frames: number; eventCount?: number }> = [];
        const posted = (window as unknown as { __posted: Array<{ inReplyTo?: number; body: { type: string; eventCount?: number } }> }).__posted;
        const push = posted.push.bind(posted);
        posted.push = (...messages) => {
          for (const message of messages) {
            if (['digested', 'description'].includes(message.body.type)) answers.push({ type: message.body.type, inReplyTo: message.inReplyTo, held: app.store.size, frames: frames.length, eventCount: message.body.eventCount });
          }
          return push(...messages);
        };
        const unpack = ({ bytes, ...rest }: { bytes: number[] }) => ({ ...rest, packed: new Uint8Array(bytes) });
        window.postMessage(unpack(snapshot), '*');
        window.postMessage(unpack(append), '*');
        window.postMessage({ messageId: 900_003, body: { type: 'describe' } }, '*');
        while (!answers.some((answer) => answer.type === 'description')) await new Promise((resolve) => setTimeout(resolve, 20));
        watching = false;
        prototype.appendEvents = appendEvents;
        posted.push = push;
        const ids: number[] = [];
        for (let index = 0; index < app.store.size; index++) ids.push(app.store.eventAt(index)?.id ?? -1);
        return { frames, answers, ids: { count: ids.length, first: ids[0], last: ids.at(-1), ascending: ids.every((id, index) => index === 0 || id === ids[index - 1] + 1) } };
      }, {
        snapshot: packed({ type: 'snapshot', connections, events: first, droppedCount: 0, maxEvents: 50_000, endpoint: ENDPOINT }, 900_001),
        append: packed({ type: 'append', connections: [], events: more, droppedCount: 0, firstKeptId: 0 }, 900_002),
      });
      const [snapshotDigested, appendDigested, description] = seen.answers;
      assert.deepEqual(seen.answers.map(({ type, inReplyTo }) => [type, inReplyTo]), [['digested', 900_001], ['digested', 900_002], ['description', 900_003]]);
      // each digested once all of it is held (the host posts the next batch then), describe after both
      assert.equal(snapshotDigested.held, 3_000);
      assert.equal(appendDigested.held, 6_000);
      assert.equal(description.eventCount, 6_000);
      assert.deepEqual(seen.ids, { count: 6_000, first: 1, last: 6_000, ascending: true });
      // frames while the snapshot was stored (120 ms of it) and while the batch was: the page kept drawing
      assert.ok(snapshotDigested.frames >= 3, `${snapshotDigested.frames} frames before the snapshot was digested`);
      assert.ok(appendDigested.frames - snapshotDigested.frames >= 3, `${appendDigested.frames - snapshotDigested.frames} frames while the batch was stored`);
      assert.ok(seen.frames.some((held) => held > 3_000 && held < 6_000), `the batch was drawn in parts: ${[...new Set(seen.frames)].join(', ')}`);
    });

    it('answers describe in reply to the host message', async () => {
      await panel.clearPosted();
      await panel.post({ type: 'describe' });
      const answer = await panel.waitForPosted('description');
      assert.equal(typeof answer.inReplyTo, 'number');
      assert.equal(answer.body.eventCount, 17);
      assert.equal(answer.body.live, true);
      assert.deepEqual(answer.body.connections.find((session) => session.id === 'conn-proxy-2'), { id: 'conn-proxy-2', client: 'cursor 0.50.1', calls: 5, errors: 2, status: 'active' });
    });

    it('sends an export when the host runs the Export command', async () => {
      await panel.clearPosted();
      await panel.post({ type: 'requestExport' });
      const exported = await panel.waitForPosted('exportView');
      assert.deepEqual(exported.body.eventIds, Array.from({ length: 17 }, (_, index) => index + 1));
    });

    it('keeps a place for the debug endpoint\'s tokens', async () => {
      await panel.tab('tokens');
      assert.equal(await panel.page.isVisible('#debug-tokens'), true);
    });
  });

  describe('themes and layout', () => {
    it('follows the theme variables (light, dark, high contrast)', async () => {
      for (const theme of ['light', 'dark', 'high-contrast'] as const) {
        await panel.setTheme(theme);
        const colours = await panel.page.evaluate(() => ({
          background: getComputedStyle(document.body).backgroundColor,
          foreground: getComputedStyle(document.body).color,
          error: getComputedStyle(document.querySelector('.col-errors.has-errors')!).color,
        }));
        const expect = (hex: string) => `rgb(${[1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16)).join(', ')})`;
        assert.equal(colours.background, expect(THEMES[theme].variables['--vscode-editor-background']), theme);
        assert.equal(colours.foreground, expect(THEMES[theme].variables['--vscode-foreground']), theme);
        assert.equal(colours.error, expect(THEMES[theme].variables['--vscode-errorForeground']), theme);
      }
    });

    it('stays readable at narrow widths: secondary columns hide, nothing overflows', async () => {
      await panel.page.setViewportSize({ width: 480, height: 600 });
      await panel.tab('events');
      assert.equal(await panel.page.isVisible('.event-log [role="columnheader"].col-upstream'), false);
      assert.equal(await panel.page.isVisible('.event-log [role="columnheader"].col-status'), true);
      const overflow = await panel.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0);
    });

    // MLD_UPDATE_SCREENSHOTS=1 writes the README's docs/panel-*.png; otherwise out/screenshots, so a test run leaves the tree clean
    it('renders the screenshot scene for the README in light and dark', async () => {
      const folder = join(repoRoot, process.env.MLD_UPDATE_SCREENSHOTS ? 'docs' : 'out/screenshots');
      mkdirSync(folder, { recursive: true });
      for (const theme of ['light', 'dark'] as const) {
        const shot = await openPanel({ theme, width: 1200, height: 760 });
        await shot.holdDetails(fixtureTrace().events);
        await shot.post(snapshot());
        await shot.page.click('[data-connection-id="conn-proxy-2"]');
        await shot.tab('events');
        const id = (await shot.page.$$eval('[data-event-id]', (rows) => rows.find((row) => (row as HTMLElement).innerText.includes('start_debugging'))?.getAttribute('data-event-id')))!;
        await shot.page.click(`[data-event-id="${id}"]`);
        await shot.page.waitForSelector('.event-bodies:not([aria-busy])');
        await shot.page.click('.trace-tree [role="treeitem"][aria-level="2"]:nth-of-type(3) .span-label');
        await shot.page.mouse.move(0, 0);
        await shot.nextFrame();
        assert.ok(await shot.page.isVisible('.trace-tree'), 'the trace tree of the expanded call is on screen');
        const png = await shot.page.screenshot({ path: join(folder, `panel-${theme}.png`) });
        assert.ok(png.length > 20_000, `the ${theme} screenshot has content (${png.length} bytes)`);
        await shot.page.close();
      }
    });
  });
});
