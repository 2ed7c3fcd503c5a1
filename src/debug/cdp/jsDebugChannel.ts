// A direct line to the Node target of a js-debug session, through js-debug's CDP proxy
// (`extension.js-debug.requestCDPProxy`): the proxy shares js-debug's own connection to the
// target, so a read or an evaluation over it sees the very pause VS Code shows, without the trip
// extension host → workbench → extension host that every DebugSession.customRequest makes. The
// proxy runs where js-debug runs (the extension host, next to the debuggee, also over Remote-SSH
// or in a Codespace), so it does not cross the workbench link either.
// The channel follows the target's pauses; what may be answered from them is cdpAnswers.ts, and
// when a continue may resume the target over it is cdpResume.ts.
// The channel itself knows nothing of VS Code (jsDebugChannels.ts opens one per js-debug session).
import type { IDisposable } from '../../common/disposable';
import { currentSpanCollector } from '../../trace/spanRecorder';
import { AckNudger } from './ackNudger';
import { CdpConnection } from './cdpConnection';
import { fileReferencesSourceMap, SourceMapHolds, type BreakpointFile } from './sourceMapHolds';

/** A value in the target (CDP `Runtime.RemoteObject`), as far as the answers use it. */
export interface RemoteObject {
  type: string;
  subtype?: string;
  className?: string;
  value?: unknown;
  unserializableValue?: string;
  description?: string;
  objectId?: string;
}

/** What a pause of the target says (CDP `Debugger.paused`), as far as the answers use it. */
export interface CdpCallFrame {
  callFrameId: string;
  functionName: string;
  functionLocation?: { scriptId: string; lineNumber: number; columnNumber?: number };
  location: { scriptId: string; lineNumber: number; columnNumber?: number };
  scopeChain?: { type: string; name?: string; object: RemoteObject }[];
  this: RemoteObject;
  returnValue?: RemoteObject;
}

export interface CdpPause {
  callFrames: CdpCallFrame[];
  reason: string;
  /** The target's breakpoints it paused at (V8's ids), if any. */
  hitBreakpoints?: string[];
}

/** Where js-debug's CDP proxy for a session listens (its answer to `requestCDPProxy`). */
export interface ProxyAddress {
  host: string;
  port: number;
  path?: string;
}
const CONNECT_TIMEOUT_MS = 5000;
/** A command that reads nothing and changes nothing in the target or in js-debug (its proxy forwards it): the nudge of ackNudger.ts. */
const NUDGE_COMMAND = 'Runtime.getIsolateId';
/** The longest one of our commands is nudged for (an answer later than this is the target's own time, not Nagle's). */
const COMMAND_NUDGE_MS = 500;
/** The longest a resume is nudged for, waiting for the target's next pause (a step's; a short run's end). */
const RESUME_NUDGE_MS = 300;
/** The longest a DAP request to js-debug (the workbench's or ours) is nudged for while js-debug asks the target. */
const REQUEST_NUDGE_MS = 500;
/** How long a read waits for the target's pause once js-debug reported the stop. */
const PAUSE_COPY_WAIT_MS = 100;
/**
 * How long a read waits for a channel still opening. Its proxy request went through the workbench
 * before any request of the read's would, so waiting for it is not slower than the DAP path; the
 * bound only covers a proxy that never answers.
 */
const OPEN_WAIT_MS = 3000;

export interface JsDebugChannelOptions {
  /**
   * js-debug shows this session's values in its own way (no customDescriptionGenerator or
   * customPropertiesGenerator in its configurations) and in English, so that a scope read from
   * the target can be shaped as its answer.
   */
  showsPlainValues: boolean;
  /**
   * The channel was asked for before the target ran (at the `initialize` answer), so it sees
   * every stop that could make js-debug hold a source map off.
   */
  followsFromStart: boolean;
  /** The files of VS Code's enabled source breakpoints, the ones js-debug is given. */
  breakpointFiles: () => readonly BreakpointFile[];
}

export class JsDebugChannel {
  private connection: CdpConnection | undefined;
  private paused: CdpPause | undefined;
  /** Pauses seen since the channel opened, and their count when the session was last asked to resume. */
  private pauses = 0;
  private pausesAtResume = 0;
  /** `Debugger.resumed` events seen: tells whether a resume whose answer was lost took effect. */
  private resumes = 0;
  /** Whether js-debug may be holding a source map off until its own `continue` (sourceMapHolds.ts). */
  private readonly sourceMapHolds: SourceMapHolds;
  private readonly pauseWaiters: (() => void)[] = [];
  private readonly resumeWaiters: (() => void)[] = [];
  /**
   * Stops js-debug reported (and opens of the channel), and how many of them a turn of the event
   * loop has passed since: by then the target's copy of that pause, sent before js-debug's stop,
   * has been read (currentPause).
   */
  private stopsSeen = 0;
  private stopsSettled = 0;
  /** Settles when an open under way succeeded or failed. */
  private opening: Promise<void> | undefined;
  private nudger: AckNudger | undefined;
  private resumeNudge: IDisposable | undefined;
  /** DAP requests to js-debug not answered yet, by seq: js-debug may be asking the target for them. */
  private readonly requestNudges = new Map<number, IDisposable>();
  /** Function names as js-debug shows them, learned from its stack traces (see cdpAnswers.ts). */
  readonly names = new Map<string, string>();
  /** Files of the target's scripts that have no source map, by script id, learned the same way. */
  readonly scriptFiles = new Map<string, string>();
  /** Scripts that have a source map (js-debug shows another source for them). */
  readonly mappedScripts = new Set<string>();

