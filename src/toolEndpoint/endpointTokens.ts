import { createHash, randomBytes } from 'node:crypto';
import { Disposable, toDisposable, type IDisposable } from '../common/disposable';
import { Emitter } from '../common/emitter';
import type { EndpointTokenEnd, EndpointTokenHistoryEntry, EndpointTokenInfo, EndpointTokenState } from '../shared/toolEndpoint';
import { secretsEqual } from '../http/requestGuard';

/** The hard ceiling of a debug token's life, whatever the setting says. */
export const MAX_ENDPOINT_TOKEN_MS = 4 * 60 * 60 * 1000;
export const DEFAULT_HISTORY_LIMIT = 100;

/** Time as the manager sees it; tests pass a fake one to expire tokens without waiting. */
export interface Clock {
  now(): number;
  setTimer(callback: () => void, delayMs: number): IDisposable;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return toDisposable(() => clearTimeout(timer));
  },
};

export interface EndpointTokenManagerOptions {
  clock?: Clock;
  /** Read at each creation, so a changed setting applies to the next token; clamped to 4 hours. */
  maxDurationMs?: () => number;
  /** Constant-time comparison; injectable so tests can see that every check goes through it. */
  compare?: (given: string, expected: string) => boolean;
  historyLimit?: number;
}

export interface CreatedEndpointToken {
  /** The secret itself: returned here once and never again. */
  value: string;
  token: EndpointTokenInfo;
  /** The token this one ended, if one was active. */
  replaced?: EndpointTokenHistoryEntry;
}

export type EndpointTokenVerdict =
  | { ok: true; token: EndpointTokenInfo }
  | { ok: false; status: 401; reason: 'missing' | 'wrong'; message: string }
  | { ok: false; status: 403; reason: EndpointTokenEnd; message: string };

interface ActiveToken {
  info: EndpointTokenInfo;
  value: string;
  expiry: IDisposable;
}

/**
 * Temporary tokens for the debug endpoint: at most one active, each living at most 4 hours,
 * revocable at once. Ended tokens are remembered only as a SHA-256 digest (to tell "expired"
 * from "wrong"), and the history handed out holds who/when/how, never a token value.
 */
export class EndpointTokenManager extends Disposable {
  private readonly clock: Clock;
  private readonly compare: (given: string, expected: string) => boolean;
  private readonly historyLimit: number;
  private current: ActiveToken | undefined;
  private readonly entries: EndpointTokenHistoryEntry[] = [];
  /** Digest of each ended token → how it ended; bounded like the history. */
  private readonly endedDigests: { digest: string; entry: EndpointTokenHistoryEntry }[] = [];
  private readonly changed = this.register(new Emitter<EndpointTokenState>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly options: EndpointTokenManagerOptions = {}) {
    super();
    this.clock = options.clock ?? systemClock;
    this.compare = options.compare ?? secretsEqual;
    this.historyLimit = Math.max(1, options.historyLimit ?? DEFAULT_HISTORY_LIMIT);
    this.register(toDisposable(() => this.current?.expiry.dispose()));
  }

  get maxDurationMs(): number {
    const wanted = this.options.maxDurationMs?.() ?? MAX_ENDPOINT_TOKEN_MS;
    return Number.isFinite(wanted) && wanted > 0 ? Math.min(wanted, MAX_ENDPOINT_TOKEN_MS) : MAX_ENDPOINT_TOKEN_MS;
  }

  /** The active token, if any and not yet expired (an expiry due now is applied first). */
  get active(): EndpointTokenInfo | undefined {
    this.expireIfDue();
    return this.current ? { ...this.current.info } : undefined;
  }

  /** Newest first. */
  get history(): EndpointTokenHistoryEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  get state(): EndpointTokenState {
    return { active: this.active, history: this.history, maxDurationMs: this.maxDurationMs };
  }

