// A grid header row whose column headers sort on click or Enter, with aria-sort.
import { h, icon } from './dom';
import { headerLabel, type GridColumn } from './gridColumns';

export interface SortState<Key extends string> {
  key: Key;
  descending: boolean;
}

export class SortableHeader<Key extends string> {
  readonly element: HTMLElement;

  constructor(
    columns: ReadonlyArray<Pick<GridColumn, 'label' | 'short'> & { key: Key }>,
    rowClass: string,
    private readonly current: () => SortState<Key>,
    private readonly onSort: (sort: SortState<Key>) => void,
  ) {
    this.element = h('div', { class: `grid-header ${rowClass}`, role: 'row', 'aria-rowindex': 1 });
    for (const { key, label, short } of columns) {
      // a narrow panel shows the short label, the full one stays the button's name
      const button = h('button', { class: 'sort-button', type: 'button', 'data-sort-key': key, 'aria-label': short ? label : undefined, title: short ? label : undefined },
        ...headerLabel({ label, short }), h('span', { class: 'sort-icon' }));
      button.addEventListener('click', () => {
        const sort = this.current();
        this.onSort({ key, descending: sort.key === key ? !sort.descending : false });
        this.update();
      });
      this.element.appendChild(h('div', { role: 'columnheader', class: `col col-${key}`, 'data-key': key }, button));
    }
    this.update();
  }

  update(): void {
    const sort = this.current();
    for (const header of this.element.querySelectorAll<HTMLElement>('[role="columnheader"]')) {
      const active = header.dataset.key === sort.key;
      header.setAttribute('aria-sort', active ? (sort.descending ? 'descending' : 'ascending') : 'none');
      header.querySelector('.sort-icon')?.replaceChildren(active ? icon(sort.descending ? 'arrow-down' : 'arrow-up') : '');
    }
  }
}
