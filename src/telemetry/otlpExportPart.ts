import { parseKeyPairsIntoRecord } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpHttpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import * as vscode from 'vscode';
import { Command, Setting } from '../common/contributions';
import { Disposable, type IDisposable } from '../common/disposable';
import { Emitter } from '../common/emitter';
import type { ContentCapture, McpPeer } from '../otel/mcpSpans';
import { OtlpExportPipeline, type OtlpExportStats } from '../otel/otlpExportPipeline';
import { toOtlpJson } from '../otel/otlpJsonFile';
import type { OtlpExportState } from '../shared/protocol';
import type { TraceEvent, TraceExport, TraceConnection } from '../shared/trace';
import type { TraceStore } from '../trace/traceStore';
import { readSetting, registerCommand } from '../vscodeContributions';

/** Every OTLP setting is under this section; a change of any rebuilds the export. */
const OTLP_SECTION = 'mcpLiveDebugger.otlp';
/** Headers are kept per endpoint origin, so a workspace that changes the endpoint never receives them. */
const HEADERS_SECRET_PREFIX = 'mcpLiveDebugger.otlp.headers ';
/** Counters change with every batch; the panel hears of it at most this often. */
const STATE_THROTTLE_MS = 250;

export interface OtlpExportPartOptions {
  secrets: vscode.SecretStorage;
  store: TraceStore;
  serviceVersion: string;
  /** Our loopback endpoint, for server.address/server.port of our own connections. */
  endpoint: Promise<{ port: number }>;
}

/** What the live panel reads: the footer's counters and the OTLP JSON writer for Export. */
export interface OtlpExportPanelFeed {
  readonly state: OtlpExportState;
  onDidChange(listener: () => void): IDisposable;
  toOtlpJson(trace: TraceExport): string;
}

/**
 * The OTLP export in VS Code: reads its settings and the headers in secret storage, runs one
 * export pipeline for the configured endpoint (rebuilt when either changes), feeds it every
 * recorded exchange, and offers the command that sets the headers.
 */
export class OtlpExportPart extends Disposable implements OtlpExportPanelFeed {
  private pipeline: { instance: OtlpExportPipeline; target: string; listener: IDisposable } | undefined;
  /** Counts of pipelines already replaced, so the footer's numbers never go back. */
  private retired = { exported: 0, dropped: 0 };
  /** Replaced pipelines still sending what they held, with the end of their shutdown. */
  private readonly retiring = new Map<OtlpExportPipeline, Promise<void>>();
  private problem: string | undefined;
  private generation = 0;
  private port: number | undefined;
  private throttle: NodeJS.Timeout | undefined;
  private readonly changed = this.register(new Emitter<void>());
  readonly onDidChange = this.changed.event;
  /** Settles after the latest settings took effect (tests wait on it). */
  ready: Promise<void>;

  constructor(private readonly options: OtlpExportPartOptions) {
    super();
    options.endpoint.then(({ port }) => {
      this.port = port;
    }, () => undefined);
    this.register(options.store.onDidAppend((event) => this.pipeline?.instance.enqueue(event)));
    this.register(vscode.workspace.onDidChangeConfiguration((change) => {
      if (change.affectsConfiguration(OTLP_SECTION)) this.ready = this.rebuild();
    }));
    this.register(options.secrets.onDidChange((change) => {
      if (change.key.startsWith(HEADERS_SECRET_PREFIX)) this.ready = this.rebuild();
    }));
    this.register(registerCommand(Command.SetOtlpHeaders, () => this.askForHeaders()));
    this.ready = this.rebuild();
  }

  get state(): OtlpExportState {
    const stats = this.stats;
    return { enabled: this.pipeline !== undefined, target: this.pipeline?.target, exported: stats.exported, dropped: stats.dropped, problem: this.problem };
  }

  /** Counts over every pipeline so far: the current one, those still sending what they held, and those done. */
  get stats(): OtlpExportStats {
    const live = [...this.retiring.keys(), ...(this.pipeline ? [this.pipeline.instance] : [])].map((pipeline) => pipeline.stats);
    return live.reduce((sum, stats) => ({ exported: sum.exported + stats.exported, dropped: sum.dropped + stats.dropped, queued: sum.queued + stats.queued }), { ...this.retired, queued: 0 });
  }

  /** Sends what is queued now (also by replaced pipelines); resolves when the endpoint answered or the export gave up. */
  async flush(): Promise<void> {
    await this.ready;
    await Promise.all([...this.retiring.values(), this.pipeline?.instance.flush()]);
  }

  toOtlpJson(trace: TraceExport): string {
    return toOtlpJson(trace, { serviceVersion: this.options.serviceVersion, content: contentSettings(), peerOf: (connection, event) => this.peerOf(connection, event) });
  }

  override dispose(): void {
    if (this.isDisposed) return;
    if (this.throttle) clearTimeout(this.throttle);
    this.retire();
    super.dispose();
  }

