import { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { platformEnv } from '@meridian/config';
import { serve, type RunServiceOptions, type ServiceHost } from './run-service';

/** A host that records what happens, in order, and keeps the signal handlers. */
function fakeHost() {
  const events: string[] = [];
  const handlers = new Map<NodeJS.Signals, () => void>();
  const host: ServiceHost = {
    startTelemetry: () => {
      events.push('telemetry started');
      return async () => {
        events.push('telemetry flushed');
      };
    },
    onceSignal: (signal, handler) => handlers.set(signal, handler),
    exit: (code) => events.push(`exit ${code}`),
    logError: (message) => events.push(`error: ${message}`),
  };
  return { host, events, handlers };
}

function fakeApp(events: string[], server = new Server(), hostHasIpv6 = true): INestApplication {
  const app = {
    getHttpServer: () => server,
    startAllMicroservices: async () => events.push('consumers started'),
    listen: async (port: number, address: string) => {
      if (address === '::' && !hostHasIpv6)
        throw Object.assign(new Error('listen EAFNOSUPPORT'), { code: 'EAFNOSUPPORT' });
      events.push(`listening on [${address}]:${port}`);
    },
    close: async () => events.push('app closed'),
  };
  return app as unknown as INestApplication;
}

const config = { ...platformEnv.parse({}), HTTP_PORT: 8099 };

/** Resolves once the exit that a signal handler started has happened. */
async function untilExit(events: string[]): Promise<void> {
  while (!events.some((event) => event.startsWith('exit'))) await new Promise(setImmediate);
}

describe('runService', () => {
  it('starts telemetry before the app is created, then consumes and listens on HTTP_PORT of every interface', async () => {
    const { host, events } = fakeHost();
    const options: RunServiceOptions = {
      serviceName: 'spec',
      config,
      start: async () => {
        events.push('app created');
        return fakeApp(events);
      },
    };

    await serve(options, host);

    expect(events).toEqual([
      'telemetry started',
      'app created',
      'consumers started',
      'listening on [::]:8099',
    ]);
  });

  it('listens on every IPv4 interface where the host has no IPv6', async () => {
    const { host, events } = fakeHost();
    const start = async () => fakeApp(events, new Server(), false);

    await serve({ serviceName: 'spec', config, start }, host);

    expect(events).toContain('listening on [0.0.0.0]:8099');
    expect(events).not.toContain('exit 1');
  });

  it('gives the HTTP server the configured request timeout before it listens', async () => {
    const { host } = fakeHost();
    const server = new Server();
    const withTimeout = { ...config, HTTP_REQUEST_TIMEOUT_SECONDS: 0 };

    await serve(
      { serviceName: 'spec', config: withTimeout, start: async () => fakeApp([], server) },
      host,
    );

    expect(server.requestTimeout).toBe(0);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s closes the app, then flushes telemetry, then exits 0',
    async (signal) => {
      const { host, events, handlers } = fakeHost();
      await serve({ serviceName: 'spec', config, start: async () => fakeApp(events) }, host);
      events.length = 0;

      handlers.get(signal)?.();
      await untilExit(events);

      expect(events).toEqual(['app closed', 'telemetry flushed', 'exit 0']);
    },
  );

  it('closes the app once when both signals arrive', async () => {
    const { host, events, handlers } = fakeHost();
    await serve({ serviceName: 'spec', config, start: async () => fakeApp(events) }, host);
    events.length = 0;

    handlers.get('SIGTERM')?.();
    handlers.get('SIGINT')?.();
    await untilExit(events);

    expect(events.filter((event) => event === 'app closed')).toHaveLength(1);
  });

  it('logs a failed start, flushes telemetry and exits 1', async () => {
    const { host, events, handlers } = fakeHost();
    const start = async (): Promise<INestApplication> => {
      throw new Error('mongo unreachable');
    };

    await serve({ serviceName: 'spec', config, start }, host);

    expect(events).toEqual([
      'telemetry started',
      'error: spec failed to start',
      'telemetry flushed',
      'exit 1',
    ]);
    expect(handlers.size).toBe(0);
  });
});
