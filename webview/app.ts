// The panel's coordinator: holds the live and imported data, the filter, live/pause, the tabs,
// and answers the host's messages. Views draw; this decides what and when.
import type { EndpointState, HostMessage, ImportedTraceInfo, MessageHandlers, PanelDescription, PanelTab, SourceLocation } from '../src/shared/protocol';
import type { EventSummary } from '../src/shared/eventSummary';
import type { TraceEvent, TraceSession } from '../src/shared/trace';
import { compileFilter, isNarrowingOf, type TraceFilter } from '../src/shared/traceFilter';
import { h, icon } from './dom';
import { EventLogView } from './eventLogView';
import { FilteredEvents } from './filteredEvents';
import { FilterBar } from './filterBar';
import { formatDateTime, groupThousands } from './format';
import { HostBridge } from './hostBridge';
import { defaultPanelState, restorePanelState, type PanelState } from './panelState';
import { SessionsView } from './sessionsView';
import { ToolsView } from './toolsView';
import { DebugTokensView } from './debugTokensView';
import { TraceModel } from './traceModel';
import type { ViewContext } from './viewContext';

const TAB_LABELS: Record<PanelTab, string> = { sessions: 'Sessions', events: 'Event Log', tools: 'Tools', tokens: 'Debug Tokens' };
const DEFAULT_MAX_EVENTS = 50_000;
const LIVE_DRAW_INTERVAL_MS = 100;

export class App implements ViewContext {
  private liveModel = new TraceModel(DEFAULT_MAX_EVENTS);
  private importedModel: TraceModel | undefined;
  filtered: FilteredEvents;
  private state: PanelState;
  private paused: boolean;
  /** While paused: the last event id the view shows, and how many arrived since. */
  private pausedAtId = Number.POSITIVE_INFINITY;
  private arrivedWhilePaused = 0;
  private endpoint: EndpointState = { status: 'starting' };
  private receivedSnapshot = false;
  private frame = 0;
  private frameTimer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = 0;
  private pending = { appended: false, sessions: false, footer: false };
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly details = new Map<string, Promise<TraceEvent | undefined>>();
  private readonly bridge: HostBridge;
  private readonly sessionsView: SessionsView;
  private readonly eventLog: EventLogView;
  private readonly toolsView: ToolsView;
  private readonly debugTokensView = new DebugTokensView({
    start: () => this.bridge.post({ type: 'debugTokenCommand', command: 'start' }),
    stop: () => this.bridge.post({ type: 'debugTokenCommand', command: 'stop' }),
    copy: (text, what) => void this.bridge.request({ type: 'copyText', text, what }).then((answer) => this.showResult(answer)),
  });
  private readonly filterBar: FilterBar;
  private readonly tabButtons = new Map<PanelTab, HTMLElement>();
  private readonly panels = new Map<PanelTab, HTMLElement>();
  private readonly footer = { live: h('span', { class: 'footer-live' }), totals: h('span', { class: 'footer-totals' }), dropped: h('span', { class: 'footer-dropped' }) };
  private readonly liveButton: HTMLElement;
  private readonly endpointLabel = h('span', { class: 'endpoint', role: 'status' });
  private readonly importBanner = h('div', { class: 'import-banner', role: 'status', hidden: true });
  private readonly notice = h('div', { class: 'notice', role: 'alert', hidden: true });

  constructor(private readonly root: HTMLElement) {
    this.bridge = new HostBridge(this.handlers);
    this.state = restorePanelState(this.bridge.getState());
    this.paused = !this.state.live;
    this.filtered = new FilteredEvents(() => true);
    this.sessionsView = new SessionsView(this);
    this.sessionsView.sessionStatusFilter = () => this.state.filter.sessionStatus;
    this.sessionsView.setSort(this.state.sessionsSort);
    for (const id of this.state.expandedSessions) this.sessionsView.expanded.add(id);
    this.eventLog = new EventLogView(this);
    for (const id of this.state.expandedEvents) this.eventLog.expanded.add(id);
    this.toolsView = new ToolsView(this);
    this.toolsView.setSort(this.state.toolsSort);
    this.filterBar = new FilterBar(this.state.filter, (filter) => this.applyFilter(filter));
    this.liveButton = h('vscode-button', { id: 'live-toggle', secondary: true });
    this.liveButton.addEventListener('click', () => this.setLive(this.paused));
    this.root.replaceChildren(this.buildLayout());
    this.selectTab(this.state.tab, false);
    this.updateLiveButton();
    this.updateFooter();
    this.installDropTarget();
    // active sessions' durations and the 5-minute active window move with the clock
    setInterval(() => {
      if (this.state.tab === 'sessions' && !this.paused && !this.importedModel && !document.hidden) this.sessionsView.refresh();
    }, 1_000);
    this.bridge.post({ type: 'ready' });
  }

