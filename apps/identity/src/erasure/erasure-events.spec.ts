import {
  DataSubjectDeletionRequestedV1,
  ProfileErasedV1,
  ProfileErasureRequestedV1,
} from '@meridian/contracts';
import { erasureCommandId, erasureCommands, profileErased } from './erasure-events';

const request = DataSubjectDeletionRequestedV1.parse({
  id: 'dsr_1',
  type: 'data-subject.deletion.requested',
  version: 1,
  workspaceId: 'ws-1',
  occurredAt: '2026-11-23T10:00:00.000Z',
  receivedAt: '2026-11-23T10:00:00.000Z',
  correlationId: 'dsr_1',
  causationId: null,
  payload: {
    requestId: 'dsr_1',
    requestType: 'DELETE_ONLY',
    identifiers: [{ type: 'userId', value: 'u-1' }],
    requiredServices: ['identity'],
  },
});

describe('erasureCommands', () => {
  it("sends one command per profile to its partition's ingest subject, each naming every profile of the request", () => {
    const messages = erasureCommands(request, [
      { profileId: 'prof_a', partition: 1 },
      { profileId: 'prof_b', partition: 6 },
    ]);

    expect(messages.map((message) => message.subject)).toEqual(['ingest.1', 'ingest.6']);
    const commands = messages.map((message) => ProfileErasureRequestedV1.parse(message.event));
    expect(commands.map((command) => command.payload)).toEqual([
      {
        requestId: 'dsr_1',
        profileId: 'prof_a',
        partition: 1,
        requestProfileIds: ['prof_a', 'prof_b'],
      },
      {
        requestId: 'dsr_1',
        profileId: 'prof_b',
        partition: 6,
        requestProfileIds: ['prof_a', 'prof_b'],
      },
    ]);
    expect(commands[0]).toMatchObject({
      id: 'dsr_1:erase:prof_a',
      workspaceId: 'ws-1',
      correlationId: 'dsr_1',
      causationId: 'dsr_1',
    });
  });

  it('gives a command the same id every time, hashed when the plain one would be too long', () => {
    expect(erasureCommandId('dsr_1', 'prof_a')).toBe(erasureCommandId('dsr_1', 'prof_a'));
    const long = erasureCommandId('r'.repeat(128), 'prof_a');
    expect(long).toMatch(/^erase:[0-9a-f]{64}$/);
    expect(long).not.toBe(erasureCommandId('r'.repeat(128), 'prof_b'));
  });
});

describe('profileErased', () => {
  it('announces an erased profile on its partition, under an id derived from request and profile', () => {
    const { subject, event } = profileErased(request, {
      requestId: 'dsr_1',
      profileId: 'prof_b',
      partition: 6,
      requestProfileIds: ['prof_a', 'prof_b'],
    });

    expect(subject).toBe('events.erased.6');
    expect(ProfileErasedV1.parse(event)).toMatchObject({
      id: 'dsr_1:erase:prof_b:erased',
      workspaceId: 'ws-1',
      correlationId: 'dsr_1',
      causationId: 'dsr_1',
      payload: { profileId: 'prof_b', partition: 6, requestProfileIds: ['prof_a', 'prof_b'] },
    });
  });

  it('keeps ids within the envelope limit for the longest request and profile ids', () => {
    const { event } = profileErased(request, {
      requestId: 'r'.repeat(128),
      profileId: 'p'.repeat(128),
      partition: 0,
      requestProfileIds: ['p'.repeat(128)],
    });

    expect(ProfileErasedV1.safeParse(event).success).toBe(true);
  });
});
