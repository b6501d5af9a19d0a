import { z } from 'zod';
import { JsonObject, SegmentCallBase, requireIdentity } from './common';

/** Segment `group`: ties the user to a group (account, company). */
export const SegmentGroup = SegmentCallBase.extend({
  type: z.literal('group'),
  groupId: z.string().min(1).max(200),
  traits: JsonObject.default({}),
}).superRefine(requireIdentity);
export type SegmentGroup = z.infer<typeof SegmentGroup>;
