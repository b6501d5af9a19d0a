import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@meridian/platform';
import { grpcSettingsOf, piiKeyringOf, profileApiOptionsOf, type IdentityConfig } from './config';
import { ErasureModule } from './erasure';
import { ProfileGrpcModule } from './grpc';
import { MatchingModule } from './matching';
import { MergesModule } from './merges';
import { MessagesModule } from './messages';
import { PiiRotationModule } from './pii-rotation';
import { ProfileApiModule } from './profile-api';
import { PiiModule, ProfilesModule } from './profiles';
import { ScoresModule } from './scores';
import { IDENTITY_SERVICE_NAME } from './service-name';

export { IDENTITY_SERVICE_NAME };

/** Wiring only: the platform from the config, then the identity features. */
@Module({})
export class AppModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    const profileApi = ProfileApiModule.register(
      profileApiOptionsOf(config, IDENTITY_SERVICE_NAME),
    );
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          serviceName: IDENTITY_SERVICE_NAME,
          config,
          ownedPartitions: config.OWNED_PARTITIONS,
        }),
        PiiModule.forKeyring(piiKeyringOf(config)),
        ProfilesModule.register({ matching: MatchingModule }),
        profileApi,
        ProfileGrpcModule.register(grpcSettingsOf(config), profileApi),
        MergesModule,
        PiiRotationModule.register(profileApi),
        MatchingModule,
        MessagesModule,
        ScoresModule,
        ErasureModule,
      ],
    };
  }
}
