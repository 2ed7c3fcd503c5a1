// The panel's coordinator: holds the live data and the filter, answers the host's messages, and
// tells the parts (tabs, live/pause, import mode, footer, notices, saved state) what changed.
// Views draw; the parts keep their own state; this decides what and when.
import { normalizeColumnChoices, type ColumnChoices, type ColumnGrid } from '../src/shared/columnChoices';
import type { Envelope, ExportFormat, HostMessage, HostMessagePayloads, MessageHandlers, PanelDescription, PanelTab, SourceLocation } from '../src/shared/protocol';
import type { TraceEvent } from '../src/shared/trace';
import { compileFilter, isNarrowingOf, type TraceFilter } from '../src/shared/traceFilter';
import { ARRIVAL_BUDGET_MS, ArrivalQueue, handleInTimeSlices, yieldToBrowser } from './arrivalQueue';
import type { ColumnChooser } from './columnChooser';
import { CompareDialog } from './compareDialog';
import { EndpointTokensView } from './endpointTokensView';
import { h } from './dom';
import { installDropTarget } from './dropTarget';
import { DroppedFileUpload, uploadProgressText } from './droppedFileUpload';
import { EndpointLabel } from './endpointLabel';
import { EventDetails } from './eventDetails';
import { EventLogView } from './eventLogView';
import { FilterBar } from './filterBar';
import { FilteredEvents } from './filteredEvents';
import { Footer } from './footer';
import { FrameScheduler } from './frameScheduler';
import { HeaderActions } from './headerActions';
import { HostBridge } from './hostBridge';
import { ImportMode } from './importMode';
import { LiveControl } from './liveControl';
import { Notice } from './notice';
import { PanelEventStore } from './panelEventStore';
import { ReplayDialog } from './replayDialog';
import { defaultPanelState, PanelStateSaver, restorePanelState, type PanelState } from './panelState';
import { ConnectionsView } from './connectionsView';
import { TabStrip, type TabLabel } from './tabStrip';
import { ToolsView } from './toolsView';
import type { ViewContext } from './viewContext';

// (a narrow panel's header has one line for the tabs and the actions: the longest name goes short there)
const TAB_LABELS: Record<PanelTab, TabLabel> = { connections: 'Sessions', events: 'Event Log', tools: 'Tools', tokens: { full: 'Debug Tokens', short: 'Tokens' } };
const DEFAULT_MAX_EVENTS = 50_000;
/** Matches a log that follows its end draws before the rest of a new filter is applied: more than a page. */
const FIRST_PAGE_ROWS = 200;

export class App implements ViewContext {
  private liveStore = new PanelEventStore(DEFAULT_MAX_EVENTS);
  filtered = new FilteredEvents(() => true);
  private state: PanelState;
  private receivedSnapshot = false;
  /** The id of the `imported` message of the file shown, so the host knows which one the user left. */
  private shownImport: number | undefined;
  private readonly clock: ReturnType<typeof setInterval>;
  /** What arrived since the last draw, and whether the clock moved the sessions' durations meanwhile. */
  private pending = { appended: false, connections: false, footer: false, clock: false };
  private readonly bridge: HostBridge;
  private readonly details: EventDetails;
  private readonly frames = new FrameScheduler(() => this.drawArrivals());
  /** Snapshots and appends, in order, each told to the host as digested once handled. */
  private readonly arrivals = new ArrivalQueue();
  private readonly saver: PanelStateSaver;
  /** Counts filter passes: a newer one (or a rebuild) ends the one under way. */
  private filterPass = 0;
  /** Settles once the filter is applied to every event (see `applyFilterInPieces`). */
  private filterApplied: Promise<void> = Promise.resolve();
  /** Longest stretch of a filter pass in one task (UI tests lower it to see a pass in many slices, or set Infinity for one go). */
  filterSliceMs = ARRIVAL_BUDGET_MS;
  private readonly live: LiveControl;
  private readonly importMode: ImportMode;
  private readonly tabs: TabStrip;
  private readonly connectionsView: ConnectionsView;
  private readonly eventLog: EventLogView;
  private readonly toolsView: ToolsView;
  private readonly endpointTokensView = new EndpointTokensView({
    start: () => this.bridge.post({ type: 'endpointTokenCommand', command: 'start' }),
    stop: () => this.bridge.post({ type: 'endpointTokenCommand', command: 'stop' }),
    copy: (text, what) => void this.bridge.request({ type: 'copyText', text, what }).then((answer) => this.notice.showResult(answer)),
  });
  private readonly filterBar: FilterBar;
  private readonly footer = new Footer();
  private readonly endpoint = new EndpointLabel();
  private readonly notice = new Notice();
  private readonly replayDialog: ReplayDialog;
  private readonly compareDialog: CompareDialog;
  /** The dropped file on its way to the host; a new drop replaces it. */
  private dropUpload: DroppedFileUpload | undefined;

