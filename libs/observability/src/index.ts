export {
  DEFAULT_READINESS_TIMEOUT_MS,
  checkReadiness,
  isHealthIndicator,
  type HealthIndicator,
  type IndicatorResult,
  type ReadinessReport,
} from './health';
export {
  NestPinoLogger,
  createLogger,
  traceContextFields,
  type LogDestination,
  type LogLevel,
  type Logger,
  type LoggerOptions,
} from './logger';
export { MetricsRegistry, type HistogramConfig, type MetricConfig } from './metrics';
export {
  HEALTH_INDICATORS,
  ObservabilityModule,
  type ObservabilityOptions,
} from './observability.module';
export { JsonLinesSpanExporter } from './span-file-exporter';
export { SpanRecord, parseSpanLines, toSpanRecord } from './span-records';
export {
  bootstrapTelemetry,
  getFinishedSpanRecords,
  getFinishedSpans,
  otlpTracesUrl,
  resetFinishedSpans,
  type ShutdownTelemetry,
  type TelemetryOptions,
} from './telemetry';
