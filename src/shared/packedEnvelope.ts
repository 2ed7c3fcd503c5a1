// How the host's large messages travel to the webview: as one Uint8Array, UTF-8 JSON followed by the
// event summaries as binary rows whose strings are listed once in the JSON. VS Code JSON-serializes a
// posted object in the extension host, sends that text inside its own JSON over the RPC to the
// workbench, parses it there and structured-clones the objects twice more (into the webview's outer
// frame, then its inner one), all on the workbench's main thread. A typed array goes as binary since
// VS Code 1.57 (`serializeBuffersForPostMessage`): the workbench only copies its bytes. The rows are
// read straight into the summaries, a slice at a time: rows of JSON (in 250-row chunks, parsed when a
// slice first read them) left an array per row, a number object per timestamp and the chunk's text
// behind, most of what an arriving event allocated besides itself, and the scavenges that came with it.
import type { EventSummary } from './eventSummary';
import type { Envelope, HostMessage } from './protocol';

/** An envelope whose body travels as bytes (see `packEnvelope`). */
export interface PackedEnvelope {
  messageId: number;
  inReplyTo?: number;
  packed: Uint8Array;
  /** Length of the event rows at the end of `packed` (see `writeRows`). */
  rowBytes?: number;
}

/** What each summary field holds, so a row stores strings as indexes into the table's strings. */
type FieldKind = 'number' | 'string' | 'strings' | 'flag';
const FIELD_KINDS: { [Field in keyof Required<EventSummary>]: FieldKind } = {
  id: 'number', timestamp: 'number', connectionId: 'string', source: 'string', kind: 'string', method: 'string',
  status: 'string', tool: 'string', error: 'string', errorCode: 'number', latencyMs: 'number', upstreamMs: 'number',
  proxyMs: 'number', requestBytes: 'number', responseBytes: 'number', replayOf: 'number', target: 'string',
  upstream: 'string', listedTools: 'strings', hasTrace: 'flag',
};
type Field = keyof EventSummary;
const FIELDS = Object.keys(FIELD_KINDS) as Field[];
/** A row's bytes for each kind of field present (a flag's value is a byte; lists of strings are listed once too). */
const VALUE_BYTES: Record<FieldKind, number> = { number: 8, string: 4, strings: 4, flag: 1 };

/** Event summaries as a table: its rows travel apart, as bytes after the body (`PackedEnvelope.rowBytes`). */
interface SummaryTable {
  fields: string[];
  strings: string[];
  /** Lists of strings (`listedTools`), each as indexes into `strings`; rows name them by index. */
  lists: number[][];
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
  const strings = new Interned<string>((text) => text);
  const lists = new Interned<number[]>((list) => list.join(','));
  const rows = writeRows(events, strings, lists);
  const head = encoder.encode(JSON.stringify({ ...rest, eventTable: { fields: FIELDS, strings: strings.values, lists: lists.values, count: events.length } }));
  const packed = new Uint8Array(head.byteLength + rows.byteLength);
  packed.set(head, 0);
  packed.set(rows, head.byteLength);
  return { ...ids, packed, rowBytes: rows.byteLength };
}

export function isPackedEnvelope(value: unknown): value is PackedEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.messageId === 'number' && record.packed instanceof Uint8Array
    && (record.rowBytes === undefined || (Number.isInteger(record.rowBytes) && (record.rowBytes as number) >= 0 && (record.rowBytes as number) <= record.packed.byteLength));
}

/** The envelope as it was before packing; still to be checked with `asHostEnvelope`. */
export function unpackEnvelope(value: PackedEnvelope): unknown {
  const { envelope, table } = readPackedEnvelope(value);
  if (table) decodeSummaries(table, 0, table.count, eventsToFill(envelope));
  return envelope;
}

/** Values listed once, each by its index in `values`, told apart by `key`. */
class Interned<Value> {
  readonly values: Value[] = [];
  private readonly indexes = new Map<string, number>();

  constructor(private readonly key: (value: Value) => string) {}

  indexOf(value: Value): number {
    const key = this.key(value);
    let index = this.indexes.get(key);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.indexes.set(key, index);
    }
    return index;
  }
}

/**
 * Each event as a row of bytes, little-endian: a 32-bit mask of the fields present (bit i for
 * `FIELDS[i]`), then each present field's value in field order: a number as a float64, a string or
 * a list of strings as the uint32 index of its entry, a flag as one byte.
 */
function writeRows(events: readonly EventSummary[], strings: Interned<string>, lists: Interned<number[]>): Uint8Array {
  let length = 0;
  for (const event of events) {
    length += 4;
    for (const field of FIELDS) if (event[field] !== undefined) length += VALUE_BYTES[FIELD_KINDS[field]];
  }
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const event of events) {
    const maskAt = offset;
    offset += 4;
    let mask = 0;
    for (let column = 0; column < FIELDS.length; column++) {
      const field = FIELDS[column];
      const value = event[field];
      if (value === undefined) continue;
      mask |= 1 << column;
      const kind = FIELD_KINDS[field];
      if (kind === 'number') view.setFloat64(offset, value as number, true);
      else if (kind === 'string') view.setUint32(offset, strings.indexOf(value as string), true);
      else if (kind === 'strings') view.setUint32(offset, lists.indexOf((value as string[]).map((text) => strings.indexOf(text))), true);
      else view.setUint8(offset, value ? 1 : 0);
      offset += VALUE_BYTES[kind];
    }
    view.setUint32(maskAt, mask >>> 0, true);
  }
  return bytes;
}

/** Reads the rows of `writeRows` one value at a time, from where the last row read ended. */
class RowReader {
  private readonly view: DataView;
  /** The next row to read, and where it starts. */
  index = 0;
  offset = 0;

