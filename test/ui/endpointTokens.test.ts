// The Debug Tokens tab of the built webview in Chromium, driven by scripted host messages.
import { strict as assert } from 'node:assert';
import type { ToolEndpointPanelState } from '../../src/shared/toolEndpoint';
import type { HostMessage } from '../../src/shared/protocol';
import { PanelPage, usePanelPages } from './panelPage';

const HOUR = 60 * 60 * 1000;
const ORIGIN = 'http://127.0.0.1:43117';

function endpointState(now: number, active: boolean): ToolEndpointPanelState {
  return {
    origin: ORIGIN,
    tokens: {
      maxDurationMs: 4 * HOUR,
      active: active ? { id: 't-active', createdAt: now - 10 * 60 * 1000, by: 'alice', expiresAt: now - 10 * 60 * 1000 + 4 * HOUR } : undefined,
      history: [
        { id: 't-2', createdAt: now - 2 * HOUR, by: 'bob', endedAt: now - HOUR, durationMs: HOUR, endedHow: 'stopped' },
        { id: 't-1', createdAt: now - 7 * HOUR, by: 'alice', endedAt: now - 3 * HOUR, durationMs: 4 * HOUR, endedHow: 'expired' },
      ],
    },
    tools: [
      { name: 'list_debug_sessions', description: 'List every debug session.', inputSchema: { type: 'object', properties: {} } },
      {
        name: 'set_breakpoint',
        description: 'Set a breakpoint.',
        inputSchema: { type: 'object', properties: { sessionId: { type: 'string' }, file: { type: 'string' }, line: { type: 'integer', minimum: 1 }, condition: { type: 'string' } }, required: ['sessionId', 'file', 'line'] },
      },
    ],
  };
}

describe('debug tokens tab (webview in Chromium)', function () {
  this.timeout(60_000);
  const openPanel = usePanelPages();
  let panel: PanelPage;

  beforeEach(async () => {
    panel = await openPanel();
    await panel.post({ type: 'snapshot', connections: [], events: [], droppedCount: 0, maxEvents: 50_000, endpoint: { status: 'listening', url: `${ORIGIN}/mcp` } });
    await panel.tab('tokens');
  });
  afterEach(async () => {
    await panel.page.close();
  });

  async function show(active: boolean): Promise<void> {
    const now = await panel.page.evaluate(() => Date.now());
    const message: HostMessage = { type: 'toolEndpoint', state: endpointState(now, active) };
    await panel.post(message);
  }

  it('shows the active token with its time left and who started it, never a value', async () => {
    await show(true);
    const status = (await panel.page.innerText('#debug-tokens .token-status')).replace(/\s+/g, ' ');
    assert.match(status, /Active/);
    assert.match(status, /by alice/);
    assert.match(status, /3 h (49|50) min left/);
    assert.equal(await panel.page.isVisible('#stop-debug-token'), true);
  });

  it('lists past tokens: created, by whom, how long, how they ended', async () => {
    await show(true);
    const rows = await panel.page.$$eval('#debug-tokens .token-history tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    assert.equal(rows.length, 2);
    assert.match(rows[0], /bob 1 h 0 min Stopped$/);
    assert.match(rows[1], /alice 4 h 0 min Expired$/);
  });

  it('asks the host to start or stop a token session (the host runs the commands)', async () => {
    await show(false);
    assert.match(await panel.page.innerText('#debug-tokens .token-status'), /No debug token session is active/);
    await panel.page.click('#start-debug-token');
    const start = await panel.waitForPosted('endpointTokenCommand');
    assert.equal(start.body.command, 'start');
    await show(true);
    await panel.page.click('#stop-debug-token');
    const stop = await panel.waitForPosted('endpointTokenCommand', start.messageId);
    assert.equal(stop.body.command, 'stop');
  });

  it('builds GET and POST cURL commands for the picked tool, with $DEBUG_TOKEN, and copies them through the host', async () => {
    await show(true);
    const get = await panel.page.innerText('#curl-get');
    assert.match(get, /^curl -sS -G 'http:\/\/127\.0\.0\.1:43117\/debug\/list_debug_sessions' -H "Authorization: Token \$DEBUG_TOKEN"$/);
    await panel.page.selectOption('#curl-tool', 'set_breakpoint');
    await panel.nextFrame();
    const post = await panel.page.innerText('#curl-post');
    assert.match(post, /-X POST 'http:\/\/127\.0\.0\.1:43117\/debug\/set_breakpoint'/);
    assert.match(post, /--data '\{"sessionId":"<sessionId>","file":"<file>","line":1\}'/);
    assert.match(await panel.page.innerText('#curl-get'), /--data-urlencode 'line=1'/);
    await panel.page.click('#copy-curl-post');
    const copied = await panel.waitForPosted('copyText');
    assert.equal(copied.body.text, post);
  });
});
