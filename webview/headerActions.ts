// The header's actions beside the tabs: the endpoint, Pause/Resume, and the less-used actions
// (Export, Import, Compare). In a narrow panel (360 px beside the Chat view) the header has one
// line for the tabs and these, so Pause/Resume shows as its icon and the others fold behind a
// "More actions" button; they are the same buttons (same ids, same handlers) in both layouts,
// shown in a drop-down group there, and reached by Tab, Enter/Space and the arrow keys.
import { NARROW_QUERY } from './columnChooser';
import { h } from './dom';

export class HeaderActions {
  readonly element: HTMLElement;
  private readonly toggle: HTMLElement;
  private readonly group: HTMLElement;
  private readonly query = window.matchMedia(NARROW_QUERY);

  /** `onNarrow` is told whether the panel is narrow now and whenever that changes. */
  constructor(leading: readonly HTMLElement[], private readonly folded: readonly HTMLElement[], onNarrow: (narrow: boolean) => void) {
    this.toggle = h('vscode-button', {
      id: 'more-actions', secondary: true, icon: 'ellipsis', 'icon-only': true, title: 'More actions: Export, Import, Compare',
      'aria-label': 'More actions', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-controls': 'more-actions-group',
    });
    this.group = h('div', { id: 'more-actions-group', class: 'more-actions', role: 'group', 'aria-label': 'More actions' }, ...folded);
    this.element = h('div', { class: 'actions' }, ...leading, this.toggle, this.group);
    this.toggle.addEventListener('click', (event) => {
      event.stopPropagation();
      this.setOpen(!this.isOpen);
    });
    // an action run from the drop-down closes it; a click elsewhere does too
    this.group.addEventListener('click', () => this.setOpen(false));
    document.addEventListener('click', (event) => {
      if (this.isOpen && !this.element.contains(event.target as Node)) this.setOpen(false);
    });
    this.group.addEventListener('keydown', (event) => this.onKey(event));
    this.element.addEventListener('focusout', (event) => {
      if (this.isOpen && !this.element.contains(event.relatedTarget as Node | null)) this.setOpen(false);
    });
    this.query.addEventListener('change', () => {
      this.setOpen(false);
      onNarrow(this.query.matches);
    });
    onNarrow(this.query.matches);
  }

  get isOpen(): boolean {
    return this.group.classList.contains('is-open');
  }

  private setOpen(open: boolean): void {
    this.group.classList.toggle('is-open', open);
    this.toggle.setAttribute('aria-expanded', String(open));
    if (open) this.enabled()[0]?.focus();
  }

  private enabled(): HTMLElement[] {
    return this.folded.filter((button) => !button.hasAttribute('disabled'));
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.query.matches) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.setOpen(false);
      this.toggle.focus();
      return;
    }
    const buttons = this.enabled();
    const index = buttons.findIndex((button) => button === document.activeElement || button.contains(document.activeElement));
    const next = event.key === 'ArrowDown' ? buttons[(index + 1) % buttons.length]
      : event.key === 'ArrowUp' ? buttons[(index - 1 + buttons.length) % buttons.length]
        : event.key === 'Home' ? buttons[0] : event.key === 'End' ? buttons[buttons.length - 1] : undefined;
    if (!next) return;
    event.preventDefault();
    next.focus();
  }
}
