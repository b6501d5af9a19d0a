import { z } from 'zod';
import { defineEvent } from '../envelope';
import { MessageRef } from './message-ref';

/** The provider accepted the message (for email: the SMTP server answered 250). */
export const MessageSentV1 = defineEvent(
  'message.sent',
  1,
  MessageRef.extend({
    provider: z.string().min(1),
    providerMessageId: z.string().nullable(),
    recipient: z.string().min(1),
  }),
);
export type MessageSentV1 = z.infer<typeof MessageSentV1>;
