// What the status bar item says: the endpoint's state, the calls the live store keeps (the count
// the Live Debugger shows: Clear empties it, and the oldest events go once it is full), and how
// many MCP clients are connected to the debugger now. Pure, so the counting and the words are
// unit-tested; statusBar.ts puts them on screen.
import { Disposable } from '../common/disposable';
import type { EndpointState } from '../shared/protocol';
import { isCall } from '../shared/traceStats';
import type { TraceStore } from '../trace/traceStore';

export interface LiveFigures {
  /** Calls (requests with their answers) of every source in the live store. */
  callsKept: number;
  /** Connections of MCP clients to the debugger's own server that have not ended. */
  clientsConnected: number;
}

/** Counts the calls the store keeps without reading it whole: ids are increasing, and the store drops the oldest first. */
export class KeptCallCount extends Disposable {
  /** Ids of the kept calls, oldest first; those below the store's first kept id were dropped. */
  private ids: number[] = [];
  private start = 0;

  constructor(private readonly store: TraceStore) {
    super();
    this.ids = store.query().filter(isCall).map((event) => event.id);
    this.register(store.onDidAppend((event) => {
      if (isCall(event)) this.ids.push(event.id);
    }));
    this.register(store.onDidClear(() => {
      this.ids = [];
      this.start = 0;
    }));
  }

  get count(): number {
    const firstKept = this.store.firstKeptId;
    while (this.start < this.ids.length && this.ids[this.start] < firstKept) this.start++;
    // forget the dropped ones now and then, not on every read
    if (this.start > 1024 && this.start * 2 > this.ids.length) {
      this.ids = this.ids.slice(this.start);
      this.start = 0;
    }
    return this.ids.length - this.start;
  }
}

export function clientsConnected(store: TraceStore): number {
  return store.listConnections().filter((connection) => connection.source === 'debugger' && connection.status === 'active').length;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The item's text and tooltip. */
export function liveStatusWords(endpoint: EndpointState, figures: LiveFigures): { text: string; tooltip: string } {
  const { status, url, error } = endpoint;
  const icon = status === 'listening' ? '$(radio-tower)' : status === 'failed' ? '$(error)' : '$(loading~spin)';
  const text = `${icon} MCP ${plural(figures.callsKept, 'call', 'calls')}`;
  const state = status === 'listening' ? `MCP Live Debugger listening on ${url}` : status === 'failed' ? `MCP Live Debugger endpoint failed: ${error ?? 'unknown error'}` : 'MCP Live Debugger endpoint starting…';
  const tooltip = [
    state,
    `${plural(figures.clientsConnected, 'MCP client', 'MCP clients')} connected to the debugger.`,
    `${plural(figures.callsKept, 'call', 'calls')} in the Live Debugger, of every source (Clear empties it; the oldest go when it is full).`,
    'Click to open the Live Debugger.',
  ].join('\n');
  return { text, tooltip };
}
