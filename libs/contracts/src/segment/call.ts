import { z } from 'zod';
import { SegmentAlias } from './alias';
import { SegmentGroup } from './group';
import { SegmentIdentify } from './identify';
import { SegmentPage } from './page';
import { SegmentScreen } from './screen';
import { SegmentTrack } from './track';

/** Any of the six Segment calls, told apart by `type`. */
export const SegmentCall = z.discriminatedUnion('type', [
  SegmentTrack,
  SegmentIdentify,
  SegmentPage,
  SegmentScreen,
  SegmentGroup,
  SegmentAlias,
]);
export type SegmentCall = z.infer<typeof SegmentCall>;
