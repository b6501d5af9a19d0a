import { Module, type DynamicModule } from '@nestjs/common';
import { CallAcceptedController } from './call-accepted.controller';
import { CallResolutionService } from './call-resolution.service';
import { PROFILE_API_OPTIONS, type ProfileApiOptions } from './profile-api';
import { ProfileQueryService } from './profile-query.service';
import { ProfileStoreModule } from './profile-store.module';
import { ProfilesController } from './profiles.controller';

/** Golden records: call resolution (the identity-ingest consumer) and the profile API. */
@Module({})
export class ProfilesModule {
  static register(options: ProfileApiOptions): DynamicModule {
    return {
      module: ProfilesModule,
      imports: [ProfileStoreModule],
      controllers: [ProfilesController, CallAcceptedController],
      providers: [
        { provide: PROFILE_API_OPTIONS, useValue: options },
        CallResolutionService,
        ProfileQueryService,
      ],
    };
  }
}
