// Replay and Compare in the built webview (Chromium): the replay editor, the diff view and the
// compare view, driven by scripted host messages (the host's side is tested in unit and integration).
import { strict as assert } from 'node:assert';
import { summarizeEvent } from '../../src/shared/eventSummary';
import type { HostMessage, ReplayOutcome } from '../../src/shared/protocol';
import type { TraceEvent } from '../../src/shared/trace';
import type { TraceComparison } from '../../src/shared/traceCompare';
import { BASE, fixtureTrace, SCRIPT } from './fixtureTrace';
import { PanelPage, usePanelPages } from './panelPage';

const ENDPOINT = { status: 'listening', url: 'http://127.0.0.1:43117/mcp' } as const;
const LOCALS_ID = 100;
const MASKED_ID = 101;
const REPLAY_ID = 102;

/** The fixture plus two recorded calls to replay: one plain, one with an argument masked when recorded. */
function events(): TraceEvent[] {
  const locals = { success: true, sessionId: 'session-1', variables: [{ name: 'count', value: '1', variablesReference: 0 }, { name: 'label', value: '"a"', variablesReference: 4 }] };
  return [
    ...fixtureTrace().events,
    {
      id: LOCALS_ID, timestamp: BASE + 9_000, connectionId: 'conn-agent-1', source: 'debugger', kind: 'request', method: 'tools/call', tool: 'get_local_variables', status: 'ok', latencyMs: 12,
      request: { jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'get_local_variables', arguments: { sessionId: 'session-1' } } },
      response: { jsonrpc: '2.0', id: 9, result: { content: [{ type: 'text', text: JSON.stringify(locals) }], structuredContent: locals } },
    },
    {
      id: MASKED_ID, timestamp: BASE + 9_100, connectionId: 'conn-agent-1', source: 'debugger', kind: 'request', method: 'tools/call', tool: 'start_debugging', status: 'ok', latencyMs: 900,
      request: { jsonrpc: '2.0', id: 10, method: 'tools/call', params: { name: 'start_debugging', arguments: { scriptPath: SCRIPT, env: { API_KEY: '[redacted]', MODE: 'test' } } } },
      response: { jsonrpc: '2.0', id: 10, result: { structuredContent: { success: true, state: 'paused' }, content: [] } },
    },
  ];
}

function snapshot(): HostMessage {
  return { type: 'snapshot', connections: fixtureTrace().connections, events: events().map(summarizeEvent), droppedCount: 0, maxEvents: 50_000, endpoint: ENDPOINT };
}

async function openReplay(panel: PanelPage, eventId: number): Promise<void> {
  await panel.tab('events');
  await panel.page.click(`[data-event-id="${eventId}"]`);
  await panel.page.waitForSelector('.event-bodies:not([aria-busy]) .replay-button');
  await panel.page.click('.replay-button');
  await panel.page.waitForSelector('dialog.replay-dialog[open]');
}

async function sendDisabled(panel: PanelPage): Promise<boolean> {
  return panel.page.$eval('#replay-send', (button) => button.hasAttribute('disabled'));
}

