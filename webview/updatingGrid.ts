// A grid whose rows wait for a filter still being applied: said to assistive technology at once
// (aria-busy), and dimmed only after a moment (media/panel.css), so a pass of a few frames does not flicker.
import { writeAttribute } from './dom';

export function showUpdating(view: HTMLElement, grid: HTMLElement, updating: boolean): void {
  view.classList.toggle('is-updating', updating);
  writeAttribute(grid, 'aria-busy', String(updating));
}
