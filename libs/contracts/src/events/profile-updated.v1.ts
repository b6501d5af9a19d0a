import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';
import { JsonObject } from '../segment/common';

/** The golden record changed; `changes` holds the changed fields by dotted path. */
export const ProfileUpdatedV1 = defineEvent(
  'profile.updated',
  1,
  z.object({
    profileId: z.string().min(1),
    partition: Partition,
    revision: z.number().int().min(1),
    created: z.boolean(),
    changes: JsonObject,
  }),
);
export type ProfileUpdatedV1 = z.infer<typeof ProfileUpdatedV1>;