  readonly showsPlainValues: boolean;

  constructor(readonly sessionId: string, options: JsDebugChannelOptions) {
    this.showsPlainValues = options.showsPlainValues;
    this.sourceMapHolds = new SourceMapHolds(options.followsFromStart, options.breakpointFiles, fileReferencesSourceMap);
  }

  get isOpen(): boolean {
    return this.connection !== undefined && !this.connection.isClosed;
  }

  /** Whether the channel is open, or opening (reads then wait for it). */
  get isOpenOrOpening(): boolean {
    return this.isOpen || this.opening !== undefined;
  }

  /**
   * Asks js-debug for its proxy (`askProxy`) and connects; leaves the channel closed (and the DAP
   * path in use) when anything fails. Reads meanwhile wait for it (currentPause).
   */
  open(askProxy: () => Promise<ProxyAddress | undefined>): Promise<void> {
    const opening = this.connect(askProxy);
    this.opening = opening.then(() => undefined, () => undefined);
    const settled = this.opening;
    void settled.then(() => {
      if (this.opening === settled) this.opening = undefined;
    });
    return opening;
  }

  private async connect(askProxy: () => Promise<ProxyAddress | undefined>): Promise<void> {
    const address = await askProxy();
    if (!address) throw new Error('js-debug gave no proxy address');
    const host = address.host.includes(':') ? `[${address.host}]` : address.host;
    const connection = await CdpConnection.open(`ws://${host}:${address.port}${address.path ?? ''}`, CONNECT_TIMEOUT_MS);
    const nudger = new AckNudger(() => connection.send(NUDGE_COMMAND));
    connection.onEvent((event) => {
      if (event.method === 'Debugger.paused') {
        this.paused = event.params as unknown as CdpPause;
        this.pauses++;
        if (this.paused.hitBreakpoints?.length) this.sourceMapHolds.sawBreakpointHit();
        this.endResumeNudge();
        for (const waiter of this.pauseWaiters.splice(0)) waiter();
      } else if (event.method === 'Debugger.resumed') {
        this.paused = undefined;
        this.resumes++;
        for (const waiter of this.resumeWaiters.splice(0)) waiter();
      }
    });
    connection.onClose(() => {
      this.paused = undefined;
      nudger.dispose();
    });
    await connection.send('JsDebug.subscribe', { events: ['Debugger.paused', 'Debugger.resumed'] });
    this.connection = connection;
    this.nudger = nudger;
    // the domain is enabled already (by js-debug): the proxy answers with a replay of the current pause
    await connection.send('Debugger.enable', {});
    // opened during a pause: the stops before it went unseen
    if (this.pauses > 0) this.sourceMapHolds.historyUnknown();
    // the replay came before that answer; a pause of the target's right behind it gets a turn too
    this.sawStop();
  }

  /**
   * js-debug reported a stop of this target (the tracker saw its `stopped`). The target's copy of
   * that pause went to the proxy before js-debug's stop, and is read within a turn of the event loop.
   */
  sawStop(): void {
    const stops = ++this.stopsSeen;
    setImmediate(() => this.settled(stops));
  }

  private settled(stops: number): void {
    if (stops > this.stopsSettled) this.stopsSettled = stops;
  }

  /** The session was asked to resume (a step, continue...): pauses before this one are over. */
  sawResume(): void {
    this.pausesAtResume = this.pauses;
    // the target's pause after a step comes right behind its answer and `Debugger.resumed`
    this.endResumeNudge();
    this.resumeNudge = this.nudger?.hold(RESUME_NUDGE_MS);
  }

  /** js-debug got a DAP `continue` (from whoever): it resumes through Thread.resume, which ends its source map holds. */
  sawContinue(): void {
    this.sourceMapHolds.sawContinue();
  }

  /**
   * Whether resuming the target over CDP now is what js-debug's own `continue` would do: the
   * target is in the pause js-debug reported (read through currentPause first), and js-debug
   * holds no source map off that its `continue` would end.
   */
  mayResumeDirectly(): boolean {
    return this.isOpen && this.paused !== undefined && this.pauses > this.pausesAtResume && !this.sourceMapHolds.mayHold();
  }

