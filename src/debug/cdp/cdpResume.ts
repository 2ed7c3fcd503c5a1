// A continue of a js-debug session sent to its target over the CDP channel instead of as a DAP
// `continue` through the workbench (out 40-70 ms there, measured). It is js-debug's own continue:
// js-debug (v1.117 Thread.resume) sends the target just `Debugger.resume`, and sets nothing the
// next stop reads (no expected pause reason, unlike a step); it learns of the resume from the
// target's `Debugger.resumed`, which it gets on its own connection whoever resumed, and tells VS
// Code with a `continued` event, which is also all VS Code gets for our DAP continue (a
// customRequest makes the workbench simulate none). Its one other act, ending its source map
// holds, is why a continue goes this way only when none can be on (sourceMapHolds.ts).
import { recordChildSpan } from '../../trace/spanRecorder';
import type { DebugRecord } from '../sessionRegistry';
import type { JsDebugChannel } from './jsDebugChannel';
import type { JsDebugChannels } from './jsDebugChannels';

export class CdpResume {
  constructor(private readonly channels: JsDebugChannels) {}

  /** The channel a continue of this session may go over now, if any. */
  async channelFor(record: DebugRecord): Promise<JsDebugChannel | undefined> {
    const channel = record.handle ? this.channels.get(record.handle.id) : undefined;
    if (!channel || record.state !== 'paused') return undefined;
    const stopCount = record.stopCount;
    // the target's copy of the pause js-debug reported (one turn of the loop, or the channel still opening)
    await channel.currentPause();
    return this.stillUsable(channel, record, stopCount) ? channel : undefined;
  }

  /** Whether `channel` still may resume the stop `stopCount` (waits since channelFor may have changed that). */
  stillUsable(channel: JsDebugChannel, record: DebugRecord, stopCount: number): boolean {
    return record.state === 'paused' && record.stopCount === stopCount && record.handle !== undefined && this.channels.get(record.handle.id) === channel && channel.mayResumeDirectly();
  }

  /** Resumes the target; false when it did not resume (the DAP `continue` then decides). A `cdp.request` span of the calling tool. */
  resume(channel: JsDebugChannel): Promise<boolean> {
    return recordChildSpan(
      'cdp.request',
      { command: 'Debugger.resume', request: {}, attributes: { via: 'cdp', instead: 'dap:continue' } },
      () => channel.resume(),
      () => ({ response: {} }),
    ).then(() => true, () => false);
  }
}
