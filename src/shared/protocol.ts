// The one message protocol between the panel host (src/panel) and its webview (webview/).
// After vscode-hexeditor: every message travels in an envelope with a `messageId`, and an answer
// names the message it answers in `inReplyTo`. Large host messages travel packed as bytes
// (src/shared/packedEnvelope.ts); unpacked, they are these same envelopes. Each direction is a
// discriminated union built from a map of payloads, so another part (e.g. the debug endpoint's
// token history) adds a variant by adding one entry to the map, and every handler switch stays exhaustive.
import type { ColumnChoices } from './columnChoices';
import type { ToolEndpointPanelState } from './toolEndpoint';
import type { EventSummary } from './eventSummary';
import type { JsonChangeKind } from './jsonDiff';
import type { ReplayResponse } from './replay';
import type { EventStatus, TraceEvent, TraceConnection } from './trace';
import type { TraceComparison } from './traceCompare';
import type { TraceFilter } from './traceFilter';

/** State of the extension's loopback MCP endpoint, shown in the header and the status bar. */
export interface EndpointState {
  status: 'starting' | 'listening' | 'failed';
  url?: string;
  error?: string;
}

/** A file location found in a trace (a stack frame, a breakpoint, a stop location). */
export interface SourceLocation {
  /** A file-system path or a URI string (`file:`, `vscode-remote:`). */
  path: string;
  /** 1-based, as DAP reports lines by default. */
  line: number;
  column?: number;
}

/** What the webview renders: the live store, or a read-only imported file. */
export interface ImportedTraceInfo {
  name: string;
  exportedAt: number;
}

/** The OTLP export as the footer shows it: where it sends (an origin, never headers) and what it lost. */
export interface OtlpExportState {
  enabled: boolean;
  /** Origin of the endpoint (no path, query or credentials). */
  target?: string;
  exported: number;
  dropped: number;
  /** Why the export is off although an endpoint is set (e.g. not a URL). */
  problem?: string;
}

/** What Export writes: our own trace format, or OTLP JSON (an ExportTraceServiceRequest). */
export type ExportFormat = 'trace' | 'otlp-json';

/** What a Replay came to: the recorded and the new answer (compared in the webview), or why there is none. */
export interface ReplayOutcome {
  originalId: number;
  ok: boolean;
  /** Why the call was not sent, or did not get an answer. */
  message?: string;
  /** Both as `answerOf` (src/shared/replay.ts) reads them. */
  recordedAnswer?: unknown;
  answer?: unknown;
  /** The JSON-RPC error or result as it came, for the raw view. */
  response?: ReplayResponse;
  /** The event the replay was recorded as, once the store has it, with its status (`denied` by the policy). */
  replayEventId?: number;
  status?: EventStatus;
  error?: string;
  /** The recorded answer was cut at the recording size limit. */
  recordedTruncated?: boolean;
}

/** Compare: what the panel shows (live store or the imported file) or a file, against a file the host asks for. */
export type CompareBase = 'shown' | 'file';

/** A message that carries nothing but its type. */
export type NoPayload = Record<never, never>;

