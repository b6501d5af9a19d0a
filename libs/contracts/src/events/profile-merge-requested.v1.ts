import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';

const ProfileId = z.string().min(1).max(128);

/**
 * A command from identity to itself: a call proved that `absorbedId` and `survivorId` are one
 * person. Published on `ingest.<absorbedPartition>`, so the absorbed profile's only writer
 * retires it (pointing it at the survivor), moves its identifiers and sends its data to the
 * survivor's partition (ProfileAbsorbRequestedV1). The envelope id is derived from the pair,
 * so the same merge found twice is carried out once.
 */
export const ProfileMergeRequestedV1 = defineEvent(
  'profile.merge.requested',
  1,
  z.object({
    survivorId: ProfileId,
    survivorPartition: Partition,
    absorbedId: ProfileId,
    absorbedPartition: Partition,
  }),
);
export type ProfileMergeRequestedV1 = z.infer<typeof ProfileMergeRequestedV1>;
