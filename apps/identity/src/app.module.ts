import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@meridian/platform';
import type { IdentityConfig } from './config';
import { MessagesModule } from './messages';
import { ProfilesModule } from './profiles';

export const IDENTITY_SERVICE_NAME = 'identity';

/** Wiring only: the platform from the config, then the identity features. */
@Module({})
export class AppModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          serviceName: IDENTITY_SERVICE_NAME,
          config,
          ownedPartitions: config.OWNED_PARTITIONS,
        }),
        ProfilesModule.register({ defaultWorkspaceId: config.DEFAULT_WORKSPACE_ID }),
        MessagesModule,
      ],
    };
  }
}
