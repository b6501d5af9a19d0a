import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';

const ProfileId = z.string().min(1).max(128);

/**
 * Identity erased a profile for a data-subject deletion request: every service that keeps
 * data by profile id deletes what it holds for `profileId` and confirms the request once every
 * profile in `requestProfileIds` is erased on its side.
 *
 * Identity's partition owner publishes it on `events.erased.<partition>` (subjects.profileErased)
 * right after deleting the profile, so on the EVENTS stream it follows every resolved event of
 * that profile: a partitioned consumer reading `events.*.<p>` has applied all of them first and
 * never sees the profile again. When the request matched no profile, identity publishes one
 * with `profileId` null and no request profiles, on partition 0, so every service still
 * confirms through this one event. causationId and correlationId are the request's.
 */
export const ProfileErasedV1 = defineEvent(
  'profile.erased',
  1,
  z
    .object({
      requestId: z.string().min(1).max(128),
      /** The erased profile; null when the request matched none. */
      profileId: ProfileId.nullable(),
      partition: Partition,
      /** Every profile of the request, this one included; empty when it matched none. */
      requestProfileIds: z.array(ProfileId).max(100),
    })
    .refine(
      (payload) =>
        payload.profileId === null
          ? payload.requestProfileIds.length === 0
          : payload.requestProfileIds.includes(payload.profileId),
      {
        message: 'requestProfileIds must include profileId, and be empty when profileId is null',
        path: ['requestProfileIds'],
      },
    ),
);
export type ProfileErasedV1 = z.infer<typeof ProfileErasedV1>;
