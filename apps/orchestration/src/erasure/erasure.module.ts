import { Module } from '@nestjs/common';
import { ProfileErasureModule } from '@meridian/profile-erasure';
import { JourneyStateModule } from '../journey-state';
import { ProfileErasureController } from './profile-erasure.controller';

/** Orchestration's record of the profiles it erased (ProfileErasureLedger). */
export const ORCHESTRATION_ERASED_PROFILES = 'orchestration_erased_profiles';

/** Data-subject deletions: the journey states of each profile identity erased. */
@Module({})
export class ErasureModule {
  /** `serviceName`: this service as named in deletion confirmations ('orchestration'). */
  static register(options: { readonly serviceName: string }) {
    return {
      module: ErasureModule,
      imports: [
        JourneyStateModule,
        ProfileErasureModule.register({
          serviceName: options.serviceName,
          collection: ORCHESTRATION_ERASED_PROFILES,
        }),
      ],
      controllers: [ProfileErasureController],
    };
  }
}
