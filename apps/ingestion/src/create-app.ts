import type { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@meridian/platform';
import { AppModule } from './app.module';
import { INGESTION_SERVICE_NAME, type IngestionConfig } from './config';
import { IngestGrpcServer } from './grpc';
import { segmentApiCors } from './ingest';

/**
 * The ingestion app, initialised but not listening; main.ts and the integration spec share it.
 * Its one JetStream consumer records deletion confirmations (data-subject requests) and
 * starts with `startAllMicroservices()`. Nest's body parser is off: the ingest controller reads
 * bodies itself (size limit, gzip, Segment error codes). The Segment API answers browsers'
 * CORS preflights (analytics.js posts from customers' pages); no other route does. The gRPC
 * IngestService is connected as a microservice: it listens on GRPC_PORT from
 * `startAllMicroservices()` (runService) and closes with the app.
 */
export async function createIngestionApp(config: IngestionConfig): Promise<INestApplication> {
  const app = await createServiceApp(AppModule.forRoot(config), {
    serviceName: INGESTION_SERVICE_NAME,
    logLevel: config.LOG_LEVEL,
    nestOptions: { bodyParser: false, cors: segmentApiCors },
  });
  app.connectMicroservice({ strategy: app.get(IngestGrpcServer) });
  return app;
}
