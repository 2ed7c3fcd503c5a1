// Which columns of a grid show, and how wide: all of them in a wide panel, the few that fit in a
// narrow one (360 px beside the Chat view), and whatever the user ticks in the Columns menu. The
// grid's track list and the hidden cells are one generated style rule, so a row drawn by the
// virtual list needs no per-cell work to follow a choice. The choices are the user's: the app saves
// them (webview state, and the host's global state) and hands saved ones back with `restore`.
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type { ColumnLayout, LayoutColumnChoices } from '../src/shared/columnChoices';
import { h, icon } from './dom';
import { placedCellRules } from './placedCells';

export interface ChooserColumn {
  key: string;
  label: string;
  /** A CSS grid track. */
  width: string;
  /** The track in a narrow panel, when it differs. */
  narrowWidth?: string;
  /** Shown in a narrow panel unless the user says otherwise. */
  narrow: boolean;
}

/** Below this width the panel is narrow (the editor tab beside a file and the Chat view). */
export const NARROW_QUERY = '(max-width: 640px)';

export class ColumnChooser {
  /** Sits in the first column header, above the rows' expand chevrons. */
  readonly button: HTMLElement;
  /** The checkboxes, and the generated style rule; the view places them under its header. */
  readonly menu: HTMLElement;
  private readonly style = h('style');
  private readonly chosen = new Map<ColumnLayout, Set<string>>();
  private readonly query = window.matchMedia(NARROW_QUERY);
  /** Called when the user changed a choice (not when saved ones are restored). */
  onDidChoose: (() => void) | undefined;

  /**
   * With `placedCells`, the rows (not the header) place their cells absolutely where the header's
   * grid puts its columns (webview/placedCells.ts): cheaper to lay out when every row is rewritten
   * many times a second.
   */
  constructor(private readonly scope: string, private readonly rowClass: string, private readonly columns: readonly ChooserColumn[], what: string,
    private readonly options: { placedCells?: boolean } = {}) {
    this.button = h('button', {
      type: 'button', class: 'column-chooser-button', title: `Choose the columns of ${what}`, 'aria-label': `Columns of ${what}`,
      'aria-haspopup': 'true', 'aria-expanded': 'false',
    }, icon('list-selection'));
    this.menu = h('div', { class: 'column-menu', role: 'group', 'aria-label': `Columns of ${what}`, hidden: true });
    this.menu.addEventListener('click', (event) => event.stopPropagation());
    this.button.addEventListener('click', (event) => {
      event.stopPropagation();
      event.preventDefault();
      this.setOpen(this.menu.hidden);
    });
    this.menu.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      this.setOpen(false);
      this.button.focus();
    });
    document.addEventListener('click', () => {
      if (!this.menu.hidden) this.setOpen(false);
    });
    document.head.appendChild(this.style);
    this.query.addEventListener('change', () => this.apply());
    this.apply();
  }

  /** Keys of the columns shown now, in column order. */
  visible(): string[] {
    const chosen = this.chosen.get(this.layout());
    return this.columns.filter((column) => (chosen ? chosen.has(column.key) : this.layout() === 'wide' || column.narrow)).map((column) => column.key);
  }

  /** Shows or hides one column in the current layout (the menu's checkboxes call this). */
  toggle(key: string, shown: boolean): void {
    const next = new Set(this.visible());
    if (shown) next.add(key);
    else if (next.size > 1) next.delete(key);
    this.chosen.set(this.layout(), next);
    this.apply();
    this.onDidChoose?.();
  }

  /** What the user chose, per layout; a layout never changed is left out. */
  choices(): LayoutColumnChoices {
    const choices: LayoutColumnChoices = {};
    for (const [layout, keys] of this.chosen) choices[layout] = this.columns.filter((column) => keys.has(column.key)).map((column) => column.key);
    return choices;
  }

  /**
   * Shows saved choices instead of the current ones. Keys of columns this grid no longer has are
   * dropped; a layout left with none, or absent, goes back to its defaults.
   */
  restore(choices: LayoutColumnChoices | undefined): void {
    this.chosen.clear();
    for (const layout of ['narrow', 'wide'] as const) {
      const keys = new Set(choices?.[layout] ?? []);
      const known = this.columns.filter((column) => keys.has(column.key)).map((column) => column.key);
      if (known.length > 0) this.chosen.set(layout, new Set(known));
    }
    this.apply();
    const shown = new Set(this.visible());
    for (const box of this.menu.querySelectorAll<HTMLElement & { checked: boolean }>('vscode-checkbox[data-column]')) box.checked = shown.has(box.dataset.column ?? '');
  }

  private layout(): ColumnLayout {
    return this.query.matches ? 'narrow' : 'wide';
  }

  private setOpen(open: boolean): void {
    this.menu.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
    if (!open) return;
    const shown = new Set(this.visible());
    this.menu.replaceChildren(h('div', { class: 'column-menu-title' }, 'Columns'), ...this.columns.map((column) => {
      const box = h('vscode-checkbox', { label: column.label, checked: shown.has(column.key), 'data-column': column.key });
      box.addEventListener('change', () => this.toggle(column.key, (box as unknown as { checked: boolean }).checked));
      return box;
    }));
    this.menu.querySelector<HTMLElement>('vscode-checkbox')?.focus();
  }

  private apply(): void {
    const shown = new Set(this.visible());
    const narrow = this.layout() === 'narrow';
    const placed = this.columns.filter((column) => shown.has(column.key)).map((column) => ({ key: column.key, track: narrow ? column.narrowWidth ?? column.width : column.width }));
    const hidden = this.columns.filter((column) => !shown.has(column.key)).map((column) => `${this.scope} .${this.rowClass} > .col-${column.key}`);
    const rows = `${this.scope} .grid-row.${this.rowClass}`;
    // (a hidden column gets no rule of its own, so its `display: none` below stays)
    const cells = this.options.placedCells ? placedCellRules(rows, placed, 'var(--cell-gap)') : undefined;
    this.style.textContent = `${this.scope} .${this.rowClass} { grid-template-columns: ${placed.map((column) => column.track).join(' ')}; }`
      + (cells ? `\n${rows} { display: block; }\n${rows} > .col { position: absolute; top: 0; height: 100%; line-height: var(--row-height); }\n${cells}` : '')
      + (hidden.length ? `\n${hidden.join(', ')} { display: none; }` : '');
  }
}
