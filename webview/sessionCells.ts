// Which cells of a drawn Sessions row a redraw must write: each cell shows a few values that are
// cheap to compare (counts, a formatted duration, a status, the tools' set and size), and only a
// cell whose values differ from the ones last written into it is written (and laid out, painted).
// While a snapshot arrives, every session in view gets new counts on every batch and nothing else.
import type { TraceConnection } from '../src/shared/trace';

/** What a session row shows, as written into it. */
export interface SessionRowValues {
  id: string;
  /** Where the shown ids start to differ (a narrow panel shows them from there). */
  idStart: number;
  expanded: boolean;
  client: string;
  startedAt: number;
  duration: string;
  calls: number;
  errors: number;
  status: 'active' | 'ended';
  /** The session's tools: a set that only grows, so its size says when its names changed. */
  tools: ReadonlySet<string> | undefined;
  toolCount: number;
  source: TraceConnection['source'];
}

export type SessionCell = 'row' | 'id' | 'client' | 'started' | 'duration' | 'calls' | 'errors' | 'status' | 'tools' | 'source';

/** The values each cell is made from (the row itself: its class, aria-expanded and session id). */
const CELL_VALUES: ReadonlyArray<readonly [SessionCell, ReadonlyArray<keyof SessionRowValues>]> = [
  ['row', ['id', 'expanded']],
  ['id', ['id', 'idStart', 'expanded']],
  ['client', ['client']],
  ['started', ['startedAt']],
  ['duration', ['duration']],
  ['calls', ['calls']],
  ['errors', ['errors']],
  ['status', ['status']],
  ['tools', ['tools', 'toolCount']],
  ['source', ['source']],
];

/** The cells to write to show `next` in a row that shows `written` (all of them in a row never written). */
export function changedSessionCells(written: SessionRowValues | undefined, next: SessionRowValues): SessionCell[] {
  return CELL_VALUES.filter(([, keys]) => !written || keys.some((key) => written[key] !== next[key])).map(([cell]) => cell);
}
