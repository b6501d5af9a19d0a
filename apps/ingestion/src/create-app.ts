import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, NestPinoLogger } from '@meridian/observability';
import { AppModule } from './app.module';
import { INGESTION_SERVICE_NAME, type IngestionConfig } from './config';

/**
 * The ingestion app, created but not listening; main.ts and the integration spec share it.
 * Nest's body parser is off: the ingest controller reads bodies itself (size limit, gzip,
 * Segment error codes).
 */
export async function createIngestionApp(config: IngestionConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(
    new NestPinoLogger(
      createLogger({ serviceName: INGESTION_SERVICE_NAME, level: config.LOG_LEVEL }),
    ),
  );
  return app;
}
