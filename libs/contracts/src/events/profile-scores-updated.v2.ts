import { z } from 'zod';
import { defineEvent } from '../envelope';
import { ProfileScoresUpdatedV1 } from './profile-scores-updated.v1';
import { RfmScore } from './rfm-score';

/**
 * ProfileScoresUpdatedV1 plus the profile's RFM (`scores.rfm` on the golden record); null
 * leaves the stored RFM as it is. Same rules: published on `ingest.<partition>`, applied by the
 * profile's only writer, an older `scoredAt` never overwrites a newer one.
 */
export const ProfileScoresUpdatedV2 = defineEvent(
  'profile.scores.updated',
  2,
  ProfileScoresUpdatedV1.shape.payload.safeExtend({ rfm: RfmScore.nullable().default(null) }),
);
export type ProfileScoresUpdatedV2 = z.infer<typeof ProfileScoresUpdatedV2>;
