import { z } from 'zod';
import { defineEvent } from '../envelope';
import { MessageRef } from './message-ref';

/** The provider reported delivery to the recipient's inbox or device. */
export const MessageDeliveredV1 = defineEvent(
  'message.delivered',
  1,
  MessageRef.extend({ provider: z.string().min(1) }),
);
export type MessageDeliveredV1 = z.infer<typeof MessageDeliveredV1>;
