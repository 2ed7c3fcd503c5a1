// Import mode: a trace file shown read-only in its own store, with a banner and the way back to live.
import type { ImportedTraceInfo } from '../src/shared/protocol';
import type { EventSummary } from '../src/shared/eventSummary';
import type { TraceConnection } from '../src/shared/trace';
import { h, icon } from './dom';
import { formatDateTime, groupThousands } from './format';
import { PanelEventStore } from './panelEventStore';

export class ImportMode {
  readonly banner = h('div', { class: 'import-banner', role: 'status', hidden: true });
  private imported: PanelEventStore | undefined;

  constructor(private readonly root: HTMLElement, private readonly onBack: () => void) {}

  /** The imported file's store while one is shown. */
  get store(): PanelEventStore | undefined {
    return this.imported;
  }

  enter(info: ImportedTraceInfo, connections: TraceConnection[], events: EventSummary[]): void {
    const store = new PanelEventStore(Math.max(events.length, 1), info);
    store.upsertConnections(connections);
    store.appendEvents(events, 0);
    this.imported = store;
    const back = h('vscode-button', { id: 'back-to-live', secondary: true, icon: 'arrow-left' }, 'Back to live');
    back.addEventListener('click', () => this.onBack());
    this.banner.replaceChildren(icon('archive'),
      h('span', {}, ` Imported `, h('strong', {}, info.name), ` (exported ${formatDateTime(info.exportedAt)}), read-only: ${groupThousands(events.length)} events, ${connections.length} sessions. `),
      back);
    this.banner.hidden = false;
    this.root.classList.add('is-imported');
  }

  leave(): void {
    this.imported = undefined;
    this.banner.hidden = true;
    this.root.classList.remove('is-imported');
  }
}
