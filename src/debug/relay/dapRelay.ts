// A transparent relay between VS Code and a debug adapter we start, with a side door: our tools
// send their own DAP requests straight to the adapter instead of through
// DebugSession.customRequest, which in VS Code's remote/server build crosses the workbench (the
// browser) twice and queues behind the UI's own refresh after every stop. VS Code stays in step:
// when a direct request resumes the program the relay tells VS Code `continued`, and when one
// changes state it sends `invalidated`, as an adapter would.
// The adapter answers one request at a time, and after every stop the workbench sends a burst of
// its own (threads, stackTrace, scopes...). So the relay paces VS Code's inspection requests: one
// in flight, none while a direct request waits, a direct step has not stopped yet, or a direct
// answer came moments ago; none held longer than a second. An agent's calls are then not queued
// behind a UI refresh, and the UI catches up between them.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { Emitter } from '../../common/emitter';
import { RESUMING_COMMANDS } from '../dapCommands';
import type { DapBackend, DapMessage } from './dapBackend';

/** Our requests' sequence numbers live far above VS Code's, so responses are told apart. */
const DIRECT_SEQ_BASE = 1_000_000_000;
const DEFAULT_TIMEOUT_MS = 15_000;
/** VS Code requests that always answer promptly, so holding them back a little cannot deadlock a launch. */
const PACED_COMMANDS = new Set(['threads', 'stackTrace', 'scopes', 'variables', 'evaluate', 'source', 'loadedSources', 'modules', 'exceptionInfo', 'completions', 'breakpointLocations']);
/** A held VS Code request goes out after this long even if direct requests keep coming. */
const MAX_HOLD_MS = 1000;
/** After a direct answer an agent's next request follows within a few ms: keep the adapter free that long. */
const DIRECT_GRACE_MS = 20;

export class DapRequestError extends Error {
  constructor(readonly command: string, message: string) {
    super(message);
  }
}

