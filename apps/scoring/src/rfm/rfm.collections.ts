import { defineCollection } from '@meridian/persistence';

/**
 * One document per profile (`workspace|profile`). Events read and write it by `_id`; sweeps
 * page through a partition's profiles in `_id` order, and the exact recomputation reads a
 * workspace's.
 */
export const rfmProfilesCollection = defineCollection({
  name: 'rfm_profiles',
  indexes: [{ name: 'rfm_profiles_partition_id', key: { workspaceId: 1, partition: 1, _id: 1 } }],
});

/** One document per (workspace, partition): population sketches, watermark, sweep cursor. */
export const rfmPartitionsCollection = defineCollection({
  name: 'rfm_partitions',
  indexes: [{ name: 'rfm_partitions_partition', key: { partition: 1 } }],
});

export const rfmCollections = [rfmProfilesCollection, rfmPartitionsCollection];