describe('Replay and Compare (webview in Chromium)', function () {
  this.timeout(60_000);
  const openPanel = usePanelPages();
  let panel: PanelPage;

  beforeEach(async () => {
    panel = await openPanel();
    await panel.holdDetails(events());
    await panel.post(snapshot());
  });
  afterEach(async () => {
    await panel.page.close();
  });

  describe('the replay editor', () => {
    it('opens from a recorded call with its arguments to edit, and sends what was edited', async () => {
      await openReplay(panel, LOCALS_ID);
      assert.equal(await panel.page.innerText('#replay-title'), 'Replay get_local_variables');
      assert.deepEqual(JSON.parse(await panel.page.inputValue('#replay-arguments')), { sessionId: 'session-1' });
      assert.equal(await panel.page.isVisible('.replay-masked'), false, 'nothing was masked');
      assert.equal(await sendDisabled(panel), false);

      await panel.page.fill('#replay-arguments', '{ "sessionId": ');
      assert.match(await panel.page.innerText('.replay-problem'), /^Not JSON/);
      assert.equal(await sendDisabled(panel), true);
      await panel.page.fill('#replay-arguments', '["session-1"]');
      assert.equal(await panel.page.innerText('.replay-problem'), 'The arguments must be a JSON object ({ … }).');
      assert.equal(await sendDisabled(panel), true);

      await panel.page.fill('#replay-arguments', '{ "sessionId": "session-2" }');
      assert.equal(await sendDisabled(panel), false);
      await panel.clearPosted();
      await panel.page.click('#replay-send');
      const sent = await panel.waitForPosted('replayCall');
      assert.deepEqual(sent.body, { type: 'replayCall', eventId: LOCALS_ID, arguments: { sessionId: 'session-2' } });
    });

    it('says which arguments were masked and sends nothing until they are filled in', async () => {
      await openReplay(panel, MASKED_ID);
      assert.equal(await panel.page.innerText('.replay-masked'), 'Masked when recorded, so not replayable as they are: env.API_KEY. Their values were never kept: type them in before sending.');
      assert.equal(await panel.page.innerText('.replay-problem'), 'Fill in what was masked: env.API_KEY still holds "[redacted]".');
      assert.equal(await sendDisabled(panel), true);
      await panel.clearPosted();
      await panel.page.click('#replay-send', { force: true });
      await panel.nextFrame();
      assert.equal((await panel.posted()).some((message) => message.body.type === 'replayCall'), false, 'a masked value is never sent');
      const edited = (await panel.page.inputValue('#replay-arguments')).replace('[redacted]', 'key-typed-in');
      await panel.page.fill('#replay-arguments', edited);
      assert.equal(await panel.page.innerText('.replay-problem'), '');
      assert.equal(await sendDisabled(panel), false);
      await panel.page.click('#replay-send');
      const sent = await panel.waitForPosted('replayCall');
      assert.deepEqual(sent.body.arguments, { scriptPath: SCRIPT, env: { API_KEY: 'key-typed-in', MODE: 'test' } });
    });

    it('is offered for tools/call only, and not for an imported file', async () => {
      await panel.tab('events');
      const listId = fixtureTrace().events.find((event) => event.method === 'tools/list')!.id;
      await panel.page.click(`[data-event-id="${listId}"]`);
      await panel.page.waitForSelector('.event-bodies:not([aria-busy])');
      assert.equal(await panel.page.$('.replay-button'), null);
      await panel.page.click(`[data-event-id="${listId}"]`);

      await panel.holdDetails(events(), true);
      await panel.post({ type: 'imported', info: { name: 'teammate.json', exportedAt: BASE }, connections: fixtureTrace().connections, events: events().map(summarizeEvent) });
      await panel.page.click(`[data-event-id="${LOCALS_ID}"]`);
      await panel.page.waitForSelector('.event-bodies:not([aria-busy])');
      assert.equal(await panel.page.$('.replay-button'), null, 'an imported call has no server here to go to');
    });
  });

  describe('the diff view', () => {
    const outcome = (overrides: Partial<ReplayOutcome> = {}): ReplayOutcome => ({
      originalId: LOCALS_ID, ok: true, replayEventId: REPLAY_ID, status: 'ok',
      recordedAnswer: { success: true, sessionId: 'session-1', variables: [{ name: 'count', value: '1', variablesReference: 0 }, { name: 'label', value: '"a"', variablesReference: 4 }] },
      answer: { success: true, sessionId: 'session-1', variables: [{ name: 'count', value: '2', variablesReference: 0 }, { name: 'label', value: '"a"', variablesReference: 7 }, { name: 'extra', value: 'true', variablesReference: 0 }] },
      ...overrides,
    });

    async function replayAnswered(answer: ReplayOutcome): Promise<void> {
      await openReplay(panel, LOCALS_ID);
      await panel.page.click('#replay-send');
      const sent = await panel.waitForPosted('replayCall');
      await panel.post({ type: 'replayResult', outcome: answer }, sent.messageId);
      await panel.page.waitForSelector('.replay-outcome:not([hidden]) .diff-summary');
    }

    const items = () => panel.page.$$eval('.diff-item', (rows) => rows.map((row) => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));

    it('shows added and changed values with their paths, ids and references left out until the toggle is cleared', async () => {
      await replayAnswered(outcome());
      assert.equal(await panel.page.innerText('.diff-summary'), '2 differences from the recorded answer: 1 changed, 1 added (1 change of ids or times left out).');
      assert.deepEqual(await items(), ['~variables["count"].value changed: "1" → "2"', '+variables["extra"] added: {"name":"extra","value":"true","variablesReference":0}']);
      assert.deepEqual(await panel.page.$$eval('.diff-item', (rows) => rows.map((row) => (row as HTMLElement).dataset.kind)), ['changed', 'added']);
      await panel.page.click('#replay-ignore-volatile');
      await panel.nextFrame();
      assert.equal(await panel.page.innerText('.diff-summary'), '3 differences from the recorded answer: 2 changed, 1 added.');
      assert.equal((await items())[1], '~variables["label"].variablesReference changed: 4 → 7');
      const description = await panel.page.evaluate(() => (window as unknown as { mcpLiveDebuggerPanel: { describe(): { replay?: unknown } } }).mcpLiveDebuggerPanel.describe().replay);
      assert.deepEqual(description, {
        originalId: LOCALS_ID, tool: 'get_local_variables', masked: [],
        outcome: { ok: true, message: undefined, replayEventId: REPLAY_ID, ignoreVolatile: false, ignored: 0, changes: [
          { kind: 'changed', path: 'variables["count"].value' }, { kind: 'changed', path: 'variables["label"].variablesReference' }, { kind: 'added', path: 'variables["extra"]' },
        ] },
      });
    });

    it('says when the answer is the same, and links to the event the replay was recorded as', async () => {
      const same = outcome();
      await replayAnswered({ ...same, answer: same.recordedAnswer });
      assert.equal(await panel.page.innerText('.diff-summary'), 'Same answer as recorded.');
      assert.equal(await panel.page.$$eval('.diff-item', (rows) => rows.length), 0);
      assert.match(await panel.page.innerText('.replay-outcome'), /Recorded as event #102, a replay of #100\./);
      const replayEvent: TraceEvent = { ...events().find((event) => event.id === LOCALS_ID)!, id: REPLAY_ID, connectionId: 'r-1', timestamp: BASE + 20_000, replayOf: LOCALS_ID };
      await panel.holdDetails([...events(), replayEvent]);
      await panel.post({ type: 'append', connections: [], events: [summarizeEvent(replayEvent)], droppedCount: 0, firstKeptId: 0 });
      await panel.page.click('#replay-event-link');
      await panel.page.waitForSelector(`[data-event-id="${REPLAY_ID}"][aria-expanded="true"]`);
      assert.equal(await panel.page.isVisible('dialog.replay-dialog'), false, 'the dialog closed to show the event');
      await panel.page.waitForSelector('.replay-of-link');
      assert.equal(await panel.page.innerText('.replay-of-link'), 'event #100');
      assert.equal(await panel.page.$eval(`[data-event-id="${REPLAY_ID}"]`, (row) => row.classList.contains('is-replay')), true);
    });

    it('shows a refusal by the policy, and a replay that was not sent', async () => {
      await replayAnswered(outcome({ status: 'denied', error: 'Denied: evaluate_expression runs an expression…', answer: { success: false, denied: true, error: 'Denied' } }));
      assert.match(await panel.page.innerText('.replay-outcome .error-banner'), /^Denied: Denied: evaluate_expression/);
      await panel.post({ type: 'replayResult', outcome: { originalId: LOCALS_ID, ok: false, message: 'Not sent: nothing serves proxy:gone calls now.' } });
      assert.equal(await panel.page.innerText('.replay-outcome'), 'Not sent: nothing serves proxy:gone calls now.');
      assert.equal(await panel.page.$('.replay-outcome .diff-summary'), null);
    });
  });

  describe('the compare view', () => {
    const comparison: TraceComparison = {
      base: { label: 'live store', calls: 5 },
      other: { label: 'ci-run.json', calls: 3 },
      tools: [
        { tool: 'get_local_variables', base: { calls: 3, errors: 1, errorRate: 1 / 3, p50: 12, p95: 40 }, other: { calls: 2, errors: 0, errorRate: 0, p50: 9, p95: 11 }, sameArguments: 1, differing: [{ arguments: '{"sessionId":"s1"}', baseEventId: 4, otherEventId: 17, changes: 1 }] },
        { tool: 'step_over', base: { calls: 2, errors: 0, errorRate: 0, p50: 30, p95: 31 }, sameArguments: 0, differing: [] },
        { tool: 'get_output', other: { calls: 1, errors: 0, errorRate: 0, p50: 2, p95: 2 }, sameArguments: 0, differing: [] },
      ],
    };

    it('asks the host for the traces and draws the tools side by side', async () => {
      await panel.page.click('#compare');
      await panel.page.waitForSelector('dialog.compare-dialog[open]');
      await panel.clearPosted();
      await panel.page.click('#compare-shown');
      const asked = await panel.waitForPosted('compareTraces');
      assert.deepEqual(asked.body, { type: 'compareTraces', base: 'shown', imported: false });
      await panel.post({ type: 'comparison', comparison }, asked.messageId);
      assert.equal(await panel.page.innerText('.compare-heading'), 'live store (5 calls) → ci-run.json (3 calls)');
      const rows = await panel.page.$$eval('.compare-table [role="row"]', (found) => found.map((row) => [...row.children].map((cell) => (cell as HTMLElement).innerText.trim())));
      assert.deepEqual(rows, [
        ['Tool', 'Calls', 'Error rate', 'p50', 'p95', 'Same arguments', 'Answers differ'],
        ['get_local_variables', '3 → 2', '33% → 0%', '12 ms → 9 ms', '40 ms → 11 ms', '1', '1 (#4 vs #17)'],
        ['step_over', '2 → –', '0% → –', '30 ms → –', '31 ms → –', '0', '0'],
        ['get_output', '– → 1', '– → 0%', '– → 2 ms', '– → 2 ms', '0', '0'],
      ]);
      assert.equal(await panel.page.$eval('[data-tool="get_local_variables"]', (row) => row.classList.contains('has-differences')), true);
    });

    it('compares two files, and shows why a compare failed', async () => {
      await panel.page.click('#compare');
      await panel.clearPosted();
      await panel.page.click('#compare-files');
      const asked = await panel.waitForPosted('compareTraces');
      assert.equal(asked.body.base, 'file');
      await panel.post({ type: 'comparison', message: 'Compare failed: Unexpected token' }, asked.messageId);
      assert.equal(await panel.page.innerText('.compare-dialog .error-banner'), 'Compare failed: Unexpected token');
      assert.equal(await panel.page.isVisible('.compare-table'), false);
    });
  });
});
