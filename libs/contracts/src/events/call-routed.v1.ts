import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';
import { CallAcceptedV1 } from './call-accepted.v1';

/**
 * A command from identity to itself: a call arrived on one partition but belongs to a profile
 * of another (ingestion partitions by userId or anonymousId; a merge can put both on one
 * profile). Published on `ingest.<partition>` for that profile's writer; `call` is the
 * accepted call with its partition set to the new one, and `hops` bounds how often one call
 * may be passed on while merges are still settling.
 */
export const CallRoutedV1 = defineEvent(
  'call.routed',
  1,
  z.object({
    partition: Partition,
    hops: z.number().int().min(1).max(16),
    call: CallAcceptedV1,
  }),
);
export type CallRoutedV1 = z.infer<typeof CallRoutedV1>;
