import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JetStreamServer } from '@meridian/messaging';
import { createLogger, NestPinoLogger } from '@meridian/observability';
import { AppModule } from './app.module';
import { SCORING_SERVICE_NAME, type ScoringConfig } from './config';

/**
 * The scoring app with its JetStream transport connected but not started; main.ts and the
 * integration spec share it. Start with `startAllMicroservices()` and `listen()`.
 */
export async function createScoringApp(config: ScoringConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(
    new NestPinoLogger(
      createLogger({ serviceName: SCORING_SERVICE_NAME, level: config.LOG_LEVEL }),
    ),
  );
  app.connectMicroservice({ strategy: app.get(JetStreamServer) }, { inheritAppConfig: true });
  return app;
}
