import { Module, type DynamicModule } from '@nestjs/common';
import { ProfileErasureModule } from '@meridian/profile-erasure';
import { ProfileErasure } from './profile-erasure.service';

/** Scoring's record of the profiles it erased (ProfileErasureLedger). */
export const SCORING_ERASED_PROFILES = 'scoring_erased_profiles';

/**
 * Data-subject deletions: ProfileErasure deletes what RFM and the models hold about each
 * profile identity erased, and the ledger records it and confirms the request. Global, so RFM
 * and the models ask the same ledger whether a late event's profile was erased; it needs
 * RfmModule and ModelsModule in the app.
 */
@Module({})
export class ErasureModule {
  /** `serviceName`: this service as named in deletion confirmations ('scoring'). */
  static forRoot(options: { readonly serviceName: string }): DynamicModule {
    const ledger = ProfileErasureModule.register({
      serviceName: options.serviceName,
      collection: SCORING_ERASED_PROFILES,
    });
    return {
      module: ErasureModule,
      global: true,
      imports: [ledger],
      providers: [ProfileErasure],
      exports: [ledger, ProfileErasure],
    };
  }
}
