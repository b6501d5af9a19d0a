import { ProfileErasedV1 } from '@meridian/contracts';

/**
 * Identity's announcement that it erased `profileId` (null: the request matched nobody) for a
 * deletion request, as the services keeping data by profile id receive it; validated, so a
 * spec cannot send what identity never would.
 */
export function profileErasedEvent(erased: {
  readonly workspaceId: string;
  readonly requestId: string;
  readonly profileId: string | null;
  readonly partition: number;
  /** Default: just this profile (none for a null profile). */
  readonly requestProfileIds?: readonly string[];
}): ProfileErasedV1 {
  const { workspaceId, requestId, profileId, partition } = erased;
  const requestProfileIds = erased.requestProfileIds ?? (profileId === null ? [] : [profileId]);
  return ProfileErasedV1.parse({
    id: `${requestId}:erase:${profileId ?? 'nobody'}:erased`,
    type: 'profile.erased',
    version: 1,
    workspaceId,
    occurredAt: '2026-11-24T10:00:00.000Z',
    receivedAt: '2026-11-24T10:00:00.000Z',
    correlationId: requestId,
    causationId: requestId,
    payload: { requestId, profileId, partition, requestProfileIds },
  });
}
