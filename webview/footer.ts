// The footer: live, paused or imported, the totals, and what the bounds dropped.
import { h, icon, writeText } from './dom';
import { TRACE_STORE_MAX_BYTES } from '../src/shared/trace';
import { groupThousands } from './format';
import { otlpFooterText } from './otlpFooter';
import type { PanelEventStore } from './panelEventStore';
import type { OtlpExportState } from '../src/shared/protocol';

export type FooterMode = { kind: 'live' } | { kind: 'paused'; arrived: number } | { kind: 'imported' };

export class Footer {
  private readonly live = h('span', { class: 'footer-live' });
  private readonly totals = h('span', { class: 'footer-totals' });
  private readonly dropped = h('span', { class: 'footer-dropped' });
  private readonly otlp = h('span', { class: 'footer-otlp' });
  readonly element = h('footer', { class: 'footer' }, this.live, this.totals, this.dropped, this.otlp);

  /** The mode last shown: the live dot pulses, and drawing it anew on every batch restarts its animation. */
  private shownMode = '';

  update(store: PanelEventStore, shown: number, mode: FooterMode): void {
    const modeKey = mode.kind === 'paused' ? `paused ${mode.arrived}` : mode.kind;
    if (modeKey !== this.shownMode) this.showMode(mode);
    this.shownMode = modeKey;
    writeText(this.totals, `${groupThousands(store.size)} events · ${groupThousands(store.connections.size)} sessions · ${groupThousands(shown)} shown`);
    const dropped = store.droppedCount;
    writeText(this.dropped, dropped > 0 ? `${groupThousands(dropped)} oldest dropped (the store keeps at most ${groupThousands(store.maxEvents)} events and ${TRACE_STORE_MAX_BYTES / 2 ** 20} MB)` : '');
    this.dropped.hidden = dropped === 0;
  }

  private showMode(mode: FooterMode): void {
    if (mode.kind === 'imported') {
      this.live.replaceChildren(icon('archive'), ' Imported (read-only)');
      this.live.className = 'footer-live is-imported';
    } else if (mode.kind === 'paused') {
      this.live.replaceChildren(h('span', { class: 'live-dot paused', 'aria-hidden': 'true' }), `Paused · ${groupThousands(mode.arrived)} new`);
      this.live.className = 'footer-live is-paused';
    } else {
      this.live.replaceChildren(h('span', { class: 'live-dot', 'aria-hidden': 'true' }), 'Live');
      this.live.className = 'footer-live is-live';
    }
  }

  /** The OTLP export's target and what it lost (empty while the export is off). */
  showOtlpExport(state: OtlpExportState): void {
    this.otlp.textContent = otlpFooterText(state);
    this.otlp.classList.toggle('has-drops', state.dropped > 0);
  }
}