/** Host → webview payloads, keyed by `type`. */
export interface HostMessagePayloads {
  /**
   * What the store holds now, as summaries (bodies come with `eventDetail`); sent after `ready` and
   * after the store is cleared. A large store arrives as a snapshot of its oldest events followed
   * by `append`s, so the first rows draw at once.
   */
  snapshot: {
    connections: TraceConnection[];
    events: EventSummary[];
    droppedCount: number;
    maxEvents: number;
    endpoint: EndpointState;
  };
  /**
   * New events (in id order) and connections that changed since the previous batch. Append-only, except
   * that the webview forgets every event below `firstKeptId`: the store dropped those (for its count
   * or its byte bound), so showing them would claim more than the store holds.
   */
  append: { connections: TraceConnection[]; events: EventSummary[]; droppedCount: number; firstKeptId: number };
  endpoint: { endpoint: EndpointState };
  /**
   * A trace file to show read-only next to (not mixed with) the live data. A large file arrives as
   * its oldest events, then `importedEvents` up to `total`, paced by the webview's `digested` like
   * a snapshot; without `total`, these are all its events.
   */
  imported: { info: ImportedTraceInfo; connections: TraceConnection[]; events: EventSummary[]; total?: number };
  /** More of the file the last `imported` began, in id order, with the connections they are the first to name. */
  importedEvents: { connections: TraceConnection[]; events: EventSummary[] };
  /**
   * Answer to a `dropFile` or `dropChunk`: the host has taken `received` bytes of the dropped file
   * and wants more (a `result` answers instead when it refused the file, or took the last byte).
   */
  dropReceived: { received: number };
  /** Answer to `getEventDetail`: the whole event, or nothing when the store dropped it. */
  eventDetail: { event?: TraceEvent };
  /** Outcome of a request the webview made (export, import, reveal). */
  result: { ok: boolean; message?: string };
  /** Asks the webview to describe what it shows (used by integration tests and diagnostics). */
  describe: NoPayload;
  /** The Export command ran: the webview answers with `exportView` of what it currently shows, in `format`. */
  requestExport: { format?: ExportFormat };
  /** Debug endpoint: token state (never a token value), its origin and tools; after `ready` and on each change. */
  toolEndpoint: { state: ToolEndpointPanelState };
  /** OTLP export counters for the footer; after `ready` and when they change. */
  otlpExport: { state: OtlpExportState };
  /** Answer to `replayCall`. */
  replayResult: { outcome: ReplayOutcome };
  /** Answer to `compareTraces`: the comparison, or why there is none (a cancelled dialog says nothing). */
  comparison: { comparison?: TraceComparison; message?: string };
  /** The user's column choices as the host keeps them (global state); after `ready` and when another page saved new ones. */
  columnChoices: { choices: ColumnChoices };
}

/** Webview → host payloads, keyed by `type`. */
export interface WebviewMessagePayloads {
  /** The webview is listening; the host may post from now on. */
  ready: NoPayload;
  /**
   * The webview has handled the `snapshot`, `append`, `imported` or `importedEvents` named in
   * `inReplyTo`: the host posts event batches only a few ahead of this, so neither the workbench nor
   * the webview queues seconds of work.
   */
  digested: NoPayload;
  /** The user left the file the `imported` named in `inReplyTo` (Back to live): the host stops sending it and lets it go. */
  importClosed: NoPayload;
  /** Open a file beside the panel at a line and highlight it. */
  revealSource: { location: SourceLocation };
  /** The bodies and trace tree of one event (answered with `eventDetail`). */
  getEventDetail: { id: number; imported: boolean };
  /** Save these events (the filtered view) and their connections as a JSON file chosen in a save dialog. */
  exportView: { eventIds: number[]; imported: boolean; suggestedName: string; format?: ExportFormat };
  /** Show an open dialog and import the chosen trace file. */
  importFile: NoPayload;
  /**
   * A file dropped on the panel (from outside VS Code: its bytes are only here) begins to travel:
   * `dropChunk`s follow, each of at most DROP_CHUNK_BYTES, at most DROP_CHUNKS_AHEAD unanswered. The
   * host answers `dropReceived`, or a `result` (refused, or imported once its last byte came).
   */
  dropFile: { name: string; size: number };
  /** Bytes of the dropped file the `dropFile` numbered `upload` began, from `offset`. */
  dropChunk: { upload: number; offset: number; bytes: Uint8Array };
  /** The webview stopped sending the file `upload` names (another drop, or it could not read it): the host lets it go. */
  dropCancel: { upload: number };
  /** A file dropped from VS Code (Explorer, an editor tab): the host reads it itself, as Import does. */
  importUri: { uri: string };
  /** Answer to `describe`. */
  description: PanelDescription;
  /** Debug Tokens tab: run "Start/Stop Debug Token Session" (the host asks and shows the token itself). */
  endpointTokenCommand: { command: 'start' | 'stop' };
  /** Put a text (a cURL command) on the clipboard, which only the host can reach. */
  copyText: { text: string; what: string };
  /** Run a recorded tools/call of the live store again, with these (edited) arguments; answered with `replayResult`. */
  replayCall: { eventId: number; arguments: Record<string, unknown> };
  /** Compare two traces; `imported` says what "shown" is. Answered with `comparison`. */
  compareTraces: { base: CompareBase; imported: boolean };
  /** The user ticked or unticked a column: the host keeps the choices for every page and window. */
  saveColumnChoices: { choices: ColumnChoices };
}

