import { createHash } from 'node:crypto';
import {
  subjects,
  type DataSubjectDeletionConfirmedV1,
  type DataSubjectDeletionRequestedV1,
  type EnvelopeHeader,
  type ProfileErasureRequestedV1,
} from '@meridian/contracts';
import type { OutgoingMessage } from '@meridian/messaging';
import { derivedEventId } from '../profiles';
import type { ErasureTarget } from './erasure-targets';

const MAX_EVENT_ID_LENGTH = 128;

/**
 * The envelope id of the command erasing one profile for one request: the same every time,
 * so a request handled twice publishes commands the stream drops as duplicates.
 */
export function erasureCommandId(requestId: string, profileId: string): string {
  const plain = `${requestId}:erase:${profileId}`;
  if (plain.length <= MAX_EVENT_ID_LENGTH) return plain;
  const digest = createHash('sha256').update(`${requestId}\u0000${profileId}`).digest('hex');
  return `erase:${digest}`;
}

/**
 * One ProfileErasureRequestedV1 per target, on the ingest subject of the target's partition,
 * each naming every profile of the request so that whichever owner finishes last confirms.
 */
export function erasureCommands(
  request: DataSubjectDeletionRequestedV1,
  targets: readonly ErasureTarget[],
): OutgoingMessage[] {
  const { requestId } = request.payload;
  const requestProfileIds = targets.map((target) => target.profileId);
  return targets.map(({ profileId, partition }) => {
    const command: ProfileErasureRequestedV1 = {
      id: erasureCommandId(requestId, profileId),
      type: 'profile.erasure.requested',
      version: 1,
      workspaceId: request.workspaceId,
      occurredAt: request.occurredAt,
      receivedAt: request.receivedAt,
      correlationId: request.correlationId,
      causationId: request.id,
      payload: { requestId, profileId, partition, requestProfileIds },
    };
    return { subject: subjects.ingest(partition), event: command };
  });
}

/** What a confirmation takes from the event that led to it: same workspace and chain. */
export type ConfirmationCause = Pick<
  EnvelopeHeader,
  'workspaceId' | 'receivedAt' | 'correlationId'
>;

/**
 * This service's DataSubjectDeletionConfirmedV1 for a request, on its confirmation subject.
 * The id is `<requestId>:<service>` whoever publishes it (the deletion consumer when nothing
 * matched, or any partition owner that found every profile erased), so partitions finishing
 * at once, or a repeated request, store one confirmation within the duplicate window and
 * ingestion records only the first anyway. causationId is the request id, as ingestion expects.
 */
export function deletionConfirmation(args: {
  readonly cause: ConfirmationCause;
  readonly requestId: string;
  readonly serviceName: string;
  readonly deletedRecords: number;
  /** When the deletion finished. */
  readonly at: string;
}): OutgoingMessage {
  const event: DataSubjectDeletionConfirmedV1 = {
    id: derivedEventId(args.requestId, args.serviceName),
    type: 'data-subject.deletion.confirmed',
    version: 1,
    workspaceId: args.cause.workspaceId,
    occurredAt: args.at,
    receivedAt: args.cause.receivedAt,
    correlationId: args.cause.correlationId,
    causationId: args.requestId,
    payload: {
      requestId: args.requestId,
      service: args.serviceName,
      deletedRecords: args.deletedRecords,
    },
  };
  return { subject: subjects.deletionConfirmed(args.serviceName), event };
}
