// How the host's large messages travel to the webview: as one Uint8Array of UTF-8 JSON, in which
// event summaries are rows of a table whose strings are listed once. VS Code JSON-serializes a posted
// object in the extension host, sends that text inside its own JSON over the RPC to the workbench,
// parses it there and structured-clones the objects twice more (into the webview's outer frame, then
// its inner one), all on the workbench's main thread. A typed array goes as binary since VS Code
// 1.57 (`serializeBuffersForPostMessage`): the workbench only copies its bytes, and the one parse
// left is the webview's, of a third of the bytes. The rows come after the rest of the body, in chunks
// of their own JSON, so the webview parses them a chunk at a time as it decodes them in slices.
import type { EventSummary } from './eventSummary';
import type { Envelope, HostMessage } from './protocol';

/** An envelope whose body travels as bytes (see `packEnvelope`). */
export interface PackedEnvelope {
  messageId: number;
  inReplyTo?: number;
  packed: Uint8Array;
  /** Byte lengths of the event rows' chunks at the end of `packed`, each a JSON array of up to `PACKED_CHUNK_ROWS` rows. */
  rowChunks?: number[];
}

/** Rows per chunk: a slice's worth (ARRIVAL_STEP_EVENTS in the webview). */
export const PACKED_CHUNK_ROWS = 250;

/** What each summary field holds, so a row stores strings as indexes into the table's strings. */
type FieldKind = 'number' | 'string' | 'strings' | 'flag';
const FIELD_KINDS: { [Field in keyof Required<EventSummary>]: FieldKind } = {
  id: 'number', timestamp: 'number', connectionId: 'string', source: 'string', kind: 'string', method: 'string',
  status: 'string', tool: 'string', error: 'string', errorCode: 'number', latencyMs: 'number', upstreamMs: 'number',
  proxyMs: 'number', requestBytes: 'number', responseBytes: 'number', replayOf: 'number', target: 'string',
  upstream: 'string', listedTools: 'strings', hasTrace: 'flag',
};
const FIELDS = Object.keys(FIELD_KINDS) as Array<keyof EventSummary>;

/** One event: a field's value at its index in `fields`, null when absent. */
type Row = Array<number | number[] | null>;

/** Event summaries as a table: its rows travel apart, in chunks after the body (`PackedEnvelope.rowChunks`). */
interface SummaryTable {
  fields: string[];
  strings: string[];
  count: number;
}

type PackedBody = Record<string, unknown> & { type: string; eventTable?: SummaryTable };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function packEnvelope(envelope: Envelope<HostMessage>): PackedEnvelope {
  const { body } = envelope;
  const ids = envelope.inReplyTo === undefined ? { messageId: envelope.messageId } : { messageId: envelope.messageId, inReplyTo: envelope.inReplyTo };
  if (!('events' in body && Array.isArray(body.events))) return { ...ids, packed: encoder.encode(JSON.stringify(body)) };
  const { events, ...rest } = body;
  const { table, rows } = tableOf(events);
  const parts = [encoder.encode(JSON.stringify({ ...rest, eventTable: table }))];
  const rowChunks: number[] = [];
  for (let start = 0; start < rows.length; start += PACKED_CHUNK_ROWS) {
    const chunk = encoder.encode(JSON.stringify(rows.slice(start, start + PACKED_CHUNK_ROWS)));
    parts.push(chunk);
    rowChunks.push(chunk.byteLength);
  }
  const packed = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    packed.set(part, offset);
    offset += part.byteLength;
  }
  return { ...ids, packed, rowChunks };
}

export function isPackedEnvelope(value: unknown): value is PackedEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.messageId === 'number' && record.packed instanceof Uint8Array
    && (record.rowChunks === undefined || (Array.isArray(record.rowChunks) && record.rowChunks.every((length) => Number.isInteger(length) && length >= 0)));
}

/** The envelope as it was before packing; still to be checked with `asHostEnvelope`. */
export function unpackEnvelope(value: PackedEnvelope): unknown {
  const { envelope, table } = readPackedEnvelope(value);
  if (table) decodeSummaries(table, 0, table.count, eventsToFill(envelope));
  return envelope;
}

/** Event summaries still packed, to be decoded a slice at a time: each chunk of rows is parsed when first read. */
export class PackedSummaries {
  /** Where each chunk of rows starts in the bytes, and where the last ends. */
  private readonly offsets: number[];
  private parsedChunk = -1;
  private parsedRows: Row[] = [];

  constructor(readonly fields: readonly string[], readonly strings: readonly string[], readonly count: number, private readonly bytes: Uint8Array, rowsStart: number, chunkLengths: readonly number[]) {
    this.offsets = [rowsStart];
    for (const length of chunkLengths) this.offsets.push(this.offsets[this.offsets.length - 1] + length);
  }

  row(index: number): Row {
    const chunk = Math.floor(index / PACKED_CHUNK_ROWS);
    if (chunk !== this.parsedChunk) {
      this.parsedRows = JSON.parse(decoder.decode(this.bytes.subarray(this.offsets[chunk], this.offsets[chunk + 1]))) as Row[];
      this.parsedChunk = chunk;
    }
    return this.parsedRows[index - chunk * PACKED_CHUNK_ROWS];
  }
}

/**
 * The envelope with its events still to decode: `body.events` is an empty array that
 * `decodeSummaries` fills from `table` (a webview decodes 5,000 of them across several tasks
 * rather than allocating them all in the task that received the message).
 */
export function readPackedEnvelope(value: PackedEnvelope): { envelope: unknown; table?: PackedSummaries } {
  const chunks = value.rowChunks ?? [];
  const rowsStart = value.packed.byteLength - chunks.reduce((sum, length) => sum + length, 0);
  const { eventTable, ...body } = JSON.parse(decoder.decode(value.packed.subarray(0, rowsStart))) as PackedBody;
  if (eventTable) body.events = [];
  const envelope = value.inReplyTo === undefined ? { messageId: value.messageId, body } : { messageId: value.messageId, inReplyTo: value.inReplyTo, body };
  if (!eventTable) return { envelope };
  return { envelope, table: new PackedSummaries(eventTable.fields, eventTable.strings, eventTable.count, value.packed, rowsStart, chunks) };
}

/** The array `readPackedEnvelope` left for the events. */
export function eventsToFill(envelope: unknown): EventSummary[] {
  return (envelope as { body: { events: EventSummary[] } }).body.events;
}

/** Decodes rows `from` up to `to` of the table onto the end of `into`. */
export function decodeSummaries(table: PackedSummaries, from: number, to: number, into: EventSummary[]): void {
  const { strings, fields } = table;
  const kinds = fields.map((field) => FIELD_KINDS[field as keyof EventSummary]);
  for (let index = from; index < to; index++) {
    const row = table.row(index);
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

function tableOf(events: readonly EventSummary[]): { table: SummaryTable; rows: Row[] } {
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
    const row: Row = [];
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
  return { table: { fields: FIELDS, strings, count: rows.length }, rows };
}
