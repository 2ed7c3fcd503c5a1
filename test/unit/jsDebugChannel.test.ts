// The CDP channel against a stand-in for js-debug's proxy over a real WebSocket: it answers
// commands as the proxy does (its pause replay before the `Debugger.enable` answer, the target's
// answers and events), and the test decides when the target answers a `Debugger.resume`.
import * as assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CdpAnswers } from '../../src/debug/cdp/cdpAnswers';
import { JsDebugChannel, type CdpCallFrame, type CdpPause } from '../../src/debug/cdp/jsDebugChannel';
import type { JsDebugChannels } from '../../src/debug/cdp/jsDebugChannels';
import { DebugRecordOf } from '../../src/debug/debugRecord';
import type { DebugRecord } from '../../src/debug/sessionRegistry';

interface Command {
  id: number;
  method: string;
  params?: Record<string, unknown>;
}

const swapAt4: CdpCallFrame = {
  callFrameId: 'f1', functionName: 'swap', this: { type: 'object', className: 'global', description: 'global', objectId: 'g1' },
  functionLocation: { scriptId: '7', lineNumber: 0, columnNumber: 4 }, location: { scriptId: '7', lineNumber: 3, columnNumber: 2 },
};
const PAUSE: CdpPause = { reason: 'other', callFrames: [swapAt4] };

/** The proxy's side: every command it got in order, and a way to answer or send events. */
class FakeProxy {
  readonly commands: string[] = [];
  /** How a `Debugger.resume` is met; by default answered at once, then `Debugger.resumed`. */
  onResume: (command: Command) => void = (command) => {
    this.answer(command.id, {});
    this.event('Debugger.resumed');
  };
  private client: WebSocket | undefined;
  private paused: CdpPause | undefined = PAUSE;

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (client) => {
      this.client = client;
      client.on('message', (data) => this.receive(JSON.parse(String(data)) as Command));
    });
  }

  static async start(): Promise<FakeProxy> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/proxy' });
    await new Promise((resolve) => server.once('listening', resolve));
    return new FakeProxy(server);
  }

  get address(): { host: string; port: number; path: string } {
    return { host: '127.0.0.1', port: (this.server.address() as AddressInfo).port, path: '/proxy' };
  }

  answer(id: number, result: unknown): void {
    this.client?.send(JSON.stringify({ id, result }));
  }

  refuse(id: number, message: string): void {
    this.client?.send(JSON.stringify({ id, error: { code: -32000, message } }));
  }

  event(method: string, params: unknown = {}): void {
    if (method === 'Debugger.resumed') this.paused = undefined;
    if (method === 'Debugger.paused') this.paused = params as CdpPause;
    this.client?.send(JSON.stringify({ method, params }));
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(command: Command): void {
    this.commands.push(command.method);
    switch (command.method) {
      case 'Debugger.enable':
        // js-debug's proxy replays the current pause before it answers
        if (this.paused) this.event('Debugger.paused', this.paused);
        this.answer(command.id, {});
        return;
      case 'Debugger.resume':
        this.onResume(command);
        return;
      case 'Debugger.getScriptSource':
        this.answer(command.id, { scriptSource: 'function swap(a, b) {}' });
        return;
      default:
        this.answer(command.id, {});
    }
  }
}

async function openChannel(proxy: FakeProxy): Promise<JsDebugChannel> {
  const channel = new JsDebugChannel('vs1', { showsPlainValues: true, followsFromStart: true, breakpointFiles: () => [] });
  await channel.open(async () => proxy.address);
  return channel;
}

/** Resolves once a turn of the event loop has passed (poll, then check phase). */
function aTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      if (condition()) resolve();
      else if (Date.now() - started > 2000) reject(new Error('not within 2 s'));
      else setTimeout(check, 2);
    };
    check();
  });
}

