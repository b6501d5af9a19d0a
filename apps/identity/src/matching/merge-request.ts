import { type ProfileMergeRequestedV1 } from '@meridian/contracts';
import {
  candidateOf,
  derivedEventId,
  envelopeCausedBy,
  survivorOrder,
  type Cause,
  type Profile,
} from '../profiles';

/**
 * The merge an accepted review asks for, as resolution and MergeService ask for theirs: the
 * survivor chosen by survivorOrder (a known user, then the older profile, then the smaller
 * id), the id derived from the ordered pair, to be published on the absorbed profile's
 * partition, whose owner retires it. `cause` is the review's decision.
 */
export function mergeRequestOf(cause: Cause, a: Profile, b: Profile): ProfileMergeRequestedV1 {
  if (a.profileId === b.profileId)
    throw new RangeError(`profile ${a.profileId} cannot be merged into itself`);
  const [survivor, absorbed] = survivorOrder(candidateOf(a), candidateOf(b)) <= 0 ? [a, b] : [b, a];
  return {
    ...envelopeCausedBy(
      cause,
      derivedEventId(`${absorbed.profileId}>${survivor.profileId}`, 'merge'),
    ),
    type: 'profile.merge.requested',
    payload: {
      survivorId: survivor.profileId,
      survivorPartition: survivor.partition,
      absorbedId: absorbed.profileId,
      absorbedPartition: absorbed.partition,
    },
  };
}
