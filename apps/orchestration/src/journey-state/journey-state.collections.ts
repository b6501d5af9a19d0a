import { defineCollection, type CollectionDefinition } from '@meridian/persistence';

export const journeyStatesCollection = defineCollection({
  name: 'journey_states',
  // The _id ("workspace|journey|profile") is the uniqueness that enforces entry "once".
  // This index serves per-profile listings and moving states when profiles merge.
  indexes: [{ name: 'workspace_profile', key: { workspaceId: 1, profileId: 1 } }],
});

export const journeyStateCollections: readonly CollectionDefinition[] = [journeyStatesCollection];
