import { runService } from '@meridian/platform';
import { loadOrchestrationConfig } from './config';

const config = loadOrchestrationConfig();
runService({
  serviceName: 'orchestration',
  config,
  // Imported once telemetry runs, so the HTTP server Nest creates is instrumented.
  start: async () => (await import('./bootstrap')).createOrchestrationApp(config),
});