  constructor(private readonly root: HTMLElement) {
    this.bridge = new HostBridge(this.handlers);
    this.details = new EventDetails((message) => this.bridge.request(message));
    this.replayDialog = new ReplayDialog({ request: (message) => this.bridge.request(message), openEvent: (eventId) => this.openEvent(eventId) });
    this.compareDialog = new CompareDialog((message) => this.bridge.request(message), () => this.importMode.store !== undefined);
    this.state = restorePanelState(this.bridge.getState());
    this.saver = new PanelStateSaver(() => this.collectState(), (state) => {
      this.state = { ...state, filter: this.state.filter };
      this.bridge.setState(state);
    });
    this.live = new LiveControl(this.state.live, (live) => this.setLive(live));
    this.importMode = new ImportMode(root, () => this.leaveImported());
    this.connectionsView = new ConnectionsView(this);
    this.connectionsView.connectionStatusFilter = () => this.state.filter.connectionStatus;
    this.connectionsView.setSort(this.state.connectionsSort);
    for (const id of this.state.expandedConnections) this.connectionsView.expanded.add(id);
    this.eventLog = new EventLogView(this);
    for (const id of this.state.expandedEvents) this.eventLog.expanded.add(id);
    this.toolsView = new ToolsView(this);
    this.toolsView.setSort(this.state.toolsSort);
    this.restoreColumns(this.state.columns);
    for (const [, chooser] of this.columnGrids()) chooser.onDidChoose = () => this.columnsChosen();
    this.filterBar = new FilterBar(this.state.filter, (filter) => this.applyFilter(filter));
    this.tabs = new TabStrip(TAB_LABELS, new Map<PanelTab, HTMLElement>([
      ['connections', this.connectionsView.element], ['events', this.eventLog.element], ['tools', this.toolsView.element], ['tokens', this.endpointTokensView.element],
    ]), (tab) => this.selectTab(tab, true));
    this.root.replaceChildren(this.buildLayout());
    this.selectTab(this.state.tab, false);
    this.updateFooter();
    installDropTarget(root, {
      file: (file) => this.uploadDropped(file),
      uri: (uri) => void this.bridge.request({ type: 'importUri', uri }).then((answer) => this.notice.showResult(answer)),
      refused: (message) => this.notice.show(message, true),
    });
    // active sessions' durations and the 5-minute active window move with the clock, drawn in the
    // same frame as what arrived meanwhile rather than in a second draw of their own
    this.clock = setInterval(() => {
      if (this.state.tab !== 'connections' || this.live.paused || this.importMode.store || document.hidden) return;
      this.pending.clock = true;
      this.frames.schedule();
    }, 1_000);
    this.bridge.post({ type: 'ready' });
  }

  /** Sends a file dropped from outside VS Code to the host in chunks, saying how far it got. */
  private uploadDropped(file: File): void {
    this.dropUpload?.cancel();
    const upload = new DroppedFileUpload(file, this.bridge, (progress) => this.notice.show(uploadProgressText(file.name, progress)));
    this.dropUpload = upload;
    void upload.run().then((answer) => {
      if (this.dropUpload === upload) this.dropUpload = undefined;
      if (!answer) return;
      this.notice.hide();
      this.notice.showResult(answer);
    });
  }

