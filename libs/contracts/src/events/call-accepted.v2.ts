import { z } from 'zod';
import { defineEvent, Partition } from '../envelope';
import { SegmentCall } from '../segment/call';
import type { CallAcceptedV1 } from './call-accepted.v1';

/** One call of a batch, under the id it would have had as a CallAcceptedV1 envelope. */
export const AcceptedCallEntry = z.object({ id: z.string().min(1).max(128), call: SegmentCall });
export type AcceptedCallEntry = z.infer<typeof AcceptedCallEntry>;

/**
 * Ingestion accepted several calls of one request for one partition and one source, and
 * stored them as ONE message: per-message costs (publish, acknowledgement, headers, the
 * server's storage record) dominated ingestion when every call was its own message. The
 * envelope id is the batch's (its Nats-Msg-Id); each entry keeps its own call id, which is
 * what consumers deduplicate on. v1 messages stay valid on the same subjects.
 */
export const CallAcceptedV2 = defineEvent(
  'call.accepted',
  2,
  z.object({
    partition: Partition,
    sourceId: z.string().min(1),
    calls: z.array(AcceptedCallEntry).min(1),
  }),
);
export type CallAcceptedV2 = z.infer<typeof CallAcceptedV2>;

/**
 * The batch's calls as the CallAcceptedV1 envelopes they stand for: the same ids, times and
 * causal chain (each call starts its own), so a consumer handles both versions alike.
 */
export function acceptedCallsOf(batch: CallAcceptedV2): CallAcceptedV1[] {
  const { workspaceId, payload } = batch;
  return payload.calls.map(({ id, call }) => ({
    id,
    type: 'call.accepted',
    version: 1,
    workspaceId,
    occurredAt: call.timestamp,
    receivedAt: call.receivedAt,
    correlationId: id,
    causationId: null,
    payload: { partition: payload.partition, sourceId: payload.sourceId, call },
  }));
}