  /**
   * Resumes the target (CDP `Debugger.resume`, what js-debug's continue sends); settles at V8's
   * answer or at the target's `Debugger.resumed`, whichever comes first: V8 answers the command
   * once it left the pause loop and sends the event when the pause is over, both facts of the
   * target running again (through js-debug's proxy the event may overtake the answer). Fails when
   * the target did not resume: V8 refused, or the answer was lost and no `Debugger.resumed` came.
   */
  async resume(): Promise<void> {
    const resumesBefore = this.resumes;
    this.sawResume();
    let resumedWaiter: (() => void) | undefined;
    const resumed = new Promise<void>((resolve) => {
      resumedWaiter = resolve;
      this.resumeWaiters.push(resolve);
    });
    const answer = this.send('Debugger.resume', {});
    try {
      await Promise.race([answer, resumed]);
    } catch (error) {
      if (this.resumes === resumesBefore) throw error;
    } finally {
      answer.catch(() => undefined);
      const waiting = this.resumeWaiters.indexOf(resumedWaiter as () => void);
      if (waiting >= 0) this.resumeWaiters.splice(waiting, 1);
    }
  }

  /** js-debug got a DAP request (from whoever): nudged until its response. */
  sawRequest(seq: number): void {
    const nudge = this.nudger?.hold(REQUEST_NUDGE_MS);
    if (nudge) this.requestNudges.set(seq, nudge);
  }

  sawResponse(requestSeq: number): void {
    this.requestNudges.get(requestSeq)?.dispose();
    this.requestNudges.delete(requestSeq);
  }

  private endResumeNudge(): void {
    this.resumeNudge?.dispose();
    this.resumeNudge = undefined;
  }

  /**
   * The target's current pause, when one came after the last resume. A `stopped` event reaches
   * the DAP tracker after js-debug handled the target's pause, whose proxy copy was sent before:
   * one turn of the event loop after the stop lets that copy (and any auto-resume before it) be
   * read first. A read a turn or more after the stop (any tool call after the one that saw it)
   * does not wait for another.
   */
  async currentPause(): Promise<CdpPause | undefined> {
    if (this.opening) await settledWithin(this.opening, OPEN_WAIT_MS);
    if (!this.isOpen) return undefined;
    if (this.stopsSettled < this.stopsSeen) {
      const stops = this.stopsSeen;
      await new Promise((resolve) => setImmediate(resolve));
      this.settled(stops);
    }
    if (this.pauses <= this.pausesAtResume) {
      // the two come on different sockets, and a busy extension host may read js-debug's stop first: wait for the copy, briefly
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, PAUSE_COPY_WAIT_MS);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.pauseWaiters.push(done);
      });
    }
    return this.paused && this.pauses > this.pausesAtResume ? this.paused : undefined;
  }

  /**
   * The target's current pause without waiting, when currentPause would answer it at once (a turn
   * passed since the last stop and a pause came after the last resume); undefined when it must be asked.
   */
  settledPause(): CdpPause | undefined {
    return this.isOpen && this.stopsSettled >= this.stopsSeen && this.pauses > this.pausesAtResume ? this.paused : undefined;
  }

  /** Whether the target is still in the pause whose top frame is `frame` (read from currentPause). */
  isPausedAt(frame: CdpCallFrame): boolean {
    return this.isOpen && this.pauses > this.pausesAtResume && this.paused?.callFrames[0] === frame;
  }

  send<T>(method: string, params: object): Promise<T> {
    if (!this.connection) return Promise.reject(new Error('the CDP channel is not open'));
    const nudge = this.nudger?.hold(COMMAND_NUDGE_MS);
    const collector = currentSpanCollector();
    const start = Date.now();
    const answer = this.connection.send<T>(method, params);
    const done = (): void => {
      nudge?.dispose();
      // the panel shows which answers needed nudges (and tests see that they ran)
      if (nudge && nudge.nudges > 0) {
        collector?.addChild({ name: 'cdp.nudge', start, duration_ms: Date.now() - start, status: 'ok', command: NUDGE_COMMAND, attributes: { via: 'cdp', nudges: nudge.nudges, waitingFor: method }, children: [] });
      }
    };
    answer.then(done, done);
    return answer;
  }

  dispose(): void {
    this.endResumeNudge();
    this.requestNudges.clear();
    this.nudger?.dispose();
    this.nudger = undefined;
    this.connection?.dispose();
    this.connection = undefined;
    this.paused = undefined;
    // a resume waiting meanwhile fails with its command's answer (the connection closed)
    this.resumeWaiters.length = 0;
  }
}

/** Waits for `promise` to settle, at most `ms`. */
async function settledWithin(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
