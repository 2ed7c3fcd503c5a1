// References of our own for the locals read over CDP that js-debug gives children (localScope.ts):
// js-debug hands out a variable's reference only in its own `variables` answer, which those reads
// skip. One of ours stands for "the variable `name` of the local scope `scopeName` of js-debug's
// frame `frameId`, at stop N"; it is mapped to js-debug's reference for the same variable only
// when it is expanded (programInspection.ts asks js-debug's scopes and variables of that frame
// then, usually answered at once from the workbench's own reads for its views). It expires when
// the program resumes or steps, as js-debug's own do (js-debug drops every variable of a pause
// when it resumes): an expired one is refused, never answered with another stop's values.
// Numbers: js-debug numbers every variable, scope and output it makes with one counter from 1 up
// per adapter process; ours count from 2^30 up (DAP wants at most 2^31 - 1), which js-debug's
// would reach only after a billion variables.
import type { DebugRecordOf } from '../debugRecord';

/** What the references need of a session's record: which stop it is at. */
type StopState = Pick<DebugRecordOf, 'stopCount' | 'state'>;

export interface LocalReference {
  readonly reference: number;
  readonly stopCount: number;
  readonly frameId: number;
  readonly scopeName: string;
  readonly name: string;
  /** js-debug's reference for the same variable, once asked. */
  jsDebugReference?: Promise<number>;
}

const FIRST_REFERENCE = 2 ** 30;
const LAST_REFERENCE = 2 ** 31 - 1;

export class LocalReferences {
  private next = FIRST_REFERENCE;
  /** Per session, the references of its latest stop that had any, by variable and by number. */
  private readonly issued = new WeakMap<StopState, { stopCount: number; byVariable: Map<string, LocalReference>; byNumber: Map<number, LocalReference> }>();

  /** Our reference for the variable at the record's current stop: the same one for every read of that stop. */
  issue(record: StopState, stopCount: number, frameId: number, scopeName: string, name: string): number {
    let issued = this.issued.get(record);
    if (!issued || issued.stopCount !== stopCount) {
      issued = { stopCount, byVariable: new Map(), byNumber: new Map() };
      this.issued.set(record, issued);
    }
    const key = JSON.stringify([frameId, scopeName, name]);
    const known = issued.byVariable.get(key);
    if (known) return known.reference;
    const reference = this.next;
    this.next = reference === LAST_REFERENCE ? FIRST_REFERENCE : reference + 1;
    const entry: LocalReference = { reference, stopCount, frameId, scopeName, name };
    issued.byVariable.set(key, entry);
    issued.byNumber.set(reference, entry);
    return reference;
  }

  /**
   * What `reference` is on this session: one of ours at the current stop, `expired` when it is
   * ours from a stop that is over (or the program runs), undefined when it is not ours.
   */
  lookup(record: StopState, reference: number): LocalReference | 'expired' | undefined {
    const issued = this.issued.get(record);
    if (!issued || reference < FIRST_REFERENCE || reference > LAST_REFERENCE) return undefined;
    const entry = issued.byNumber.get(reference);
    if (!entry || entry.stopCount !== record.stopCount || record.state !== 'paused') return 'expired';
    return entry;
  }
}
