import { defineCollection } from '@meridian/persistence';

/** One document per workspace, `_id` = workspaceId; read by `_id` only, so no extra index. */
export const scoringSettingsCollection = defineCollection({
  name: 'scoring_settings',
  indexes: [],
});
