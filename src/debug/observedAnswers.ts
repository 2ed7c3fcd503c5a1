// The adapter's answers as the DAP tracker sees them, for requests that would otherwise cross the
// workbench. A custom request crosses it twice (extension host → workbench → adapter and back);
// the tracker, in our extension host, sees the adapter's response before its trip back, which on a
// busy or remote workbench is most of the request's time. Two uses:
// - the answer to our own custom request (or to an identical one sent after ours), as soon as the
//   adapter gives it;
// - the answers to the reads the workbench itself makes after a stop (stackTrace, scopes,
//   variables for its views), reused for the same read until anything else happens on the
//   session: any other request (an evaluate, a step, a changed variable...) or an event that
//   changes the state forgets them, so a read is never answered from before a change.
import type { DebugProtocol } from '@vscode/debugprotocol';

/** Reads whose answers hold until another request or a state event comes. */
const READS: ReadonlySet<string> = new Set(['stackTrace', 'scopes', 'variables']);
/** Events after which earlier reads may no longer hold. */
const CHANGING_EVENTS: ReadonlySet<string> = new Set(['stopped', 'continued', 'invalidated', 'thread', 'exited', 'terminated', 'memory']);

interface Read {
  seq: number;
  answer: Promise<unknown>;
  resolve: (body: unknown) => void;
  reject: (error: Error) => void;
}

interface Waiter {
  key: string;
  /** The seq of the request the tracker saw for this waiter, once it did. */
  seq?: number;
  resolve: (body: unknown) => void;
  reject: (error: Error) => void;
}

export class ObservedAnswers {
  /** Waiters by VS Code debug session id, in the order the requests were sent. */
  private readonly waiters = new Map<string, Waiter[]>();
  /** Reads made since the last change, by VS Code debug session id and request key. */
  private readonly reads = new Map<string, Map<string, Read>>();

  /**
   * Resolves with the body of the adapter's response to the next request `command(args)` the
   * tracker sees on this session, rejects with the adapter's message when it fails. `cancel` drops
   * the wait (the custom request answered first).
   */
  expect<T>(sessionId: string, command: string, args: object | undefined): { answer: Promise<T>; cancel: () => void } {
    const { answer, resolve, reject } = deferred();
    const waiter: Waiter = { key: requestKey(command, args), resolve, reject };
    this.waiters.set(sessionId, [...(this.waiters.get(sessionId) ?? []), waiter]);
    return { answer: answer as Promise<T>, cancel: () => this.remove(sessionId, waiter) };
  }

  /**
   * The answer (given or on its way) to the same read made since the last change on the session,
   * by whoever made it; undefined when there is none, and always for anything but a read.
   */
  recentRead<T>(sessionId: string, command: string, args: object | undefined): Promise<T> | undefined {
    if (!READS.has(command)) return undefined;
    return this.reads.get(sessionId)?.get(requestKey(command, args))?.answer as Promise<T> | undefined;
  }

  /**
   * A request on its way to the adapter: the first waiter for the same command and arguments
   * takes it; a read is remembered, anything else forgets the reads made before it.
   */
  sawRequest(sessionId: string, request: DebugProtocol.Request): void {
    const key = requestKey(request.command, request.arguments as object | undefined);
    const waiter = this.waiters.get(sessionId)?.find((candidate) => candidate.seq === undefined && candidate.key === key);
    if (waiter) waiter.seq = request.seq;
    if (!READS.has(request.command)) {
      this.reads.delete(sessionId);
      return;
    }
    const reads = this.reads.get(sessionId) ?? new Map<string, Read>();
    this.reads.set(sessionId, reads);
    if (reads.has(key)) return;
    const read = { seq: request.seq, ...deferred() };
    // a failed read is forgotten; whoever reused it gets the same failure
    read.answer.catch(() => undefined);
    reads.set(key, read);
  }

  /** The adapter's response: settles the waiter that took its request, and the read it answers. */
  sawResponse(sessionId: string, response: DebugProtocol.Response): void {
    const reads = this.reads.get(sessionId);
    if (reads) {
      for (const [key, read] of reads) {
        if (read.seq !== response.request_seq) continue;
        if (response.success) read.resolve(response.body);
        else {
          reads.delete(key);
          read.reject(new Error(failureMessage(response)));
        }
        break;
      }
    }
    const waiter = this.waiters.get(sessionId)?.find((candidate) => candidate.seq === response.request_seq);
    if (!waiter) return;
    this.remove(sessionId, waiter);
    if (response.success) waiter.resolve(response.body);
    else waiter.reject(new Error(failureMessage(response)));
  }

  /** An event from the adapter: one that changes the program's state forgets the reads made before it. */
  sawEvent(sessionId: string, event: DebugProtocol.Event): void {
    if (CHANGING_EVENTS.has(event.event)) this.reads.delete(sessionId);
  }

  /** The session's adapter is gone: its custom requests answer (or fail) by themselves. */
  sessionEnded(sessionId: string): void {
    this.waiters.delete(sessionId);
    this.reads.delete(sessionId);
  }

  private remove(sessionId: string, waiter: Waiter): void {
    const list = this.waiters.get(sessionId)?.filter((candidate) => candidate !== waiter);
    if (list && list.length > 0) this.waiters.set(sessionId, list);
    else this.waiters.delete(sessionId);
  }
}

function deferred(): { answer: Promise<unknown>; resolve: (body: unknown) => void; reject: (error: Error) => void } {
  let resolve: (body: unknown) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const answer = new Promise<unknown>((onAnswer, onFailure) => {
    resolve = onAnswer;
    reject = onFailure;
  });
  return { answer, resolve, reject };
}

/** Command and arguments as JSON with sorted keys: the workbench passes the arguments on as JSON. */
export function requestKey(command: string, args: object | undefined): string {
  return `${command} ${stableJson(args ?? {})}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : stableJson(item))).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What VS Code's own custom request would fail with: the adapter's formatted error, else its message. */
function failureMessage(response: DebugProtocol.Response): string {
  const error = (response as DebugProtocol.ErrorResponse).body?.error;
  if (error?.format) return error.format.replace(/\{(\w+)\}/g, (whole, name: string) => error.variables?.[name] ?? whole);
  return response.message ?? `'${response.command}' failed`;
}
