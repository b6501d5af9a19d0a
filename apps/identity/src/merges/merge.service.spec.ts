import { Logger } from '@nestjs/common';
import type { ProfileMergeRequestedV1 } from '@meridian/contracts';
import type { JetStreamPublisher } from '@meridian/messaging';
import {
  DEFAULT_IDENTITY_POLICY,
  LiveProfiles,
  type IdentifierRepository,
  type IdentityPolicies,
  type Profile,
  type ProfileRepository,
} from '../profiles';
import { MergeService } from './merge.service';
import {
  commandHeader,
  memoryProfileRepository,
  recordingPublisher,
  storedProfiles,
} from './test-support/merge-doubles';

function setUp(profiles: Map<string, Profile>) {
  const moves: string[] = [];
  const repository = memoryProfileRepository(profiles);
  const identifiers = {
    moveAll: async (_workspaceId: string, from: string, to: { profileId: string }) => {
      moves.push(`${from}>${to.profileId}`);
      return 0;
    },
  };
  const publisher = recordingPublisher();
  const policies: IdentityPolicies = { policyFor: async () => DEFAULT_IDENTITY_POLICY };
  const service = new MergeService(
    repository as unknown as ProfileRepository,
    identifiers as unknown as IdentifierRepository,
    new LiveProfiles(
      repository as unknown as ProfileRepository,
      identifiers as unknown as IdentifierRepository,
    ),
    policies,
    publisher as unknown as JetStreamPublisher,
  );
  return { service, published: publisher.published, moves };
}

function mergeRequest(absorbedId: string, survivorId: string): ProfileMergeRequestedV1 {
  return {
    ...commandHeader(`merge-${absorbedId}-${survivorId}`),
    type: 'profile.merge.requested',
    payload: { survivorId, survivorPartition: 2, absorbedId, absorbedPartition: 1 },
  };
}

beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

describe('MergeService.retire', () => {
  it('after a crash, sends a retired profile on to the profile its survivor was merged into since', async () => {
    // A was retired into B by this request before a crash; B was merged into C meanwhile.
    const profiles = storedProfiles({
      A: { partition: 1, mergedInto: 'B' },
      B: { partition: 2, mergedInto: 'C' },
      C: { partition: 3, mergedInto: null },
    });
    const { service, published, moves } = setUp(profiles);

    await service.retire(mergeRequest('A', 'B'));

    expect(moves).toEqual(['A>C']);
    expect(published.map(({ subject, event }) => [subject, event.type, event.payload])).toEqual([
      [
        'ingest.3',
        'profile.absorb.requested',
        expect.objectContaining({ survivorId: 'C', absorbedId: 'A' }),
      ],
    ]);
  });

  it('asks to merge the survivor with the third profile a retired one went to meanwhile', async () => {
    const profiles = storedProfiles({
      A: { partition: 1, mergedInto: 'D' },
      B: { partition: 2, mergedInto: null },
      D: { partition: 4, mergedInto: null },
    });
    const { service, published, moves } = setUp(profiles);

    await service.retire(mergeRequest('A', 'B'));

    expect(moves).toEqual([]);
    expect(published.map(({ event }) => event.type)).toEqual(['profile.merge.requested']);
  });
});
