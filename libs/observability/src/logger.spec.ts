import { setTimeout as sleep } from 'node:timers/promises';
import { trace } from '@opentelemetry/api';
import { createLogger, NestPinoLogger, type LogDestination } from './logger';
import { bootstrapTelemetry, type ShutdownTelemetry } from './telemetry';

function collectingDestination(): {
  destination: LogDestination;
  lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  return { lines, destination: { write: (chunk: string) => void lines.push(JSON.parse(chunk)) } };
}

describe('createLogger', () => {
  let shutdown: ShutdownTelemetry;

  beforeAll(() => {
    shutdown = bootstrapTelemetry({ serviceName: 'logger-spec', inMemory: true });
  });

  afterAll(async () => {
    await shutdown();
  });

  it('writes JSON lines with level word, ISO time and service', () => {
    const { destination, lines } = collectingDestination();
    createLogger({ serviceName: 'scoring', destination }).info({ profileId: 'p1' }, 'scored');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        service: 'scoring',
        profileId: 'p1',
        msg: 'scored',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it('carries the trace and span ids of the active span, across awaits', async () => {
    const { destination, lines } = collectingDestination();
    const logger = createLogger({ serviceName: 'scoring', destination });

    const ids = await trace.getTracer('spec').startActiveSpan('score', async (span) => {
      logger.info('before await');
      await sleep(5);
      logger.info('after await');
      span.end();
      return span.spanContext();
    });

    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'before await', trace_id: ids.traceId, span_id: ids.spanId }),
      expect.objectContaining({ msg: 'after await', trace_id: ids.traceId, span_id: ids.spanId }),
    ]);
  });

  it('carries the ids of the innermost span', () => {
    const { destination, lines } = collectingDestination();
    const logger = createLogger({ serviceName: 'scoring', destination });
    const tracer = trace.getTracer('spec');

    const child = tracer.startActiveSpan('outer', (outer) => {
      const inner = tracer.startActiveSpan('inner', (span) => {
        logger.info('inner');
        span.end();
        return span.spanContext();
      });
      outer.end();
      return inner;
    });

    expect(lines[0]).toMatchObject({ trace_id: child.traceId, span_id: child.spanId });
  });

  it('has no trace fields outside any span', () => {
    const { destination, lines } = collectingDestination();
    createLogger({ serviceName: 'scoring', destination }).info('idle');
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[0]).not.toHaveProperty('span_id');
  });

  it('drops lines below the configured level', () => {
    const { destination, lines } = collectingDestination();
    const logger = createLogger({ serviceName: 'scoring', level: 'warn', destination });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((line) => line['msg'])).toEqual(['loud']);
  });
});

describe('NestPinoLogger', () => {
  it('maps Nest calls to pino levels with the context and the error stack', () => {
    const { destination, lines } = collectingDestination();
    const nest = new NestPinoLogger(
      createLogger({ serviceName: 'svc', level: 'trace', destination }),
    );

    nest.log('started', 'NestApplication');
    nest.error('failed', 'Error: failed\n    at somewhere (file.ts:1:1)', 'ExceptionsHandler');
    nest.warn({ detail: 1 }, 'Ctx');
    nest.verbose('fine print');
    nest.error(new Error('thrown'));

    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'started', context: 'NestApplication' }),
      expect.objectContaining({
        level: 'error',
        msg: 'failed',
        context: 'ExceptionsHandler',
        stack: expect.stringContaining('at somewhere'),
      }),
      expect.objectContaining({ level: 'warn', payload: { detail: 1 }, context: 'Ctx' }),
      expect.objectContaining({ level: 'trace', msg: 'fine print' }),
      expect.objectContaining({
        level: 'error',
        msg: 'thrown',
        err: expect.objectContaining({ message: 'thrown' }),
      }),
    ]);
    expect(lines[3]).not.toHaveProperty('context');
  });
});
