import type { INestApplication } from '@nestjs/common';
import { createServiceApp, type ServiceLogOptions } from '@meridian/platform';
import { AppModule, IDENTITY_SERVICE_NAME } from './app.module';
import type { IdentityConfig } from './config';
import { ProfileGrpcServer } from './grpc';

/**
 * The identity app, initialised (collections ensured) with its consumers connected but not
 * started; main.ts and the integration spec share it. The gRPC ProfileService is connected as
 * a microservice: it listens on GRPC_PORT from `startAllMicroservices()` (runService) and
 * closes with the app.
 */
export async function createIdentityApp(
  config: IdentityConfig,
  options: ServiceLogOptions = {},
): Promise<INestApplication> {
  const app = await createServiceApp(AppModule.forRoot(config), {
    ...options,
    serviceName: IDENTITY_SERVICE_NAME,
    logLevel: config.LOG_LEVEL,
    httpPlatform: 'fastify',
  });
  app.connectMicroservice({ strategy: app.get(ProfileGrpcServer) });
  return app;
}
