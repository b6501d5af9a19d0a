import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';

const ProfileId = z.string().min(1).max(128);

/**
 * A command from identity to itself, second step of an unmerge: the survivor's writer has
 * taken the absorbed profile's part out and moved its identifiers back; the absorbed profile's
 * writer (`ingest.<partition>`, the absorbed profile's) makes it live again.
 */
export const ProfileRestoreRequestedV1 = defineEvent(
  'profile.restore.requested',
  1,
  z.object({ absorbedId: ProfileId, partition: Partition, survivorId: ProfileId }),
);
export type ProfileRestoreRequestedV1 = z.infer<typeof ProfileRestoreRequestedV1>;
