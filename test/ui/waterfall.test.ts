// The timeline views in Chromium: a call's waterfall beside its trace tree, and a connection's calls
// on the connection's axis. Boxes are measured, so a bar drawn in the wrong place fails.
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeEvent } from '../../src/shared/eventSummary';
import { BASE, fixtureTrace } from './fixtureTrace';
import { PanelPage, repoRoot, usePanelPages } from './panelPage';
import { THEMES } from './themes';

const ENDPOINT = { status: 'listening', url: 'http://127.0.0.1:43117/mcp' } as const;

interface BarBox { path: string; name: string; left: number; width: number; trackLeft: number; trackWidth: number; critical: boolean; status: string }

async function openEvent(panel: PanelPage, tool: string): Promise<void> {
  await panel.tab('events');
  const id = (await panel.page.$$eval('[data-event-id]', (rows, tool) => rows.find((row) => (row as HTMLElement).innerText.includes(tool))?.getAttribute('data-event-id'), tool))!;
  await panel.page.click(`[data-event-id="${id}"]`);
  await panel.page.waitForSelector('.event-bodies:not([aria-busy]) .waterfall');
}

async function barBoxes(panel: PanelPage): Promise<BarBox[]> {
  return panel.page.$$eval('.waterfall .wf-row[data-span-path]', (rows) => rows.map((row) => {
    const bar = row.querySelector('.wf-bar') as HTMLElement;
    const track = row.querySelector('.wf-track')!.getBoundingClientRect();
    const box = bar.getBoundingClientRect();
    return {
      path: (row as HTMLElement).dataset.spanPath ?? '', name: (row.querySelector('.wf-name') as HTMLElement).innerText,
      left: box.left, width: box.width, trackLeft: track.left, trackWidth: track.width,
      critical: bar.classList.contains('is-critical'), status: bar.classList.contains('wf-error') ? 'error' : 'ok',
    };
  }));
}

