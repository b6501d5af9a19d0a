import { Logger } from '@nestjs/common';
import type { ProfileRestoreRequestedV1 } from '@meridian/contracts';
import type { JetStreamPublisher } from '@meridian/messaging';
import {
  LiveProfiles,
  type IdentifierRepository,
  type Profile,
  type ProfileRepository,
} from '../profiles';
import {
  commandHeader,
  memoryProfileRepository,
  recordingPublisher,
  storedProfiles,
} from './test-support/merge-doubles';
import { UnmergeService } from './unmerge.service';

function setUp(profiles: Map<string, Profile>) {
  const repository = memoryProfileRepository(profiles);
  const identifiers = {};
  const publisher = recordingPublisher();
  const service = new UnmergeService(
    repository as unknown as ProfileRepository,
    identifiers as unknown as IdentifierRepository,
    publisher as unknown as JetStreamPublisher,
    new LiveProfiles(
      repository as unknown as ProfileRepository,
      identifiers as unknown as IdentifierRepository,
    ),
  );
  return { service, published: publisher.published };
}

function restoreRequest(absorbedId: string, survivorId: string): ProfileRestoreRequestedV1 {
  return {
    ...commandHeader(`restore-${absorbedId}`),
    type: 'profile.restore.requested',
    payload: { absorbedId, partition: 1, survivorId },
  };
}

beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

describe('UnmergeService.restore', () => {
  it('restores a profile whose data reached the survivor through a chain of merges', async () => {
    // A was merged into B, B into C; A's data was passed on to C, which is unmerged.
    const profiles = storedProfiles({
      A: { partition: 1, mergedInto: 'B' },
      B: { partition: 2, mergedInto: 'C' },
      C: { partition: 3, mergedInto: null },
    });
    const { service, published } = setUp(profiles);

    await service.restore(restoreRequest('A', 'C'));

    expect(profiles.get('A')).toMatchObject({ mergedInto: null, separatedFrom: ['C'] });
    expect(published.map(({ event }) => event.type)).toEqual(['profile.updated']);
  });

  it('leaves a profile alone that was not merged into the survivor', async () => {
    const profiles = storedProfiles({
      A: { partition: 1, mergedInto: 'B' },
      B: { partition: 2, mergedInto: null },
      C: { partition: 3, mergedInto: null },
    });
    const { service, published } = setUp(profiles);

    await service.restore(restoreRequest('A', 'C'));

    expect(profiles.get('A')?.mergedInto).toBe('B');
    expect(published).toEqual([]);
  });
});
