import { defineCollection } from '@meridian/persistence';
import { profilesCollection } from '../profiles';

/**
 * The index that finds a call's candidate profiles by blocking key: `matchKeys` is an array,
 * so on MongoDB this is a multikey index (one entry per key). Declared here, next to the only
 * query that needs it; the profiles collection itself belongs to ../profiles.
 */
export const profileMatchKeysIndex = defineCollection({
  name: profilesCollection.name,
  indexes: [{ name: 'workspace_match_keys', key: { workspaceId: 1, matchKeys: 1 } }],
});

/** A workspace's fitted Fellegi–Sunter model, `_id` = workspaceId. */
export const matchModelsCollection = defineCollection({ name: 'match_models', indexes: [] });

/**
 * Pairs of profiles the model was unsure about, `_id` derived from the workspace and the
 * sorted pair (a pair is queued once, and a rejected pair never again).
 */
export const matchReviewsCollection = defineCollection({
  name: 'match_reviews',
  indexes: [
    { name: 'workspace_status_created', key: { workspaceId: 1, status: 1, createdAt: 1, _id: 1 } },
    { name: 'workspace_profiles', key: { workspaceId: 1, profileIds: 1 } },
  ],
});

export const matchingCollections = [
  profileMatchKeysIndex,
  matchModelsCollection,
  matchReviewsCollection,
];
