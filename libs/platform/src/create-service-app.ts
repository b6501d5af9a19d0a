import type { DynamicModule, INestApplication, NestApplicationOptions, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JetStreamServer } from '@meridian/messaging';
import {
  createLogger,
  NestPinoLogger,
  type LogDestination,
  type LogLevel,
} from '@meridian/observability';

export interface ServiceAppOptions {
  readonly serviceName: string;
  readonly logLevel: LogLevel;
  /** Where log lines go; stdout when omitted. Specs pass a sink. */
  readonly logDestination?: LogDestination;
  /** Whether to connect the JetStream transport (@JetStreamHandler consumers); default true. */
  readonly consumers?: boolean;
  /** Further Nest options, e.g. `{ bodyParser: false }`. */
  readonly nestOptions?: NestApplicationOptions;
}

/** What a caller of an app's create function may choose: where the logs go. */
export type ServiceLogOptions = Pick<ServiceAppOptions, 'logDestination'>;

/**
 * The service's Nest app, logging through pino, with its JetStream transport connected and
 * initialised (so collections are ensured) but neither consuming nor listening: main.ts
 * (through runService) starts it on HTTP_PORT, integration specs on a port of their own.
 */
export async function createServiceApp(
  rootModule: DynamicModule | Type<unknown>,
  options: ServiceAppOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create(rootModule, { ...options.nestOptions, bufferLogs: true });
  const logger = createLogger({
    serviceName: options.serviceName,
    level: options.logLevel,
    destination: options.logDestination,
  });
  app.useLogger(new NestPinoLogger(logger));
  // Nest holds buffered lines until listen(); write them now, so start-up lines (and those
  // of a start-up that fails) come out as they happen.
  app.flushLogs();
  if (options.consumers !== false) {
    app.connectMicroservice({ strategy: app.get(JetStreamServer) }, { inheritAppConfig: true });
  }
  // Before any consumer starts, so no event is handled ahead of ensureCollections.
  await app.init();
  return app;
}
