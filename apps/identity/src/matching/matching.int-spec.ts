import type { INestApplication } from '@nestjs/common';
import { IdentityMergedV1, ProfileMergeRequestedV1, subjects } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { PERSISTENCE_DB, type Database } from '@meridian/persistence';
import { corruptRecord, Prng, syntheticDataset } from '@meridian/record-linkage';
import { createTestNamespace, type TestNamespace } from '@meridian/test-fixtures';
import { listenInProcess, waitFor } from '@meridian/testing';
import { AdminKeyService } from '@meridian/workspaces';
import { z } from 'zod';
import { createIdentityApp } from '../bootstrap';
import { loadIdentityConfig } from '../config';
import { ProfilePii, ProfileRepository } from '../profiles';
import { identifyEvent } from '../test-support/events';
import { MatchReviewService } from './match-review.service';
import { ProbabilisticMatcher, type CandidateMatch } from './probabilistic-matcher';
import { seedProfiles, traitsOf, type SeededPerson } from './test-support/seed-profiles';

const PARTITIONS = 2;
const WORKSPACE = 'ws-matching';
const SMALL_WORKSPACE = 'ws-matching-small';
const KEYS = {
  reader: 'matching-reader',
  admin: 'matching-admin',
  installation: 'matching-installation-owner',
} as const;
const PEOPLE = 1000;
const DUPLICATES = 50;
const CHECKED = 15;
/** FerretDB scans the collection for every candidate query (MongoDB uses the index). */
const SCORING_TIMEOUT_MS = 120_000;
const WAIT_MS = 30_000;

const ErrorJson = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const ModelJson = z.object({
  profilesSampled: z.number(),
  pairsUsed: z.number(),
  matchPrior: z.number(),
  thresholds: z.object({ upper: z.number(), lower: z.number() }),
  unusable: z.null(),
  fields: z.array(z.object({ field: z.string(), levels: z.array(z.unknown()) })),
});
const ReviewJson = z.object({
  reviewId: z.string(),
  profileIds: z.array(z.string()),
  status: z.string(),
  decidedBy: z.string().nullable(),
  mergeRequestId: z.string().nullable(),
  evidence: z.array(z.object({ field: z.string(), agreement: z.string() })),
});
const PageJson = z.object({ items: z.array(ReviewJson), nextCursor: z.string().nullable() });

/** Synthetic people, and corrupted duplicates of the first DUPLICATES, created a day later. */
function workspacePeople(): { originals: SeededPerson[]; duplicates: SeededPerson[] } {
  const data = syntheticDataset({ seed: 42, profiles: PEOPLE, queries: 0, duplicateShare: 0 });
  const prng = new Prng(43);
  const originals = data.profiles.map((person, i) => ({
    profileId: `prof_orig_${String(i).padStart(3, '0')}`,
    partition: i % PARTITIONS,
    createdAt: '2025-01-01T00:00:00.000Z',
    record: person.record,
  }));
  const duplicates = originals.slice(0, DUPLICATES).map((original, i) => ({
    profileId: `prof_dup_${String(i).padStart(3, '0')}`,
    partition: (i + 1) % PARTITIONS,
    createdAt: '2025-01-02T00:00:00.000Z',
    record: corruptRecord(prng, original.record),
  }));
  return { originals, duplicates };
}