  /** The page is going away (VS Code hides or closes the webview): stop the timers. */
  dispose(): void {
    clearInterval(this.clock);
    this.frames.cancel();
    this.dropUpload?.cancel();
    this.endpointTokensView.dispose();
  }

  get store(): PanelEventStore {
    return this.importMode.store ?? this.liveStore;
  }

  now(): number {
    return this.importMode.store ? this.importMode.store.latestTimestamp : Date.now();
  }

  reveal = (location: SourceLocation): void => {
    void this.bridge.request({ type: 'revealSource', location }).then((answer) => this.notice.showResult(answer));
  };

  openConnection = (connectionId: string): void => {
    this.selectTab('connections', true);
    this.connectionsView.reveal(connectionId);
  };

  openEvent = (eventId: number): void => {
    this.selectTab('events', true);
    if (!this.eventLog.reveal(eventId)) this.notice.show('That event is hidden by the current filter.');
  };

  showToolCalls = (tool: string): void => {
    this.filterBar.setTools([tool]);
    this.selectTab('events', true);
  };

  loadDetail = (eventId: number): Promise<TraceEvent | undefined> => this.details.load(eventId, this.importMode.store !== undefined);

  get replay(): ((event: TraceEvent) => void) | undefined {
    return this.importMode.store ? undefined : this.openReplay;
  }

  private readonly openReplay = (event: TraceEvent): void => this.replayDialog.open(event);

  stateChanged = (): void => this.saver.schedule();

  private readonly handlers: MessageHandlers<HostMessage> = {
    snapshot: (message, envelope) => this.arrivals.enqueue(async () => {
      await this.showSnapshot(message);
      this.digested(envelope);
    }),
    append: (message, envelope) => this.arrivals.enqueue(async () => {
      await handleInTimeSlices(message.events, (events, start) => this.appendArrived({ ...message, connections: start === 0 ? message.connections : [], events }));
      this.digested(envelope);
    }),
    endpoint: (message) => this.endpoint.update(message.endpoint),
    imported: (message, envelope) => this.arrivals.enqueue(() => {
      this.showImported(message, envelope.messageId);
      this.digested(envelope);
    }),
    importedEvents: (message, envelope) => this.arrivals.enqueue(async () => {
      await this.importedArrived(message);
      this.digested(envelope);
    }),
    result: (message) => this.notice.showResult(message),
    describe: async (_message, envelope) => {
      // the batches posted before the question are part of the answer
      await this.arrivals.idle();
      await this.filterApplied;
      this.frames.flush();
      this.bridge.post({ type: 'description', ...this.describe() }, envelope.messageId);
    },
    requestExport: (message) => this.exportView(message.format),
    toolEndpoint: (message) => this.endpointTokensView.update(message.state),
    otlpExport: (message) => this.footer.showOtlpExport(message.state),
    replayResult: async ({ outcome }) => {
      // a replay the dialog did not send (started by the host) opens it on the original
      if (!this.replayDialog.shows(outcome.originalId)) {
        const original = await this.details.load(outcome.originalId, false);
        if (!original) return;
        this.replayDialog.open(original);
      }
      this.replayDialog.showOutcome(outcome);
    },
    comparison: (message) => this.compareDialog.show(message),
    // the host's copy is the latest choice made anywhere (another page, another window); when it
    // has none yet, this page's saved ones become it
    columnChoices: (message) => {
      if (Object.keys(message.choices).length === 0) {
        if (Object.keys(this.columnChoices()).length > 0) this.bridge.post({ type: 'saveColumnChoices', choices: this.columnChoices() });
        return;
      }
      this.restoreColumns(normalizeColumnChoices(message.choices));
      this.stateChanged();
    },
  };

  /** The new store is filled in slices like an append (what is shown meanwhile is the old one), then shown. */
  private async showSnapshot(message: HostMessagePayloads['snapshot']): Promise<void> {
    const store = new PanelEventStore(Math.max(message.maxEvents, 1));
    store.upsertConnections(message.connections);
    await handleInTimeSlices(message.events, (events) => store.appendEvents(events, message.droppedCount));
    this.liveStore = store;
    const first = !this.receivedSnapshot;
    this.receivedSnapshot = true;
    // live keeps the newest in view: the log starts at its end (now, or when its tab is opened) and follows it
    if (!this.live.paused && !this.importMode.store) this.eventLog.follow();
    if (!this.importMode.store) this.rebuild();
    if (first) this.restoreScroll();
    this.endpoint.update(message.endpoint);
  }

