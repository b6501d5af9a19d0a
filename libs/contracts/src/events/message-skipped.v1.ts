import { z } from 'zod';
import { defineEvent } from '../envelope';
import { MessageRef } from './message-ref';

/** A sender decided not to send (no address, unsubscribed, quiet hours, frequency cap). */
export const MessageSkippedV1 = defineEvent(
  'message.skipped',
  1,
  MessageRef.extend({ reason: z.string().min(1) }),
);
export type MessageSkippedV1 = z.infer<typeof MessageSkippedV1>;
