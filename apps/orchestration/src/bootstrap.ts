import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JetStreamServer } from '@meridian/messaging';
import { createLogger, NestPinoLogger, type LogDestination } from '@meridian/observability';
import { AppModule, SERVICE_NAME, type AppOptions } from './app.module';
import type { OrchestrationConfig } from './config';

/**
 * The orchestration app, created and with its JetStream transport connected but not yet
 * listening: main.ts starts it on HTTP_PORT, integration specs on a port of their own.
 */
export async function createOrchestrationApp(
  config: OrchestrationConfig,
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
  return app;
}
