import { defineCollection } from '@meridian/persistence';

/**
 * The model registry: one document per version of a model instance (workspace, model,
 * partition). Owners load their models by (modelId, partition, status) and their action sets by
 * (kind, partition); the API lists a workspace's versions by model.
 */
export const modelVersionsCollection = defineCollection({
  name: 'model_versions',
  indexes: [
    {
      name: 'model_versions_model',
      key: { workspaceId: 1, modelId: 1, partition: 1, version: 1 },
    },
    { name: 'model_versions_kind', key: { workspaceId: 1, kind: 1, partition: 1, status: 1 } },
    { name: 'model_versions_partition', key: { partition: 1 } },
  ],
});

/**
 * Per-profile model inputs (`workspace|profile`): read and written by `_id`; the sweep finds a
 * partition's profiles whose label windows are due by `nextCloseAt`.
 */
export const modelProfilesCollection = defineCollection({
  name: 'model_profiles',
  indexes: [
    {
      name: 'model_profiles_due',
      key: { workspaceId: 1, partition: 1, nextCloseAt: 1 },
    },
  ],
});

export const modelsCollections = [modelVersionsCollection, modelProfilesCollection];
