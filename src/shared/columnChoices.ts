// Which columns the user chose to see in each grid of the panel, per layout (a narrow panel beside
// the Chat view, a wide one). Saved twice: in the webview's own state (so a reload draws them at
// once) and by the host in VS Code's global state (so they follow the user into the other place the
// live debugger shows, the bottom panel or the editor tab, and into other windows).

export type ColumnGrid = 'connections' | 'events' | 'tools';
export type ColumnLayout = 'narrow' | 'wide';

/** Column keys shown, per layout; a layout the user never changed is absent (its defaults apply). */
export type LayoutColumnChoices = Partial<Record<ColumnLayout, string[]>>;
export type ColumnChoices = Partial<Record<ColumnGrid, LayoutColumnChoices>>;

const GRIDS: readonly ColumnGrid[] = ['connections', 'events', 'tools'];
const LAYOUTS: readonly ColumnLayout[] = ['narrow', 'wide'];
/** More than any grid has; a longer list is not ours. */
const MAX_COLUMNS = 32;
const MAX_KEY_LENGTH = 40;

/** Reads saved or received choices defensively: anything malformed is left out, never thrown. */
export function normalizeColumnChoices(value: unknown): ColumnChoices {
  const choices: ColumnChoices = {};
  if (!isPlainRecord(value)) return choices;
  for (const grid of GRIDS) {
    const layouts = value[grid];
    if (!isPlainRecord(layouts)) continue;
    const read: LayoutColumnChoices = {};
    for (const layout of LAYOUTS) {
      const keys = layouts[layout];
      if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_COLUMNS) continue;
      if (!keys.every((key): key is string => typeof key === 'string' && key.length > 0 && key.length <= MAX_KEY_LENGTH)) continue;
      read[layout] = [...new Set(keys)];
    }
    if (read.narrow || read.wide) choices[grid] = read;
  }
  return choices;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
