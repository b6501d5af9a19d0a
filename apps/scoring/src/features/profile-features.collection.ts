import { defineCollection } from '@meridian/persistence';

/** Profile features; every access is by `_id` (`workspace|profile`), so no extra index. */
export const profileFeaturesCollection = defineCollection({
  name: 'profile_features',
  indexes: [],
});

export const scoringCollections = [profileFeaturesCollection];
