import { z } from 'zod';
import { CallAcceptedV1 } from './call-accepted.v1';
import { acceptedCallsOf, CallAcceptedV2 } from './call-accepted.v2';

/** A message on an ingest subject: a single call (v1) or a batch of calls (v2). */
export const CallAcceptedMessage = z.discriminatedUnion('version', [
  CallAcceptedV1,
  CallAcceptedV2,
]);
export type CallAcceptedMessage = z.infer<typeof CallAcceptedMessage>;

/** The calls of an ingest message, as v1 envelopes, whichever version it is. */
export function callsOfMessage(message: CallAcceptedMessage): CallAcceptedV1[] {
  return message.version === 1 ? [message] : acceptedCallsOf(message);
}
