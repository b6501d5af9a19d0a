import { createServiceApp, type ServiceLogOptions } from '@meridian/platform';
import { AppModule, IDENTITY_SERVICE_NAME } from './app.module';
import type { IdentityConfig } from './config';

/**
 * The identity app, initialised (collections ensured) with its consumers connected but not
 * started; main.ts and the integration spec share it.
 */
export function createIdentityApp(config: IdentityConfig, options: ServiceLogOptions = {}) {
  return createServiceApp(AppModule.forRoot(config), {
    ...options,
    serviceName: IDENTITY_SERVICE_NAME,
    logLevel: config.LOG_LEVEL,
  });
}
