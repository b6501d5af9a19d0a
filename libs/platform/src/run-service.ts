import { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { PlatformEnv } from '@meridian/config';
import {
  bootstrapTelemetry,
  type ShutdownTelemetry,
  type TelemetryOptions,
} from '@meridian/observability';

export interface RunServiceOptions {
  readonly serviceName: string;
  readonly config: PlatformEnv & {
    readonly HTTP_PORT: number;
    readonly HTTP_REQUEST_TIMEOUT_SECONDS?: number;
  };
  /**
   * Creates the app (see createServiceApp). It must import the app's modules dynamically:
   * they load Nest and the HTTP server, which telemetry has to patch first.
   */
  readonly start: () => Promise<INestApplication>;
}

/** What runService needs from the process; a spec passes a fake. */
export interface ServiceHost {
  startTelemetry(options: TelemetryOptions): ShutdownTelemetry;
  onceSignal(signal: NodeJS.Signals, handler: () => void): void;
  exit(code: number): void;
  logError(message: string, error: unknown): void;
}

const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

const nodeHost: ServiceHost = {
  startTelemetry: bootstrapTelemetry,
  onceSignal: (signal, handler) => {
    process.once(signal, handler);
  },
  exit: (code) => process.exit(code),
  logError: (message, error) => console.error(message, error),
};

/**
 * The whole of a service's main.ts: telemetry first, then the app consuming and listening
 * on HTTP_PORT until SIGTERM or SIGINT. The signals are handled here rather than by Nest's
 * enableShutdownHooks(), which re-raises the signal as soon as the app has closed: spans
 * must still be flushed after that.
 */
export function runService(options: RunServiceOptions): void {
  void serve(options, nodeHost);
}

/** runService on a given host; resolves once the service listens or has given up. */
export async function serve(options: RunServiceOptions, host: ServiceHost): Promise<void> {
  const { serviceName, config } = options;
  const shutdownTelemetry = host.startTelemetry({
    serviceName,
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    spanFile: config.MERIDIAN_SPAN_FILE,
  });
  const flush = () => flushTelemetry(shutdownTelemetry, serviceName, host);

  let app: INestApplication;
  try {
    app = await options.start();
    applyRequestTimeout(app, config.HTTP_REQUEST_TIMEOUT_SECONDS);
    await app.startAllMicroservices();
    await listenOnEveryInterface(app, config.HTTP_PORT);
  } catch (error) {
    host.logError(`${serviceName} failed to start`, error);
    await flush();
    host.exit(1);
    return;
  }

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    const closed = await closeApp(app, serviceName, host);
    const flushed = await flush();
    host.exit(closed && flushed ? 0 : 1);
  };
  for (const signal of SHUTDOWN_SIGNALS) {
    host.onceSignal(signal, () => {
      stopping ??= stop();
    });
  }
}

/**
 * Every interface, as Node's own default has it: IPv6 (dual-stack) where the host has IPv6,
 * else IPv4. Named, because Fastify would bind to localhost alone, unreachable in a pod.
 */
async function listenOnEveryInterface(app: INestApplication, port: number): Promise<void> {
  try {
    await app.listen(port, '::');
  } catch (error) {
    if (!isNoIpv6(error)) throw error;
    await app.listen(port, '0.0.0.0');
  }
}

function isNoIpv6(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EAFNOSUPPORT';
}

/** How long a request may take to arrive whole; 0 lets long uploads run. */
function applyRequestTimeout(app: INestApplication, seconds: number | undefined): void {
  if (seconds === undefined) return;
  const server: unknown = app.getHttpServer();
  if (server instanceof Server) server.requestTimeout = seconds * 1000;
}

async function closeApp(
  app: INestApplication,
  serviceName: string,
  host: ServiceHost,
): Promise<boolean> {
  try {
    await app.close();
    return true;
  } catch (error) {
    host.logError(`${serviceName} failed to close`, error);
    return false;
  }
}

async function flushTelemetry(
  shutdown: ShutdownTelemetry,
  serviceName: string,
  host: ServiceHost,
): Promise<boolean> {
  try {
    await shutdown();
    return true;
  } catch (error) {
    host.logError(`${serviceName} failed to flush telemetry`, error);
    return false;
  }
}
