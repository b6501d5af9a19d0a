import { z } from 'zod';
import { defineEvent, IsoDateTime, Partition } from '../envelope';
import { ProfileScore } from './profile-scores-updated.v1';
import { RfmScore } from './rfm-score';

/**
 * A profile's scores changed (`score.updated.<partition>`): RFM, propensities, best channel,
 * best send time. For every service that decides on scores; the golden record gets the same
 * values through identity (profile.scores.updated).
 */
export const ScoreUpdatedV1 = defineEvent(
  'score.updated',
  1,
  z.object({
    profileId: z.string().min(1).max(128),
    partition: Partition,
    scoredAt: IsoDateTime,
    scores: z.array(ProfileScore).max(100).default([]),
    rfm: RfmScore.nullable().default(null),
  }),
);
export type ScoreUpdatedV1 = z.infer<typeof ScoreUpdatedV1>;
