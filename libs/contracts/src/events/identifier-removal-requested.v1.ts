import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';
import { Identifier } from './profile-snapshot';

/**
 * A command to identity: remove one identifier from a profile (it was attached wrongly, or
 * the person gave it up). Published on `ingest.<partition>` for the profile's only writer,
 * which drops it from the profile and releases its claim, so a later call carrying it
 * resolves as if it had never been seen.
 */
export const IdentifierRemovalRequestedV1 = defineEvent(
  'profile.identifier.removal.requested',
  1,
  z.object({ profileId: z.string().min(1).max(128), partition: Partition, identifier: Identifier }),
);
export type IdentifierRemovalRequestedV1 = z.infer<typeof IdentifierRemovalRequestedV1>;
