import { createHash } from 'node:crypto';
import {
  subjects,
  type DataSubjectDeletionRequestedV1,
  type EnvelopeHeader,
  type ProfileErasedV1,
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

/**
 * Identity's ProfileErasedV1 for one erased profile, on its partition's `events.erased`
 * subject, so services keeping data by profile id erase it after every event of the profile;
 * or, with `profileId` null, for a request that matched no profile (on partition 0), so they
 * confirm it all the same. The id is derived from request and profile, like the command's.
 */
export function profileErased(
  cause: Pick<EnvelopeHeader, 'workspaceId' | 'receivedAt' | 'correlationId'>,
  erased: {
    readonly requestId: string;
    readonly profileId: string | null;
    readonly partition: number;
    readonly requestProfileIds: readonly string[];
  },
): OutgoingMessage {
  const { requestId, profileId, partition } = erased;
  const event: ProfileErasedV1 = {
    id:
      profileId === null
        ? derivedEventId(requestId, 'erased')
        : derivedEventId(erasureCommandId(requestId, profileId), 'erased'),
    type: 'profile.erased',
    version: 1,
    workspaceId: cause.workspaceId,
    occurredAt: new Date().toISOString(),
    receivedAt: cause.receivedAt,
    correlationId: cause.correlationId,
    causationId: requestId,
    payload: { requestId, profileId, partition, requestProfileIds: [...erased.requestProfileIds] },
  };
  return { subject: subjects.profileErased(partition), event };
}
