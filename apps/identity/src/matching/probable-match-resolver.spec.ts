import { Logger } from '@nestjs/common';
import type { Identifier } from '@meridian/contracts';
import type { JetStreamPublisher } from '@meridian/messaging';
import { identifyEvent } from '../test-support/events';
import {
  candidateOf,
  DEFAULT_IDENTITY_POLICY,
  emptyProfile,
  type IdentityPolicies,
  type LiveProfiles,
  type Profile,
} from '../profiles';
import type { MatchReviewService } from './match-review.service';
import type { CandidateMatch, ProbabilisticMatcher } from './probabilistic-matcher';
import { ProbableMatchResolver } from './probable-match-resolver';

const WORKSPACE = 'ws-1';
const NOW = '2026-11-24T10:00:00.000Z';

function profileWith(profileId: string, identifiers: Identifier[], createdAt = NOW): Profile {
  return {
    ...emptyProfile({ profileId, workspaceId: WORKSPACE, partition: 0, now: createdAt }),
    identifiers,
  };
}

/** The resolver with a matcher that always finds `candidate` with `decision`. */
function setUp(candidate: Profile, decision: CandidateMatch['decision']) {
  const published: unknown[] = [];
  const queued: string[] = [];
  const match: CandidateMatch = {
    decision,
    profileId: candidate.profileId,
    profile: candidateOf(candidate),
    candidatesCompared: 1,
    weight: 12,
    matchProbability: 0.99,
    explanation: [],
  };
  const matcher = { match: async () => match };
  const reviews = {
    rejectedPartnersOf: async () => [],
    queueReview: async (_workspaceId: string, a: string, b: string) => {
      queued.push(`${a}~${b}`);
      return { reviewId: 'rev', queued: true };
    },
  };
  const live = { follow: async () => candidate };
  const publisher = { publish: async (_subject: string, event: unknown) => published.push(event) };
  const policies: IdentityPolicies = { policyFor: async () => DEFAULT_IDENTITY_POLICY };
  const resolver = new ProbableMatchResolver(
    matcher as unknown as ProbabilisticMatcher,
    reviews as unknown as MatchReviewService,
    live as unknown as LiveProfiles,
    publisher as unknown as JetStreamPublisher,
    policies,
  );
  return { resolver, published, queued };
}

const cause = identifyEvent(
  { email: 'ann@example.com' },
  { workspaceId: WORKSPACE, anonymousId: 'a1' },
);
const known = (userId: string) => profileWith(`p-${userId}`, [{ type: 'userId', value: userId }]);

beforeEach(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

describe('ProbableMatchResolver', () => {
  it('merges a new profile into a likely duplicate when their identifiers fit the limits', async () => {
    const { resolver, published } = setUp(known('u1'), 'merge');

    await resolver.onNewProfile(
      cause,
      profileWith('p-new', [{ type: 'anonymousId', value: 'a1' }]),
    );

    expect(published).toEqual([
      expect.objectContaining({
        type: 'profile.merge.requested',
        payload: expect.objectContaining({ survivorId: 'p-u1', absorbedId: 'p-new' }),
      }),
    ]);
  });

  it('never merges two profiles with different userIds, however alike their PII', async () => {
    const { resolver, published, queued } = setUp(known('u1'), 'merge');

    await resolver.onNewProfile(cause, known('u2'));

    expect(published).toEqual([]);
    expect(queued).toEqual([]);
  });

  it('does not offer a pair for review when merging it would break a limit', async () => {
    const { resolver, queued } = setUp(known('u1'), 'review');

    await resolver.onNewProfile(cause, known('u2'));

    expect(queued).toEqual([]);
  });

  it('queues a pair for review when it fits the limits', async () => {
    const { resolver, queued } = setUp(known('u1'), 'review');

    await resolver.onNewProfile(cause, profileWith('p-new', [{ type: 'email', value: 'a@b.co' }]));

    expect(queued).toEqual(['p-new~p-u1']);
  });
});
