// A grid's columns, each said once: its header label (with the short one a narrow panel shows),
// and the track and narrow default its Columns menu works with.
import type { ChooserColumn } from './columnChooser';
import { h } from './dom';

export interface GridColumn extends ChooserColumn {
  /** The header's label in a narrow panel, when the full one does not fit there. */
  short?: string;
}

/** A column header's text: the label, or both labels when there is a short one (media/panel.css shows one by width). */
export function headerLabel(column: Pick<GridColumn, 'label' | 'short'>): Array<HTMLElement | string> {
  return column.short ? [h('span', { class: 'label-full' }, column.label), h('span', { class: 'label-short', 'aria-hidden': 'true' }, column.short)] : [column.label];
}
