// Cells placed absolutely where a one-row CSS grid with the same tracks would put them. A live
// Event Log rewrites every row it shows ten times a second; laid out as a grid, each row sizes its
// tracks and each cell is a flex box (measured: about twice the style and layout of placed block
// cells). The positions are one generated rule per column, in the cells' own units (`ch` of the
// row's font, `%` of the row's width), so no width is measured in script and a row draws no faster
// or slower whatever the panel's width.

export interface PlacedTrack {
  key: string;
  /** A CSS length, or at most one track `minmax(<length>, <n>fr)` that takes what is left. */
  track: string;
}

const FLEXIBLE = /^minmax\(\s*([^,]+?)\s*,\s*[\d.]*fr\s*\)$/;

/**
 * The rules that place each `> .col-<key>` of rows matching `rowSelector`, the row padded by and its
 * cells apart by `gap` (a CSS length), as `grid-template-columns` would; undefined when the tracks
 * have more than one flexible track (the grid is kept then).
 */
export function placedCellRules(rowSelector: string, tracks: readonly PlacedTrack[], gap: string): string | undefined {
  const flexible = tracks.filter((column) => FLEXIBLE.test(column.track));
  if (flexible.length > 1) return undefined;
  const fixed = tracks.filter((column) => !FLEXIBLE.test(column.track)).map((column) => column.track);
  // as the grid does: the flexible track gets what the others and the gaps leave, never under its minimum
  const rest = ['100%', `2 * ${gap}`, ...fixed, `${Math.max(0, tracks.length - 1)} * ${gap}`].join(' - ');
  const widthOf = (column: PlacedTrack) => {
    const min = FLEXIBLE.exec(column.track)?.[1];
    return min === undefined ? column.track : `max(${min}, ${rest})`;
  };
  const before: string[] = [gap];
  return tracks.map((column) => {
    const width = widthOf(column);
    const rule = `${rowSelector} > .col-${column.key} { display: block; left: calc(${before.join(' + ')}); width: ${width}; }`;
    before.push(width, gap);
    return rule;
  }).join('\n');
}
