import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';

const ProfileId = z.string().min(1).max(128);

/**
 * A command to identity: take a profile merged into `survivorId` out again (an operator found
 * the merge wrong). Published on `ingest.<partition>` (the survivor's) for its only writer,
 * which hands the absorbed profile's identifiers back and asks the absorbed profile's writer to
 * restore it (ProfileRestoreRequestedV1). The two are never merged automatically again.
 */
export const ProfileUnmergeRequestedV1 = defineEvent(
  'profile.unmerge.requested',
  1,
  z.object({ survivorId: ProfileId, partition: Partition, absorbedId: ProfileId }),
);
export type ProfileUnmergeRequestedV1 = z.infer<typeof ProfileUnmergeRequestedV1>;
