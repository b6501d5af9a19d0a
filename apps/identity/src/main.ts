import { bootstrapTelemetry } from '@meridian/observability';
import { loadIdentityConfig } from './config';

const config = loadIdentityConfig();
// Before Nest is loaded, so the HTTP instrumentation patches the modules Nest uses.
const shutdownTelemetry = bootstrapTelemetry({
  serviceName: 'identity',
  otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  spanFile: config.MERIDIAN_SPAN_FILE,
});

async function main(): Promise<void> {
  const { createIdentityApp } = await import('./bootstrap');
  const app = await createIdentityApp(config, { onShutdown: shutdownTelemetry });
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT);
}

main().catch(async (error: unknown) => {
  console.error('identity failed to start', error);
  await shutdownTelemetry();
  process.exit(1);
});
