// What the panel remembers across hide/show and window reload (vscode getState/setState).
import type { PanelTab } from '../src/shared/protocol';
import { emptyFilter, normalizeFilter, type TraceFilter } from '../src/shared/traceFilter';
import type { SessionSortKey } from './sessionsView';
import type { SortState } from './sortableHeader';
import type { ToolSortKey } from './toolsView';

export interface PanelState {
  version: 1;
  tab: PanelTab;
  filter: TraceFilter;
  live: boolean;
  expandedSessions: string[];
  expandedEvents: number[];
  sessionsSort: SortState<SessionSortKey>;
  toolsSort: SortState<ToolSortKey>;
  scroll: { sessions: number; events: number };
}

const TABS: readonly PanelTab[] = ['sessions', 'events', 'tools', 'tokens'];
const SESSION_KEYS: readonly SessionSortKey[] = ['id', 'client', 'started', 'duration', 'calls', 'errors', 'status', 'tools', 'source'];
const TOOL_KEYS: readonly ToolSortKey[] = ['name', 'calls', 'errors', 'errorRate', 'p50', 'p95', 'lastListedAt', 'discoveredBy', 'calledBy'];

export function defaultPanelState(): PanelState {
  return {
    version: 1, tab: 'sessions', filter: emptyFilter(), live: true, expandedSessions: [], expandedEvents: [],
    sessionsSort: { key: 'started', descending: true }, toolsSort: { key: 'calls', descending: true }, scroll: { sessions: 0, events: 0 },
  };
}

/** Reads saved state defensively: anything missing or malformed falls back to the default. */
export function restorePanelState(saved: unknown): PanelState {
  const state = defaultPanelState();
  if (typeof saved !== 'object' || saved === null) return state;
  const record = saved as Record<string, unknown>;
  if (typeof record.tab === 'string' && (TABS as readonly string[]).includes(record.tab)) state.tab = record.tab as PanelTab;
  state.filter = normalizeFilter(record.filter);
  if (typeof record.live === 'boolean') state.live = record.live;
  if (Array.isArray(record.expandedSessions)) state.expandedSessions = record.expandedSessions.filter((id): id is string => typeof id === 'string');
  if (Array.isArray(record.expandedEvents)) state.expandedEvents = record.expandedEvents.filter((id): id is number => typeof id === 'number');
  state.sessionsSort = sortOf(record.sessionsSort, SESSION_KEYS, state.sessionsSort);
  state.toolsSort = sortOf(record.toolsSort, TOOL_KEYS, state.toolsSort);
  const scroll = record.scroll as Record<string, unknown> | undefined;
  if (scroll && typeof scroll.sessions === 'number' && typeof scroll.events === 'number') state.scroll = { sessions: scroll.sessions, events: scroll.events };
  return state;
}

function sortOf<Key extends string>(value: unknown, keys: readonly Key[], fallback: SortState<Key>): SortState<Key> {
  if (typeof value !== 'object' || value === null) return fallback;
  const record = value as Record<string, unknown>;
  return typeof record.key === 'string' && (keys as readonly string[]).includes(record.key) && typeof record.descending === 'boolean'
    ? { key: record.key as Key, descending: record.descending }
    : fallback;
}

/** Writes the state a moment after the last change (scrolling and typing change it many times a second). */
export class PanelStateSaver {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly collect: () => PanelState, private readonly write: (state: PanelState) => void, private readonly delayMs = 150) {}

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.write(this.collect()), this.delayMs);
  }
}
