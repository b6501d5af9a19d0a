import { runService } from '@meridian/platform';
import { SCORING_SERVICE_NAME, loadScoringConfig } from './config';

const config = loadScoringConfig();
runService({
  serviceName: SCORING_SERVICE_NAME,
  config,
  // Imported once telemetry runs, so the HTTP server Nest creates is instrumented.
  start: async () => (await import('./create-app')).createScoringApp(config),
});