describe('probabilistic matching (in process, real NATS and FerretDB)', () => {
  let namespace: TestNamespace;
  let app: INestApplication;
  let baseUrl: string;
  const { originals, duplicates } = workspacePeople();

  const request = async (
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    key: string | null,
    options: { body?: unknown; workspace?: string } = {},
  ) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(key === null ? {} : { authorization: `Bearer ${key}` }),
        ...(options.workspace === undefined ? {} : { 'x-meridian-workspace': options.workspace }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const errorCode = (body: unknown) => ErrorJson.parse(body).error.code;

  beforeAll(async () => {
    namespace = await createTestNamespace({ label: 'matching', partitions: PARTITIONS });
    app = await createIdentityApp(loadIdentityConfig(namespace.env({ GRPC_PORT: '0' })), {
      logDestination: { write: () => undefined },
    });
    baseUrl = await listenInProcess(app);
    const adminKeys = app.get(AdminKeyService);
    const seed = (
      rawKey: string,
      role: 'read-only' | 'admin' | 'owner',
      workspaceId: string | null,
    ) => adminKeys.seed({ rawKey, name: rawKey, role, workspaceId });
    await seed(KEYS.reader, 'read-only', WORKSPACE);
    await seed(KEYS.admin, 'admin', WORKSPACE);
    await seed(KEYS.installation, 'owner', null);
    const db = app.get<symbol, Database>(PERSISTENCE_DB);
    const pii = app.get(ProfilePii);
    await seedProfiles(db, pii, WORKSPACE, [...originals, ...duplicates]);
    // Profile ids are unique across workspaces: the small workspace's people get their own.
    const small = originals
      .slice(0, 50)
      .map((person, i) => ({ ...person, profileId: `prof_small_${i}` }));
    await seedProfiles(db, pii, SMALL_WORKSPACE, small);
  });

  afterAll(async () => {
    await app?.close();
    await namespace?.dispose();
  });

  it('has no model before a fit: GET answers 404 and the matcher null', async () => {
    const { status, body } = await request('GET', '/v1/match-model', KEYS.reader);

    expect(status).toBe(404);
    expect(errorCode(body)).toBe('not_found');
    const traits = traitsOf(originals[0]?.record ?? {});
    expect(await app.get(ProbabilisticMatcher).match(WORKSPACE, traits)).toBeNull();
  });

  it('lets only owner and admin keys fit, and refuses a workspace with too few profiles', async () => {
    const anonymous = await request('POST', '/v1/match-model/fit', null);
    const readOnly = await request('POST', '/v1/match-model/fit', KEYS.reader);
    const small = await request('POST', '/v1/match-model/fit', KEYS.installation, {
      workspace: SMALL_WORKSPACE,
    });

    expect(anonymous.status).toBe(401);
    expect(readOnly.status).toBe(403);
    expect(ErrorJson.parse(readOnly.body).error.message).toMatch(/may not fit a match model/);
    expect(small.status).toBe(409);
    expect(ErrorJson.parse(small.body).error).toEqual({
      code: 'not_enough_data',
      message: expect.stringMatching(/50 live profiles with PII/),
    });
  });

  it("fits the workspace's model from its own profiles, for any admin key to read", async () => {
    const fit = await request('POST', '/v1/match-model/fit', KEYS.admin, { body: {} });
    expect(fit.status).toBe(200);
    const model = ModelJson.parse(fit.body);

    expect(model.profilesSampled).toBe(PEOPLE + DUPLICATES);
    expect(model.pairsUsed).toBeGreaterThan(DUPLICATES / 2);
    expect(model.thresholds).toEqual({ upper: 10, lower: 4 });
    expect(model.fields.map((field) => field.field)).toContain('birthday');
    const read = await request('GET', '/v1/match-model', KEYS.reader);
    expect(read.status).toBe(200);
    expect(ModelJson.parse(read.body)).toEqual(model);
  });

  it(
    'scores corrupted duplicates merge against their originals and strangers distinct',
    async () => {
      const matcher = app.get(ProbabilisticMatcher);
      const outcomes = await Promise.all(
        duplicates.slice(0, CHECKED).map(async (duplicate, i) => ({
          original: originals[i]?.profileId,
          match: await matcher.match(WORKSPACE, traitsOf(duplicate.record), [duplicate.profileId]),
        })),
      );
      const strangers = syntheticDataset({
        seed: 7,
        profiles: CHECKED,
        queries: 0,
        duplicateShare: 0,
      });
      const strangerMatches = await Promise.all(
        strangers.profiles.map((stranger) => matcher.match(WORKSPACE, traitsOf(stranger.record))),
      );

      const merged = outcomes.filter(
        ({ original, match }) => match?.decision === 'merge' && match.profileId === original,
      );
      const wrong = outcomes.filter(
        ({ original, match }) => match?.decision !== 'distinct' && match?.profileId !== original,
      );
      expect(merged.length).toBeGreaterThanOrEqual(CHECKED * 0.8);
      expect(wrong).toEqual([]);
      expect(strangerMatches.filter((match) => match?.decision === 'merge')).toEqual([]);
      expect(strangerMatches.every((match) => match !== null)).toBe(true);
      expect(await matcher.match(WORKSPACE, { plan: 'pro' })).toBeNull();
    },
    SCORING_TIMEOUT_MS,
  );

  it(
    "merges an identify that carries a known person's PII but no known identifier, through resolution",
    async () => {
      const original = originals[PEOPLE - 1];
      if (original === undefined) throw new Error('no original');
      // The same person signs up under a new user id; the email would be an identifier.
      const pii = { ...original.record, email: undefined };
      const signUp = identifyEvent(traitsOf(pii), {
        userId: 'user-probable',
        workspaceId: WORKSPACE,
        partitions: PARTITIONS,
      });

      await app.get(JetStreamPublisher).publish(subjects.ingest(signUp.payload.partition), signUp);

      const merged = await waitFor(
        async () =>
          (await namespace.readStream('PROFILES'))
            .map((stored) => IdentityMergedV1.safeParse(stored.body))
            .flatMap((parsed) => (parsed.success ? [parsed.data.payload] : []))
            .find(
              (payload) =>
                payload.absorbedId === original.profileId ||
                payload.survivorId === original.profileId,
            ),
        { description: 'the sign-up merged with the profile its PII matches', timeoutMs: WAIT_MS },
      );
      // The new profile holds a userId, so it survives and the older anonymous one is absorbed.
      expect(merged.absorbedId).toBe(original.profileId);
      expect(merged.identifiers).toContainEqual({ type: 'userId', value: 'user-probable' });
    },
    SCORING_TIMEOUT_MS,
  );

  describe('the review queue', () => {
    const scored = async (index: number): Promise<CandidateMatch> => {
      const duplicate = duplicates[index];
      if (duplicate === undefined) throw new Error(`no duplicate ${index}`);
      const match = await app
        .get(ProbabilisticMatcher)
        .match(WORKSPACE, traitsOf(duplicate.record), [duplicate.profileId]);
      if (match === null || match.profileId !== originals[index]?.profileId)
        throw new Error(`duplicate ${index} did not score its original best`);
      return match;
    };
    const queue = async (index: number) => {
      const match = await scored(index);
      const duplicateId = duplicates[index]?.profileId ?? '';
      return app
        .get(MatchReviewService)
        .queueReview(WORKSPACE, duplicateId, match.profileId, match);
    };
    let reviewIds: string[] = [];

    beforeAll(async () => {
      reviewIds = [];
      for (const index of [0, 1, 2]) reviewIds.push((await queue(index)).reviewId);
    });

    it('queues a pair once, and lists the open reviews page by page for any admin key', async () => {
      expect((await queue(0)).queued).toBe(false);
      const first = await request('GET', '/v1/match-reviews?limit=2', KEYS.reader);
      const firstPage = PageJson.parse(first.body);
      const second = await request(
        'GET',
        `/v1/match-reviews?limit=2&cursor=${firstPage.nextCursor ?? ''}`,
        KEYS.reader,
      );
      const secondPage = PageJson.parse(second.body);

      expect(first.status).toBe(200);
      expect([...firstPage.items, ...secondPage.items].map((item) => item.reviewId).sort()).toEqual(
        [...reviewIds].sort(),
      );
      expect(secondPage.nextCursor).toBeNull();
      expect(firstPage.items[0]?.evidence.map((field) => field.field)).toContain('lastName');
      expect(firstPage.items[0]?.status).toBe('open');
    });

    it('refuses bad list queries with 400', async () => {
      const badStatus = await request('GET', '/v1/match-reviews?status=maybe', KEYS.reader);
      const badCursor = await request('GET', '/v1/match-reviews?cursor=abc', KEYS.reader);

      expect([badStatus.status, badCursor.status]).toEqual([400, 400]);
      expect(errorCode(badCursor.body)).toBe('invalid_request');
    });

    it('accepts a pair for owner and admin keys: a merge request goes to INGEST and the profiles merge', async () => {
      const reviewId = reviewIds[0] ?? '';
      const readOnly = await request('POST', `/v1/match-reviews/${reviewId}/accept`, KEYS.reader);
      expect(readOnly.status).toBe(403);

      const accepted = await request('POST', `/v1/match-reviews/${reviewId}/accept`, KEYS.admin);

      expect(accepted.status).toBe(202);
      const review = ReviewJson.parse(accepted.body);
      expect(review).toMatchObject({
        status: 'accepted',
        decidedBy: expect.stringMatching(/^ak_/),
      });
      const original = originals[0]?.profileId ?? '';
      const duplicate = duplicates[0]?.profileId ?? '';
      const requested = (await namespace.readStream('INGEST'))
        .map((stored) => ProfileMergeRequestedV1.safeParse(stored.body))
        .flatMap((parsed) => (parsed.success ? [parsed.data] : []))
        .find((event) => event.id === review.mergeRequestId);
      // The original is older, so it survives; the request goes to the duplicate's partition.
      expect(requested?.payload).toEqual({
        survivorId: original,
        survivorPartition: originals[0]?.partition,
        absorbedId: duplicate,
        absorbedPartition: duplicates[0]?.partition,
      });
      const retired = await waitFor(
        async () => {
          const profile = await app.get(ProfileRepository).findById(WORKSPACE, duplicate);
          return profile?.mergedInto === original ? profile : undefined;
        },
        { description: 'the duplicate merged into the original', timeoutMs: WAIT_MS },
      );
      expect(retired.mergedInto).toBe(original);

      const again = await request('POST', `/v1/match-reviews/${reviewId}/accept`, KEYS.admin);
      expect(again.status).toBe(409);
      expect(errorCode(again.body)).toBe('already_decided');
    });

    it('rejects a pair, which is never queued again and never matched again for resolution', async () => {
      const reviewId = reviewIds[1] ?? '';

      const rejected = await request('POST', `/v1/match-reviews/${reviewId}/reject`, KEYS.admin);

      expect(rejected.status).toBe(200);
      expect(ReviewJson.parse(rejected.body).status).toBe('rejected');
      expect((await queue(1)).queued).toBe(false);
      const listed = PageJson.parse(
        (await request('GET', '/v1/match-reviews?status=rejected', KEYS.reader)).body,
      );
      expect(listed.items.map((item) => item.reviewId)).toEqual([reviewId]);
      const partners = await app
        .get(MatchReviewService)
        .rejectedPartnersOf(WORKSPACE, duplicates[1]?.profileId ?? '');
      expect(partners).toEqual([originals[1]?.profileId]);
      const acceptAfter = await request('POST', `/v1/match-reviews/${reviewId}/accept`, KEYS.admin);
      expect(acceptAfter.status).toBe(409);
    });

    it('answers 404 for a review of another workspace or none', async () => {
      const unknown = await request('POST', '/v1/match-reviews/mrv_unknown/reject', KEYS.admin);
      const elsewhere = await request(
        'POST',
        `/v1/match-reviews/${reviewIds[2] ?? ''}/reject`,
        KEYS.installation,
        { workspace: SMALL_WORKSPACE },
      );

      expect([unknown.status, elsewhere.status]).toEqual([404, 404]);
      expect(errorCode(unknown.body)).toBe('not_found');
    });

    it('leaves no review behind for a pair whose profile was erased before the review was stored', async () => {
      const match = await scored(2);
      const reviews = app.get(MatchReviewService);
      const erasedId = 'prof_erased_meanwhile';

      const queued = await reviews.queueReview(WORKSPACE, erasedId, match.profileId, match);

      expect(queued.queued).toBe(false);
      const listed = await request('GET', '/v1/match-reviews?limit=100', KEYS.reader);
      const items = PageJson.parse(listed.body).items;
      expect(items.some((item) => item.profileIds.includes(erasedId))).toBe(false);
      expect(await reviews.forgetProfile(WORKSPACE, erasedId)).toBe(0);
    });
  });

  it('sets thresholds for owner and admin keys, refusing a lower one above the upper', async () => {
    const invalid = await request('PUT', '/v1/match-model/thresholds', KEYS.admin, {
      body: { upper: 4, lower: 10 },
    });
    const readOnly = await request('PUT', '/v1/match-model/thresholds', KEYS.reader, {
      body: { upper: 12, lower: 6 },
    });
    const set = await request('PUT', '/v1/match-model/thresholds', KEYS.admin, {
      body: { upper: 100, lower: 99 },
    });

    expect([invalid.status, readOnly.status, set.status]).toEqual([400, 403, 200]);
    expect(ErrorJson.parse(invalid.body).error.message).toMatch(/lower must not be above upper/);
    expect(ModelJson.parse(set.body).thresholds).toEqual({ upper: 100, lower: 99 });
    // This instance decides with the new thresholds at once.
    const duplicate = duplicates[5];
    const match = await app
      .get(ProbabilisticMatcher)
      .match(WORKSPACE, traitsOf(duplicate?.record ?? {}), [duplicate?.profileId ?? '']);
    expect(match?.decision).toBe('distinct');
  });
});