interface Pending {
  command: string;
  args: Record<string, unknown> | undefined;
  stopsAtSend: number;
  resolve: (body: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class DapRelay {
  private readonly toClient = new Emitter<DapMessage>();
  /** Messages for VS Code (the relay is, to VS Code, the debug adapter). */
  readonly onDidSendMessage = this.toClient.event;
  private readonly pending = new Map<number, Pending>();
  private nextSeq = DIRECT_SEQ_BASE;
  private stops = 0;
  private clientSupportsInvalidated = false;
  private terminatedSent = false;
  private closed = false;
  private readonly heldRequests: { message: DapMessage; since: number }[] = [];
  private readonly pacedInFlight = new Set<number>();
  private holdTimer: NodeJS.Timeout | undefined;
  private lastDirectAnswer = 0;
  /** A direct step or continue was answered and its stop has not come yet: the adapter is busy stepping. */
  private resumedDirectly = false;

  constructor(private readonly backend: DapBackend) {
    backend.onMessage((message) => this.fromAdapter(message));
    backend.onClose((reason) => this.onBackendClosed(reason));
  }

  /** From VS Code: passed through untouched. */
  handleMessage(message: DapMessage): void {
    if (message.type === 'request' && message.command === 'initialize') {
      const args = message.arguments as DebugProtocol.InitializeRequestArguments | undefined;
      this.clientSupportsInvalidated = args?.supportsInvalidatedEvent === true;
    }
    if (message.type === 'request' && PACED_COMMANDS.has(message.command ?? '')) {
      this.heldRequests.push({ message, since: Date.now() });
      this.pump();
      return;
    }
    this.backend.send(message);
  }

  /** Sends the next held VS Code request when nothing of ours or theirs is in flight, or when it waited too long. */
  private pump(): void {
    while (this.heldRequests.length > 0 && !this.closed) {
      const head = this.heldRequests[0];
      const now = Date.now();
      const idle = this.pacedInFlight.size === 0 && this.pending.size === 0 && !this.resumedDirectly && now - this.lastDirectAnswer >= DIRECT_GRACE_MS;
      if (!idle && now - head.since < MAX_HOLD_MS) break;
      this.heldRequests.shift();
      this.pacedInFlight.add(head.message.seq);
      this.backend.send(head.message);
    }
    if (this.holdTimer) {
      clearTimeout(this.holdTimer);
      this.holdTimer = undefined;
    }
    if (this.heldRequests.length > 0 && !this.closed) {
      const now = Date.now();
      const untilForced = MAX_HOLD_MS - (now - this.heldRequests[0].since);
      const onlyGraceLeft = this.pacedInFlight.size === 0 && this.pending.size === 0 && !this.resumedDirectly;
      const wait = Math.max(0, onlyGraceLeft ? Math.min(untilForced, DIRECT_GRACE_MS - (now - this.lastDirectAnswer)) : untilForced);
      this.holdTimer = setTimeout(() => {
        this.holdTimer = undefined;
        this.pump();
      }, wait);
    }
  }

  /** Sends a request straight to the adapter; resolves with the response body, rejects with its message. */
  request<T = unknown>(command: string, args?: Record<string, unknown>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    if (this.closed) return Promise.reject(new DapRequestError(command, 'the debug adapter has ended'));
    const seq = this.nextSeq++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq);
        reject(new DapRequestError(command, `the debug adapter did not answer '${command}' within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(seq, { command, args, stopsAtSend: this.stops, resolve: resolve as (body: unknown) => void, reject, timer });
      this.backend.send({ seq, type: 'request', command, arguments: args });
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  dispose(): void {
    this.onBackendClosed('disposed');
    this.backend.dispose();
    this.toClient.dispose();
  }

  private fromAdapter(message: DapMessage): void {
    if (message.type === 'response' && typeof message.request_seq === 'number' && message.request_seq >= DIRECT_SEQ_BASE) {
      this.settle(message);
      this.pump();
      return;
    }
    if (message.type === 'response' && typeof message.request_seq === 'number' && this.pacedInFlight.delete(message.request_seq)) {
      this.toClient.fire(message);
      this.pump();
      return;
    }
    if (message.type === 'event') {
      if (message.event === 'stopped') this.stops++;
      if (message.event === 'terminated') this.terminatedSent = true;
    }
    this.toClient.fire(message);
    if (message.type === 'event' && this.resumedDirectly && ['stopped', 'terminated', 'exited'].includes(String(message.event))) {
      this.resumedDirectly = false;
      // the step's stop completes the agent's request: the grace counts from here
      this.lastDirectAnswer = Date.now();
      this.pump();
    }
  }

  private settle(response: DapMessage): void {
    const seq = response.request_seq as number;
    const pending = this.pending.get(seq);
    if (!pending) return;
    this.pending.delete(seq);
    clearTimeout(pending.timer);
    this.lastDirectAnswer = Date.now();
    if (response.success !== true) {
      const message = typeof response.message === 'string' ? response.message : `'${pending.command}' failed`;
      const formatted = (response as DebugProtocol.ErrorResponse).body?.error?.format;
      pending.reject(new DapRequestError(pending.command, formatted ?? message));
      return;
    }
    const body = response.body as Record<string, unknown> | undefined;
    // VS Code did not see this request: tell it what the program did, unless a stop already followed
    if (RESUMING_COMMANDS.has(pending.command) && this.stops === pending.stopsAtSend) {
      // a step's stop follows shortly; VS Code's requests would only delay it (bounded by MAX_HOLD_MS)
      this.resumedDirectly = true;
      const allThreadsContinued = pending.command === 'continue' ? body?.allThreadsContinued !== false : false;
      this.toClient.fire({ seq: 0, type: 'event', event: 'continued', body: { threadId: pending.args?.threadId, allThreadsContinued } });
    } else if (this.clientSupportsInvalidated && changesState(pending.command, pending.args)) {
      const invalidated: DebugProtocol.InvalidatedEvent = { seq: 0, type: 'event', event: 'invalidated', body: { areas: ['variables'] } };
      this.toClient.fire(invalidated);
    }
    pending.resolve(body);
  }

  private onBackendClosed(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.holdTimer) clearTimeout(this.holdTimer);
    // held VS Code requests will not reach the adapter now: answer them, so nothing waits forever
    for (const { message } of this.heldRequests.splice(0)) {
      const refused: DebugProtocol.Response = { seq: 0, type: 'response', request_seq: message.seq, command: message.command ?? '', success: false, message: `the debug adapter ended (${reason})` };
      this.toClient.fire(refused);
    }
    for (const [seq, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new DapRequestError(pending.command, `the debug adapter ended (${reason})`));
      this.pending.delete(seq);
    }
    if (!this.terminatedSent && reason !== 'disposed') {
      this.terminatedSent = true;
      this.toClient.fire({ seq: 0, type: 'event', event: 'output', body: { category: 'stderr', output: `Debug adapter ended: ${reason}\n` } });
      this.toClient.fire({ seq: 0, type: 'event', event: 'terminated', body: {} });
    }
  }
}

/** setVariable/setExpression, and an evaluate that assigns (`x = 1`, not `x == 1`), change what the views show. */
function changesState(command: string, args: Record<string, unknown> | undefined): boolean {
  if (command === 'setVariable' || command === 'setExpression') return true;
  if (command !== 'evaluate') return false;
  const expression = typeof args?.expression === 'string' ? args.expression : '';
  return /(^|[^=!<>])=($|[^=])/.test(expression);
}