  get model(): TraceModel {
    return this.importedModel ?? this.liveModel;
  }

  now(): number {
    return this.importedModel ? this.importedModel.latestTimestamp : Date.now();
  }

  reveal = (location: SourceLocation): void => {
    void this.bridge.request({ type: 'revealSource', location }).then((answer) => this.showResult(answer));
  };

  openSession = (sessionId: string): void => {
    this.selectTab('sessions', true);
    this.sessionsView.reveal(sessionId);
  };

  openEvent = (eventId: number): void => {
    this.selectTab('events', true);
    if (!this.eventLog.reveal(eventId)) this.showNotice('That event is hidden by the current filter.');
  };

  showToolCalls = (tool: string): void => {
    this.filterBar.setTools([tool]);
    this.selectTab('events', true);
  };

  loadDetail = (eventId: number): Promise<TraceEvent | undefined> => {
    const imported = this.importedModel !== undefined;
    const key = `${imported ? 'i' : 'l'}${eventId}`;
    let pending = this.details.get(key);
    if (!pending) {
      pending = this.bridge.request({ type: 'getEventDetail', id: eventId, imported })
        .then((answer) => (answer.type === 'eventDetail' ? answer.event : undefined));
      this.details.set(key, pending);
      // a small cache: rows re-expand often, but bodies must not pile up
      if (this.details.size > 200) this.details.delete(this.details.keys().next().value as string);
    }
    return pending;
  };

