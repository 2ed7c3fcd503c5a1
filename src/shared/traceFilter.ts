// The panel's filter bar as data, and the predicate it stands for. Shared by the webview (which
// filters what it shows) and the host (which can filter the store the same way), so both agree.
import type { EventSummary } from './eventSummary';
import type { EventStatus, TraceEvent, TraceConnection } from './trace';

/** The event types of the filter bar, coarser than MCP methods. */
export type EventCategory = 'tool-call' | 'connection' | 'discovery' | 'notification' | 'other';
export const EVENT_CATEGORIES: readonly EventCategory[] = ['tool-call', 'connection', 'discovery', 'notification', 'other'];
export const EVENT_CATEGORY_LABELS: Record<EventCategory, string> = {
  'tool-call': 'Tool calls',
  connection: 'Session events',
  discovery: 'Discovery',
  notification: 'Notifications',
  other: 'Other requests',
};

export type TimeRangePreset = 'all' | '5m' | '1h' | '24h' | 'custom';
export const TIME_RANGE_LABELS: Record<TimeRangePreset, string> = {
  all: 'All time', '5m': 'Last 5 min', '1h': 'Last hour', '24h': 'Last 24 h', custom: 'Custom…',
};
const PRESET_SPAN_MS: Record<Exclude<TimeRangePreset, 'all' | 'custom'>, number> = {
  '5m': 5 * 60_000, '1h': 60 * 60_000, '24h': 24 * 60 * 60_000,
};

export type ConnectionStatusFilter = 'all' | 'active' | 'ended';

export interface TraceFilter {
  /** Free text; every whitespace-separated term must occur (case-insensitive). */
  text: string;
  /** Tool names; empty = any. */
  tools: string[];
  /** Client name; empty = any. */
  client: string;
  /** Empty = any. */
  statuses: EventStatus[];
  /** Empty = any. */
  categories: EventCategory[];
  timeRange: TimeRangePreset;
  /** Epoch ms, used when timeRange is `custom`. */
  customFrom?: number;
  customTo?: number;
  /** Sessions tab only: which connections to list. */
  connectionStatus: ConnectionStatusFilter;
}

export function emptyFilter(): TraceFilter {
  return { text: '', tools: [], client: '', statuses: [], categories: [], timeRange: 'all', connectionStatus: 'all' };
}

/** True when the filter lets every event through (the fast path for the common case). */
export function isEmptyFilter(filter: TraceFilter): boolean {
  return filter.text.trim() === '' && filter.tools.length === 0 && filter.client === ''
    && filter.statuses.length === 0 && filter.categories.length === 0 && filter.timeRange === 'all';
}

const DISCOVERY_METHODS = new Set(['tools/list', 'resources/list', 'resources/templates/list', 'prompts/list']);
const CONNECTION_METHODS = new Set(['connection_start', 'connection_end', 'initialize', 'ping', 'logging/setLevel']);

export function eventCategory(event: Pick<TraceEvent, 'kind' | 'method'>): EventCategory {
  if (event.kind === 'connection_start' || event.kind === 'connection_end') return 'connection';
  if (event.kind === 'notification') return event.method === 'notifications/initialized' ? 'connection' : 'notification';
  if (event.method === 'tools/call') return 'tool-call';
  if (DISCOVERY_METHODS.has(event.method)) return 'discovery';
  if (CONNECTION_METHODS.has(event.method)) return 'connection';
  return 'other';
}

/** The upstream a proxied event went to, from its `proxy:<name>` source or its metadata. */
export function upstreamName(event: Pick<TraceEvent, 'source' | 'metadata'>): string | undefined {
  const fromMetadata = event.metadata?.upstream;
  if (typeof fromMetadata === 'string') return fromMetadata;
  return event.source.startsWith('proxy:') ? event.source.slice('proxy:'.length) : undefined;
}

export function clientLabel(connection: Pick<TraceConnection, 'clientName' | 'clientVersion'> | undefined): string {
  if (!connection?.clientName) return 'unknown client';
  return connection.clientVersion ? `${connection.clientName} ${connection.clientVersion}` : connection.clientName;
}