  /** Starts a new token; an active one ends as `replaced`. */
  create(by: string): CreatedEndpointToken {
    this.expireIfDue();
    const replaced = this.current ? this.end('replaced', false) : undefined;
    const now = this.clock.now();
    const durationMs = this.maxDurationMs;
    const info: EndpointTokenInfo = { id: `t-${randomBytes(6).toString('hex')}`, createdAt: now, by, expiresAt: now + durationMs };
    const value = `mld_${randomBytes(32).toString('base64url')}`;
    const expiry = this.clock.setTimer(() => this.expireIfDue(), durationMs);
    this.current = { info, value, expiry };
    this.fireChanged();
    return { value, token: { ...info }, replaced };
  }

  /** Ends the active token at once; undefined when none was active. */
  stop(): EndpointTokenHistoryEntry | undefined {
    this.expireIfDue();
    return this.current ? this.end('stopped', true) : undefined;
  }

  /**
   * Checks a presented token. Every known token is compared, in constant time, whatever matches
   * first, so the time taken says nothing about which one (if any) was close.
   */
  check(given: string | undefined): EndpointTokenVerdict {
    if (given === undefined || given.length === 0) {
      return { ok: false, status: 401, reason: 'missing', message: 'Unauthorized: send "Authorization: Token <debug token>". Start a token with the command "MCP Live Debugger: Start Debug Token Session".' };
    }
    this.expireIfDue();
    const activeMatches = this.compare(given, this.current?.value ?? '\u0000no active token');
    const givenDigest = digest(given);
    let endedMatch: EndpointTokenHistoryEntry | undefined;
    for (const ended of this.endedDigests) {
      if (this.compare(givenDigest, ended.digest) && !endedMatch) endedMatch = ended.entry;
    }
    if (activeMatches && this.current) return { ok: true, token: { ...this.current.info } };
    if (endedMatch) {
      return { ok: false, status: 403, reason: endedMatch.endedHow, message: endedMessage(endedMatch) };
    }
    return { ok: false, status: 401, reason: 'wrong', message: 'Unauthorized: this is not a debug token of this VS Code window. Start one with the command "MCP Live Debugger: Start Debug Token Session" and use the value it shows.' };
  }

  private expireIfDue(): void {
    if (this.current && this.clock.now() >= this.current.info.expiresAt) this.end('expired', true);
  }

  private end(how: EndpointTokenEnd, notify: boolean): EndpointTokenHistoryEntry {
    const ending = this.current as ActiveToken;
    this.current = undefined;
    ending.expiry.dispose();
    const endedAt = how === 'expired' ? Math.min(this.clock.now(), ending.info.expiresAt) : this.clock.now();
    const entry: EndpointTokenHistoryEntry = {
      id: ending.info.id,
      createdAt: ending.info.createdAt,
      by: ending.info.by,
      endedAt,
      durationMs: Math.max(0, endedAt - ending.info.createdAt),
      endedHow: how,
    };
    this.entries.unshift(entry);
    this.endedDigests.unshift({ digest: digest(ending.value), entry });
    if (this.entries.length > this.historyLimit) this.entries.length = this.historyLimit;
    if (this.endedDigests.length > this.historyLimit) this.endedDigests.length = this.historyLimit;
    if (notify) this.fireChanged();
    return { ...entry };
  }

  private fireChanged(): void {
    this.changed.fire(this.state);
  }
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function endedMessage(entry: EndpointTokenHistoryEntry): string {
  const restart = 'Start a new one with the command "MCP Live Debugger: Start Debug Token Session".';
  switch (entry.endedHow) {
    case 'expired':
      return `Forbidden: this debug token expired at ${new Date(entry.endedAt).toISOString()}. ${restart}`;
    case 'stopped':
      return `Forbidden: this debug token was stopped at ${new Date(entry.endedAt).toISOString()}. ${restart}`;
    case 'replaced':
      return `Forbidden: this debug token was replaced by a newer one at ${new Date(entry.endedAt).toISOString()} (only one is active at a time). Use the newer token or ${restart[0].toLowerCase()}${restart.slice(1)}`;
  }
}