  constructor(bytes: Uint8Array, start: number, length: number, private readonly strings: readonly string[], private readonly lists: readonly string[][]) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset + start, length);
  }

  mask(): number {
    const mask = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return mask;
  }

  number(): number {
    const value = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return value;
  }

  string(): string {
    const value = this.strings[this.view.getUint32(this.offset, true)];
    this.offset += 4;
    return value;
  }

  list(): string[] {
    const value = this.lists[this.view.getUint32(this.offset, true)];
    this.offset += 4;
    return value;
  }

  flag(): boolean {
    return this.view.getUint8(this.offset++) === 1;
  }

  /** Moves past the row at the reader without decoding it. */
  skip(): void {
    const mask = this.mask();
    for (let column = 0; column < FIELDS.length; column++) if (mask & (1 << column)) this.offset += VALUE_BYTES[FIELD_KINDS[FIELDS[column]]];
  }
}

/** Each field's bit in a row's mask. */
const BIT = Object.fromEntries(FIELDS.map((field, column) => [field, 1 << column])) as Record<Field, number>;

type SummaryFields = { -readonly [F in Field]?: EventSummary[F] };

/**
 * A summary read from the row at `rows`: a plain object (its prototype is Object's, as JSON.parse
 * made them), built with `new` and one named store per field, so that V8 sizes it for all of its
 * fields at once (in-object slack tracking). Built with `{}` and a store per field, it outgrew its
 * four in-object fields and reallocated the out-of-object ones three or four times as they were
 * added: more bytes per event than the event itself. The stores go in the order of `FIELDS`.
 */
function DecodedSummary(this: SummaryFields, rows: RowReader): void {
  const mask = rows.mask();
  if (mask & BIT.id) this.id = rows.number();
  if (mask & BIT.timestamp) this.timestamp = rows.number();
  if (mask & BIT.connectionId) this.connectionId = rows.string();
  if (mask & BIT.source) this.source = rows.string() as EventSummary['source'];
  if (mask & BIT.kind) this.kind = rows.string() as EventSummary['kind'];
  if (mask & BIT.method) this.method = rows.string();
  if (mask & BIT.status) this.status = rows.string() as EventSummary['status'];
  if (mask & BIT.tool) this.tool = rows.string();
  if (mask & BIT.error) this.error = rows.string();
  if (mask & BIT.errorCode) this.errorCode = rows.number();
  if (mask & BIT.latencyMs) this.latencyMs = rows.number();
  if (mask & BIT.upstreamMs) this.upstreamMs = rows.number();
  if (mask & BIT.proxyMs) this.proxyMs = rows.number();
  if (mask & BIT.requestBytes) this.requestBytes = rows.number();
  if (mask & BIT.responseBytes) this.responseBytes = rows.number();
  if (mask & BIT.replayOf) this.replayOf = rows.number();
  if (mask & BIT.target) this.target = rows.string();
  if (mask & BIT.upstream) this.upstream = rows.string();
  if (mask & BIT.listedTools) this.listedTools = rows.list();
  if (mask & BIT.hasTrace) this.hasTrace = rows.flag();
  rows.index++;
}
DecodedSummary.prototype = Object.prototype;
const Summary = DecodedSummary as unknown as new (rows: RowReader) => EventSummary;

/** Event summaries still packed, to be decoded a slice at a time (`decodeSummaries`). */
export class PackedSummaries {
  readonly rows: RowReader;

  constructor(readonly count: number, table: SummaryTable, bytes: Uint8Array, rowsStart: number, rowBytes: number) {
    if (table.fields.length !== FIELDS.length || table.fields.some((field, column) => field !== FIELDS[column])) {
      throw new Error(`packed event rows with fields ${table.fields.join(', ')}, not ${FIELDS.join(', ')}`);
    }
    // (the host lists each list of tool names once: the events that name the same list share it)
    const lists = table.lists.map((list) => list.map((index) => table.strings[index]));
    this.rows = new RowReader(bytes, rowsStart, rowBytes, table.strings, lists);
  }
}

/**
 * The envelope with its events still to decode: `body.events` is an empty array that
 * `decodeSummaries` fills from `table` (a webview decodes 5,000 of them across several tasks
 * rather than allocating them all in the task that received the message).
 */
export function readPackedEnvelope(value: PackedEnvelope): { envelope: unknown; table?: PackedSummaries } {
  const rowBytes = value.rowBytes ?? 0;
  const rowsStart = value.packed.byteLength - rowBytes;
  const { eventTable, ...body } = JSON.parse(decoder.decode(value.packed.subarray(0, rowsStart))) as PackedBody;
  if (eventTable) body.events = [];
  const envelope = value.inReplyTo === undefined ? { messageId: value.messageId, body } : { messageId: value.messageId, inReplyTo: value.inReplyTo, body };
  if (!eventTable) return { envelope };
  return { envelope, table: new PackedSummaries(eventTable.count, eventTable, value.packed, rowsStart, rowBytes) };
}

/** The array `readPackedEnvelope` left for the events. */
export function eventsToFill(envelope: unknown): EventSummary[] {
  return (envelope as { body: { events: EventSummary[] } }).body.events;
}

/** Decodes rows `from` up to `to` of the table onto the end of `into` (in order, slice after slice, is cheapest). */
export function decodeSummaries(table: PackedSummaries, from: number, to: number, into: EventSummary[]): void {
  const { rows } = table;
  if (from < rows.index) {
    rows.index = 0;
    rows.offset = 0;
  }
  for (; rows.index < from; rows.index++) rows.skip();
  for (let index = from; index < to; index++) into.push(new Summary(rows));
}
