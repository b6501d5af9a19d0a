import type { CallAcceptedV1 } from '@meridian/contracts';
import type { Profile } from './profile.model';

/**
 * What resolution asks once a call created a profile because none of its identifiers was
 * known: whether its PII makes it a probable duplicate of another profile (merged at once
 * above the workspace's upper threshold, queued for review between the two). Provided by the
 * matching feature; idempotent, as a redelivered call asks again.
 */
export abstract class ProbableMatches {
  abstract onNewProfile(cause: CallAcceptedV1, profile: Profile): Promise<void>;
}