describe("the CDP channel to js-debug's proxy", () => {
  let proxy: FakeProxy;
  const channels: JsDebugChannel[] = [];
  beforeEach(async () => {
    proxy = await FakeProxy.start();
  });
  afterEach(async () => {
    for (const channel of channels.splice(0)) channel.dispose();
    await proxy.close();
  });
  async function opened(): Promise<JsDebugChannel> {
    const channel = await openChannel(proxy);
    channels.push(channel);
    return channel;
  }

  it('a read a turn or more after the stop answers the pause without waiting for another turn', async () => {
    const channel = await opened();
    channel.sawStop();
    assert.equal(channel.settledPause(), undefined, 'right after js-debug reported the stop its copy may still be on the way');
    await aTurn();
    assert.deepEqual(channel.settledPause(), PAUSE);
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    assert.deepEqual(await channel.currentPause(), PAUSE);
    assert.equal(turned, false, 'answered within the same turn');
  });

  it('a read in the turn js-debug reported a stop still waits one turn for the copy', async () => {
    const channel = await opened();
    await aTurn();
    channel.sawStop();
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    assert.deepEqual(await channel.currentPause(), PAUSE);
    assert.equal(turned, true);
  });

  it("a resume settles at the target's Debugger.resumed when that comes before V8's answer", async () => {
    const channel = await opened();
    let resumeId = 0;
    // the answer comes only once the resume settled (before the change it waited for the answer)
    proxy.onResume = (command) => {
      resumeId = command.id;
      proxy.event('Debugger.resumed');
    };
    await channel.resume();
    assert.ok(resumeId > 0);
    assert.equal(channel.settledPause(), undefined, 'the pause is over');
    proxy.answer(resumeId, {});
  });

  it("a resume settles at V8's answer, and fails when V8 refused and the target did not resume", async () => {
    const channel = await opened();
    await channel.resume();
    assert.ok(proxy.commands.includes('Debugger.resume'));
    proxy.event('Debugger.paused', PAUSE);
    await until(() => channel.settledPause() !== undefined);
    proxy.onResume = (command) => proxy.refuse(command.id, 'Can only perform operation while paused.');
    await assert.rejects(channel.resume(), /only perform operation while paused/);
  });

  it('a resume whose answer the closing channel lost fails unless the target said it resumed', async () => {
    const channel = await opened();
    proxy.onResume = () => undefined;
    const resuming = channel.resume();
    await until(() => proxy.commands.includes('Debugger.resume'));
    channel.dispose();
    await assert.rejects(resuming);
  });

  it('learning the stop before a resume reads the pause at once and sends its source map check ahead of the resume', async () => {
    const channel = await opened();
    await aTurn();
    const record = new DebugRecordOf({ id: 'r1', name: 'swap', language: 'javascript', startedBy: 'agent' }) as DebugRecord;
    record.handle = { id: 'vs1' } as DebugRecord['handle'];
    record.beginLaunch('launch');
    record.stopped({ reason: 'breakpoint', threadId: 1, at: 1 });
    const answers = new CdpAnswers({ get: () => channel } as unknown as JsDebugChannels);
    const frame = { id: 1, name: 'global.swap', file: '/work/demo/swap_vars.js', line: 4, column: 3 };
    assert.equal(answers.learnBeforeResume(record, [frame]), undefined, 'nothing to wait for before resuming');
    await channel.resume();
    assert.deepEqual(proxy.commands.filter((command) => command.startsWith('Debugger.') && command !== 'Debugger.enable'), ['Debugger.getScriptSource', 'Debugger.resume']);
    await until(() => channel.names.size > 0);
    assert.deepEqual([...channel.names.values()], ['global.swap'], 'learned from the pause read before the resume');
  });

  it('learning before a resume waits when the channel has not read the pause yet', async () => {
    const channel = await opened();
    const record = new DebugRecordOf({ id: 'r1', name: 'swap', language: 'javascript', startedBy: 'agent' }) as DebugRecord;
    record.handle = { id: 'vs1' } as DebugRecord['handle'];
    record.beginLaunch('launch');
    record.stopped({ reason: 'breakpoint', threadId: 1, at: 1 });
    channel.sawStop();
    const answers = new CdpAnswers({ get: () => channel } as unknown as JsDebugChannels);
    const learning = answers.learnBeforeResume(record, [{ id: 1, name: 'global.swap', file: '/work/demo/swap_vars.js', line: 4, column: 3 }]);
    assert.ok(learning, 'a promise to wait for');
    await learning;
    assert.deepEqual([...channel.names.values()], ['global.swap']);
  });
});
