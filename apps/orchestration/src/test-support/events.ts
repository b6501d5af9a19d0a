import { EventsResolvedV1 } from '@meridian/contracts';

/** A resolved `Signed Up` track call of `profileId`, whose profile has `traits`. */
export function signedUpEvent(event: {
  readonly id: string;
  readonly profileId: string;
  readonly traits: Record<string, unknown>;
  readonly workspaceId: string;
  readonly partition: number;
}): EventsResolvedV1 {
  const { id, profileId, traits } = event;
  return EventsResolvedV1.parse({
    id,
    type: 'events.resolved',
    version: 1,
    workspaceId: event.workspaceId,
    occurredAt: '2026-11-23T09:59:00.000Z',
    receivedAt: '2026-11-23T10:00:00.000Z',
    correlationId: `call-${id}`,
    causationId: `call-${id}`,
    payload: {
      profileId,
      partition: event.partition,
      call: {
        type: 'track',
        event: 'Signed Up',
        messageId: `m-${id}`,
        userId: profileId,
        timestamp: '2026-11-23T09:59:00.000Z',
        receivedAt: '2026-11-23T10:00:00.000Z',
      },
      profile: { traits, identifiers: [{ type: 'userId', value: profileId }], revision: 1 },
    },
  });
}
