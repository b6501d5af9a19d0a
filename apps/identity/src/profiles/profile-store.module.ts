import { Module } from '@nestjs/common';
import { PersistenceModule } from '@meridian/persistence';
import { IdentifierRepository } from './identifier.repository';
import { IdentityPolicies } from './identity-policy';
import { IdentitySettingsRepository } from './identity-settings.repository';
import { IdentitySettingsService } from './identity-settings.service';
import { LiveProfiles } from './live-profiles';
import { profileCollections } from './profile.collections';
import { ProfileRepository } from './profile.repository';

const profileStore = PersistenceModule.forFeature({
  collections: profileCollections,
  repositories: [ProfileRepository, IdentifierRepository, IdentitySettingsRepository],
});

/**
 * The profiles, identifiers and identity settings collections (ensured at start-up), their
 * repositories, the live-profile reads every writer plans with, and the workspaces' identity
 * policies read from the settings.
 */
@Module({
  imports: [profileStore],
  providers: [
    LiveProfiles,
    IdentitySettingsService,
    { provide: IdentityPolicies, useExisting: IdentitySettingsService },
  ],
  exports: [profileStore, LiveProfiles, IdentitySettingsService, IdentityPolicies],
})
export class ProfileStoreModule {}
