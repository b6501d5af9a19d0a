import { z } from 'zod';
import { defineEvent } from '../envelope';
import { JsonObject } from '../segment/common';
import { MessageRef } from './message-ref';

/** A channel sender is asked to send one message; variables fill its template. */
export const MessageRequestedV1 = defineEvent(
  'message.requested',
  1,
  MessageRef.extend({
    recipient: z.object({
      email: z.email().nullish(),
      phone: z.string().nullish(),
      name: z.string().nullish(),
    }),
    variables: JsonObject,
  }),
);
export type MessageRequestedV1 = z.infer<typeof MessageRequestedV1>;