/** What the webview shows, in numbers a test or a bug report can check. */
export interface PanelDescription {
  tab: PanelTab;
  live: boolean;
  imported: boolean;
  eventCount: number;
  visibleEventCount: number;
  connections: Array<{ id: string; client: string; calls: number; errors: number; status: 'active' | 'ended' }>;
  filter: TraceFilter;
  /** What the Debug Tokens tab shows. */
  endpointTokens?: EndpointTokensDescription;
  /** What the Replay dialog shows, while it is open. */
  replay?: ReplayDescription;
  /** The Columns menus' choices shown (empty: every grid at its defaults). */
  columns?: ColumnChoices;
}

export interface ReplayDescription {
  originalId: number;
  tool: string;
  /** Paths of masked arguments still to fill in. */
  masked: string[];
  /** The outcome shown: the changes listed, or the failure's message. */
  outcome?: {
    ok: boolean;
    message?: string;
    replayEventId?: number;
    ignoreVolatile: boolean;
    changes: Array<{ kind: JsonChangeKind; path: string }>;
    ignored: number;
  };
}

export interface EndpointTokensDescription {
  active: boolean;
  timeLeft?: string;
  history: Array<{ by: string; endedHow: string }>;
  tools: number;
  selectedTool?: string;
  curl?: { get: string; post: string };
}

/**
 * Bytes of a dropped file one `dropChunk` carries at most. VS Code's workbench relays each chunk to the
 * extension host on its renderer's main thread, which the webview shares, in one task per write of its
 * remote connection (joining what waits, then the socket's send): at 4 MB, with three ahead, those tasks
 * were the long frames of a 127 MB drop (bench/README.md).
 */
export const DROP_CHUNK_BYTES = 1024 * 1024;
/** `dropChunk`s the webview posts before the host answered them: so the webview holds a few, never the file. */
export const DROP_CHUNKS_AHEAD = 3;

/** Longest text `copyText` carries; a cURL command is far shorter. */
export const MAX_COPY_TEXT_LENGTH = 64 * 1024;

export type PanelTab = 'connections' | 'events' | 'tools' | 'tokens';

type Variants<Payloads> = { [K in keyof Payloads]: { type: K } & Payloads[K] }[keyof Payloads];

export type HostMessage = Variants<HostMessagePayloads>;
export type WebviewMessage = Variants<WebviewMessagePayloads>;
export type HostMessageType = HostMessage['type'];
export type WebviewMessageType = WebviewMessage['type'];

export interface Envelope<Message> {
  messageId: number;
  /** Set when the message answers another one. */
  inReplyTo?: number;
  body: Message;
}

/** Numbers outgoing messages of one side and checks incoming ones. */
export class MessageNumbering {
  private next = 1;

  wrap<Message>(body: Message, inReplyTo?: number): Envelope<Message> {
    return inReplyTo === undefined ? { messageId: this.next++, body } : { messageId: this.next++, inReplyTo, body };
  }
}

const HOST_TYPES: ReadonlySet<string> = new Set<HostMessageType>(['snapshot', 'append', 'endpoint', 'imported', 'importedEvents', 'dropReceived', 'eventDetail', 'result', 'describe', 'requestExport', 'toolEndpoint', 'otlpExport', 'replayResult', 'comparison', 'columnChoices']);
const WEBVIEW_TYPES: ReadonlySet<string> = new Set<WebviewMessageType>(['ready', 'digested', 'importClosed', 'revealSource', 'getEventDetail', 'exportView', 'importFile', 'dropFile', 'dropChunk', 'dropCancel', 'importUri', 'description', 'endpointTokenCommand', 'copyText', 'replayCall', 'compareTraces', 'saveColumnChoices']);

