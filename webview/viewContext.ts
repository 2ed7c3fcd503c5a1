import type { SourceLocation } from '../src/shared/protocol';
import type { TraceEvent } from '../src/shared/trace';
import type { FilteredEvents } from './filteredEvents';
import type { PanelEventStore } from './panelEventStore';

/** What every tab reads and asks of the app. */
export interface ViewContext {
  readonly store: PanelEventStore;
  readonly filtered: FilteredEvents;
  /** "Now" for relative figures: the clock for live data, the newest event for an import. */
  now(): number;
  reveal(location: SourceLocation): void;
  openConnection(sessionId: string): void;
  openEvent(eventId: number): void;
  /** The Event Log narrowed to one tool's calls. */
  showToolCalls(tool: string): void;
  /** The bodies and trace tree of an event, from the host (cached). */
  loadDetail(eventId: number): Promise<TraceEvent | undefined>;
  /** Something worth saving in webview state changed (expansion, sort). */
  stateChanged(): void;
  /** Opens Replay on a recorded tools/call; undefined while an imported file is shown (its server is not here). */
  readonly replay: ((event: TraceEvent) => void) | undefined;
}

export const ROW_HEIGHT = 24;
