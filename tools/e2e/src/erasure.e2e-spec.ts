import { randomBytes } from 'node:crypto';
import { openDatabase, type DatabaseHandle } from '@meridian/persistence';
import { findReferences } from '@meridian/test-fixtures';
import { testInfra, waitFor } from '@meridian/testing';
import { z } from 'zod';
import { getJson, GoldenRecord, MailList, post } from './spine-client';
import { startSpineStack, type SpineStack } from './spine-stack';

const WORKSPACE = 'local';
/** The collections of identity, scoring, orchestration and sender-email that name a customer. */
const HOLDERS = [
  'profiles',
  'rfm_profiles',
  'model_profiles',
  'journey_states',
  'email_deliveries',
];
const DataSubjectRequest = z.object({
  id: z.string(),
  status: z.string(),
  pendingServices: z.array(z.string()),
  confirmations: z.array(
    z.object({ service: z.string(), required: z.boolean(), deletedRecords: z.number() }),
  ),
});

describe('a data-subject deletion across the whole spine, every service in its own process', () => {
  let stack: SpineStack;
  let database: DatabaseHandle;

  beforeAll(async () => {
    stack = await startSpineStack();
    database = await openDatabase(testInfra().mongoUrl, stack.namespace);
  });

  afterAll(async () => {
    await database?.close();
    await stack?.stop();
  });

  /** Those of HOLDERS in which no document names the profile. */
  async function holdersWithout(profileId: string): Promise<string[]> {
    const found = await findReferences(database.db, [profileId]);
    const collections = new Set(found.map((reference) => reference.collection));
    return HOLDERS.filter((holder) => !collections.has(holder));
  }

  /** Signs a person up and has them order, then waits until every service holds data on them. */
  async function customer(name: string) {
    const userId = `user-${randomBytes(4).toString('hex')}`;
    const email = `${userId}@example.com`;
    const calls: [string, object][] = [
      ['/v1/identify', { userId, traits: { email, firstName: name } }],
      ['/v1/track', { userId, event: 'Signed Up' }],
      [
        '/v1/track',
        { userId, event: 'Order Completed', properties: { order_id: `o-${userId}`, revenue: 42 } },
      ],
    ];
    for (const [path, body] of calls) expect((await post(stack, path, body)).status).toBe(200);
    await waitFor(
      async () =>
        MailList.parse(
          await getJson(`${stack.mailApi}/api/messages?to=${encodeURIComponent(email)}`),
        ).length > 0 || undefined,
      { timeoutMs: 30_000, description: `the welcome email to ${email}` },
    );
    const profile = await waitFor(
      async () => {
        const record = GoldenRecord.safeParse(
          await getJson(
            `${stack.url('identity')}/v1/profiles/lookup?type=userId&value=${userId}`,
            stack.profileApiHeaders,
          ),
        );
        return record.data?.messages.some((entry) => entry.status === 'sent')
          ? record.data
          : undefined;
      },
      { timeoutMs: 30_000, description: `message.sent on the golden record of ${userId}` },
    );
    await waitFor(async () => (await holdersWithout(profile.profileId)).length === 0 || undefined, {
      timeoutMs: 30_000,
      description: `data on ${userId} in ${HOLDERS.join(', ')}`,
    });
    return { userId, email, profileId: profile.profileId };
  }

  it('deletes everything every service holds about the person, completes once all four confirm, and leaves another customer untouched', async () => {
    const ada = await customer('Ada');
    const bob = await customer('Bob');

    const created = await fetch(
      `${stack.url('ingestion')}/admin/v1/workspaces/${WORKSPACE}/data-subject-requests`,
      {
        method: 'POST',
        headers: { ...stack.adminHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'DELETE_ONLY',
          identifiers: [{ type: 'userId', value: ada.userId }],
        }),
      },
    );
    expect(created.status).toBe(201);
    const { id } = DataSubjectRequest.parse(await created.json());

    const completed = await waitFor(
      async () => {
        const request = DataSubjectRequest.parse(
          await getJson(
            `${stack.url('ingestion')}/admin/v1/workspaces/${WORKSPACE}/data-subject-requests/${id}`,
            stack.adminHeaders,
          ),
        );
        return request.status === 'completed' ? request : undefined;
      },
      { timeoutMs: 60_000, description: `deletion request ${id} completed` },
    );

    expect(completed.pendingServices).toEqual([]);
    expect(
      completed.confirmations.map(({ service, required }) => [service, required]).sort(),
    ).toEqual([
      ['identity', true],
      ['orchestration', true],
      ['scoring', true],
      ['sender-email', true],
    ]);
    // The request's own record keeps the identifier it was made for, as proof of what was
    // asked and done; nothing else anywhere mentions her.
    const left = await findReferences(database.db, [ada.userId, ada.email, ada.profileId]);
    expect(new Set(left.map((reference) => reference.collection))).toEqual(
      new Set(['data_subject_requests']),
    );
    expect(await holdersWithout(bob.profileId)).toEqual([]);
  });
});