  private showImported(message: HostMessagePayloads['imported'], messageId: number): void {
    // a file is read from its beginning (its rest arrives below); scrolled first, while the panel's
    // layout is still the last frame's (after the writes below, the scroll was a layout of its own)
    this.eventLog.scrollTop = 0;
    this.details.forgetImported();
    this.importMode.enter(message.info, message.connections, message.events, message.total);
    this.shownImport = messageId;
    this.live.setEnabled(false);
    this.rebuild();
  }

  /** More of the file shown, in slices like an append; dropped when the user left the file meanwhile. */
  private async importedArrived(message: HostMessagePayloads['importedEvents']): Promise<void> {
    const store = this.importMode.store;
    await handleInTimeSlices(message.events, (events, start) => {
      if (!store || this.importMode.store !== store) return;
      this.importMode.append(start === 0 ? message.connections : [], events);
      this.pending = { appended: true, connections: true, footer: true, clock: false };
      this.frames.schedule();
    });
  }

  private appendArrived(message: HostMessagePayloads['append']): void {
    this.liveStore.upsertConnections(message.connections);
    const oldestBefore = this.liveStore.oldestId;
    const added = this.liveStore.appendEvents(message.events, message.droppedCount, message.firstKeptId);
    if (this.importMode.store) return;
    this.live.noteArrived(added.length);
    const forgotten = this.liveStore.oldestId !== oldestBefore;
    this.pending.appended ||= (added.length > 0 || forgotten) && !this.live.paused;
    this.pending.connections ||= message.connections.length > 0 || added.length > 0;
    this.pending.footer = true;
    this.frames.schedule();
  }

  /** The host posts the next batch once this one is handled (src/panel/eventFeed.ts). */
  private digested(envelope: Envelope<HostMessage>): void {
    this.bridge.post({ type: 'digested' }, envelope.messageId);
  }

  describe(): PanelDescription {
    return {
      tab: this.state.tab,
      live: !this.live.paused,
      imported: this.importMode.store !== undefined,
      eventCount: this.store.size,
      visibleEventCount: this.filtered.size,
      connections: this.connectionsView.rows().map((row) => ({
        id: row.connection.id,
        client: this.store.clientOf(row.connection.id),
        calls: row.figures?.calls ?? 0,
        errors: row.figures?.errors ?? 0,
        status: row.status,
      })),
      filter: this.state.filter,
      endpointTokens: this.endpointTokensView.describe(),
      replay: this.replayDialog.describe(),
      columns: this.columnChoices(),
    };
  }

  private buildLayout(): HTMLElement {
    const exportButton = h('vscode-button', { id: 'export', secondary: true, icon: 'export', title: 'Export the filtered view as JSON' }, 'Export');
    exportButton.addEventListener('click', () => void this.exportView());
    const importButton = h('vscode-button', { id: 'import', secondary: true, icon: 'folder-opened', title: 'Import a trace file (or drop one on the panel)' }, 'Import');
    importButton.addEventListener('click', () => void this.bridge.request({ type: 'importFile' }).then((answer) => this.notice.showResult(answer)));
    const compareButton = h('vscode-button', { id: 'compare', secondary: true, icon: 'diff', title: 'Compare two traces per tool: calls, errors, latency, answers' }, 'Compare');
    compareButton.addEventListener('click', () => this.compareDialog.open());
    const actions = new HeaderActions([this.endpoint.element, this.live.button], [exportButton, importButton, compareButton], (narrow) => this.live.setCompact(narrow));
    const header = h('header', { class: 'header' }, this.tabs.element, actions.element);
    const main = h('main', { class: 'views' });
    main.addEventListener('scroll', () => this.stateChanged(), { capture: true, passive: true });
    main.append(this.connectionsView.element, this.eventLog.element, this.toolsView.element, this.endpointTokensView.element);
    return h('div', { class: 'layout' }, header, this.importMode.banner, this.filterBar.element, this.notice.element, main, this.footer.element, this.replayDialog.element, this.compareDialog.element);
  }

