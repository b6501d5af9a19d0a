import { z } from 'zod';
import { defineEvent } from '../envelope';
import { MessageRef } from './message-ref';

/** The recipient clicked a link in the message. */
export const MessageClickedV1 = defineEvent(
  'message.clicked',
  1,
  MessageRef.extend({ url: z.url() }),
);
export type MessageClickedV1 = z.infer<typeof MessageClickedV1>;
