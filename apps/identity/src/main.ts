import { runService } from '@meridian/platform';
import { loadIdentityConfig } from './config';

const config = loadIdentityConfig();
runService({
  serviceName: 'identity',
  config,
  // Imported once telemetry runs, so the HTTP server Nest creates is instrumented.
  start: async () => (await import('./bootstrap')).createIdentityApp(config),
});