export interface FilterContext {
  connection: (id: string) => TraceConnection | undefined;
  /** What "last 5 min" is relative to: now for live data, the newest event for an imported file. */
  now: number;
}

// The search text lives on the event object under symbols: a property read is far cheaper than a
// WeakMap lookup 100,000 times per keystroke, and symbols never reach JSON or a structured clone.
const SEARCH_TEXT = Symbol('searchText');
const SEARCH_HAS_CLIENT = Symbol('searchHasClient');
interface Searchable {
  [SEARCH_TEXT]?: string;
  [SEARCH_HAS_CLIENT]?: boolean;
}

/** Texts a `SearchTexts` holds at most: past it, it starts over (the events keep theirs), so distinct targets never pile up. */
export const MAX_SHARED_SEARCH_TEXTS = 4_096;

/**
 * Search texts already made, for the events whose text is their tool, method, session, target and
 * client only (most of them: no error or upstream): those share one string per session, method, tool
 * and target instead of one each (a tool call's target is its tool's name, a resource read's its URI).
 * A store keeps one, so the texts go with it.
 */
export class SearchTexts {
  private readonly bySession = new Map<string, { client: string | undefined; byMethod: Map<string, Map<string | undefined, Map<string | undefined, string>>> }>();
  private count = 0;

  /** How many texts are held now. */
  get size(): number {
    return this.count;
  }

  /** The text of an event with no error or upstream, made the first time it is asked for. */
  shared(event: EventSummary, client: string | undefined): string {
    const { connectionId: sessionId, method, tool, target } = event;
    if (this.count >= MAX_SHARED_SEARCH_TEXTS) {
      this.bySession.clear();
      this.count = 0;
    }
    let session = this.bySession.get(sessionId);
    // (the session's client became known, or changed: its texts name the client)
    if (!session || session.client !== client) {
      session = { client, byMethod: new Map() };
      this.bySession.set(sessionId, session);
    }
    let byTool = session.byMethod.get(method);
    if (!byTool) {
      byTool = new Map();
      session.byMethod.set(method, byTool);
    }
    let byTarget = byTool.get(tool);
    if (!byTarget) {
      byTarget = new Map();
      byTool.set(tool, byTarget);
    }
    let text = byTarget.get(target);
    if (text === undefined) {
      text = searchTextOf(event, client);
      byTarget.set(target, text);
      this.count++;
    }
    return text;
  }
}

/**
 * An event's search text: its own fields and its connection's client, computed once (ahead of the
 * first search, as events arrive); recomputed only while the client is not known yet. With `texts`,
 * events with the same text share one string (each made its own: two strings and the concatenations
 * per event, most of an arriving event's allocation after its own object, and the scavenges after it).
 */
export function prepareSearch(event: EventSummary, connection: TraceConnection | undefined, texts?: SearchTexts): string {
  const searchable = event as EventSummary & Searchable;
  const cached = searchable[SEARCH_TEXT];
  if (cached !== undefined && searchable[SEARCH_HAS_CLIENT]) return cached;
  const hasClient = connection?.clientName !== undefined;
  const client = hasClient ? clientLabel(connection) : undefined;
  const text = texts && event.error === undefined && event.upstream === undefined
    ? texts.shared(event, client)
    : searchTextOf(event, client);
  searchable[SEARCH_TEXT] = text;
  searchable[SEARCH_HAS_CLIENT] = hasClient;
  return text;
}

function searchTextOf(event: EventSummary, client: string | undefined): string {
  // concatenated rather than joined from an array: this runs for every event that arrives, and the
  // array and its filtered copy were two of the garbage objects per event behind the scavenges
  let text = event.method;
  if (event.tool !== undefined) text = `${event.tool}\n${text}`;
  text += `\n${event.connectionId}`;
  if (event.error !== undefined) text += `\n${event.error}`;
  if (event.upstream !== undefined) text += `\n${event.upstream}`;
  if (event.target !== undefined) text += `\n${event.target}`;
  if (client !== undefined) text += `\n${client}`;
  return text.toLowerCase();
}

