import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../common/disposable';
import { packEnvelope } from '../shared/packedEnvelope';
import {
  asWebviewEnvelope, dispatchMessage, MessageNumbering,
  type EndpointState, type Envelope, type ExportFormat, type HostMessage, type MessageHandlers, type OtlpExportState, type PanelDescription, type WebviewMessage,
} from '../shared/protocol';
import type { TraceEvent, TraceExport } from '../shared/trace';
import { traceExportOf } from '../trace/traceExport';
import type { TraceStore } from '../trace/traceStore';
import type { CallReplayLink } from './callReplayLink';
import type { ColumnChoiceMemory } from './columnChoiceMemory';
import { ToolEndpointPanelLink, type ToolEndpointPanelFeed } from './toolEndpointPanelLink';
import { SourceRevealer } from './sourceRevealer';
import { parseTraceFile } from '../otel/otlpJsonFile';
import type { IDisposable } from '../common/disposable';
import { compareFromPanel } from './traceComparison';
import { openTraceExport, saveTraceExport, type OpenedTrace, type OtlpJsonWriter } from './traceFiles';
import { WebviewEventFeed } from './eventFeed';
import { DroppedFile } from './droppedFile';
import { ImportFeed } from './importFeed';
import { renderPanelHtml } from './webviewHtml';

export const LIVE_PANEL_VIEW_TYPE = 'mcpLiveDebugger.livePanel';
/** Messages that can be large travel as bytes (see src/shared/packedEnvelope.ts). */
const PACKED_TYPES: ReadonlySet<HostMessage['type']> = new Set<HostMessage['type']>(['snapshot', 'append', 'imported', 'importedEvents', 'eventDetail']);

export interface LivePanelContext {
  extensionUri: vscode.Uri;
  store: TraceStore;
  revealer: SourceRevealer;
  endpoint: () => EndpointState;
  maxEvents: () => number;
  /** The debug endpoint's token state for the Debug Tokens tab, when the endpoint exists. */
  toolEndpoint?: ToolEndpointPanelFeed;
  /** The OTLP export's counters for the footer, and its OTLP JSON writer for Export. */
  otlpExport?: OtlpExportPanelFeed;
  /** Runs recorded calls again (Replay), when the parts that serve them are wired in. */
  replay?: CallReplayLink;
  /** The Columns menus' choices, shared by every page and window. */
  columnChoices?: ColumnChoiceMemory;
}

export interface OtlpExportPanelFeed extends OtlpJsonWriter {
  readonly state: OtlpExportState;
  onDidChange(listener: () => void): IDisposable;
}

export function livePanelOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Where the live debugger shows: an editor tab, or the view in VS Code's bottom panel. */
export type LiveWebviewHost = vscode.WebviewPanel | vscode.WebviewView;

/**
 * One live debugger page, in an editor tab or in the bottom panel: its side of the message
 * protocol, and the flow of trace updates to it. Nothing is posted before the webview says
 * `ready`; then a snapshot, then batches, paced by the webview (src/panel/eventFeed.ts). (After
 * vscode-pull-request-github's ready handshake and vscode-hexeditor's envelopes.)
 */
export class LivePanel<Host extends LiveWebviewHost = vscode.WebviewPanel> extends Disposable {
  private readonly numbering = new MessageNumbering();
  private readonly feed: WebviewEventFeed;
  private readonly pendingReplies = new Map<number, (message: WebviewMessage) => void>();
  private readonly readyWaiters: Array<() => void> = [];
  private ready = false;
  private toolEndpointLink: ToolEndpointPanelLink | undefined;
  /** The file shown read-only, kept here so rows can ask for bodies and exports can be made of it. */
  private imported: { name: string; trace: TraceExport; byId: Map<number, TraceEvent> } | undefined;
  /** The imported file's events on their way to the webview. */
  private importFeed: ImportFeed | undefined;
  /** The file being dropped on the page, as its chunks arrive (one at a time: a new drop replaces it). */
  private dropped: DroppedFile | undefined;
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;

