// What the panel remembers across hide/show and window reload (vscode getState/setState).
import { normalizeColumnChoices, type ColumnChoices } from '../src/shared/columnChoices';
import type { PanelTab } from '../src/shared/protocol';
import { emptyFilter, normalizeFilter, type TraceFilter } from '../src/shared/traceFilter';
import type { ConnectionSortKey } from './connectionsView';
import type { SortState } from './sortableHeader';
import type { ToolSortKey } from './toolsView';

export interface PanelState {
  version: 1;
  tab: PanelTab;
  filter: TraceFilter;
  live: boolean;
  expandedConnections: string[];
  expandedEvents: number[];
  connectionsSort: SortState<ConnectionSortKey>;
  toolsSort: SortState<ToolSortKey>;
  scroll: { connections: number; events: number };
  /** The Columns menus' choices (the host keeps them too, for other pages and windows). */
  columns: ColumnChoices;
}

const TABS: readonly PanelTab[] = ['connections', 'events', 'tools', 'tokens'];
const CONNECTION_KEYS: readonly ConnectionSortKey[] = ['id', 'client', 'started', 'duration', 'calls', 'errors', 'status', 'tools', 'source'];
const TOOL_KEYS: readonly ToolSortKey[] = ['name', 'calls', 'errors', 'errorRate', 'p50', 'p95', 'lastListedAt', 'discoveredBy', 'calledBy'];

export function defaultPanelState(): PanelState {
  return {
    version: 1, tab: 'connections', filter: emptyFilter(), live: true, expandedConnections: [], expandedEvents: [],
    connectionsSort: { key: 'started', descending: true }, toolsSort: { key: 'calls', descending: true }, scroll: { connections: 0, events: 0 },
    columns: {},
  };
}

/**
 * Reads saved state defensively: anything missing or malformed falls back to the default. State
 * saved before connections had their own name (`sessions` tab, `expandedSessions`, `sessionsSort`,
 * `scroll.sessions`) is read under the old names too, so an upgrade keeps the panel as it was.
 */
export function restorePanelState(saved: unknown): PanelState {
  const state = defaultPanelState();
  if (typeof saved !== 'object' || saved === null) return state;
  const record = saved as Record<string, unknown>;
  const tab = record.tab === 'sessions' ? 'connections' : record.tab;
  if (typeof tab === 'string' && (TABS as readonly string[]).includes(tab)) state.tab = tab as PanelTab;
  state.filter = normalizeFilter(record.filter);
  if (typeof record.live === 'boolean') state.live = record.live;
  const expandedConnections = record.expandedConnections ?? record.expandedSessions;
  if (Array.isArray(expandedConnections)) state.expandedConnections = expandedConnections.filter((id): id is string => typeof id === 'string');
  if (Array.isArray(record.expandedEvents)) state.expandedEvents = record.expandedEvents.filter((id): id is number => typeof id === 'number');
  state.connectionsSort = sortOf(record.connectionsSort ?? record.sessionsSort, CONNECTION_KEYS, state.connectionsSort);
  state.toolsSort = sortOf(record.toolsSort, TOOL_KEYS, state.toolsSort);
  const scroll = record.scroll as Record<string, unknown> | undefined;
  const connectionsScroll = scroll?.connections ?? scroll?.sessions;
  if (typeof connectionsScroll === 'number' && typeof scroll?.events === 'number') state.scroll = { connections: connectionsScroll, events: scroll.events };
  state.columns = normalizeColumnChoices(record.columns);
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
