// Whether js-debug may be showing a generated file without its source map right now. js-debug
// does that from a stop at a breakpoint the user set in the generated file itself (debugging the
// compiled code: its steps stay in that file) until its next DAP `continue`, which clears it
// before it resumes the target (v1.117 Thread.resume → SourceContainer.clearDisabledSourceMaps).
// A resume over CDP would leave that in place: until a later stop at a breakpoint, console output
// and a pause, exception or `debugger` stop in that file would show in the generated code, where
// after VS Code's own continue they show in the original source. So a continue goes over CDP only
// when no such hold can be on; this class decides that from what the channel sees:
// - js-debug holds a source map off only for a file with a VS Code breakpoint in it that carries
//   a source map reference, and only after the target paused at a breakpoint (CDP `hitBreakpoints`);
// - every DAP `continue` js-debug gets (the workbench's or ours) ends every hold;
// - a channel that may have missed stops (it opened during a pause, or after the session's first
//   moments) knows nothing until the next DAP `continue`.
// It errs one way only: when unsure it says "may hold", and the continue goes through the workbench.
import { readFileSync, statSync } from 'node:fs';

/**
 * A file with an enabled VS Code breakpoint: its local path, or undefined when it is none (an
 * untitled editor, a source js-debug serves itself), whose content cannot be checked here.
 */
export type BreakpointFile = string | undefined;

export class SourceMapHolds {
  private historyKnown: boolean;
  private hitSinceContinue = false;
  /** Files that had breakpoints at those hits (a breakpoint removed since still had its hold made). */
  private readonly filesAtHits = new Set<BreakpointFile>();

  /**
   * `historyKnown`: the channel follows the target from before it ran. `breakpointFiles`: the
   * files with enabled VS Code breakpoints now. `referencesSourceMap`: whether a file carries a
   * source map reference (true when that cannot be told).
   */
  constructor(
    historyKnown: boolean,
    private readonly breakpointFiles: () => readonly BreakpointFile[],
    private readonly referencesSourceMap: (file: string) => boolean,
  ) {
    this.historyKnown = historyKnown;
  }

  /** Stops before now may have gone unseen. */
  historyUnknown(): void {
    this.historyKnown = false;
  }

  /** The target paused at a breakpoint. */
  sawBreakpointHit(): void {
    this.hitSinceContinue = true;
    for (const file of this.breakpointFiles()) this.filesAtHits.add(file);
  }

  /** js-debug got a DAP `continue`: it ended every hold. */
  sawContinue(): void {
    this.historyKnown = true;
    this.hitSinceContinue = false;
    this.filesAtHits.clear();
  }

  /** Whether js-debug may be holding a source map off (then only its own `continue` resumes as VS Code's would). */
  mayHold(): boolean {
    if (!this.historyKnown) return true;
    if (!this.hitSinceContinue) return false;
    const files = new Set([...this.filesAtHits, ...this.breakpointFiles()]);
    for (const file of files) {
      if (file === undefined || this.referencesSourceMap(file)) return true;
    }
    return false;
  }
}

/** Larger files are taken to carry a map (generated bundles): not read on the extension host's loop. */
const LARGEST_READ_BYTES = 4 * 1024 * 1024;
/** V8's marker of a source map reference: `//# sourceMappingURL=`, also the older `//@` and the CSS-style comment forms. */
const SOURCE_MAP_REFERENCE = /[#@]\s*sourceMappingURL\s*=/;

const checked = new Map<string, { mtimeMs: number; size: number; references: boolean }>();

/**
 * Whether the file on disk carries a source map reference; true when it cannot be read. Checked
 * with a stat (microseconds) and read again only when it changed: a continue asks this for every
 * file with a breakpoint, so it must not wait for the thread pool as an asynchronous read would.
 */
export function fileReferencesSourceMap(path: string): boolean {
  try {
    const stat = statSync(path);
    const known = checked.get(path);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.references;
    const references = stat.size > LARGEST_READ_BYTES || SOURCE_MAP_REFERENCE.test(readFileSync(path, 'utf8'));
    checked.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, references });
    return references;
  } catch {
    return true;
  }
}
