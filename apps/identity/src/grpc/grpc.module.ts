import { Module, type DynamicModule } from '@nestjs/common';
import { GRPC_SETTINGS, ProfileGrpcServer, type GrpcSettings } from './profile-grpc.server';

/**
 * The gRPC face of the profile API, over the same ProfileApiService as HTTP; connect the
 * server with `app.connectMicroservice({ strategy: app.get(ProfileGrpcServer) })` (see
 * createIdentityApp).
 */
@Module({})
export class ProfileGrpcModule {
  /** `profileApi` is the app's ProfileApiModule instance, whose service the server calls. */
  static register(settings: GrpcSettings, profileApi: DynamicModule): DynamicModule {
    return {
      module: ProfileGrpcModule,
      imports: [profileApi],
      providers: [{ provide: GRPC_SETTINGS, useValue: settings }, ProfileGrpcServer],
      exports: [ProfileGrpcServer],
    };
  }
}
