import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { CallAcceptedController } from './call-accepted.controller';
import { CallResolutionService } from './call-resolution.service';
import { ProfileStoreModule } from './profile-store.module';

/**
 * Golden records: call resolution (the identity-ingest consumer). `matching` is the module
 * that provides ProbableMatches (MatchingModule in the app): passed in, so this feature does
 * not depend on that one's files. The profile API that reads them is ProfileApiModule.
 */
@Module({})
export class ProfilesModule {
  static register(options: { readonly matching: Type | DynamicModule }): DynamicModule {
    return {
      module: ProfilesModule,
      imports: [ProfileStoreModule, options.matching],
      controllers: [CallAcceptedController],
      providers: [CallResolutionService],
    };
  }
}
