import { createServiceApp } from '@meridian/platform';
import { AppModule } from './app.module';
import { SCORING_SERVICE_NAME, type ScoringConfig } from './config';

/**
 * The scoring app, initialised (collections ensured) with its consumers connected but not
 * started; main.ts and the integration spec share it.
 */
export function createScoringApp(config: ScoringConfig) {
  return createServiceApp(AppModule.forRoot(config), {
    serviceName: SCORING_SERVICE_NAME,
    logLevel: config.LOG_LEVEL,
  });
}
