import { z } from 'zod';
import { defineEvent } from '../envelope';
import { MessageRef } from './message-ref';

/** Sending failed for good (the provider refused, or retries ran out). */
export const MessageFailedV1 = defineEvent(
  'message.failed',
  1,
  MessageRef.extend({ error: z.string().min(1), permanent: z.boolean() }),
);
export type MessageFailedV1 = z.infer<typeof MessageFailedV1>;
