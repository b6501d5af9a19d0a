import { createServiceApp } from '@meridian/platform';
import { AppModule } from './app.module';
import { INGESTION_SERVICE_NAME, type IngestionConfig } from './config';

/**
 * The ingestion app, initialised but not listening; main.ts and the integration spec share it.
 * It runs no consumers, and Nest's body parser is off: the ingest controller reads bodies
 * itself (size limit, gzip, Segment error codes).
 */
export function createIngestionApp(config: IngestionConfig) {
  return createServiceApp(AppModule.forRoot(config), {
    serviceName: INGESTION_SERVICE_NAME,
    logLevel: config.LOG_LEVEL,
    consumers: false,
    nestOptions: { bodyParser: false },
  });
}
