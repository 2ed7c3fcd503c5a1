// How the host's large messages travel to the webview: as one Uint8Array of UTF-8 JSON, in which
// event summaries are rows of a table whose strings are listed once. VS Code JSON-serializes a posted
// object in the extension host, sends that text inside its own JSON over the RPC to the workbench,
// parses it there and structured-clones the objects twice more (into the webview's outer frame, then
// its inner one), all on the workbench's main thread. A typed array goes as binary since VS Code
// 1.57 (`serializeBuffersForPostMessage`): the workbench only copies its bytes, and the one parse
// left is the webview's, of a third of the bytes.
import type { EventSummary } from './eventSummary';
import type { Envelope, HostMessage } from './protocol';

/** An envelope whose body travels as bytes (see `packEnvelope`). */
export interface PackedEnvelope {
  messageId: number;
  inReplyTo?: number;
  packed: Uint8Array;
}

/** What each summary field holds, so a row stores strings as indexes into the table's strings. */
type FieldKind = 'number' | 'string' | 'strings' | 'flag';
const FIELD_KINDS: { [Field in keyof Required<EventSummary>]: FieldKind } = {
  id: 'number', timestamp: 'number', connectionId: 'string', source: 'string', kind: 'string', method: 'string',
  status: 'string', tool: 'string', error: 'string', errorCode: 'number', latencyMs: 'number', upstreamMs: 'number',
  proxyMs: 'number', requestBytes: 'number', responseBytes: 'number', replayOf: 'number', target: 'string',
  upstream: 'string', listedTools: 'strings', hasTrace: 'flag',
};
const FIELDS = Object.keys(FIELD_KINDS) as Array<keyof EventSummary>;

/** Event summaries as a table: one row per event, a field's value at its index in `fields`, null when absent. */
interface SummaryTable {
  fields: string[];
  strings: string[];
  rows: Array<Array<number | number[] | null>>;
}

type PackedBody = Record<string, unknown> & { type: string; eventTable?: SummaryTable };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function packEnvelope(envelope: Envelope<HostMessage>): PackedEnvelope {
  const { body } = envelope;
  let packedBody: PackedBody = body;
  if ('events' in body && Array.isArray(body.events)) {
    const { events, ...rest } = body;
    packedBody = { ...rest, eventTable: tableOf(events) };
  }
  const packed = encoder.encode(JSON.stringify(packedBody));
  return envelope.inReplyTo === undefined ? { messageId: envelope.messageId, packed } : { messageId: envelope.messageId, inReplyTo: envelope.inReplyTo, packed };
}

export function isPackedEnvelope(value: unknown): value is PackedEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.messageId === 'number' && record.packed instanceof Uint8Array;
}

/** The envelope as it was before packing; still to be checked with `asHostEnvelope`. */
export function unpackEnvelope(value: PackedEnvelope): unknown {
  const { envelope, table } = readPackedEnvelope(value);
  if (table) decodeSummaries(table, 0, table.rows.length, eventsToFill(envelope));
  return envelope;
}

/** Event summaries still packed as a table's rows, to be decoded a slice at a time. */
export interface PackedSummaries {
  readonly rows: unknown[];
  readonly fields: readonly string[];
  readonly strings: readonly string[];
}

/**
 * The envelope with its events still to decode: `body.events` is an empty array that
 * `decodeSummaries` fills from `table` (a webview decodes 5,000 of them across several tasks
 * rather than allocating them all in the task that received the message).
 */
export function readPackedEnvelope(value: PackedEnvelope): { envelope: unknown; table?: PackedSummaries } {
  const { eventTable, ...body } = JSON.parse(decoder.decode(value.packed)) as PackedBody;
  if (eventTable) body.events = [];
  const envelope = value.inReplyTo === undefined ? { messageId: value.messageId, body } : { messageId: value.messageId, inReplyTo: value.inReplyTo, body };
  return eventTable ? { envelope, table: eventTable } : { envelope };
}

/** The array `readPackedEnvelope` left for the events. */
export function eventsToFill(envelope: unknown): EventSummary[] {
  return (envelope as { body: { events: EventSummary[] } }).body.events;
}

/** Decodes rows `from` up to `to` of the table onto the end of `into`. */
export function decodeSummaries(table: PackedSummaries, from: number, to: number, into: EventSummary[]): void {
  const { strings, fields } = table;
  const rows = table.rows as SummaryTable['rows'];
  const kinds = fields.map((field) => FIELD_KINDS[field as keyof EventSummary]);
  for (let index = from; index < to; index++) {
    const row = rows[index];
    const event: Record<string, unknown> = {};
    for (let column = 0; column < row.length; column++) {
      const value = row[column];
      if (value === null) continue;
      const kind = kinds[column];
      const field = fields[column];
      if (kind === 'string') event[field] = strings[value as number];
      else if (kind === 'strings') event[field] = (value as number[]).map((stringIndex) => strings[stringIndex]);
      else if (kind === 'flag') event[field] = value === 1;
      else event[field] = value;
    }
    into.push(event as unknown as EventSummary);
  }
}

function tableOf(events: readonly EventSummary[]): SummaryTable {
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const intern = (text: string): number => {
    let index = indexes.get(text);
    if (index === undefined) {
      index = strings.length;
      strings.push(text);
      indexes.set(text, index);
    }
    return index;
  };
  const rows = events.map((event) => {
    const row: Array<number | number[] | null> = [];
    for (let column = 0; column < FIELDS.length; column++) {
      const field = FIELDS[column];
      const value = event[field];
      if (value === undefined) continue;
      const kind = FIELD_KINDS[field];
      while (row.length < column) row.push(null);
      row.push(kind === 'string' ? intern(value as string)
        : kind === 'strings' ? (value as string[]).map(intern)
          : kind === 'flag' ? (value ? 1 : 0)
            : value as number);
    }
    return row;
  });
  return { fields: FIELDS, strings, rows };
}
