import { defineCollection } from '@meridian/persistence';

/**
 * Golden records, `_id` = profileId; reads are by id within a workspace, by the blind
 * indexes of the encrypted PII (`piiIndex`: searches and data-subject deletions), or by the
 * profile a retired one was merged into (data-subject deletions).
 */
export const profilesCollection = defineCollection({
  name: 'profiles',
  indexes: [
    { name: 'workspace_partition', key: { workspaceId: 1, partition: 1 } },
    { name: 'workspace_pii_index', key: { workspaceId: 1, piiIndex: 1 } },
    // Data-subject deletions find the profiles merged into one of the person's.
    { name: 'workspace_merged_into', key: { workspaceId: 1, mergedInto: 1 } },
  ],
});

/**
 * The identifier index: one document per (workspaceId, type, value), `_id` =
 * "<workspaceId>|<type>|<value>" (for an email or phone "<workspaceId>|<type>|#<blind index>",
 * the value itself encrypted), pointing at the profile that claimed it.
 */
export const identifiersCollection = defineCollection({
  name: 'identifiers',
  indexes: [{ name: 'workspace_profile', key: { workspaceId: 1, profileId: 1 } }],
});

/** A workspace's identity resolution settings, `_id` = workspaceId; absent means defaults. */
export const identitySettingsCollection = defineCollection({
  name: 'identity_settings',
  indexes: [],
});

export const profileCollections = [
  profilesCollection,
  identifiersCollection,
  identitySettingsCollection,
];
