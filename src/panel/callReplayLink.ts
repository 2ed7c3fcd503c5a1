import type { ReplayOutcome, WebviewMessagePayloads } from '../shared/protocol';
import { answerOf, isTruncatedBody, maskedPaths, replayableCall, type ReplayTarget } from '../shared/replay';
import type { TraceEvent } from '../shared/trace';
import type { TraceStore } from '../trace/traceStore';

/**
 * The panel's side of Replay: finds the recorded call, refuses what cannot be sent as asked (not a
 * tool call, masked values left in, no server for its source now), hands the call to the part that
 * serves its source, and answers both answers and the event the replay was recorded as.
 */
export class CallReplayLink {
  constructor(private readonly store: TraceStore, private readonly targets: readonly ReplayTarget[]) {}

  async replay(message: WebviewMessagePayloads['replayCall']): Promise<ReplayOutcome> {
    const originalId = message.eventId;
    const fail = (text: string): ReplayOutcome => ({ originalId, ok: false, message: text });
    const original = this.store.get(originalId);
    if (!original) return fail('The recorded call is no longer held: the trace bound dropped it.');
    const call = replayableCall(original);
    if (!call.ok) return fail(call.reason);
    const masked = maskedPaths(message.arguments);
    if (masked.length > 0) {
      return fail(`Not sent: fill in the arguments that were masked when recorded (${masked.join(', ')}); their values were never kept.`);
    }
    const target = this.targets.find((candidate) => candidate.serves(original.source));
    if (!target) return fail(`Not sent: nothing serves ${original.source} calls now (a proxy upstream removed from mcpLiveDebugger.proxy.servers cannot be replayed).`);

    const recorded: TraceEvent[] = [];
    const listening = this.store.onDidAppend((event) => {
      if (event.replayOf === originalId && event.kind === 'request') recorded.push(event);
    });
    try {
      const answer = await target.replay({ source: original.source, tool: call.tool, arguments: message.arguments, replayOf: originalId });
      const replayEvent = answer.connectionId !== undefined ? recorded.find((event) => event.connectionId === answer.connectionId) : recorded.at(-1);
      return {
        originalId,
        ok: true,
        recordedAnswer: answerOf(original.response),
        answer: answerOf(answer.response),
        response: answer.response,
        replayEventId: replayEvent?.id,
        status: replayEvent?.status,
        error: replayEvent?.error,
        recordedTruncated: isTruncatedBody(original.response) || undefined,
      };
    } catch (error) {
      return fail(`The replay got no answer: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      listening.dispose();
    }
  }
}
