import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';
import { Identifier } from './profile-snapshot';

/** Two profiles were found to be one person; the absorbed id now points to the survivor. */
export const IdentityMergedV1 = defineEvent(
  'identity.merged',
  1,
  z.object({
    survivorId: z.string().min(1),
    absorbedId: z.string().min(1),
    partition: Partition,
    identifiers: z.array(Identifier),
  }),
);
export type IdentityMergedV1 = z.infer<typeof IdentityMergedV1>;
