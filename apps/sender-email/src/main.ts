import { bootstrapTelemetry } from '@meridian/observability';
import { loadSenderEmailConfig } from './config';

const config = loadSenderEmailConfig();
// Before Nest is loaded, so the HTTP instrumentation patches the modules Nest uses.
const shutdownTelemetry = bootstrapTelemetry({
  serviceName: 'sender-email',
  otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  spanFile: config.MERIDIAN_SPAN_FILE,
});

async function main(): Promise<void> {
  const { createSenderEmailApp } = await import('./bootstrap');
  const app = await createSenderEmailApp(config, { onShutdown: shutdownTelemetry });
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT);
}

main().catch(async (error: unknown) => {
  console.error('sender-email failed to start', error);
  await shutdownTelemetry();
  process.exit(1);
});
