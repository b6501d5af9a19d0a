import { z } from 'zod';
import { JsonObject, SegmentCallBase, requireIdentity } from './common';

/** Segment `page`: a web page view. */
export const SegmentPage = SegmentCallBase.extend({
  type: z.literal('page'),
  name: z.string().max(200).nullish(),
  category: z.string().max(200).nullish(),
  properties: JsonObject.default({}),
}).superRefine(requireIdentity);
export type SegmentPage = z.infer<typeof SegmentPage>;
