import type { AddressInfo } from 'node:net';
import { Global, Injectable, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, NestPinoLogger } from './logger';
import type { HealthIndicator } from './health';
import { MetricsRegistry } from './metrics';
import { ObservabilityModule } from './observability.module';

@Injectable()
class DatabaseIndicator implements HealthIndicator {
  readonly name = 'mongodb';
  healthy = true;

  async check(): Promise<void> {
    if (!this.healthy) throw new Error('connection refused');
  }
}

@Injectable()
class BusIndicator implements HealthIndicator {
  readonly name = 'nats';

  async check(): Promise<void> {
    // Always up in these specs.
  }
}

@Global()
@Module({
  providers: [DatabaseIndicator, BusIndicator],
  exports: [DatabaseIndicator, BusIndicator],
})
class IndicatorsModule {}

@Module({
  imports: [
    IndicatorsModule,
    ObservabilityModule.forRoot({
      serviceName: 'spec-service',
      healthIndicators: [BusIndicator, DatabaseIndicator],
    }),
  ],
})
class AppModule {}

describe('ObservabilityModule over real HTTP', () => {
  let app: INestApplication;
  let url: string;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    app = await NestFactory.create(AppModule, { bufferLogs: true });
    app.useLogger(
      new NestPinoLogger(
        createLogger({
          serviceName: 'spec-service',
          destination: { write: (line: string) => void logLines.push(JSON.parse(line)) },
        }),
      ),
    );
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as AddressInfo;
    url = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(() => {
    app.get(DatabaseIndicator).healthy = true;
  });

  it('answers liveness with 200', async () => {
    const response = await fetch(`${url}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'live', service: 'spec-service' });
  });

  it('answers readiness with 200 when every indicator passes', async () => {
    const response = await fetch(`${url}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready', failing: [] });
  });

  it('answers readiness with 503 naming the failing indicator', async () => {
    app.get(DatabaseIndicator).healthy = false;
    const response = await fetch(`${url}/health/ready`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not_ready',
      failing: ['mongodb'],
      checks: [
        { name: 'nats', status: 'up' },
        { name: 'mongodb', status: 'down', error: 'connection refused' },
      ],
    });
  });

  it('serves Prometheus text with default and service metrics', async () => {
    app.get(MetricsRegistry).counter({ name: 'meridian_spec_total', help: 'Spec counter' }).inc();
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('nodejs_heap_size_total_bytes');
    expect(text).toContain('meridian_spec_total{service="spec-service"} 1');
  });

  it("routes Nest's own logs through pino", () => {
    expect(logLines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        context: 'NestApplication',
        service: 'spec-service',
      }),
    );
  });
});

describe('ObservabilityModule.forRoot', () => {
  it('refuses an injected health indicator without name and check()', async () => {
    @Injectable()
    class NotAnIndicator {}

    @Module({
      providers: [NotAnIndicator],
      exports: [NotAnIndicator],
    })
    class BrokenIndicators {}

    @Module({
      imports: [
        ObservabilityModule.forRoot({
          serviceName: 'x',
          healthIndicators: [NotAnIndicator],
          imports: [BrokenIndicators],
        }),
      ],
    })
    class BrokenApp {}

    await expect(
      NestFactory.create(BrokenApp, { logger: false, abortOnError: false }),
    ).rejects.toThrow('Health indicator NotAnIndicator has no name and check()');
  });
});
