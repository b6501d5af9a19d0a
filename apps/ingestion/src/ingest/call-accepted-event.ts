import { createHash } from 'node:crypto';
import type { CallAcceptedV1, SegmentCall } from '@meridian/contracts';

export interface AcceptedCall {
  readonly workspaceId: string;
  readonly sourceId: string;
  readonly partition: number;
  readonly call: SegmentCall;
}

/**
 * The envelope id of an accepted call, derived from (workspace, messageId) only: an SDK
 * retrying the same call produces the same id, which is the Nats-Msg-Id, so the stream's
 * duplicate window keeps one copy.
 */
export function callEventId(workspaceId: string, messageId: string): string {
  const digest = createHash('sha256')
    .update(`${workspaceId}\u0000${messageId}`, 'utf8')
    .digest('hex');
  return `call_${digest}`;
}

/** The first event of every causal chain: its correlationId is its own id. */
export function callAcceptedEvent(accepted: AcceptedCall): CallAcceptedV1 {
  const id = callEventId(accepted.workspaceId, accepted.call.messageId);
  return {
    id,
    type: 'call.accepted',
    version: 1,
    workspaceId: accepted.workspaceId,
    occurredAt: accepted.call.timestamp,
    receivedAt: accepted.call.receivedAt,
    correlationId: id,
    causationId: null,
    payload: { partition: accepted.partition, sourceId: accepted.sourceId, call: accepted.call },
  };
}
