// Live or paused: the toggle in the header, and where a paused view stopped reading.
import { h } from './dom';

export class LiveControl {
  readonly button: HTMLElement;
  private pausedFlag: boolean;
  /** While paused: the last event id the view shows, and how many arrived since. */
  private pausedAt = Number.POSITIVE_INFINITY;
  private arrived = 0;
  /** In a narrow panel the button shows its icon only (its word stays its accessible name). */
  private compact = false;

  constructor(live: boolean, onToggle: (live: boolean) => void) {
    this.pausedFlag = !live;
    this.button = h('vscode-button', { id: 'live-toggle', secondary: true });
    this.button.addEventListener('click', () => onToggle(this.pausedFlag));
    this.updateButton();
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  /** The last event id a paused view shows (infinity while live). */
  get pausedAtId(): number {
    return this.pausedAt;
  }

  get arrivedWhilePaused(): number {
    return this.arrived;
  }

  /** Pauses at `lastShownId`, or goes live again. */
  set(live: boolean, lastShownId: number): void {
    this.pausedFlag = !live;
    this.pausedAt = live ? Number.POSITIVE_INFINITY : lastShownId;
    this.arrived = 0;
    this.updateButton();
  }

  noteArrived(count: number): void {
    if (this.pausedFlag) this.arrived += count;
  }

  setCompact(compact: boolean): void {
    this.compact = compact;
    this.updateButton();
  }

  /** An imported file is read-only: there is nothing to pause. */
  setEnabled(enabled: boolean): void {
    if (enabled) this.button.removeAttribute('disabled');
    else this.button.setAttribute('disabled', '');
  }

  private updateButton(): void {
    const paused = this.pausedFlag;
    const label = paused ? 'Resume' : 'Pause';
    this.button.textContent = this.compact ? '' : label;
    this.button.setAttribute('aria-label', label);
    this.button.toggleAttribute('icon-only', this.compact);
    this.button.setAttribute('icon', paused ? 'debug-continue' : 'debug-pause');
    this.button.setAttribute('title', paused ? 'Show events as they arrive' : 'Freeze the view (events keep being recorded)');
    this.button.setAttribute('aria-pressed', String(paused));
  }
}
