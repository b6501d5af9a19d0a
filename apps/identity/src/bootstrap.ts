import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JetStreamServer } from '@meridian/messaging';
import { createLogger, NestPinoLogger, type LogDestination } from '@meridian/observability';
import { AppModule, SERVICE_NAME, type AppOptions } from './app.module';
import type { IdentityConfig } from './config';

/**
 * The identity app, initialised (collections ensured) with its JetStream transport
 * connected, but neither consuming nor listening yet: main.ts starts it on HTTP_PORT,
 * integration specs on a port of their own.
 */
export async function createIdentityApp(
  config: IdentityConfig,
  options: AppOptions & { logDestination?: LogDestination } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, options), { bufferLogs: true });
  const logger = createLogger({
    serviceName: SERVICE_NAME,
    level: config.LOG_LEVEL,
    destination: options.logDestination,
  });
  app.useLogger(new NestPinoLogger(logger));
  app.connectMicroservice({ strategy: app.get(JetStreamServer) }, { inheritAppConfig: true });
  app.enableShutdownHooks();
  // Before any consumer starts, so no event is handled ahead of ensureCollections.
  await app.init();
  return app;
}
