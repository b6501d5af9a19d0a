import { z } from 'zod';
import { JsonObject, SegmentCallBase, requireIdentity } from './common';

/** Segment `screen`: a mobile screen view. */
export const SegmentScreen = SegmentCallBase.extend({
  type: z.literal('screen'),
  name: z.string().max(200).nullish(),
  category: z.string().max(200).nullish(),
  properties: JsonObject.default({}),
}).superRefine(requireIdentity);
export type SegmentScreen = z.infer<typeof SegmentScreen>;
