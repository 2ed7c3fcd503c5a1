import * as assert from 'node:assert/strict';
import { CdpAnswers } from '../../src/debug/cdp/cdpAnswers';
import type { CdpCallFrame, CdpPause, JsDebugChannel, RemoteObject } from '../../src/debug/cdp/jsDebugChannel';
import type { JsDebugChannels } from '../../src/debug/cdp/jsDebugChannels';
import type { StackFrameInfo } from '../../src/debug/debugBridge';
import { DebugRecordOf } from '../../src/debug/debugRecord';
import type { DebugRecord } from '../../src/debug/sessionRegistry';

const GLOBAL_THIS: RemoteObject = { type: 'object', className: 'global', description: 'global', objectId: 'g1' };

function cdpFrame(functionName: string, scriptId: string, lineNumber: number, columnNumber: number, self: RemoteObject = GLOBAL_THIS): CdpCallFrame {
  return {
    callFrameId: `${functionName}@${lineNumber}`, functionName, this: self,
    functionLocation: { scriptId, lineNumber: 0, columnNumber: functionName.length },
    location: { scriptId, lineNumber, columnNumber },
  };
}

/** js-debug's frame for a CDP frame as it shows a script without a source map: 1-based, its file, its name. */
function shown(frame: CdpCallFrame, file: string, name: string, id: number): StackFrameInfo {
  return { id, name, file, line: frame.location.lineNumber + 1, column: (frame.location.columnNumber ?? 0) + 1 };
}

/** A channel in the given pause, its scripts without source maps but those listed as mapped. */
function channelIn(pause: { current?: CdpPause }, mapped: string[] = []): JsDebugChannel {
  return {
    names: new Map<string, string>(),
    scriptFiles: new Map<string, string>(),
    mappedScripts: new Set<string>(),
    showsPlainValues: true,
    currentPause: async () => pause.current,
    isPausedAt: (frame: CdpCallFrame) => pause.current?.callFrames[0] === frame,
    send: async (method: string, params: { scriptId?: string }) => {
      assert.equal(method, 'Debugger.getScriptSource');
      return { scriptSource: mapped.includes(params.scriptId ?? '') ? 'code\n//# sourceMappingURL=x.js.map' : 'code' };
    },
  } as unknown as JsDebugChannel;
}

function pausedRecord(): DebugRecord {
  const record = new DebugRecordOf({ id: 'r1', name: 'swap', language: 'javascript', startedBy: 'agent' }) as DebugRecord;
  record.handle = { id: 'vs1' } as DebugRecord['handle'];
  record.beginLaunch('launch');
  record.stopped({ reason: 'breakpoint', threadId: 1, at: 1 });
  return record;
}

describe("a js-debug stop's location read from the target", () => {
  const file = '/work/demo/swap_vars.js';
  const swapAt4 = cdpFrame('swap', '7', 3, 2);
  const mainAt12 = cdpFrame('main', '7', 11, 12);

  function setUp(mapped: string[] = []) {
    const pause: { current?: CdpPause } = { current: { reason: 'other', callFrames: [swapAt4, mainAt12] } };
    const channel = channelIn(pause, mapped);
    const answers = new CdpAnswers({ get: () => channel } as unknown as JsDebugChannels);
    return { pause, channel, answers, record: pausedRecord() };
  }

  it('answers nothing before js-debug showed the function, then its own location once a stack trace of it was seen', async () => {
    const { pause, answers, record } = setUp();
    assert.equal(await answers.stopLocation(record), undefined, 'no name known yet: js-debug must answer');
    await answers.learnFrames(record, [shown(swapAt4, file, 'global.swap', 1), shown(mainAt12, file, 'global.main', 2)], 0, record.stopCount);
    assert.deepEqual(await answers.stopLocation(record), { file, line: 4, column: 3, function: 'global.swap' });
    // a step to the caller: its name was learned from the same stack trace, one depth down
    record.resumed();
    record.stopped({ reason: 'step', threadId: 1, at: 2 });
    pause.current = { reason: 'other', callFrames: [cdpFrame('main', '7', 12, 2)] };
    assert.deepEqual(await answers.stopLocation(record), { file, line: 13, column: 3, function: 'global.main' });
  });

  it('learns nothing from a stack trace of a stop that is over (the pause read is another one)', async () => {
    const { answers, record } = setUp();
    const askedAt = record.stopCount;
    record.resumed();
    record.stopped({ reason: 'step', threadId: 1, at: 2 });
    await answers.learnFrames(record, [shown(swapAt4, file, 'global.swap', 1)], 0, askedAt);
    assert.equal(await answers.stopLocation(record), undefined);
  });

  it('learns no name js-debug took from a custom description of `this` (it may change), nor frames past one that does not pair', async () => {
    const { answers, record, channel } = setUp();
    // js-debug called a custom toString of `this`: a name that holds for that object's state only
    await answers.learnFrames(record, [shown(swapAt4, file, 'Point(1, 2).swap', 1), shown(mainAt12, file, 'global.main', 2)], 0, record.stopCount);
    assert.equal(await answers.stopLocation(record), undefined, 'the custom name is not learned');
    assert.equal(channel.names.size, 1, 'the frame below it still is');
    // an inlined frame at depth 0 shifts js-debug's depths: nothing below it pairs
    const other = setUp();
    await other.answers.learnFrames(other.record, [{ ...shown(swapAt4, file, 'inlined', 1), line: 99 }, shown(swapAt4, file, 'global.swap', 2)], 0, other.record.stopCount);
    assert.equal(other.channel.names.size, 0);
  });

  it('answers nothing for a script with a source map, whatever was seen', async () => {
    const { answers, record } = setUp(['7']);
    await answers.learnFrames(record, [shown(swapAt4, file, 'global.swap', 1)], 0, record.stopCount);
    assert.equal(await answers.stopLocation(record), undefined);
  });

  it('keeps the name per `this` and answers nothing once the session runs', async () => {
    const { pause, answers, record } = setUp();
    await answers.learnFrames(record, [shown(swapAt4, file, 'global.swap', 1)], 0, record.stopCount);
    // the same function with another `this`: js-debug names it after that one
    pause.current = { reason: 'other', callFrames: [cdpFrame('swap', '7', 3, 2, { type: 'undefined' })] };
    assert.equal(await answers.stopLocation(record), undefined);
    pause.current = { reason: 'other', callFrames: [swapAt4] };
    record.resumed();
    assert.equal(await answers.stopLocation(record), undefined);
  });
});