  private selectTab(tab: PanelTab, focus: boolean): void {
    this.state.tab = tab;
    this.tabs.show(tab, focus);
    this.filterBar.setConnectionsTab(tab === 'connections');
    this.drawTab();
    this.stateChanged();
  }

  private drawTab(): void {
    if (this.state.tab === 'connections') this.connectionsView.reset();
    else if (this.state.tab === 'events') this.eventLog.reset(!this.live.paused && !this.importMode.store);
    else if (this.state.tab === 'tools') this.toolsView.draw();
  }

  private applyFilter(filter: TraceFilter): void {
    const previous = this.state.filter;
    this.state.filter = filter;
    const store = this.store;
    const predicate = compileFilter(filter, { connection: (id) => store.connections.get(id), now: this.now() });
    const narrowing = isNarrowingOf(previous, filter);
    if (narrowing) this.filtered.startNarrow(predicate);
    else this.filtered.startRebuild(store, predicate, this.importMode.store ? Number.POSITIVE_INFINITY : this.live.pausedAtId);
    this.applyFilterInPieces(store);
    if (!narrowing) this.filterBar.setOptions([...store.toolNames], [...store.clientNames]);
    this.stateChanged();
  }

  /**
   * Applies the filter just started, in slices of `filterSliceMs` with the browser's turn between
   * (a keystroke's whole pass over 100,000 events took a frame of 50 ms and more). An Event Log that
   * follows its end shows the newest matches, and they are found first: it draws them in this frame.
   * The Sessions and Tools tabs show what depends on all the matches (which sessions and tools have
   * any): they keep their rows, marked as updating, and are drawn once the pass is through. A log
   * read elsewhere than at its end gets the filter in one go.
   */
  private applyFilterInPieces(store: PanelEventStore): void {
    const pass = ++this.filterPass;
    const followsLog = this.state.tab === 'events' && !this.live.paused && !this.importMode.store && this.eventLog.followsEnd;
    const inPieces = followsLog || this.state.tab === 'connections' || this.state.tab === 'tools';
    const started = performance.now();
    const done = this.filtered.continueFiltering(store, () => inPieces
      && ((followsLog && this.filtered.size >= FIRST_PAGE_ROWS) || performance.now() - started >= this.filterSliceMs));
    this.drawTab();
    this.updateFooter();
    if (done) return;
    this.filterApplied = (async () => {
      let drawnPage = !followsLog || this.filtered.size >= FIRST_PAGE_ROWS;
      for (;;) {
        await yieldToBrowser();
        if (pass !== this.filterPass) return;
        const sliceStarted = performance.now();
        const through = this.filtered.continueFiltering(store, () => performance.now() - sliceStarted >= this.filterSliceMs);
        if (through || !drawnPage) {
          this.drawTab();
          this.updateFooter();
          drawnPage = this.filtered.size >= FIRST_PAGE_ROWS;
        }
        if (through) return;
      }
    })();
  }

  /** Re-filters everything shown (new data set, new filter). */
  private rebuild(): void {
    this.filterPass++;
    const store = this.store;
    const predicate = compileFilter(this.state.filter, { connection: (id) => store.connections.get(id), now: this.now() });
    this.filtered.rebuild(store, predicate, this.importMode.store ? Number.POSITIVE_INFINITY : this.live.pausedAtId);
    this.filterBar.setOptions([...store.toolNames], [...store.clientNames]);
    this.drawTab();
    this.updateFooter();
  }

