import { defineCollection, type CollectionDefinition } from '@meridian/persistence';

export const emailDeliveriesCollection = defineCollection({
  name: 'email_deliveries',
  // _id is the message id; the first index serves "what is stuck or failed" listings,
  // the second finds a person's deliveries when their profile is erased.
  indexes: [
    { name: 'workspace_status', key: { workspaceId: 1, status: 1 } },
    { name: 'workspace_profile', key: { workspaceId: 1, profileId: 1 } },
  ],
});

export const emailDeliveryCollections: readonly CollectionDefinition[] = [
  emailDeliveriesCollection,
];
