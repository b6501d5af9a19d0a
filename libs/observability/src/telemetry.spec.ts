import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, propagation, trace } from '@opentelemetry/api';
import { parseSpanLines } from './span-records';
import {
  bootstrapTelemetry,
  getFinishedSpanRecords,
  otlpTracesUrl,
  resetFinishedSpans,
} from './telemetry';

describe('bootstrapTelemetry', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'telemetry-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('records spans in memory and in the span file under the service name', async () => {
    const spanFile = join(dir, 'spans.jsonl');
    const shutdown = bootstrapTelemetry({ serviceName: 'identity', spanFile, inMemory: true });
    try {
      trace.getTracer('spec').startActiveSpan('resolve', (span) => span.end());

      expect(getFinishedSpanRecords()).toEqual([
        expect.objectContaining({ name: 'resolve', service: 'identity' }),
      ]);
      expect(parseSpanLines(readFileSync(spanFile, 'utf8'))).toEqual([
        expect.objectContaining({ name: 'resolve', service: 'identity', parentSpanId: null }),
      ]);
      resetFinishedSpans();
      expect(getFinishedSpanRecords()).toEqual([]);
    } finally {
      await shutdown();
    }
  });

  it('propagates the active span as a W3C traceparent and continues a trace from one', async () => {
    const shutdown = bootstrapTelemetry({ serviceName: 'orchestration', inMemory: true });
    try {
      const carrier: Record<string, string> = {};
      const sent = trace.getTracer('spec').startActiveSpan('publish', (span) => {
        propagation.inject(context.active(), carrier);
        span.end();
        return span.spanContext();
      });
      expect(carrier['traceparent']).toBe(`00-${sent.traceId}-${sent.spanId}-01`);

      const received = propagation.extract(context.active(), carrier);
      context.with(received, () =>
        trace.getTracer('spec').startActiveSpan('consume', (span) => span.end()),
      );

      const consume = getFinishedSpanRecords().find((span) => span.name === 'consume');
      expect(consume).toMatchObject({ traceId: sent.traceId, parentSpanId: sent.spanId });
    } finally {
      await shutdown();
    }
  });

  it('gives spans valid ids even when no exporter is configured', async () => {
    const shutdown = bootstrapTelemetry({ serviceName: 'quiet' });
    try {
      const ids = trace.getTracer('spec').startActiveSpan('work', (span) => {
        span.end();
        return span.spanContext();
      });
      expect(ids.traceId).toMatch(/^(?!0+$)[0-9a-f]{32}$/);
    } finally {
      await shutdown();
    }
  });

  it('refuses to start twice and can start again after shutdown', async () => {
    const shutdown = bootstrapTelemetry({ serviceName: 'one', inMemory: true });
    expect(() => bootstrapTelemetry({ serviceName: 'two' })).toThrow('already running');
    await shutdown();
    await shutdown();
    const again = bootstrapTelemetry({ serviceName: 'two', inMemory: true });
    await again();
  });
});

describe('otlpTracesUrl', () => {
  it('appends the traces path to a base endpoint and keeps a full one', () => {
    expect(otlpTracesUrl('http://collector:4318')).toBe('http://collector:4318/v1/traces');
    expect(otlpTracesUrl('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
    expect(otlpTracesUrl('http://collector:4318/v1/traces')).toBe(
      'http://collector:4318/v1/traces',
    );
  });
});
