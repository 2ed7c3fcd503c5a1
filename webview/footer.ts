// The footer: live, paused or imported, the totals, and what the bounds dropped, on one line of
// fixed height (webview/foldedLine.ts: what does not fit is a toggle away). Its totals change with
// every draw of arrivals; as a layout boundary the footer re-lays out alone for them, where a footer
// that could wrap had the page laid out from its root (bench/README.md).
import { h, icon, writeText } from './dom';
import { TRACE_STORE_MAX_BYTES } from '../src/shared/trace';
import { FoldedLine } from './foldedLine';
import { groupThousands } from './format';
import { otlpFooterText } from './otlpFooter';
import type { PanelEventStore } from './panelEventStore';
import type { OtlpExportState } from '../src/shared/protocol';

export type FooterMode = { kind: 'live' } | { kind: 'paused'; arrived: number } | { kind: 'imported' };

export class Footer {
  private readonly live = h('span', { class: 'footer-part footer-live' });
  // the totals in three parts, so that a narrow footer shows those that fit whole
  private readonly events = h('span', { class: 'footer-part footer-totals' });
  private readonly sessions = h('span', { class: 'footer-part' });
  private readonly shown = h('span', { class: 'footer-part' });
  private readonly dropped = h('span', { class: 'footer-part footer-dropped', hidden: true });
  private readonly droppedBound = h('span', { class: 'footer-part footer-dropped-bound', hidden: true });
  private readonly otlp = h('span', { class: 'footer-part footer-otlp', hidden: true });
  /** The layout boundary: a block inside the footer (a flex item, as the footer is, is never one). */
  private readonly box = h('div', { class: 'footer-box' });
  readonly element = h('footer', { class: 'footer' }, this.box);
  private readonly fold = new FoldedLine(this.box, 'footer-line',
    [this.live, this.events, this.sessions, this.shown, this.dropped, this.droppedBound, this.otlp], () => this.wholeText());

  /** The mode last shown: rebuilt only when it changes, not on every batch. */
  private shownMode = '';

  constructor() {
    this.box.append(this.fold.line, this.fold.toggle);
  }

  update(store: PanelEventStore, shown: number, mode: FooterMode): void {
    const modeKey = mode.kind === 'paused' ? `paused ${mode.arrived}` : mode.kind;
    if (modeKey !== this.shownMode) this.showMode(mode);
    this.shownMode = modeKey;
    writeText(this.events, `${groupThousands(store.size)} events`);
    writeText(this.sessions, `· ${groupThousands(store.connections.size)} sessions`);
    writeText(this.shown, `· ${groupThousands(shown)} shown`);
    const dropped = store.droppedCount;
    if (dropped > 0) {
      writeText(this.dropped, `${groupThousands(dropped)} oldest dropped`);
      writeText(this.droppedBound, `(the store keeps at most ${groupThousands(store.maxEvents)} events and ${TRACE_STORE_MAX_BYTES / 2 ** 20} MB)`);
    }
    // (an equal value written still invalidates the element's style)
    if (this.dropped.hidden !== (dropped === 0)) this.dropped.hidden = this.droppedBound.hidden = dropped === 0;
  }

  private showMode(mode: FooterMode): void {
    if (mode.kind === 'imported') {
      this.live.replaceChildren(icon('archive'), ' Imported (read-only)');
      this.live.className = 'footer-part footer-live is-imported';
    } else if (mode.kind === 'paused') {
      this.live.replaceChildren(h('span', { class: 'live-dot paused', 'aria-hidden': 'true' }), `Paused · ${groupThousands(mode.arrived)} new`);
      this.live.className = 'footer-part footer-live is-paused';
    } else {
      this.live.replaceChildren(h('span', { class: 'live-dot', 'aria-hidden': 'true' }), 'Live');
      this.live.className = 'footer-part footer-live is-live';
    }
  }

  /** The OTLP export's target and what it lost (empty while the export is off). */
  showOtlpExport(state: OtlpExportState): void {
    const text = otlpFooterText(state);
    this.otlp.textContent = text;
    this.otlp.hidden = text === '';
    this.otlp.classList.toggle('has-drops', state.dropped > 0);
  }

  /** Everything the footer says, a line per thing (its hover, whatever the line has room for). */
  private wholeText(): string {
    const totals = [this.events, this.sessions, this.shown].map((part) => part.textContent).join(' ');
    const dropped = this.dropped.hidden ? [] : [`${this.dropped.textContent} ${this.droppedBound.textContent}`];
    const otlp = this.otlp.hidden ? [] : [this.otlp.textContent ?? ''];
    return [this.live.textContent?.trim() ?? '', totals, ...dropped, ...otlp].join('\n');
  }
}
