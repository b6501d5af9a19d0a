import type { Server as GrpcServer } from '@grpc/grpc-js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { GrpcTransport, type GrpcSettings } from '@meridian/platform';
import { ProfileApiAccess, ProfileApiService } from '../profile-api';
import { ProfileGrpcHandlers } from './profile-grpc.handlers';
import { profileServiceDefinition } from './profile-proto';

export type { GrpcSettings } from '@meridian/platform';

export const GRPC_SETTINGS = Symbol('meridian.identity.grpc-settings');
const GRPC_TRANSPORT = Symbol('meridian.identity.grpc');

/** Serves meridian.profile.v1.ProfileService with the profile API's service and access rules. */
@Injectable()
export class ProfileGrpcServer extends GrpcTransport {
  override transportId = GRPC_TRANSPORT;
  protected override readonly logger = new Logger(ProfileGrpcServer.name);

  constructor(
    @Inject(GRPC_SETTINGS) settings: GrpcSettings,
    private readonly api: ProfileApiService,
    private readonly access: ProfileApiAccess,
  ) {
    super(settings, 'ProfileService');
  }

  protected addServices(server: GrpcServer): void {
    const handlers = new ProfileGrpcHandlers({
      api: this.api,
      access: this.access,
      logger: this.logger,
    });
    server.addService(profileServiceDefinition(), handlers.implementation());
  }
}
