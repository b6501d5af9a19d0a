import { z } from 'zod';
import { defineEvent } from '../envelope';
import { MessageRef } from './message-ref';

/** The recipient opened the message. */
export const MessageOpenedV1 = defineEvent(
  'message.opened',
  1,
  MessageRef.extend({ userAgent: z.string().nullable() }),
);
export type MessageOpenedV1 = z.infer<typeof MessageOpenedV1>;
