import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';

const ProfileId = z.string().min(1).max(128);

/**
 * A command from identity to itself: erase one profile for a data-subject deletion request.
 * Identity's `identity-deletions` consumer finds the profiles a request names and publishes one
 * of these per profile on `ingest.<the profile's partition>` (subjects.ingest), so the owner of
 * that partition, the profile's only writer, applies it in order with the partition's calls.
 * The envelope id is derived from (requestId, profileId), so republishing it is dropped as a
 * duplicate; causationId is the request's id and correlationId the request's.
 */
export const ProfileErasureRequestedV1 = defineEvent(
  'profile.erasure.requested',
  1,
  z
    .object({
      requestId: z.string().min(1).max(128),
      profileId: ProfileId,
      partition: Partition,
      /**
       * Every profile the request covers, this one included: whichever owner finds all of
       * them erased confirms the request, so partitions finishing in any order confirm once.
       */
      requestProfileIds: z.array(ProfileId).min(1).max(100),
    })
    .refine((payload) => payload.requestProfileIds.includes(payload.profileId), {
      message: 'requestProfileIds must include profileId',
      path: ['requestProfileIds'],
    }),
);
export type ProfileErasureRequestedV1 = z.infer<typeof ProfileErasureRequestedV1>;