  constructor(readonly panel: Host, private readonly context: LivePanelContext) {
    super();
    panel.webview.options = livePanelOptions(context.extensionUri);
    if (isEditorPanel(panel)) panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'panel-icon.svg');
    panel.webview.html = this.html();
    this.feed = this.register(new WebviewEventFeed(context.store, (message) => this.post(message).messageId, () => ({ maxEvents: context.maxEvents(), endpoint: context.endpoint() })));
    this.register(panel.webview.onDidReceiveMessage((value: unknown) => this.receive(value)));
    if (context.toolEndpoint) this.toolEndpointLink = this.register(new ToolEndpointPanelLink(context.toolEndpoint, (message) => this.post(message), () => this.ready));
    if (context.otlpExport) this.register(context.otlpExport.onDidChange(() => this.postOtlpState()));
    if (context.columnChoices) {
      this.register(context.columnChoices.onDidChange(({ choices, from }) => {
        if (from !== this && this.ready) this.post({ type: 'columnChoices', choices });
      }));
    }
    this.register(context.store.onDidClear(() => {
      if (this.ready) this.feed.start();
    }));
    // a hidden webview is torn down (no retainContextWhenHidden): it says `ready` again when shown
    // and gets a fresh snapshot, so nothing is posted, or queued, meanwhile
    const hidden = () => {
      if (panel.visible) return;
      this.ready = false;
      this.feed.stop();
      this.importFeed?.stop();
      this.dropped = undefined;
    };
    this.register(isEditorPanel(panel) ? panel.onDidChangeViewState(hidden) : panel.onDidChangeVisibility(hidden));
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(toDisposable(() => this.importFeed?.stop()));
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Event batches posted that the webview has not said it digested (at most FEED_MESSAGES_AHEAD). */
  get batchesAhead(): number {
    return this.feed.messagesAhead;
  }

  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  post(message: HostMessage, inReplyTo?: number): Envelope<HostMessage> {
    const envelope = this.numbering.wrap(message, inReplyTo);
    void this.panel.webview.postMessage(PACKED_TYPES.has(message.type) ? packEnvelope(envelope) : envelope);
    return envelope;
  }

  /** The store's event bound changed: the webview bounds itself by it too, so it gets everything again. */
  storeBoundChanged(): void {
    if (this.ready) this.feed.start();
  }

  endpointChanged(endpoint: EndpointState): void {
    if (this.ready) this.post({ type: 'endpoint', endpoint });
  }

  /** What the webview shows now, after every recorded event so far has been delivered. */
  async describe(timeoutMs = 5_000): Promise<PanelDescription> {
    await this.whenReady();
    await this.feed.posted();
    await this.importFeed?.posted();
    const answer = await this.request({ type: 'describe' }, timeoutMs);
    if (answer.type !== 'description') throw new Error(`The panel answered describe with ${answer.type}.`);
    const { type: _type, ...description } = answer;
    return description;
  }

  /** Asks the webview to export what it shows (the Export commands). */
  requestExport(format: ExportFormat = 'trace'): void {
    this.post({ type: 'requestExport', format });
  }

  /** Shows a file read-only, in place of the one shown before; its events follow as the webview digests them. */
  showImported(opened: OpenedTrace): void {
    const { trace } = opened;
    this.importFeed?.stop();
    this.imported = { name: opened.name, trace, byId: new Map(trace.events.map((event) => [event.id, event])) };
    const events = [...trace.events].sort((a, b) => a.id - b.id);
    this.importFeed = new ImportFeed({ name: opened.name, exportedAt: trace.exportedAt }, trace.connections, events, (message) => this.post(message).messageId);
  }

  /** The whole event behind a row: from the store, or from the imported file. */
  eventDetail(id: number, imported: boolean): TraceEvent | undefined {
    return imported ? this.imported?.byId.get(id) : this.context.store.get(id);
  }

  /** The export file of the given events (the webview's filtered view) and their connections. */
  exportOf(eventIds: readonly number[], imported: boolean, now = Date.now()): TraceExport {
    const events = eventIds.map((id) => this.eventDetail(id, imported)).filter((event): event is TraceEvent => event !== undefined);
    return traceExportOf(events, imported ? this.imported?.trace.connections ?? [] : this.context.store.listConnections(), now);
  }

