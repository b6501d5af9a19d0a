import { z } from 'zod';
import { JsonObject, SegmentCallBase, requireIdentity } from './common';

/** Segment `identify`: who the user is, with traits. */
export const SegmentIdentify = SegmentCallBase.extend({
  type: z.literal('identify'),
  traits: JsonObject.default({}),
}).superRefine(requireIdentity);
export type SegmentIdentify = z.infer<typeof SegmentIdentify>;
