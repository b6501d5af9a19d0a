import { createServiceApp, type ServiceLogOptions } from '@meridian/platform';
import { AppModule, SENDER_EMAIL_SERVICE_NAME } from './app.module';
import type { SenderEmailConfig } from './config';

/**
 * The email sender app, initialised (collections ensured) with its consumers connected but not
 * started; main.ts and the integration spec share it.
 */
export function createSenderEmailApp(config: SenderEmailConfig, options: ServiceLogOptions = {}) {
  return createServiceApp(AppModule.forRoot(config), {
    ...options,
    serviceName: SENDER_EMAIL_SERVICE_NAME,
    logLevel: config.LOG_LEVEL,
  });
}
