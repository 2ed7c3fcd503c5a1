// Import mode: a trace file shown read-only in its own store, with a banner and the way back to live.
import type { ImportedTraceInfo } from '../src/shared/protocol';
import type { EventSummary } from '../src/shared/eventSummary';
import type { TraceConnection } from '../src/shared/trace';
import { h, icon } from './dom';
import { formatDateTime, groupThousands } from './format';
import { PanelEventStore } from './panelEventStore';

export class ImportMode {
  readonly banner = h('div', { class: 'import-banner', role: 'status', hidden: true });
  private readonly summary = h('span', {});
  private imported: PanelEventStore | undefined;
  /** How many events the file holds; the store has them all once its size reaches this. */
  private total = 0;

  constructor(private readonly root: HTMLElement, private readonly onBack: () => void) {}

  /** The imported file's store while one is shown. */
  get store(): PanelEventStore | undefined {
    return this.imported;
  }

  /** Shows a file, from its first events on; the rest (up to `total`) come with `append`. */
  enter(info: ImportedTraceInfo, connections: TraceConnection[], events: EventSummary[], total = events.length): void {
    const store = new PanelEventStore(Math.max(total, events.length, 1), info);
    this.imported = store;
    this.total = total;
    this.append(connections, events);
    const back = h('vscode-button', { id: 'back-to-live', secondary: true, icon: 'arrow-left' }, 'Back to live');
    back.addEventListener('click', () => this.onBack());
    this.banner.replaceChildren(icon('archive'), this.summary, back);
    this.banner.hidden = false;
    this.root.classList.add('is-imported');
  }

  /** More of the file shown; answers the events added (the banner says so with `showProgress`). */
  append(connections: readonly TraceConnection[], events: readonly EventSummary[]): EventSummary[] {
    const store = this.imported;
    if (!store) return [];
    store.upsertConnections(connections);
    return store.appendEvents(events, 0);
  }

  /** The banner's count, written in the frame that draws the arrivals (as the footer's is). */
  showProgress(): void {
    const store = this.imported;
    if (!store) return;
    const info = store.imported;
    const loading = store.size < this.total ? ` Loading: ${groupThousands(store.size)} of ${groupThousands(this.total)}.` : '';
    this.summary.replaceChildren(` Imported `, h('strong', {}, info?.name ?? ''),
      ` (exported ${formatDateTime(info?.exportedAt ?? 0)}), read-only: ${groupThousands(this.total)} events, ${store.connections.size} sessions.${loading} `);
  }

  leave(): void {
    this.imported = undefined;
    this.banner.hidden = true;
    this.root.classList.remove('is-imported');
  }
}
