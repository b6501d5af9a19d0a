import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { context, propagation, trace } from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import {
  envDetector,
  osDetector,
  processDetector,
  resourceFromAttributes,
  serviceInstanceIdDetector,
} from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  NoopSpanProcessor,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { LeanContextManager, LeanRootPropagator } from './lean-context';
import { JsonLinesSpanExporter } from './span-file-exporter';
import { toSpanRecord, type SpanRecord } from './span-records';

export interface TelemetryOptions {
  readonly serviceName: string;
  /**
   * OTLP/HTTP collector: either the base URL (http://collector:4318) or the full traces
   * URL ending in /v1/traces.
   */
  readonly otlpEndpoint?: string;
  /** Also append every span as a JSON line to this file (see JsonLinesSpanExporter). */
  readonly spanFile?: string;
  /** Keep finished spans in memory for getFinishedSpans(); for tests. */
  readonly inMemory?: boolean;
}

/** Flushes every exporter and stops tracing. Call it last, after the Nest app closed. */
export type ShutdownTelemetry = () => Promise<void>;

/** Probes and scrapes are not work; they would bury the traces that matter. */
const UNTRACED_PATHS = /^\/(metrics|health\/(live|ready))(\?|$)/;

let memoryExporter: InMemorySpanExporter | undefined;
let running: ShutdownTelemetry | undefined;

/**
 * Starts OpenTelemetry for this process: W3C trace-context (and baggage) propagation,
 * spans for inbound and outbound HTTP, and the chosen exporters. Call it at the very top
 * of main.ts, before NestFactory.create.
 */
export function bootstrapTelemetry(options: TelemetryOptions): ShutdownTelemetry {
  if (running !== undefined) throw new Error('Telemetry is already running in this process');

  memoryExporter = options.inMemory === true ? new InMemorySpanExporter() : undefined;
  const http = new HttpInstrumentation({
    ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.test(request.url ?? ''),
  });
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    // Only detectors that answer synchronously: while a resource has pending async
    // attributes (the host detector's host.id), SimpleSpanProcessor holds every export
    // back, and a span would not be in the file right after it ends.
    resource: resourceFromAttributes({ 'host.name': hostname() }),
    resourceDetectors: [envDetector, processDetector, osDetector, serviceInstanceIdDetector],
    contextManager: new LeanContextManager(),
    textMapPropagator: new LeanRootPropagator(
      new CompositePropagator({
        propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
      }),
    ),
    spanProcessors: spanProcessors(options, memoryExporter),
    instrumentations: [http],
    // Empty lists, not omitted: omitted, NodeSDK builds OTLP log and metric exporters
    // from OTEL_* variables on its own. Metrics go through Prometheus (MetricsRegistry).
    logRecordProcessors: [],
    metricReaders: [],
  });
  sdk.start();
  repatchHttp();

  let stopping: Promise<void> | undefined;
  const shutdown: ShutdownTelemetry = () => {
    stopping ??= (async () => {
      http.disable();
      await sdk.shutdown();
      // Unregister the globals so a later bootstrap (tests) starts from a clean API.
      trace.disable();
      context.disable();
      propagation.disable();
      running = undefined;
    })();
    return stopping;
  };
  running = shutdown;
  return shutdown;
}

/** Spans finished so far when telemetry runs with `inMemory`. */
export function getFinishedSpans(): ReadableSpan[] {
  if (memoryExporter === undefined) throw new Error('Telemetry is not running with inMemory: true');
  return memoryExporter.getFinishedSpans();
}

/** The same spans as the span file would hold them. */
export function getFinishedSpanRecords(): SpanRecord[] {
  return getFinishedSpans().map(toSpanRecord);
}

export function resetFinishedSpans(): void {
  memoryExporter?.reset();
}

/** "http://collector:4318" → "http://collector:4318/v1/traces"; a full traces URL is kept. */
export function otlpTracesUrl(endpoint: string): string {
  const trimmed = endpoint.replace(/\/+$/, '');
  return trimmed.endsWith('/v1/traces') ? trimmed : `${trimmed}/v1/traces`;
}

function spanProcessors(
  options: TelemetryOptions,
  memory: InMemorySpanExporter | undefined,
): SpanProcessor[] {
  const processors: SpanProcessor[] = [];
  if (options.otlpEndpoint !== undefined) {
    processors.push(
      new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl(options.otlpEndpoint) })),
    );
  }
  // Simple (per-span) processors: the file and memory exporters are cheap and tests read
  // them right after a request, so nothing should wait in a batch.
  if (options.spanFile !== undefined)
    processors.push(new SimpleSpanProcessor(new JsonLinesSpanExporter(options.spanFile)));
  if (memory !== undefined) processors.push(new SimpleSpanProcessor(memory));
  // With no processor NodeSDK installs no tracer provider at all, and log lines would have
  // no trace ids to carry; a no-op processor keeps ids flowing without exporting.
  if (processors.length === 0) processors.push(new NoopSpanProcessor());
  return processors;
}

/**
 * The http instrumentation patches `http` when it is next required. In main.ts the
 * imports above the bootstrap call (Nest, prom-client) have required it already, so
 * require it once more here to apply the patch now.
 */
function repatchHttp(): void {
  const load = createRequire(__filename);
  load('node:http');
  load('node:https');
}
