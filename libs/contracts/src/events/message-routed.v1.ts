import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';
import { MESSAGE_LIFECYCLE_SCHEMAS } from './message-lifecycle';

/**
 * A command from identity to itself: a message lifecycle event arrived for a profile that
 * was merged into one living on another partition. Published on `ingest.<partition>` for
 * the survivor's writer, which records `event` (unchanged, so its id still dedupes) on
 * `survivorId`; `hops` bounds how often one event may be passed on while merges settle.
 */
export const MessageRoutedV1 = defineEvent(
  'message.routed',
  1,
  z.object({
    partition: Partition,
    survivorId: z.string().min(1),
    hops: z.number().int().min(1).max(16),
    event: z.discriminatedUnion('type', MESSAGE_LIFECYCLE_SCHEMAS),
  }),
);
export type MessageRoutedV1 = z.infer<typeof MessageRoutedV1>;
