// The panel's view tabs: an ARIA tablist whose tabs select on click and on the arrow keys, Home and
// End (automatic activation), each controlling one tabpanel.
//
// Kept hand-made next to `vscode-tabs` of @vscode-elements/elements 2.5.1, which would cost what
// this does not: its tabs only move focus on ←/→ and select on Enter (no Space, no Home/End); it
// renames every header and panel (`t<n>-h0`, `t<n>-p0`), so the tabs lose their stable ids
// (`tab-events`, which the UI and e2e tests and `aria-labelledby` use); and the three elements add
// 9.0 KB (1.5 KB gzip) to the minified webview bundle (98.7 KB of elements today; esbuild, 2026-12-01).
import type { PanelTab } from '../src/shared/protocol';
import { h } from './dom';

/** A tab's name, or its name and the shorter word a narrow panel shows (the full name stays its title). */
export type TabLabel = string | { full: string; short: string };

export class TabStrip {
  readonly element: HTMLElement;
  private readonly buttons = new Map<PanelTab, HTMLElement>();

  constructor(labels: Record<PanelTab, TabLabel>, private readonly panels: ReadonlyMap<PanelTab, HTMLElement>, private readonly onSelect: (tab: PanelTab) => void) {
    this.element = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Live debugger views' });
    for (const tab of Object.keys(labels) as PanelTab[]) {
      const label = labels[tab];
      const button = typeof label === 'string'
        ? h('button', { class: 'tab', role: 'tab', id: `tab-${tab}`, 'aria-controls': `panel-${tab}`, type: 'button' }, label)
        : h('button', { class: 'tab', role: 'tab', id: `tab-${tab}`, 'aria-controls': `panel-${tab}`, type: 'button', title: label.full },
          h('span', { class: 'label-full' }, label.full), h('span', { class: 'label-short' }, label.short));
      button.addEventListener('click', () => this.onSelect(tab));
      button.addEventListener('keydown', (event) => this.onKey(event, tab));
      this.element.appendChild(button);
      this.buttons.set(tab, button);
    }
    for (const [tab, panel] of panels) {
      panel.id = panel.id || `panel-${tab}`;
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', `tab-${tab}`);
    }
  }

  /** Shows `tab` as selected; with `focus`, moves the focus to it when it is on a tab already. */
  show(tab: PanelTab, focus: boolean): void {
    for (const [name, button] of this.buttons) {
      const selected = name === tab;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      if (selected && focus && document.activeElement?.getAttribute('role') === 'tab') button.focus();
    }
    for (const [name, panel] of this.panels) panel.hidden = name !== tab;
  }

  private onKey(event: KeyboardEvent, tab: PanelTab): void {
    const tabs = [...this.buttons.keys()];
    const index = tabs.indexOf(tab);
    const next = event.key === 'ArrowRight' ? tabs[(index + 1) % tabs.length]
      : event.key === 'ArrowLeft' ? tabs[(index - 1 + tabs.length) % tabs.length]
        : event.key === 'Home' ? tabs[0] : event.key === 'End' ? tabs[tabs.length - 1] : undefined;
    if (!next) return;
    event.preventDefault();
    this.onSelect(next);
    this.buttons.get(next)?.focus();
  }
}
