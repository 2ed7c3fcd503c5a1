// One line of whole parts at a fixed height. The parts that fit show; the rest wrap onto lines the
// box clips, so no part is ever cut mid-word, and a toggle, visible while some part is out of sight,
// unfolds the line to show them all (and folds it again). Hovering the line shows its whole text.
// The line's height never depends on its text: the box around it can be a layout boundary
// (`contain: strict`), so a part's new text re-lays out only that box, not the page.
import { h, icon } from './dom';

const UNFOLD = 'Show all of it';
const FOLD = 'Show one line';

export class FoldedLine {
  /** After the last part, past the clip when something does not fit (media/panel.css). */
  private readonly end = h('span', { class: 'fold-end', 'aria-hidden': 'true' });
  readonly line: HTMLElement;
  readonly toggle: HTMLButtonElement;
  private readonly glyph = icon('chevron-up');
  private endOutOfSight = false;

  /** `box` gets `is-unfolded` while unfolded; `wholeText` is the hover's text, asked for on each hover. */
  constructor(private readonly box: HTMLElement, id: string, parts: readonly HTMLElement[], wholeText: () => string) {
    this.line = h('div', { id, class: 'fold-line' }, ...parts, this.end);
    this.toggle = h('button', { type: 'button', class: 'fold-toggle', 'aria-expanded': 'false', 'aria-controls': id, 'aria-label': UNFOLD, title: UNFOLD }, this.glyph);
    this.toggle.addEventListener('click', () => this.setUnfolded(!this.unfolded));
    this.line.addEventListener('pointerenter', () => {
      this.line.title = wholeText();
    });
    // told after a layout, so nothing is read back from the page to know whether a part is hidden
    new IntersectionObserver((entries) => {
      this.endOutOfSight = entries[entries.length - 1].intersectionRatio < 0.5;
      this.showToggle();
    }, { root: this.line, threshold: 0.5 }).observe(this.end);
    this.showToggle();
  }

  get unfolded(): boolean {
    return this.box.classList.contains('is-unfolded');
  }

  private setUnfolded(unfolded: boolean): void {
    this.box.classList.toggle('is-unfolded', unfolded);
    this.toggle.setAttribute('aria-expanded', String(unfolded));
    this.toggle.setAttribute('aria-label', unfolded ? FOLD : UNFOLD);
    this.toggle.title = unfolded ? FOLD : UNFOLD;
    this.glyph.className = `codicon codicon-chevron-${unfolded ? 'down' : 'up'}`;
    this.showToggle();
  }

  /** The toggle keeps its place when it is not needed (hidden, not gone), so showing it moves no part. */
  private showToggle(): void {
    this.toggle.classList.toggle('is-needed', this.unfolded || this.endOutOfSight);
  }
}