  /** Applies what arrived since the last draw, however many batches came. */
  private drawArrivals(): void {
    const { appended, connections, footer, clock } = this.pending;
    this.pending = { appended: false, connections: false, footer: false, clock: false };
    if (appended) this.filtered.extend(this.store);
    // (while a file is shown, only its arrivals are pending: a file is never paused)
    const arrived = (appended || connections) && (!this.live.paused || this.importMode.store !== undefined);
    if (arrived) this.filterBar.setOptions([...this.store.toolNames], [...this.store.clientNames]);
    // the footer before the log: a log that follows its end sets its scrollTop last, which lays the
    // page out there and then; a text written after it had the frame lay it out a second time
    if (footer || appended) this.updateFooter();
    // live follows the newest; a file arriving stays where it is read
    if (appended && this.state.tab === 'events') this.eventLog.appended(this.importMode.store === undefined);
    if (this.state.tab === 'connections' && (arrived || (clock && !this.live.paused && !this.importMode.store))) this.connectionsView.refresh();
    else if (arrived && this.state.tab === 'tools') this.toolsView.draw();
  }

  private setLive(live: boolean): void {
    this.live.set(live, this.filtered.lastConsideredId);
    this.state.live = live;
    if (live) {
      this.filtered.extend(this.store);
      this.eventLog.follow();
      this.drawTab();
    }
    this.updateFooter();
    this.stateChanged();
  }

  private updateFooter(): void {
    this.importMode.showProgress();
    this.footer.update(this.store, this.filtered.size, this.importMode.store ? { kind: 'imported' }
      : this.live.paused ? { kind: 'paused', arrived: this.live.arrivedWhilePaused } : { kind: 'live' });
  }

  private leaveImported(): void {
    this.importMode.leave();
    if (this.shownImport !== undefined) this.bridge.post({ type: 'importClosed' }, this.shownImport);
    this.shownImport = undefined;
    // what the file's last arrivals left to draw is no concern of the live view's
    this.pending = { appended: false, connections: false, footer: false, clock: false };
    this.live.setEnabled(true);
    this.rebuild();
  }

  /** The host writes the file: it holds the bodies; the view says which events. */
  private async exportView(format?: ExportFormat): Promise<void> {
    await this.filterApplied;
    const eventIds = this.filtered.toArray().map((event) => event.id);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    void this.bridge.request({ type: 'exportView', eventIds, imported: this.importMode.store !== undefined, suggestedName: `mcp-trace-${stamp}.json`, format })
      .then((answer) => this.notice.showResult(answer));
  }

  /** A paused view comes back where it was read; a live one follows the newest events instead. */
  private restoreScroll(): void {
    const { connections, events } = this.state.scroll;
    // (a list at its top stays untouched: setting scrollTop lays the panel out there and then, and on
    // the first snapshot that was a whole style and layout pass of its own)
    requestAnimationFrame(() => {
      if (connections > 0) this.connectionsView.scrollTop = connections;
      if (this.live.paused && events > 0) this.eventLog.scrollTop = events;
    });
  }

  /** Each grid's Columns menu, by the name its choices are saved under. */
  private columnGrids(): Array<[ColumnGrid, ColumnChooser]> {
    return [['connections', this.connectionsView.columns], ['events', this.eventLog.columns], ['tools', this.toolsView.columns]];
  }

  private columnChoices(): ColumnChoices {
    const choices: ColumnChoices = {};
    for (const [grid, chooser] of this.columnGrids()) {
      const chosen = chooser.choices();
      if (chosen.narrow || chosen.wide) choices[grid] = chosen;
    }
    return choices;
  }

  private restoreColumns(choices: ColumnChoices): void {
    for (const [grid, chooser] of this.columnGrids()) chooser.restore(choices[grid]);
  }

  private columnsChosen(): void {
    this.stateChanged();
    this.bridge.post({ type: 'saveColumnChoices', choices: this.columnChoices() });
  }

  private collectState(): PanelState {
    return {
      ...defaultPanelState(),
      tab: this.state.tab,
      filter: this.state.filter,
      live: !this.live.paused,
      expandedConnections: [...this.connectionsView.expanded],
      expandedEvents: [...this.eventLog.expanded].slice(-200),
      connectionsSort: this.connectionsView.sort,
      toolsSort: this.toolsView.sort,
      scroll: { connections: this.connectionsView.scrollTop, events: this.eventLog.scrollTop },
      columns: this.columnChoices(),
    };
  }
}
