import { Module } from '@nestjs/common';
import { PersistenceModule } from '@meridian/persistence';
import { IdentifierRepository } from './identifier.repository';
import { IdentityPolicies } from './identity-policy';
import { IdentitySettingsRepository } from './identity-settings.repository';
import { IdentitySettingsService } from './identity-settings.service';
import { profileCollections } from './profile.collections';
import { ProfileRepository } from './profile.repository';

const profileStore = PersistenceModule.forFeature({
  collections: profileCollections,
  repositories: [ProfileRepository, IdentifierRepository, IdentitySettingsRepository],
});

/**
 * The profiles, identifiers and identity settings collections (ensured at start-up), their
 * repositories, and the workspaces' identity policies read from the settings.
 */
@Module({
  imports: [profileStore],
  providers: [
    IdentitySettingsService,
    { provide: IdentityPolicies, useExisting: IdentitySettingsService },
  ],
  exports: [profileStore, IdentitySettingsService, IdentityPolicies],
})
export class ProfileStoreModule {}