/** Compiles a filter into a predicate; call once per filter change, then test each event. */
export function compileFilter(filter: TraceFilter, context: FilterContext): (event: EventSummary) => boolean {
  if (isEmptyFilter(filter)) return () => true;
  const terms = filter.text.toLowerCase().split(/\s+/).filter((term) => term.length > 0);
  const tools = filter.tools.length > 0 ? new Set(filter.tools) : undefined;
  const statuses = filter.statuses.length > 0 ? new Set(filter.statuses) : undefined;
  const categories = filter.categories.length > 0 ? new Set(filter.categories) : undefined;
  const [from, to] = timeBounds(filter, context.now);
  return (event) => {
    if (event.timestamp < from || event.timestamp > to) return false;
    if (statuses && !statuses.has(event.status)) return false;
    if (tools && (event.tool === undefined || !tools.has(event.tool))) return false;
    if (categories && !categories.has(eventCategory(event))) return false;
    if (filter.client !== '' && context.connection(event.connectionId)?.clientName !== filter.client) return false;
    if (terms.length > 0) {
      const searchable = event as EventSummary & Searchable;
      const text = searchable[SEARCH_HAS_CLIENT] ? searchable[SEARCH_TEXT] as string : prepareSearch(event, context.connection(event.connectionId));
      for (const term of terms) if (!text.includes(term)) return false;
    }
    return true;
  };
}

export function timeBounds(filter: TraceFilter, now: number): [number, number] {
  if (filter.timeRange === 'all') return [-Infinity, Infinity];
  if (filter.timeRange === 'custom') return [filter.customFrom ?? -Infinity, filter.customTo ?? Infinity];
  return [now - PRESET_SPAN_MS[filter.timeRange], Infinity];
}

/** Reads a filter saved in webview state, keeping only well-formed fields. */
export function normalizeFilter(value: unknown): TraceFilter {
  const filter = emptyFilter();
  if (typeof value !== 'object' || value === null) return filter;
  const record = value as Record<string, unknown>;
  const strings = (item: unknown): string[] => (Array.isArray(item) ? item.filter((x): x is string => typeof x === 'string') : []);
  if (typeof record.text === 'string') filter.text = record.text;
  filter.tools = strings(record.tools);
  if (typeof record.client === 'string') filter.client = record.client;
  filter.statuses = strings(record.statuses).filter((s): s is EventStatus => s === 'ok' || s === 'error' || s === 'denied' || s === 'cancelled');
  filter.categories = strings(record.categories).filter((c): c is EventCategory => (EVENT_CATEGORIES as readonly string[]).includes(c));
  if (typeof record.timeRange === 'string' && record.timeRange in TIME_RANGE_LABELS) filter.timeRange = record.timeRange as TimeRangePreset;
  if (typeof record.customFrom === 'number') filter.customFrom = record.customFrom;
  if (typeof record.customTo === 'number') filter.customTo = record.customTo;
  // `sessionStatus`: the name saved before connections had their own
  const connectionStatus = record.connectionStatus ?? record.sessionStatus;
  if (connectionStatus === 'active' || connectionStatus === 'ended') filter.connectionStatus = connectionStatus;
  return filter;
}

/**
 * True when `next` can only let through a subset of what `previous` did: only the text changed,
 * and every earlier term is part of some new term (typing on, adding a term).
 */
export function isNarrowingOf(previous: TraceFilter, next: TraceFilter): boolean {
  const { text: previousText, ...previousRest } = previous;
  const { text: nextText, ...nextRest } = next;
  if (previous.timeRange !== 'all' && previous.timeRange !== 'custom') return false;
  if (JSON.stringify(previousRest) !== JSON.stringify(nextRest)) return false;
  const previousTerms = previousText.toLowerCase().split(/\s+/).filter(Boolean);
  const nextTerms = nextText.toLowerCase().split(/\s+/).filter(Boolean);
  return previousTerms.every((term) => nextTerms.some((candidate) => candidate.includes(term)));
}
