import { runService } from '@meridian/platform';
import { loadSenderEmailConfig } from './config';

const config = loadSenderEmailConfig();
runService({
  serviceName: 'sender-email',
  config,
  // Imported once telemetry runs, so the HTTP server Nest creates is instrumented.
  start: async () => (await import('./bootstrap')).createSenderEmailApp(config),
});
