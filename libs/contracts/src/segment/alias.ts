import { z } from 'zod';
import { SegmentCallBase, requireIdentity } from './common';

/** Segment `alias`: previousId and userId are the same person. */
export const SegmentAlias = SegmentCallBase.extend({
  type: z.literal('alias'),
  previousId: z.string().min(1).max(200),
}).superRefine(requireIdentity);
export type SegmentAlias = z.infer<typeof SegmentAlias>;
