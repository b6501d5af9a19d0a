import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';

/**
 * A command from identity to itself during a PII key rotation: the writer of the profile's
 * partition (`ingest.<partition>`) reads the profile, whose PII was encrypted with an older
 * key, and writes it again with the current one, with the identifier claims it holds.
 */
export const ProfileResealRequestedV1 = defineEvent(
  'profile.reseal.requested',
  1,
  z.object({
    profileId: z.string().min(1).max(128),
    partition: Partition,
    /** The key the rotation moves to; a writer configured with another one refuses. */
    keyId: z.string().min(1).max(32),
  }),
);
export type ProfileResealRequestedV1 = z.infer<typeof ProfileResealRequestedV1>;
