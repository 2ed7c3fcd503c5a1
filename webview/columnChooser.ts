// Which columns of a grid show, and how wide: all of them in a wide panel, the few that fit in a
// narrow one (360 px beside the Chat view), and whatever the user ticks in the Columns menu. The
// grid's track list and the hidden cells are one generated style rule, so a row drawn by the
// virtual list needs no per-cell work to follow a choice.
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import { h, icon } from './dom';

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

type Layout = 'narrow' | 'wide';

export class ColumnChooser {
  /** Sits in the first column header, above the rows' expand chevrons. */
  readonly button: HTMLElement;
  /** The checkboxes, and the generated style rule; the view places them under its header. */
  readonly menu: HTMLElement;
  private readonly style = h('style');
  private readonly chosen = new Map<Layout, Set<string>>();
  private readonly query = window.matchMedia(NARROW_QUERY);

  constructor(private readonly scope: string, private readonly rowClass: string, private readonly columns: readonly ChooserColumn[], what: string) {
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
  }

  private layout(): Layout {
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
    const tracks = this.columns.filter((column) => shown.has(column.key)).map((column) => (narrow ? column.narrowWidth ?? column.width : column.width));
    const hidden = this.columns.filter((column) => !shown.has(column.key)).map((column) => `${this.scope} .${this.rowClass} > .col-${column.key}`);
    this.style.textContent = `${this.scope} .${this.rowClass} { grid-template-columns: ${tracks.join(' ')}; }`
      + (hidden.length ? `\n${hidden.join(', ')} { display: none; }` : '');
  }
}
