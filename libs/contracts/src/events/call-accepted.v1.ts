import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';
import { SegmentCall } from '../segment/call';

/** Ingestion accepted a Segment call and routed it to the partition of its identity. */
export const CallAcceptedV1 = defineEvent(
  'call.accepted',
  1,
  z.object({ partition: Partition, sourceId: z.string().min(1), call: SegmentCall }),
);
export type CallAcceptedV1 = z.infer<typeof CallAcceptedV1>;
