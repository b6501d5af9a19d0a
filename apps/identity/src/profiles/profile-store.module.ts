import { Module } from '@nestjs/common';
import { PersistenceModule } from '@meridian/persistence';
import { IdentifierRepository } from './identifier.repository';
import { profileCollections } from './profile.collections';
import { ProfileRepository } from './profile.repository';

const profileStore = PersistenceModule.forFeature({
  collections: profileCollections,
  repositories: [ProfileRepository, IdentifierRepository],
});

/** The profiles and identifiers collections (ensured at start-up) and their repositories. */
@Module({ imports: [profileStore], exports: [profileStore] })
export class ProfileStoreModule {}