  stateChanged = (): void => {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveState(), 150);
  };

  private readonly handlers: MessageHandlers<HostMessage> = {
    snapshot: (message) => {
      const model = new TraceModel(Math.max(message.maxEvents, 1));
      model.upsertSessions(message.sessions);
      model.appendEvents(message.events, message.droppedCount);
      this.liveModel = model;
      this.endpoint = message.endpoint;
      const first = !this.receivedSnapshot;
      this.receivedSnapshot = true;
      if (!this.importedModel) this.rebuild();
      if (first) this.restoreScroll();
      // live keeps the newest in view: the log starts at its end and follows it
      if (!this.paused && !this.importedModel) this.eventLog.scrollToEnd();
      this.updateEndpoint();
    },
    append: (message) => {
      this.liveModel.upsertSessions(message.sessions);
      const oldestBefore = this.liveModel.oldestId;
      const added = this.liveModel.appendEvents(message.events, message.droppedCount, message.firstKeptId);
      if (this.importedModel) return;
      if (this.paused) this.arrivedWhilePaused += added.length;
      const forgotten = this.liveModel.oldestId !== oldestBefore;
      this.pending.appended ||= (added.length > 0 || forgotten) && !this.paused;
      this.pending.sessions ||= message.sessions.length > 0 || added.length > 0;
      this.pending.footer = true;
      this.scheduleFrame();
    },
    endpoint: (message) => {
      this.endpoint = message.endpoint;
      this.updateEndpoint();
    },
    imported: (message) => this.showImported(message.info, message.sessions, message.events),
    result: (message) => this.showResult(message),
    describe: (_message, envelope) => {
      this.flushFrame();
      this.bridge.post({ type: 'description', ...this.describe() }, envelope.messageId);
    },
    requestExport: () => this.exportView(),
    debugEndpoint: (message) => this.debugTokensView.update(message.state),
  };

  describe(): PanelDescription {
    return {
      tab: this.state.tab,
      live: !this.paused,
      imported: this.importedModel !== undefined,
      eventCount: this.model.size,
      visibleEventCount: this.filtered.size,
      sessions: this.sessionsView.rows().map((row) => ({
        id: row.session.id,
        client: this.model.clientOf(row.session.id),
        calls: row.figures?.calls ?? 0,
        errors: row.figures?.errors ?? 0,
        status: row.status,
      })),
      filter: this.state.filter,
      debugTokens: this.debugTokensView.describe(),
    };
  }

  private buildLayout(): HTMLElement {
    const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Live debugger views' });
    for (const tab of Object.keys(TAB_LABELS) as PanelTab[]) {
      const button = h('button', { class: 'tab', role: 'tab', id: `tab-${tab}`, 'aria-controls': `panel-${tab}`, type: 'button' }, TAB_LABELS[tab]);
      button.addEventListener('click', () => this.selectTab(tab, true));
      button.addEventListener('keydown', (event) => this.onTabKey(event, tab));
      tabs.appendChild(button);
      this.tabButtons.set(tab, button);
    }
    const exportButton = h('vscode-button', { id: 'export', secondary: true, icon: 'export', title: 'Export the filtered view as JSON' }, 'Export');
    exportButton.addEventListener('click', () => this.exportView());
    const importButton = h('vscode-button', { id: 'import', secondary: true, icon: 'folder-opened', title: 'Import a trace file (or drop one on the panel)' }, 'Import');
    importButton.addEventListener('click', () => void this.bridge.request({ type: 'importFile' }).then((answer) => this.showResult(answer)));
    const header = h('header', { class: 'header' }, tabs, h('div', { class: 'actions' }, this.endpointLabel, this.liveButton, exportButton, importButton));
    this.panels.set('sessions', this.sessionsView.element);
    this.panels.set('events', this.eventLog.element);
    this.panels.set('tools', this.toolsView.element);
    this.panels.set('tokens', this.debugTokensView.element);
    const main = h('main', { class: 'views' });
    main.addEventListener('scroll', () => this.stateChanged(), { capture: true, passive: true });
    for (const [tab, panel] of this.panels) {
      panel.id = panel.id || `panel-${tab}`;
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', `tab-${tab}`);
      main.appendChild(panel);
    }
    const footer = h('footer', { class: 'footer' }, this.footer.live, this.footer.totals, this.footer.dropped);
    return h('div', { class: 'layout' }, header, this.importBanner, this.filterBar.element, this.notice, main, footer);
  }

  private selectTab(tab: PanelTab, focus: boolean): void {
    this.state.tab = tab;
    for (const [name, button] of this.tabButtons) {
      const selected = name === tab;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      if (selected && focus && document.activeElement?.getAttribute('role') === 'tab') button.focus();
    }
    for (const [name, panel] of this.panels) panel.hidden = name !== tab;
    this.filterBar.setSessionsTab(tab === 'sessions');
    this.drawTab();
    this.stateChanged();
  }

  private onTabKey(event: KeyboardEvent, tab: PanelTab): void {
    const tabs = [...this.tabButtons.keys()];
    const index = tabs.indexOf(tab);
    const next = event.key === 'ArrowRight' ? tabs[(index + 1) % tabs.length]
      : event.key === 'ArrowLeft' ? tabs[(index - 1 + tabs.length) % tabs.length]
        : event.key === 'Home' ? tabs[0] : event.key === 'End' ? tabs[tabs.length - 1] : undefined;
    if (!next) return;
    event.preventDefault();
    this.selectTab(next, true);
    this.tabButtons.get(next)?.focus();
  }

  private drawTab(): void {
    if (this.state.tab === 'sessions') this.sessionsView.reset();
    else if (this.state.tab === 'events') this.eventLog.reset();
    else if (this.state.tab === 'tools') this.toolsView.draw();
  }

  private applyFilter(filter: TraceFilter): void {
    const previous = this.state.filter;
    this.state.filter = filter;
    if (isNarrowingOf(previous, filter)) {
      const model = this.model;
      this.filtered.narrow(compileFilter(filter, { session: (id) => model.sessions.get(id), now: this.now() }));
      this.drawTab();
      this.updateFooter();
    } else {
      this.rebuild();
    }
    this.stateChanged();
  }

  /** Re-filters everything shown (new data set, new filter). */
  private rebuild(): void {
    const model = this.model;
    const predicate = compileFilter(this.state.filter, { session: (id) => model.sessions.get(id), now: this.now() });
    this.filtered.rebuild(model, predicate, this.paused && !this.importedModel ? this.pausedAtId : Number.POSITIVE_INFINITY);
    this.filterBar.setOptions([...model.toolNames], [...model.clientNames]);
    this.drawTab();
    this.updateFooter();
  }

  /**
   * Draws what arrived at most every LIVE_DRAW_INTERVAL_MS: nobody reads 2,000 rows a second, and
   * moving the whole list on every frame would only cost paint time the rest of the panel needs.
   */
  private scheduleFrame(): void {
    if (this.frame || this.frameTimer) return;
    const wait = this.lastFlush + LIVE_DRAW_INTERVAL_MS - performance.now();
    const request = () => {
      this.frameTimer = undefined;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.flushFrame();
      });
    };
    if (wait > 0) this.frameTimer = setTimeout(request, wait);
    else request();
  }

  /** Applies what arrived since the last draw, however many batches came. */
  private flushFrame(): void {
    if (this.frame) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
    clearTimeout(this.frameTimer);
    this.frameTimer = undefined;
    this.lastFlush = performance.now();
    const { appended, sessions, footer } = this.pending;
    this.pending = { appended: false, sessions: false, footer: false };
    if (appended) {
      this.filtered.extend(this.model);
      if (this.state.tab === 'events') this.eventLog.appended(true);
    }
    if ((appended || sessions) && !this.paused) {
      if (this.state.tab === 'sessions') this.sessionsView.refresh();
      else if (this.state.tab === 'tools') this.toolsView.draw();
      this.filterBar.setOptions([...this.model.toolNames], [...this.model.clientNames]);
    }
    if (footer || appended) this.updateFooter();
  }

  private setLive(live: boolean): void {
    this.paused = !live;
    this.state.live = live;
    if (this.paused) {
      this.pausedAtId = this.filtered.lastConsideredId;
      this.arrivedWhilePaused = 0;
    } else {
      this.pausedAtId = Number.POSITIVE_INFINITY;
      this.arrivedWhilePaused = 0;
      this.filtered.extend(this.model);
      this.drawTab();
      if (this.state.tab === 'events') this.eventLog.scrollToEnd();
    }
    this.updateLiveButton();
    this.updateFooter();
    this.stateChanged();
  }

  private updateLiveButton(): void {
    this.liveButton.textContent = this.paused ? 'Resume' : 'Pause';
    this.liveButton.setAttribute('icon', this.paused ? 'debug-continue' : 'debug-pause');
    this.liveButton.setAttribute('title', this.paused ? 'Show events as they arrive' : 'Freeze the view (events keep being recorded)');
    this.liveButton.setAttribute('aria-pressed', String(this.paused));
  }

  private updateFooter(): void {
    const model = this.model;
    if (this.importedModel) {
      this.footer.live.replaceChildren(icon('archive'), ' Imported (read-only)');
      this.footer.live.className = 'footer-live is-imported';
    } else if (this.paused) {
      this.footer.live.replaceChildren(h('span', { class: 'live-dot paused', 'aria-hidden': 'true' }), `Paused · ${groupThousands(this.arrivedWhilePaused)} new`);
      this.footer.live.className = 'footer-live is-paused';
    } else {
      this.footer.live.replaceChildren(h('span', { class: 'live-dot', 'aria-hidden': 'true' }), 'Live');
      this.footer.live.className = 'footer-live is-live';
    }
    this.footer.totals.textContent = `${groupThousands(model.size)} events · ${groupThousands(model.sessions.size)} sessions · ${groupThousands(this.filtered.size)} shown`;
    const dropped = model.droppedCount;
    this.footer.dropped.textContent = dropped > 0 ? `${groupThousands(dropped)} oldest dropped (limit ${groupThousands(model.maxEvents)})` : '';
    this.footer.dropped.hidden = dropped === 0;
  }

  private updateEndpoint(): void {
    const { status, url, error } = this.endpoint;
    this.endpointLabel.className = `endpoint endpoint-${status}`;
    this.endpointLabel.replaceChildren(
      icon(status === 'listening' ? 'radio-tower' : status === 'failed' ? 'error' : 'loading'),
      status === 'listening' ? ` ${url ?? 'listening'}` : status === 'failed' ? ` endpoint failed: ${error ?? ''}` : ' starting…');
  }

  private showImported(info: ImportedTraceInfo, sessions: TraceSession[], events: EventSummary[]): void {
    const model = new TraceModel(Math.max(events.length, 1), info);
    model.upsertSessions(sessions);
    model.appendEvents(events, 0);
    for (const key of [...this.details.keys()]) if (key.startsWith('i')) this.details.delete(key);
    this.importedModel = model;
    const back = h('vscode-button', { id: 'back-to-live', secondary: true, icon: 'arrow-left' }, 'Back to live');
    back.addEventListener('click', () => this.leaveImported());
    this.importBanner.replaceChildren(icon('archive'),
      h('span', {}, ` Imported `, h('strong', {}, info.name), ` (exported ${formatDateTime(info.exportedAt)}), read-only: ${groupThousands(events.length)} events, ${sessions.length} sessions. `),
      back);
    this.importBanner.hidden = false;
    this.root.classList.add('is-imported');
    this.liveButton.setAttribute('disabled', '');
    this.rebuild();
  }

  private leaveImported(): void {
    this.importedModel = undefined;
    this.importBanner.hidden = true;
    this.root.classList.remove('is-imported');
    this.liveButton.removeAttribute('disabled');
    this.rebuild();
  }

  /** The host writes the file: it holds the bodies; the view says which events. */
  private exportView(): void {
    const eventIds = this.filtered.toArray().map((event) => event.id);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    void this.bridge.request({ type: 'exportView', eventIds, imported: this.importedModel !== undefined, suggestedName: `mcp-trace-${stamp}.json` })
      .then((answer) => this.showResult(answer));
  }

  private installDropTarget(): void {
    document.addEventListener('dragover', (event) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      this.root.classList.add('is-drop-target');
    });
    document.addEventListener('dragleave', () => this.root.classList.remove('is-drop-target'));
    document.addEventListener('drop', (event) => {
      this.root.classList.remove('is-drop-target');
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      event.preventDefault();
      void file.text().then((text) => this.bridge.request({ type: 'importText', name: file.name, text })).then((answer) => this.showResult(answer));
    });
  }

  private showResult(answer: HostMessage): void {
    if (answer.type !== 'result') return;
    if (!answer.ok || answer.message) this.showNotice(answer.message ?? 'Failed', !answer.ok);
  }

  private showNotice(text: string, isError = false): void {
    this.notice.textContent = text;
    this.notice.className = `notice${isError ? ' is-error' : ''}`;
    this.notice.hidden = false;
    setTimeout(() => {
      if (this.notice.textContent === text) this.notice.hidden = true;
    }, 6000);
  }

  /** A paused view comes back where it was read; a live one follows the newest events instead. */
  private restoreScroll(): void {
    const { sessions, events } = this.state.scroll;
    requestAnimationFrame(() => {
      this.sessionsView.scrollTop = sessions;
      if (this.paused) this.eventLog.scrollTop = events;
    });
  }

  private saveState(): void {
    const state: PanelState = {
      ...defaultPanelState(),
      tab: this.state.tab,
      filter: this.state.filter,
      live: !this.paused,
      expandedSessions: [...this.sessionsView.expanded],
      expandedEvents: [...this.eventLog.expanded].slice(-200),
      sessionsSort: this.sessionsView.sort,
      toolsSort: this.toolsView.sort,
      scroll: { sessions: this.sessionsView.scrollTop, events: this.eventLog.scrollTop },
    };
    this.state = { ...state, filter: this.state.filter };
    this.bridge.setState(state);
  }
}