  private async rebuild(): Promise<void> {
    const generation = ++this.generation;
    const endpoint = readSetting(Setting.OtlpEndpoint).trim();
    const protocol = readSetting(Setting.OtlpProtocol);
    const url = endpoint ? tracesUrl(endpoint) : undefined;
    const headers = url ? await this.headersFor(url.origin) : {};
    if (generation !== this.generation || this.isDisposed) return;
    this.retire();
    this.problem = endpoint && !url ? `"${endpoint}" is not an http(s) URL` : undefined;
    if (url) {
      const exporterOptions = { url: url.href, headers, timeoutMillis: 5_000 };
      const instance = new OtlpExportPipeline({
        exporter: protocol === 'http/json' ? new OtlpHttpJsonExporter(exporterOptions) : new OtlpHttpProtobufExporter(exporterOptions),
        serviceVersion: this.options.serviceVersion,
        content: contentSettings,
        peerOf: (connection, event) => this.peerOf(connection, event),
      }, this.options.store);
      this.pipeline = { instance, target: url.origin, listener: instance.onDidChangeStats(() => this.scheduleChange()) };
    }
    this.changed.fire();
  }

  /** Lets the old pipeline send what it holds, and keeps its counts. */
  private retire(): void {
    const old = this.pipeline;
    if (!old) return;
    this.pipeline = undefined;
    this.retiring.set(old.instance, old.instance.shutdown().finally(() => {
      old.listener.dispose();
      this.retiring.delete(old.instance);
      const { exported, dropped } = old.instance.stats;
      this.retired = { exported: this.retired.exported + exported, dropped: this.retired.dropped + dropped };
      this.scheduleChange();
    }));
  }

  private scheduleChange(): void {
    if (this.throttle || this.isDisposed) return;
    this.throttle = setTimeout(() => {
      this.throttle = undefined;
      this.changed.fire();
    }, STATE_THROTTLE_MS);
  }

  private async headersFor(origin: string): Promise<Record<string, string>> {
    const text = await this.options.secrets.get(HEADERS_SECRET_PREFIX + origin);
    if (!text) return {};
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : {};
    } catch {
      return {};
    }
  }

  private async askForHeaders(): Promise<void> {
    const endpoint = readSetting(Setting.OtlpEndpoint).trim();
    const url = endpoint ? tracesUrl(endpoint) : undefined;
    if (!url) {
      void vscode.window.showWarningMessage('Set mcpLiveDebugger.otlp.endpoint to an http(s) URL first: headers are kept for that endpoint only.');
      return;
    }
    const text = await vscode.window.showInputBox({
      title: `OTLP export headers for ${url.origin}`,
      prompt: 'name=value pairs separated by commas, as in OTEL_EXPORTER_OTLP_HEADERS (e.g. Authorization=Bearer%20…). Kept in VS Code\'s secret storage. Empty removes them.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' || Object.keys(parseHeaders(value)).length > 0 ? undefined : 'Write name=value pairs separated by commas.'),
    });
    if (text === undefined) return;
    const key = HEADERS_SECRET_PREFIX + url.origin;
    const headers = parseHeaders(text);
    if (Object.keys(headers).length === 0) {
      await this.options.secrets.delete(key);
      void vscode.window.showInformationMessage(`Removed the OTLP export headers for ${url.origin}.`);
      return;
    }
    await this.options.secrets.store(key, JSON.stringify(headers));
    void vscode.window.showInformationMessage(`Saved ${Object.keys(headers).length} OTLP export header(s) for ${url.origin} in VS Code's secret storage.`);
  }

  private peerOf(_connection: TraceConnection | undefined, event: TraceEvent): McpPeer | undefined {
    if (event.source === 'debugger' || event.source === 'debug-endpoint') return { address: '127.0.0.1', port: this.port, transport: 'tcp' };
    if (!event.source.startsWith('proxy:')) return undefined;
    const servers = readSetting(Setting.ProxyServers);
    const upstream: unknown = typeof servers === 'object' && servers !== null ? (servers as Record<string, unknown>)[event.source.slice('proxy:'.length)] : undefined;
    if (typeof upstream !== 'object' || upstream === null) return undefined;
    const { url: upstreamUrl, command } = upstream as { url?: unknown; command?: unknown };
    if (typeof command === 'string') return { transport: 'pipe' };
    if (typeof upstreamUrl !== 'string') return undefined;
    try {
      // host and port only: an upstream URL may carry credentials
      const url = new URL(upstreamUrl);
      return { address: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)), transport: 'tcp' };
    } catch {
      return undefined;
    }
  }
}

function contentSettings(): ContentCapture {
  return { toolCallArguments: readSetting(Setting.OtlpToolCallArguments), toolCallResult: readSetting(Setting.OtlpToolCallResult) };
}

/** The traces URL of a setting: used as given, or with OTLP's `/v1/traces` when it is a bare origin. */
export function tracesUrl(endpoint: string): URL | undefined {
  try {
    const url = new URL(endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.pathname === '/' || url.pathname === '') url.pathname = '/v1/traces';
    return url;
  } catch {
    return undefined;
  }
}

function parseHeaders(text: string): Record<string, string> {
  return Object.fromEntries(Object.entries(parseKeyPairsIntoRecord(text)).filter(([name, value]) => /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name) && value !== ''));
}
