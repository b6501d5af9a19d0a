import { z } from 'zod';
import { JsonObject, SegmentCallBase, requireIdentity } from './common';

/** Segment `track`: something a user did. */
export const SegmentTrack = SegmentCallBase.extend({
  type: z.literal('track'),
  event: z.string().min(1).max(200),
  properties: JsonObject.default({}),
}).superRefine(requireIdentity);
export type SegmentTrack = z.infer<typeof SegmentTrack>;
