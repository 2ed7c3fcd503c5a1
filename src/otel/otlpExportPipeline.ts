import type { Tracer } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { Emitter } from '../common/emitter';
import type { Span, TraceEvent, TraceConnection } from '../shared/trace';
import type { TraceStore } from '../trace/traceStore';
import { describeEventSpans, negotiatedProtocolVersion, SERVICE_NAME, type ContentCapture, type McpPeer } from './mcpSpans';
import { ReplayLinks } from './replayLinks';
import { countSpans, writeEventSpans } from './spanWriter';

/** Limits of the export, in one place: what waits for mapping, what waits for the exporter, how often it sends. */
export interface OtlpLimits {
  maxPendingEvents: number;
  maxQueuedSpans: number;
  maxExportBatchSize: number;
  scheduledDelayMs: number;
  exportTimeoutMs: number;
}

export const OTLP_LIMITS: Readonly<OtlpLimits> = {
  /** Recorded exchanges waiting to become spans (the call path only appends here). */
  maxPendingEvents: 2_048,
  /** Spans ended but not yet sent or failed; beyond it new spans are dropped and counted. */
  maxQueuedSpans: 4_096,
  maxExportBatchSize: 512,
  scheduledDelayMs: 1_000,
  exportTimeoutMs: 10_000,
};

export interface OtlpExportStats {
  /** Spans the endpoint accepted. */
  exported: number;
  /** Spans lost: the queue was full, or the endpoint refused or could not be reached. */
  dropped: number;
  /** Spans (and events not yet mapped) still on their way. */
  queued: number;
}

export interface OtlpExportPipelineOptions {
  /** Sends the batches (the SDK's OTLP/HTTP exporter, or an in-memory one in tests). */
  exporter: SpanExporter;
  serviceVersion: string;
  content: () => ContentCapture;
  /** Where the server of a connection listens (our endpoint, or the proxy's upstream). */
  peerOf?: (connection: TraceConnection | undefined, event: TraceEvent) => McpPeer | undefined;
  limits?: Partial<OtlpLimits>;
}

/**
 * Recorded exchanges to OTLP: the store's append only queues the event (bounded, O(1)), a later
 * task maps it to spans and hands them to the SDK's BatchSpanProcessor, which sends in batches off
 * the call path. Whatever does not fit, or does not arrive, is counted in `dropped`.
 */
export class OtlpExportPipeline {
  private readonly limits: OtlpLimits;
  private readonly provider: BasicTracerProvider;
  private readonly tracer: Tracer;
  private readonly pending: TraceEvent[] = [];
  private readonly protocolVersions = new Map<string, string>();
  private readonly replayLinks = new ReplayLinks();
  private drainScheduled: NodeJS.Immediate | undefined;
  private written = 0;
  private settled = 0;
  private counts = { exported: 0, dropped: 0 };
  private closed = false;
  private readonly changed = new Emitter<OtlpExportStats>();
  /** Fires when a batch was sent or spans were dropped. */
  readonly onDidChangeStats = this.changed.event;

  constructor(private readonly options: OtlpExportPipelineOptions, private readonly store?: Pick<TraceStore, 'getConnection'>) {
    this.limits = { ...OTLP_LIMITS, ...options.limits };
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': SERVICE_NAME, 'service.version': options.serviceVersion }),
      spanLimits: { attributeValueLengthLimit: 32 * 1024 },
      spanProcessors: [new BatchSpanProcessor(new CountingExporter(options.exporter, (spans, result) => this.onExported(spans, result)), {
        // one more than ours, so the SDK never drops a span we did not count
        maxQueueSize: this.limits.maxQueuedSpans + 1,
        maxExportBatchSize: this.limits.maxExportBatchSize,
        scheduledDelayMillis: this.limits.scheduledDelayMs,
        exportTimeoutMillis: this.limits.exportTimeoutMs,
      })],
    });
    this.tracer = this.provider.getTracer(SERVICE_NAME, options.serviceVersion);
  }

  get stats(): OtlpExportStats {
    return { ...this.counts, queued: this.written - this.settled + this.pending.length };
  }

  /** Called from the store's append: queues and returns. */
  enqueue(event: TraceEvent): void {
    if (this.closed) return;
    if (event.method === 'initialize') {
      const version = negotiatedProtocolVersion(event);
      if (version) this.protocolVersions.set(event.connectionId, version);
    }
    if (event.kind === 'connection_end') this.protocolVersions.delete(event.connectionId);
    if (event.kind !== 'request' && event.kind !== 'notification') return;
    if (this.pending.length >= this.limits.maxPendingEvents) {
      this.drop(1 + descendantCount(event.trace));
      return;
    }
    this.pending.push(event);
    this.drainScheduled ??= setImmediate(() => this.drain());
  }

  /** Maps and sends everything queued so far; resolves when the endpoint answered (or failed). */
  async flush(): Promise<void> {
    this.drain();
    // a failed batch is counted in `dropped`; the flush itself does not fail for it
    await this.provider.forceFlush().catch(() => undefined);
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.drain();
    this.closed = true;
    this.changed.dispose();
    await this.provider.shutdown().catch(() => undefined);
  }

  private drain(): void {
    if (this.drainScheduled) clearImmediate(this.drainScheduled);
    this.drainScheduled = undefined;
    for (const event of this.pending.splice(0)) {
      const connection = this.store?.getConnection(event.connectionId);
      const spans = describeEventSpans(event, {
        connection,
        protocolVersion: this.protocolVersions.get(event.connectionId),
        server: this.options.peerOf?.(connection, event),
      }, this.options.content());
      if (!spans) continue;
      const count = countSpans(spans.span);
      if (this.written - this.settled + count > this.limits.maxQueuedSpans) {
        this.drop(count);
        continue;
      }
      const written = writeEventSpans(this.tracer, spans, this.replayLinks.linksFor(spans));
      this.replayLinks.remember(event.id, written.context);
      this.written += written.count;
    }
  }

  private onExported(spans: number, result: ExportResult): void {
    this.settled += spans;
    if (result.code === ExportResultCode.SUCCESS) this.counts.exported += spans;
    else this.counts.dropped += spans;
    if (!this.closed) this.changed.fire(this.stats);
  }

  private drop(spans: number): void {
    this.counts.dropped += spans;
    this.changed.fire(this.stats);
  }
}

function descendantCount(span: Span | undefined): number {
  return span ? span.children.reduce((count, child) => count + 1 + descendantCount(child), 0) : 0;
}

/** Passes batches on and reports how each ended, so lost spans are counted, not only logged. */
class CountingExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter, private readonly onResult: (spans: number, result: ExportResult) => void) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    let reported = false;
    const report = (result: ExportResult) => {
      if (reported) return;
      reported = true;
      this.onResult(spans.length, result);
      resultCallback(result);
    };
    try {
      this.inner.export(spans, report);
    } catch (error) {
      report({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
