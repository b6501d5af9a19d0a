import { bootstrapTelemetry } from '@meridian/observability';
import { loadOrchestrationConfig } from './config';

const config = loadOrchestrationConfig();
// Before Nest is loaded, so the HTTP instrumentation patches the modules Nest uses.
const shutdownTelemetry = bootstrapTelemetry({
  serviceName: 'orchestration',
  otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  spanFile: config.MERIDIAN_SPAN_FILE,
});

async function main(): Promise<void> {
  const { createOrchestrationApp } = await import('./bootstrap');
  const app = await createOrchestrationApp(config, { onShutdown: shutdownTelemetry });
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT);
}

main().catch(async (error: unknown) => {
  console.error('orchestration failed to start', error);
  await shutdownTelemetry();
  process.exit(1);
});
