import type { CompareBase, HostMessagePayloads } from '../shared/protocol';
import { compareTraces, type ComparedTrace } from '../shared/traceCompare';
import { openTraceExport } from './traceFiles';

/** Where the files come from: the open dialog, or (in tests) a stand-in. */
export type TraceFilePicker = (title: string) => ReturnType<typeof openTraceExport>;

/**
 * Compare from the panel: what it shows (the live store or the imported file) or a first file,
 * against a second file; both chosen in VS Code's open dialog. A cancelled dialog answers nothing.
 */
export async function compareFromPanel(base: CompareBase, shown: () => ComparedTrace, pick: TraceFilePicker = openTraceExport): Promise<HostMessagePayloads['comparison']> {
  try {
    let left: ComparedTrace;
    if (base === 'shown') {
      left = shown();
    } else {
      const first = await pick('Compare traces: the first (base) trace');
      if (!first) return {};
      left = { label: first.name, events: first.trace.events };
    }
    const second = await pick(`Compare traces: the trace to compare with ${left.label}`);
    if (!second) return {};
    return { comparison: compareTraces(left, { label: second.name, events: second.trace.events }) };
  } catch (error) {
    return { message: `Compare failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
