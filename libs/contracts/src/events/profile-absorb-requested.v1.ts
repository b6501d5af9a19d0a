import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';
import { JsonObject } from '../segment/common';
import { Identifier } from './profile-snapshot';

const ProfileId = z.string().min(1).max(128);

/**
 * A command from identity to itself, second step of a merge: the absorbed profile's writer has
 * retired it and hands its data to the survivor's writer on `ingest.<partition>` (the
 * survivor's). `record` is the absorbed golden record as identity stores it (identity
 * validates it against its own model); `hops` counts how often it was passed on because the
 * survivor had itself been merged meanwhile.
 */
export const ProfileAbsorbRequestedV1 = defineEvent(
  'profile.absorb.requested',
  1,
  z.object({
    survivorId: ProfileId,
    partition: Partition,
    absorbedId: ProfileId,
    absorbedPartition: Partition,
    identifiers: z.array(Identifier),
    record: JsonObject,
    hops: z.number().int().min(0).max(16),
  }),
);
export type ProfileAbsorbRequestedV1 = z.infer<typeof ProfileAbsorbRequestedV1>;