describe('timeline views (webview in Chromium)', function () {
  this.timeout(60_000);
  const openPanel = usePanelPages();
  let panel: PanelPage;

  beforeEach(async () => {
    panel = await openPanel();
    const { connections, events } = fixtureTrace();
    await panel.holdDetails(events);
    await panel.post({ type: 'snapshot', connections, events: events.map(summarizeEvent), droppedCount: 0, maxEvents: 50_000, endpoint: ENDPOINT });
  });
  afterEach(async () => {
    await panel.page.close();
  });

  it('draws each span of a call as a bar at its recorded offset and duration, nested like the tree', async () => {
    await openEvent(panel, 'start_debugging');
    const bars = await barBoxes(panel);
    assert.deepEqual(bars.map((bar) => [bar.path, bar.name]), [['', 'start_debugging'], ['0', 'launch'], ['1', 'stopped'], ['2', 'stackTrace']]);
    // recorded: tool.run 0–1,830 ms; launch +10 ms, 700 ms; stopped at +1,300 ms; stackTrace +1,310 ms, 25 ms
    const recorded = [[0, 1_830], [10, 700], [1_300, 0], [1_310, 25]];
    bars.forEach((bar, index) => {
      const [offset, duration] = recorded[index];
      const px = bar.trackWidth / 1_830;
      assert.ok(Math.abs(bar.left - bar.trackLeft - offset * px) <= 1, `${bar.name} starts at +${offset} ms (${bar.left - bar.trackLeft} px of ${bar.trackWidth})`);
      if (duration > 0) assert.ok(Math.abs(bar.width - Math.max(duration * px, 2)) <= 1, `${bar.name} lasts ${duration} ms (${bar.width} px)`);
    });
    const names = await panel.page.$$eval('.waterfall .wf-row[data-span-path] .wf-name', (cells) => cells.map((cell) => cell.getBoundingClientRect().left + parseFloat(getComputedStyle(cell).paddingLeft)));
    assert.ok(names[1] > names[0], 'children are indented under their call');
    assert.deepEqual(bars.map((bar) => bar.critical), [true, true, false, true], 'the call waited on launch, then stackTrace; the event takes no time');
  });

  it('colours a failed span by its status', async () => {
    await openEvent(panel, 'evaluate_expression');
    const bars = await barBoxes(panel);
    assert.deepEqual(bars.map((bar) => [bar.name, bar.status]), [['evaluate_expression', 'error'], ['evaluate', 'error']]);
    const failed = await panel.page.$$eval('.waterfall .wf-bar', (found) => found.map((bar) => getComputedStyle(bar).backgroundColor));
    const hex = THEMES.dark.variables['--vscode-errorForeground'];
    const errorColour = `rgb(${[1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16)).join(', ')})`;
    assert.deepEqual(failed, [errorColour, errorColour]);
    await panel.page.click('.event-log [aria-expanded="true"][data-event-id]');
    await openEvent(panel, 'set_breakpoint');
    const ok = await panel.page.$$eval('.waterfall .wf-bar', (found) => found.map((bar) => getComputedStyle(bar).backgroundColor));
    assert.equal(new Set(ok).size, 1);
    assert.notEqual(ok[0], errorColour);
  });

  it('reads out a bar\'s timing on hover, and a click selects its span in the tree', async () => {
    await openEvent(panel, 'start_debugging');
    await panel.page.hover('.waterfall .wf-row[data-span-path="2"] .wf-track');
    assert.equal(await panel.page.innerText('.waterfall .wf-readout'), 'stackTrace: +1,310 ms → +1,335 ms, 25 ms, on the critical path');
    await panel.page.hover('.waterfall .wf-row[data-span-path="1"] .wf-name');
    assert.equal(await panel.page.innerText('.waterfall .wf-readout'), 'stopped: at +1,300 ms');
    await panel.page.click('.waterfall .wf-row[data-span-path="2"]');
    const selected = await panel.page.$$eval('.trace-tree [aria-selected="true"]', (items) => items.map((item) => [item.getAttribute('aria-level'), item.querySelector('.span-name')?.textContent]));
    assert.deepEqual(selected, [['2', 'stackTrace']]);
    assert.equal(await panel.page.evaluate(() => document.activeElement?.querySelector('.span-name')?.textContent), 'stackTrace');
    assert.equal(await panel.page.getAttribute('.waterfall', 'aria-label'), 'Waterfall of start_debugging');
    assert.match(await panel.page.innerText('.waterfall .wf-axis'), /\+0 ms[\s\S]*\+500 ms[\s\S]*\+1,500 ms/);
  });

  it('shows a connection\'s calls on the connection\'s own axis', async () => {
    await panel.page.click('[data-connection-id="conn-agent-1"]');
    await panel.nextFrame();
    const bars = await panel.page.$$eval('[data-timeline-event-id] .tl-track', (tracks) => tracks.map((track) => {
      const box = track.getBoundingClientRect();
      const bar = track.querySelector('.wf-bar')!.getBoundingClientRect();
      return { text: (track.closest('[role="row"]') as HTMLElement).innerText, offset: (bar.left - box.left) / box.width, share: bar.width / box.width };
    }));
    // the connection lived 9.5 s; start_debugging began 2 s in and took 1,830 ms
    const call = bars.find((bar) => bar.text.includes('start_debugging'))!;
    assert.ok(Math.abs(call.offset - 2_000 / 9_500) < 0.005, `offset ${call.offset}`);
    assert.ok(Math.abs(call.share - 1_830 / 9_500) < 0.005, `share ${call.share}`);
    const end = bars.find((bar) => bar.text.includes('connection_end'))!;
    assert.ok(Math.abs(end.offset - 1) < 0.01, 'the connection end sits at the axis\' end');
    assert.ok(BASE > 0);
  });

  // MLD_UPDATE_SCREENSHOTS=1 writes the README's docs/waterfall.png; otherwise out/screenshots, so a test run leaves the tree clean
  it('renders the waterfall screenshot scene for the README', async () => {
    const folder = join(repoRoot, process.env.MLD_UPDATE_SCREENSHOTS ? 'docs' : 'out/screenshots');
    mkdirSync(folder, { recursive: true });
    const shot = await openPanel({ width: 900, height: 900 });
    const { connections, events } = fixtureTrace();
    await shot.holdDetails(events);
    await shot.post({ type: 'snapshot', connections, events: events.map(summarizeEvent), droppedCount: 0, maxEvents: 50_000, endpoint: ENDPOINT });
    await openEvent(shot, 'start_debugging');
    await shot.page.hover('.waterfall .wf-row[data-span-path="0"] .wf-track');
    await shot.page.click('.waterfall .wf-row[data-span-path="2"]');
    await shot.page.hover('.waterfall .wf-row[data-span-path="2"] .wf-track');
    await shot.nextFrame();
    const detail = await shot.page.$('.detail-cell');
    assert.ok(detail);
    const png = await detail.screenshot({ path: join(folder, 'waterfall.png') });
    assert.ok(png.length > 10_000 && png.length < 200_000, `the screenshot has content and stays small (${png.length} bytes)`);
    await shot.page.close();
  });
});
