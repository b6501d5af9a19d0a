import { runService } from '@meridian/platform';
import { INGESTION_SERVICE_NAME, loadIngestionConfig } from './config';

const config = loadIngestionConfig();
runService({
  serviceName: INGESTION_SERVICE_NAME,
  config,
  // Imported once telemetry runs, so the HTTP server Nest creates is instrumented.
  start: async () => (await import('./create-app')).createIngestionApp(config),
});
