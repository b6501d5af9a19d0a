import { defineCollection, type CollectionDefinition } from '@meridian/persistence';

export const emailDeliveriesCollection = defineCollection({
  name: 'email_deliveries',
  // _id is the message id; this index serves "what is stuck or failed" listings.
  indexes: [{ name: 'workspace_status', key: { workspaceId: 1, status: 1 } }],
});

export const emailDeliveryCollections: readonly CollectionDefinition[] = [
  emailDeliveriesCollection,
];
