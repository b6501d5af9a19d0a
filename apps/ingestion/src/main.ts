import { bootstrapTelemetry } from '@meridian/observability';
import { INGESTION_SERVICE_NAME, loadIngestionConfig } from './config';

async function main(): Promise<void> {
  const config = loadIngestionConfig();
  // Telemetry starts before Nest is loaded, so the HTTP server gets instrumented.
  const shutdownTelemetry = bootstrapTelemetry({
    serviceName: INGESTION_SERVICE_NAME,
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    spanFile: config.MERIDIAN_SPAN_FILE,
  });
  const { createIngestionApp } = await import('./create-app');
  const app = await createIngestionApp(config);
  await app.listen(config.HTTP_PORT);

  // Shutdown hooks are wired here rather than by enableShutdownHooks(), which re-raises the
  // signal right after closing: spans must still be flushed once the app has closed.
  const stop = async (): Promise<void> => {
    await app.close();
    await shutdownTelemetry();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stop().then(
        () => process.exit(0),
        (error: unknown) => exitWith(error),
      );
    });
  }
}

function exitWith(error: unknown): never {
  console.error(error);
  process.exit(1);
}

main().catch(exitWith);