/** Narrows an unknown `postMessage` payload to a host envelope, or undefined when it is not one. */
export function asHostEnvelope(value: unknown): Envelope<HostMessage> | undefined {
  return isEnvelope(value, HOST_TYPES) ? (value as Envelope<HostMessage>) : undefined;
}

/** Narrows an unknown `postMessage` payload to a webview envelope, or undefined when it is not one. */
export function asWebviewEnvelope(value: unknown): Envelope<WebviewMessage> | undefined {
  if (!isEnvelope(value, WEBVIEW_TYPES)) return undefined;
  const body = (value as Envelope<{ type: string } & Record<string, unknown>>).body;
  if (body.type === 'revealSource' && !isSourceLocation(body.location)) return undefined;
  if (body.type === 'dropFile' && (typeof body.name !== 'string' || !isByteCount(body.size))) return undefined;
  if (body.type === 'dropChunk' && (typeof body.upload !== 'number' || !isByteCount(body.offset) || !(body.bytes instanceof Uint8Array) || body.bytes.byteLength > DROP_CHUNK_BYTES)) return undefined;
  if (body.type === 'dropCancel' && typeof body.upload !== 'number') return undefined;
  if (body.type === 'importUri' && (typeof body.uri !== 'string' || body.uri.length === 0)) return undefined;
  if (body.type === 'getEventDetail' && typeof body.id !== 'number') return undefined;
  if (body.type === 'endpointTokenCommand' && body.command !== 'start' && body.command !== 'stop') return undefined;
  if (body.type === 'copyText' && (typeof body.text !== 'string' || body.text.length > MAX_COPY_TEXT_LENGTH || typeof body.what !== 'string')) return undefined;
  if (body.type === 'exportView' && (!Array.isArray(body.eventIds) || !body.eventIds.every((id) => typeof id === 'number'))) return undefined;
  if (body.type === 'replayCall' && (typeof body.eventId !== 'number' || typeof body.arguments !== 'object' || body.arguments === null || Array.isArray(body.arguments))) return undefined;
  if (body.type === 'compareTraces' && ((body.base !== 'shown' && body.base !== 'file') || typeof body.imported !== 'boolean')) return undefined;
  if (body.type === 'saveColumnChoices' && (typeof body.choices !== 'object' || body.choices === null || Array.isArray(body.choices))) return undefined;
  if (body.type === 'exportView' && body.format !== undefined && body.format !== 'trace' && body.format !== 'otlp-json') return undefined;
  return value as Envelope<WebviewMessage>;
}

export function isSourceLocation(value: unknown): value is SourceLocation {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.path === 'string' && record.path.length > 0
    && typeof record.line === 'number' && Number.isFinite(record.line) && record.line >= 0
    && (record.column === undefined || typeof record.column === 'number');
}

function isByteCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isEnvelope(value: unknown, types: ReadonlySet<string>): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (typeof record.messageId !== 'number') return false;
  if (record.inReplyTo !== undefined && typeof record.inReplyTo !== 'number') return false;
  const body = record.body;
  return typeof body === 'object' && body !== null && types.has(String((body as Record<string, unknown>).type));
}

/** Handlers narrowed by message type, after vscode-hexeditor's handler registry. */
export type MessageHandlers<Message extends { type: string }> = {
  [K in Message['type']]?: (message: Extract<Message, { type: K }>, envelope: Envelope<Message>) => void | Promise<void>;
};

export function dispatchMessage<Message extends { type: string }>(
  handlers: MessageHandlers<Message>,
  envelope: Envelope<Message>,
): void | Promise<void> {
  const handler = handlers[envelope.body.type as Message['type']] as
    | ((message: Message, envelope: Envelope<Message>) => void | Promise<void>)
    | undefined;
  return handler?.(envelope.body, envelope);
}