  /** Handles a webview message; public so integration tests can drive the same path a click takes. */
  async handle(envelope: Envelope<WebviewMessage>): Promise<void> {
    const reply = this.pendingReplies.get(envelope.inReplyTo ?? -1);
    if (reply) {
      this.pendingReplies.delete(envelope.inReplyTo as number);
      reply(envelope.body);
      return;
    }
    await dispatchMessage(this.handlers, envelope);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this.pendingReplies.clear();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
    // a bottom-panel view is VS Code's to close; an editor tab goes with its page
    if (isEditorPanel(this.panel)) this.panel.dispose();
  }

  private readonly handlers: MessageHandlers<WebviewMessage> = {
    endpointTokenCommand: async (message) => {
      await this.toolEndpointLink?.runCommand(message);
    },
    copyText: async (message, envelope) => {
      try {
        if (!this.toolEndpointLink) throw new Error('the debug endpoint is not available');
        this.post({ type: 'result', ok: true, message: await this.toolEndpointLink.copy(message) }, envelope.messageId);
      } catch (error) {
        this.fail(`Copy failed: ${describeError(error)}`, envelope.messageId);
      }
    },
    ready: () => {
      // a new page shows the live store: a file shown before went with the old one
      this.closeImported();
      this.dropped = undefined;
      this.feed.start();
      this.toolEndpointLink?.sendState();
      this.ready = true;
      this.postOtlpState();
      if (this.context.columnChoices) this.post({ type: 'columnChoices', choices: this.context.columnChoices.choices });
      for (const resolve of this.readyWaiters.splice(0)) resolve();
    },
    revealSource: async (message, envelope) => {
      try {
        await this.context.revealer.reveal(message.location, isEditorPanel(this.panel) ? { place: 'editor', column: this.panel.viewColumn } : { place: 'bottom-panel' });
        this.post({ type: 'result', ok: true }, envelope.messageId);
      } catch (error) {
        this.fail(`Could not open ${message.location.path}:${message.location.line}: ${describeError(error)}`, envelope.messageId);
      }
    },
    digested: (_message, envelope) => {
      if (envelope.inReplyTo === undefined) return;
      this.feed.digested(envelope.inReplyTo);
      this.importFeed?.digested(envelope.inReplyTo);
    },
    importClosed: (_message, envelope) => {
      // (a Back to live that crossed a newer import on its way names the older one)
      if (this.importFeed && envelope.inReplyTo === this.importFeed.messageId) this.closeImported();
    },
    getEventDetail: (message, envelope) => {
      this.post({ type: 'eventDetail', event: this.eventDetail(message.id, message.imported) }, envelope.messageId);
    },
    exportView: async (message, envelope) => {
      try {
        const trace = this.exportOf(message.eventIds, message.imported);
        const saved = await saveTraceExport(trace, message.suggestedName, message.format === 'otlp-json' ? this.context.otlpExport : undefined);
        this.post({ type: 'result', ok: true, message: saved ? `Exported ${saved.events} events to ${saved.target.fsPath}` : 'Export cancelled' }, envelope.messageId);
      } catch (error) {
        this.fail(`Export failed: ${describeError(error)}`, envelope.messageId);
      }
    },
    importFile: async (_message, envelope) => {
      try {
        const opened = await openTraceExport();
        if (opened) this.showImported(opened);
        this.post({ type: 'result', ok: true }, envelope.messageId);
      } catch (error) {
        this.fail(`Import failed: ${describeError(error)}`, envelope.messageId);
      }
    },
    replayCall: async (message, envelope) => {
      const outcome = this.context.replay
        ? await this.context.replay.replay(message)
        : { originalId: message.eventId, ok: false, message: 'Replay is not available in this window.' };
      this.post({ type: 'replayResult', outcome }, envelope.messageId);
    },
    compareTraces: async (message, envelope) => {
      const answer = await compareFromPanel(message.base, () => (message.imported && this.imported
        ? { label: this.imported.name, events: this.imported.trace.events }
        : { label: 'live store', events: this.context.store.query() }));
      this.post({ type: 'comparison', ...answer }, envelope.messageId);
    },
    saveColumnChoices: async (message) => {
      await this.context.columnChoices?.save(message.choices, this);
    },
    dropFile: (message, envelope) => {
      this.dropped = undefined;
      try {
        const dropped = new DroppedFile(envelope.messageId, message.name, message.size);
        if (dropped.complete) {
          this.importDropped(dropped, envelope.messageId);
          return;
        }
        this.dropped = dropped;
        this.post({ type: 'dropReceived', received: 0 }, envelope.messageId);
      } catch (error) {
        this.fail(`Import of ${message.name} failed: ${describeError(error)}`, envelope.messageId);
      }
    },
    dropChunk: (message, envelope) => {
      const dropped = this.dropped;
      // (a chunk of a drop the page gave up, or one before the page was torn down, is not answered)
      if (!dropped || dropped.upload !== message.upload) return;
      try {
        dropped.take(message.offset, message.bytes);
      } catch (error) {
        this.dropped = undefined;
        this.fail(`Import of ${dropped.name} failed: ${describeError(error)}`, envelope.messageId);
        return;
      }
      if (!dropped.complete) {
        this.post({ type: 'dropReceived', received: dropped.receivedBytes }, envelope.messageId);
        return;
      }
      this.dropped = undefined;
      this.importDropped(dropped, envelope.messageId);
    },
    dropCancel: (message) => {
      if (this.dropped?.upload === message.upload) this.dropped = undefined;
    },
    importUri: async (message, envelope) => {
      let name = message.uri;
      try {
        const file = vscode.Uri.parse(message.uri, true);
        name = file.path.split('/').pop() || message.uri;
        const opened = await openTraceExport(undefined, file);
        if (opened) this.showImported(opened);
        this.post({ type: 'result', ok: true }, envelope.messageId);
      } catch (error) {
        this.fail(`Import of ${name} failed: ${describeError(error)}`, envelope.messageId);
      }
    },
  };

