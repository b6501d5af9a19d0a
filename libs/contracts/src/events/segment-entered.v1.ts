import { z } from 'zod';
import { defineEvent, IsoDateTime, Partition } from '../envelope';

/**
 * Scoring put a profile into a segment (an RFM segment such as Champions, or a trend segment
 * such as Zombies), on `segment.entered.<partition>`, for orchestration to start journeys on.
 * `asOf` is the workspace clock the segment was computed at (event time in replay mode);
 * `reason` says whether an event or the recency sweep moved the profile.
 */
export const SegmentEnteredV1 = defineEvent(
  'segment.entered',
  1,
  z.object({
    profileId: z.string().min(1).max(128),
    partition: Partition,
    segment: z.string().min(1).max(64),
    kind: z.enum(['rfm', 'trend']),
    asOf: IsoDateTime,
    reason: z.enum(['event', 'sweep']),
  }),
);
export type SegmentEnteredV1 = z.infer<typeof SegmentEnteredV1>;
