import { createServiceApp, type ServiceLogOptions } from '@meridian/platform';
import { AppModule, ORCHESTRATION_SERVICE_NAME } from './app.module';
import type { OrchestrationConfig } from './config';

/**
 * The orchestration app, initialised (collections ensured) with its consumers connected
 * but not started; main.ts and the integration spec share it.
 */
export function createOrchestrationApp(
  config: OrchestrationConfig,
  options: ServiceLogOptions = {},
) {
  return createServiceApp(AppModule.forRoot(config), {
    ...options,
    serviceName: ORCHESTRATION_SERVICE_NAME,
    logLevel: config.LOG_LEVEL,
  });
}