  /** A dropped file whose last byte came: shown as an imported one, or refused with what is wrong. */
  private importDropped(dropped: DroppedFile, inReplyTo: number): void {
    try {
      this.showImported({ name: dropped.name, trace: parseTraceFile(dropped.text()) });
      this.post({ type: 'result', ok: true }, inReplyTo);
    } catch (error) {
      this.fail(`Import of ${dropped.name} failed: ${describeError(error)}`, inReplyTo);
    }
  }

  private receive(value: unknown): void {
    const envelope = asWebviewEnvelope(value);
    if (!envelope) return;
    void this.handle(envelope).catch((error: unknown) => console.error('[mcp-live-debugger] panel message failed', error));
  }

  private request(message: HostMessage, timeoutMs: number): Promise<WebviewMessage> {
    return new Promise((resolve, reject) => {
      const envelope = this.post(message);
      const timer = setTimeout(() => {
        this.pendingReplies.delete(envelope.messageId);
        reject(new Error(`The panel did not answer ${message.type} within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.pendingReplies.set(envelope.messageId, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
    });
  }

  private closeImported(): void {
    this.importFeed?.stop();
    this.importFeed = undefined;
    this.imported = undefined;
  }

  private postOtlpState(): void {
    if (this.ready && this.context.otlpExport) this.post({ type: 'otlpExport', state: this.context.otlpExport.state });
  }

  private fail(message: string, inReplyTo: number): void {
    this.post({ type: 'result', ok: false, message }, inReplyTo);
    void vscode.window.showErrorMessage(message);
  }

  private html(): string {
    const { webview } = this.panel;
    const resource = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...parts)).toString();
    return renderPanelHtml({
      cspSource: webview.cspSource,
      scriptUri: resource('dist', 'webview.js'),
      styleUri: resource('media', 'panel.css'),
      codiconUri: resource('dist', 'codicon.css'),
    });
  }
}

function isEditorPanel(host: LiveWebviewHost): host is vscode.WebviewPanel {
  return 'viewColumn' in host;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
