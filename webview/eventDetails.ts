// The bodies and trace tree of an event, asked of the host when a row expands, and kept a while.
import type { HostMessage, WebviewMessage } from '../src/shared/protocol';
import type { TraceEvent } from '../src/shared/trace';

/** Rows re-expand often, but bodies must not pile up. */
const KEPT_DETAILS = 200;

export class EventDetails {
  private readonly pending = new Map<string, Promise<TraceEvent | undefined>>();

  constructor(private readonly request: (message: WebviewMessage) => Promise<HostMessage>) {}

  load(eventId: number, imported: boolean): Promise<TraceEvent | undefined> {
    const key = `${imported ? 'i' : 'l'}${eventId}`;
    let detail = this.pending.get(key);
    if (!detail) {
      detail = this.request({ type: 'getEventDetail', id: eventId, imported })
        .then((answer) => (answer.type === 'eventDetail' ? answer.event : undefined));
      this.pending.set(key, detail);
      if (this.pending.size > KEPT_DETAILS) this.pending.delete(this.pending.keys().next().value as string);
    }
    return detail;
  }

  /** A new file was imported: its ids mean other events. */
  forgetImported(): void {
    for (const key of [...this.pending.keys()]) if (key.startsWith('i')) this.pending.delete(key);
  }
}
