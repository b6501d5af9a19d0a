import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { JsonLinesSpanExporter } from './span-file-exporter';
import { parseSpanLines } from './span-records';

describe('JsonLinesSpanExporter', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'spans-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function providerWriting(file: string, service: string) {
    return new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': service }),
      spanProcessors: [new SimpleSpanProcessor(new JsonLinesSpanExporter(file))],
    });
  }

  it('appends one valid JSON line per finished span, with parent, kind, service, times, attributes and status', async () => {
    const file = join(dir, 'nested', 'spans.jsonl');
    const provider = providerWriting(file, 'ingestion');
    const tracer = provider.getTracer('spec');

    const parent = tracer.startSpan('POST /v1/track', {
      kind: SpanKind.SERVER,
      attributes: { 'http.method': 'POST' },
    });
    const child = tracer.startSpan(
      'publish ingest.3',
      { kind: SpanKind.PRODUCER },
      trace.setSpan(context.active(), parent),
    );
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'nats down' });
    child.end();
    parent.end();
    await provider.shutdown();

    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    const [childRecord, parentRecord] = parseSpanLines(text);
    expect(parentRecord).toMatchObject({
      traceId: parent.spanContext().traceId,
      spanId: parent.spanContext().spanId,
      parentSpanId: null,
      name: 'POST /v1/track',
      kind: 'SERVER',
      service: 'ingestion',
      attributes: { 'http.method': 'POST' },
      status: { code: 'UNSET' },
    });
    expect(childRecord).toMatchObject({
      traceId: parent.spanContext().traceId,
      parentSpanId: parent.spanContext().spanId,
      kind: 'PRODUCER',
      status: { code: 'ERROR', message: 'nats down' },
    });
    expect(parentRecord?.endTime).toBeGreaterThanOrEqual(parentRecord?.startTime ?? Infinity);
    expect(parentRecord?.startTime).toBeGreaterThan(Date.parse('2020-01-01'));
  });

  it('lets two services append to the same file', async () => {
    const file = join(dir, 'spans.jsonl');
    const first = providerWriting(file, 'identity');
    const second = providerWriting(file, 'scoring');
    first.getTracer('a').startSpan('one').end();
    second.getTracer('b').startSpan('two').end();
    await Promise.all([first.shutdown(), second.shutdown()]);

    expect(parseSpanLines(readFileSync(file, 'utf8')).map((span) => span.service)).toEqual([
      'identity',
      'scoring',
    ]);
  });
});

describe('parseSpanLines', () => {
  it('leaves a last line without its newline for the next read', () => {
    const record = {
      traceId: 'a'.repeat(32),
      spanId: 'b'.repeat(16),
      parentSpanId: null,
      name: 'x',
      kind: 'INTERNAL',
      service: 's',
      startTime: 1,
      endTime: 2,
      attributes: {},
      status: { code: 'UNSET' },
    };
    const text = `${JSON.stringify(record)}\n${JSON.stringify(record).slice(0, 20)}`;
    expect(parseSpanLines(text)).toHaveLength(1);
  });

  it('names the line that is not a span record', () => {
    expect(() => parseSpanLines('{"traceId":"nope"}\n')).toThrow(
      'span file line 1 is not a span record',
    );
    expect(() => parseSpanLines('not json\n')).toThrow('span file line 1 is not JSON');
  });
});
